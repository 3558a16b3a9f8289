// Marking an adopted change idea ready to spread: one transaction with its audit row, 409 on a stale
// version, refused for an idea that is not adopted or not the project's, and withdrawn again.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { changeIdeas } from "../../db/schema";
import { setReadyToSpread } from "~/models/spread-commands.server";
import { ideaEvidence } from "~/models/driver.server";
import { actorFor, auditSince, lastAuditId, seededDb } from "../helpers/command-fixture";

const { db } = seededDb();
const actor = actorFor(db, "lead@example.org");
const ideas = db.select({ id: changeIdeas.id, projectId: changeIdeas.projectId }).from(changeIdeas).all();
const evidence = ideaEvidence(
  db,
  ideas.map((i) => i.id),
);
const adopted = ideas.find((i) => evidence.get(i.id)?.status === "adopted")!;
const testing = ideas.find((i) => evidence.get(i.id)?.status !== "adopted")!;
const row = (id: number) => db.select().from(changeIdeas).where(eq(changeIdeas.id, id)).get()!;

describe("ready to spread", () => {
  it("marks an adopted idea with its summary, bumps its version and writes one audit row", () => {
    expect(adopted).toBeTruthy();
    const since = lastAuditId(db).n;
    const version = row(adopted.id).version;
    const result = setReadyToSpread(db, actor, {
      projectId: adopted.projectId,
      ideaId: adopted.id,
      version,
      summary: "  Copy the huddle script and the 8am slot  ",
    });
    expect(result.ok).toBe(true);
    const after = row(adopted.id);
    expect(after.spreadSummary).toBe("Copy the huddle script and the 8am slot");
    expect(after.spreadReadyAt).toBeInstanceOf(Date);
    expect(after.version).toBe(version + 1);
    const audits = auditSince(db, since);
    expect(audits.map((a) => a.action)).toEqual(["change_idea.ready_to_spread"]);
    expect(audits[0].summary).toContain("Copy the huddle script and the 8am slot");
    expect(audits[0].projectId).toBe(adopted.projectId);
  });

  it("gives a conflict on a stale version and changes nothing", () => {
    const before = row(adopted.id);
    const since = lastAuditId(db).n;
    const result = setReadyToSpread(db, actor, { projectId: adopted.projectId, ideaId: adopted.id, version: before.version - 1, summary: "Something else" });
    expect(result.ok).toBe(false);
    expect("conflict" in result && result.conflict.fields.map((f) => f.label)).toEqual(["What to copy"]);
    expect(row(adopted.id)).toEqual(before);
    expect(auditSince(db, since)).toEqual([]);
  });

  it("refuses an idea that is not adopted, or not the project's", () => {
    const since = lastAuditId(db).n;
    const notAdopted = setReadyToSpread(db, actor, { projectId: testing.projectId, ideaId: testing.id, version: row(testing.id).version, summary: "Copy it" });
    expect(notAdopted).toMatchObject({ ok: false, status: 400 });
    expect(row(testing.id).spreadSummary).toBeNull();
    const elsewhere = setReadyToSpread(db, actor, {
      projectId: adopted.projectId + 1000,
      ideaId: adopted.id,
      version: row(adopted.id).version,
      summary: "Copy it",
    });
    expect(elsewhere).toMatchObject({ ok: false, status: 404 });
    expect(auditSince(db, since)).toEqual([]);
  });

  it("withdraws the mark", () => {
    const since = lastAuditId(db).n;
    const result = setReadyToSpread(db, actor, { projectId: adopted.projectId, ideaId: adopted.id, version: row(adopted.id).version, summary: null });
    expect(result.ok).toBe(true);
    expect(row(adopted.id).spreadSummary).toBeNull();
    expect(row(adopted.id).spreadReadyAt).toBeNull();
    expect(auditSince(db, since).map((a) => a.action)).toEqual(["change_idea.spread_withdrawn"]);
  });
});
