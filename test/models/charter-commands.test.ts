// Editing a charter and closing a project: version-checked, audited once, nothing kept otherwise.
import { describe, expect, it } from "vitest";
import { closeProject, editCharter } from "~/models/charter-commands.server";
import { getCharterForEdit } from "~/models/charter.server";
import { workbook } from "./workbook-fixture";

function setup(stage = "active") {
  const w = workbook();
  const projectId = w.one<{ id: number }>("select id from projects where stage = ? order by id", stage).id;
  const charter = getCharterForEdit(w.db, projectId)!;
  const { id: _id, programmeId: _p, stage: _s, version, updatedAt: _u, updatedByName: _n, cqcDomains, ...values } = charter;
  return { ...w, projectId, version, values, cqcDomains };
}

const closure = {
  aimAchieved: true,
  closureEvidence: "Falls fell by a third",
  closureAdopted: "Ward huddles",
  closureSustain: "Monthly audit",
  closureOwner: "Ward manager",
  closureLessons: "Start small",
};

describe("editCharter", () => {
  it("saves the charter with one audit row naming what changed", () => {
    const w = setup();
    const result = editCharter(w.db, w.actor, {
      projectId: w.projectId,
      version: w.version,
      values: { ...w.values, title: "Fewer falls" },
      domains: w.cqcDomains,
    });
    expect(result.ok).toBe(true);
    expect(w.one("select title, version from projects where id = ?", w.projectId)).toEqual({
      title: "Fewer falls",
      version: w.version + 1,
    });
    expect(w.audits("project.updated").at(-1)!.summary).toMatch(/^Charter: Title/);
  });

  it("returns the current version and writes nothing on a stale version", () => {
    const w = setup();
    const before = w.count("audit_events");
    const result = editCharter(w.db, w.actor, {
      projectId: w.projectId,
      version: w.version - 1,
      values: { ...w.values, title: "Mine" },
      domains: [],
    });
    expect(result).toMatchObject({ ok: false, conflict: { currentVersion: w.version } });
    expect(w.one("select version from projects where id = ?", w.projectId)).toEqual({ version: w.version });
    expect(w.count("audit_events")).toBe(before);
  });
});

describe("closeProject", () => {
  it("closes the project with its closure report and one audit row", () => {
    const w = setup();
    expect(closeProject(w.db, w.actor, { projectId: w.projectId, version: w.version, ...closure }).ok).toBe(true);
    expect(w.one("select stage, closure_owner as owner from projects where id = ?", w.projectId)).toEqual({
      stage: "closed",
      owner: "Ward manager",
    });
    expect(w.audits("project.closed").at(-1)!.summary).toBe("Stage: Active → Closed; aim achieved");
  });

  it.each([
    ["conflict", "active", -1, { conflict: expect.anything() }],
    ["refused", "proposed", 0, { refused: expect.any(String), status: 400 }],
  ] as const)("%s: writes nothing", (_name, stage, offset, expected) => {
    const w = setup(stage);
    const before = w.count("audit_events");
    const result = closeProject(w.db, w.actor, { projectId: w.projectId, version: w.version + offset, ...closure });
    expect(result).toMatchObject({ ok: false, ...expected });
    expect(w.one("select stage, version from projects where id = ?", w.projectId)).toEqual({
      stage,
      version: w.version,
    });
    expect(w.count("audit_events")).toBe(before);
  });
});
