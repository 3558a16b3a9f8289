// The portfolio import's commands (ADR 090): one transaction, an audit row per project saying "Imported", the
// importer on no team, and all or nothing when a row cannot be written.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { projects, projectTeam } from "../../db/schema";
import { checkProjectRows } from "~/forms/project-import.server";
import { IMPORT_TEMPLATES } from "~/forms/project-import-template";
import { importProjects } from "~/models/project-import-commands.server";
import { importLookups } from "~/models/project-import.server";
import { actorFor, auditSince, lastAuditId, rows, seededDb } from "../helpers/command-fixture";

const header = [...IMPORT_TEMPLATES.projects.header];
const line = (values: Record<string, string>) => header.map((h) => values[h] ?? "");

describe("importProjects", () => {
  it("creates the projects in one transaction, each with an audit row that says imported, without the importer on a team", () => {
    const { db, programmeId } = seededDb();
    const actor = actorFor(db, "admin@example.org");
    const since = lastAuditId(db).n;
    const before = rows(db, "projects");
    const checked = checkProjectRows(
      [header, line({ Reference: "T-1", Title: "One" }), line({ Reference: "T-2", Title: "Two", Stage: "Active" })],
      importLookups(db, programmeId),
      "2026-11-26",
    );
    expect(checked.problems).toEqual([]);
    const result = importProjects(db, actor, { programmeId, rows: checked.rows, fileName: "t.csv" });
    expect(result).toEqual({ ok: true, value: { created: 2, updated: 0, unchanged: 0 } });
    expect(rows(db, "projects")).toBe(before + 2);
    const audit = auditSince(db, since);
    expect(audit.map((a) => [a.action, a.summary, a.actorEmail])).toEqual([
      ["project.created", 'Imported T-1 "One" from t.csv (line 2): stage Proposed', "admin@example.org"],
      ["project.created", 'Imported T-2 "Two" from t.csv (line 3): stage Active', "admin@example.org"],
    ]);
    const ids = db
      .select({ id: projects.id })
      .from(projects)
      .where(eq(projects.programmeId, programmeId))
      .all()
      .map((p) => p.id);
    expect(
      db
        .select()
        .from(projectTeam)
        .where(eq(projectTeam.userId, actor.id))
        .all()
        .filter((t) => ids.slice(-2).includes(t.projectId)),
    ).toEqual([]);
  });

  it("writes nothing when one row fails at the database (a reference another programme's checks missed)", () => {
    const { db, programmeId } = seededDb();
    const actor = actorFor(db, "admin@example.org");
    const checked = checkProjectRows(
      [header, line({ Reference: "U-1", Title: "One" }), line({ Reference: "U-2", Title: "Two" })],
      importLookups(db, programmeId),
      "2026-11-26",
    );
    // The same reference twice gets past a forged confirmation only if the checks are skipped: the unique index refuses it.
    const forged = [checked.rows[0], { ...checked.rows[1], reference: "U-1" }];
    const before = rows(db, "projects");
    const since = lastAuditId(db).n;
    expect(() => importProjects(db, actor, { programmeId, rows: forged, fileName: "t.csv" })).toThrow();
    expect(rows(db, "projects")).toBe(before);
    expect(auditSince(db, since)).toEqual([]);
  });
});
