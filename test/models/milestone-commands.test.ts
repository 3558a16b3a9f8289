// Milestone writes: each ok write leaves one audit row; a stale version leaves nothing.
import { describe, expect, it } from "vitest";
import { addMilestone, deleteMilestone, rebaselineMilestone, updateMilestone } from "~/models/milestone-commands.server";
import { workbook } from "./workbook-fixture";

function setup() {
  const w = workbook();
  const m = w.one<{
    id: number;
    projectId: number;
    version: number;
    title: string;
    owner: string;
    forecastDate: string;
  }>(
    `select id, project_id as projectId, version, title, owner, forecast_date as forecastDate
       from milestones where deleted_at is null and completed_on is null order by id`,
  );
  const ref = { projectId: m.projectId, milestoneId: m.id };
  return { ...w, m, ref };
}

type W = ReturnType<typeof setup>;
const writes: [string, string, (w: W, version: number) => { ok: boolean }][] = [
  [
    "update",
    "milestone.updated",
    (w, version) =>
      updateMilestone(w.db, w.actor, {
        ...w.ref,
        version,
        values: { ...w.m, title: "Renamed", completedOn: null },
        forecastReason: "",
      }),
  ],
  [
    "complete",
    "milestone.completed",
    (w, version) =>
      updateMilestone(w.db, w.actor, {
        ...w.ref,
        version,
        values: { ...w.m, completedOn: "2026-03-10" },
        forecastReason: "",
      }),
  ],
  [
    "rebaseline",
    "milestone.rebaselined",
    (w, version) => rebaselineMilestone(w.db, w.actor, { ...w.ref, version, baselineDate: "2027-01-31", reason: "Board agreed" }),
  ],
  ["delete", "milestone.deleted", (w, version) => deleteMilestone(w.db, w.actor, { ...w.ref, version })],
];

describe("milestone commands", () => {
  it.each(writes)("%s: writes the milestone and one %s audit row", (_name, action, run) => {
    const w = setup();
    expect(run(w, w.m.version).ok).toBe(true);
    expect(w.one("select version from milestones where id = ?", w.m.id)).toEqual({ version: w.m.version + 1 });
    expect(w.audits(action).filter((a) => a.entity_id === w.m.id)).toHaveLength(1);
  });

  it.each(writes)("%s: a stale version returns the current one and writes nothing", (_name, _action, run) => {
    const w = setup();
    const before = [w.count("audit_events"), w.count("milestone_changes")];
    expect(run(w, w.m.version - 1)).toMatchObject({ ok: false, conflict: { currentVersion: w.m.version } });
    expect(w.one("select version, deleted_at as gone from milestones where id = ?", w.m.id)).toEqual({
      version: w.m.version,
      gone: null,
    });
    expect([w.count("audit_events"), w.count("milestone_changes")]).toEqual(before);
  });

  it("keeps the reason when the forecast moves later, and writes nothing for no visible change", () => {
    const w = setup();
    const later = { ...w.m, forecastDate: "2027-06-30", completedOn: null };
    expect(updateMilestone(w.db, w.actor, { ...w.ref, version: w.m.version, values: later, forecastReason: "Supplier late" }).ok).toBe(true);
    expect(w.one("select kind, reason from milestone_changes where milestone_id = ? order by id desc", w.m.id)).toEqual({
      kind: "forecast",
      reason: "Supplier late",
    });
    const before = w.count("audit_events");
    const same = updateMilestone(w.db, w.actor, {
      ...w.ref,
      version: w.m.version + 1,
      values: later,
      forecastReason: "",
    });
    expect(same).toEqual({ ok: true, value: { changed: false } });
    expect(w.count("audit_events")).toBe(before);
  });

  it("addMilestone writes one milestone and one audit row per form token", () => {
    const w = setup();
    const before = w.count("milestones");
    const input = {
      projectId: w.m.projectId,
      title: "Go live",
      owner: "",
      baselineDate: "2026-09-01",
      formToken: "token-milestone-01",
      locate: String,
    };
    addMilestone(w.db, w.actor, input);
    addMilestone(w.db, w.actor, input);
    expect(w.count("milestones")).toBe(before + 1);
    expect(w.audits("milestone.created").at(-1)!.summary).toMatch(/^Added milestone "Go live" \(baseline /);
  });
});
