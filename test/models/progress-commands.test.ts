// Progress scores: appended with one audit row; a score given meanwhile or a closed project writes nothing.
import { describe, expect, it } from "vitest";
import { scoreProgress } from "~/models/progress-commands.server";
import { latestProgressScore } from "~/models/progress.server";
import { workbook } from "./workbook-fixture";

function setup(stage = "active") {
  const w = workbook();
  const projectId = w.one<{ id: number }>("select id from projects where stage = ? order by id", stage).id;
  return { ...w, projectId, since: latestProgressScore(w.db, projectId)?.id ?? 0 };
}

describe("scoreProgress", () => {
  it("appends the score, makes it current and writes one audit row", () => {
    const w = setup();
    const before = w.count("progress_scores");
    expect(scoreProgress(w.db, w.actor, { projectId: w.projectId, score: 3.5, evidence: "Tests under way", since: w.since }).ok).toBe(true);
    expect(w.count("progress_scores")).toBe(before + 1);
    expect(w.one("select progress_score as s from projects where id = ?", w.projectId)).toEqual({ s: 3.5 });
    expect(w.audits("project.progress_scored").at(-1)!.summary).toMatch(/^Progress score: .* → 3\.5/);
  });

  it.each([
    ["a score given meanwhile (conflict)", "active", -1, { conflict: expect.objectContaining({ currentVersion: expect.any(Number) }) }],
    ["a closed project (refused)", "closed", 0, { refused: expect.stringContaining("can no longer change") }],
  ] as const)("%s writes nothing", (_name, stage, offset, expected) => {
    const w = setup(stage);
    const before = [w.count("progress_scores"), w.count("audit_events")];
    const result = scoreProgress(w.db, w.actor, {
      projectId: w.projectId,
      score: 2,
      evidence: "x",
      since: w.since + offset,
    });
    expect(result).toMatchObject({ ok: false, ...expected });
    expect([w.count("progress_scores"), w.count("audit_events")]).toEqual(before);
  });

  it("records a score once per form token: the resubmitted form is not a conflict with itself", () => {
    const w = setup();
    const before = [w.count("progress_scores"), w.count("audit_events")];
    const input = {
      projectId: w.projectId,
      score: 4,
      evidence: "Sustained",
      since: w.since,
      formToken: "progress-0123456789ab",
    };
    const first = scoreProgress(w.db, w.actor, input);
    expect(first.ok).toBe(true);
    expect(scoreProgress(w.db, w.actor, input)).toEqual(first);
    expect([w.count("progress_scores"), w.count("audit_events")]).toEqual([before[0] + 1, before[1] + 1]);
  });
});
