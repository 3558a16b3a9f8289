// Adopting a change idea marked ready to spread into another project (ADR 104): one transaction that
// makes the copy with its origin, places it under the chosen driver, writes an audit row on each project
// and indexes the copy for search; refusals change nothing; a stale origin is a conflict; a removed copy
// no longer counts and adopting again brings it back; a replayed form makes one copy.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { changeIdeaDrivers, changeIdeas, drivers } from "../../db/schema";
import { adoptChangeIdea } from "~/models/spread-commands.server";
import { spreadTo, originsOf } from "~/models/spread.server";
import { actorFor, auditSince, lastAuditId, rows, seededDb } from "../helpers/command-fixture";

const { db } = seededDb();
const lead = actorFor(db, "lead@example.org");
const staff = actorFor(db, "staff@example.org");
const q = <T>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).get(...args) as T;
const ideaByTitle = (projectId: number, title: string) =>
  q<{ id: number; version: number; spreadSummary: string | null } | undefined>(
    "select id, version, spread_summary as spreadSummary from change_ideas where project_id = ? and title = ? and deleted_at is null",
    projectId,
    title,
  );
const sbar = q<{ id: number; projectId: number; version: number; description: string }>(
  "select id, project_id as projectId, version, description from change_ideas where title = 'SBAR escalation card' and origin_change_idea_id is null",
);
const project = (title: string) => q<{ id: number }>("select id from projects where title = ?", title).id;
const HAND_HYGIENE = project("Hand hygiene and clean commodes on Ward 12");
const STEWARDSHIP = project("Antibiotic review at 72 hours (Start Smart then Focus)");
const SEPSIS = project("Sepsis Six within one hour in the Emergency Department");
const CLOSED = project("Sepsis screening built into the electronic patient record");
const DISCHARGE = project("Timely discharge before noon on surgical wards");
const version = () => db.select({ v: changeIdeas.version }).from(changeIdeas).where(eq(changeIdeas.id, sbar.id)).get()!.v;
const changeIdeaCount = () => rows(db, "change_ideas");

describe("adopting a change idea", () => {
  it("starts from the demo: the SBAR card is ready to spread and has spread to two projects", () => {
    expect(ideaByTitle(sbar.projectId, "SBAR escalation card")?.spreadSummary).toBeTruthy();
    expect(
      spreadTo(db, [sbar.id])
        .get(sbar.id)
        ?.map((l) => l.projectId),
    ).toHaveLength(2);
  });

  it("refuses, changing nothing: already adopted, its own project, not on the team, a closed project, not ready, another project's driver, a taken title", () => {
    const before = { ideas: changeIdeaCount(), audit: lastAuditId(db).n, version: version() };
    const adopt = (actor: typeof lead, projectId: number, extra: { ideaId?: number; driverId?: number | null } = {}) =>
      adoptChangeIdea(db, actor, { ideaId: extra.ideaId ?? sbar.id, version: extra.ideaId ? 1 : version(), projectId, driverId: extra.driverId ?? null });
    expect(adopt(lead, SEPSIS)).toEqual({
      ok: false,
      status: 400,
      refused: "Sepsis Six within one hour in the Emergency Department has already adopted SBAR escalation card",
    });
    expect(adopt(staff, sbar.projectId)).toEqual({
      ok: false,
      status: 400,
      refused: "This change idea is already in that project: choose another project to adopt it into",
    });
    expect(adopt(lead, DISCHARGE)).toMatchObject({ ok: false, status: 403 });
    expect(adopt(lead, CLOSED)).toMatchObject({ ok: false, status: 403 });
    expect(adopt(lead, 99999)).toMatchObject({ ok: false, status: 404 });
    const grabBags = q<{ id: number; version: number }>("select id, version from change_ideas where title = 'Sepsis grab bags'");
    expect(adoptChangeIdea(db, staff, { ideaId: grabBags.id, version: grabBags.version, projectId: sbar.projectId, driverId: null })).toEqual({
      ok: false,
      status: 400,
      refused: "Sepsis grab bags is not marked ready to spread, so it cannot be adopted yet",
    });
    const otherDriver = q<{ id: number }>("select id from drivers where project_id = ? and level = 'secondary'", SEPSIS);
    expect(adopt(lead, HAND_HYGIENE, { driverId: otherDriver.id })).toEqual({
      ok: false,
      status: 400,
      refused: "Choose a secondary driver of Hand hygiene and clean commodes on Ward 12, or leave the change idea unlinked",
    });
    db.$client.prepare("insert into change_ideas (project_id, title, created_at) values (?, 'sbar escalation CARD', 0)").run(HAND_HYGIENE);
    expect(adopt(lead, HAND_HYGIENE)).toMatchObject({ ok: false, status: 400 });
    db.$client.prepare("delete from change_ideas where title = 'sbar escalation CARD'").run();
    expect(changeIdeaCount()).toBe(before.ideas);
    expect(lastAuditId(db).n).toBe(before.audit);
    expect(version()).toBe(before.version);
  });

  it("copies the idea under the chosen secondary driver, with its origin, audited on both projects and indexed", () => {
    const secondary = db
      .select({ id: drivers.id })
      .from(drivers)
      .where(eq(drivers.projectId, HAND_HYGIENE))
      .all()
      .find((d) => q<{ level: string }>("select level from drivers where id = ?", d.id).level === "secondary");
    expect(secondary).toBeTruthy();
    const since = lastAuditId(db).n;
    const result = adoptChangeIdea(db, lead, { ideaId: sbar.id, version: version(), projectId: HAND_HYGIENE, driverId: secondary!.id });
    expect(result.ok).toBe(true);
    const copy = q<{ id: number; description: string; origin: number; spread: string | null }>(
      "select id, description, origin_change_idea_id as origin, spread_summary as spread from change_ideas where project_id = ? and title = 'SBAR escalation card'",
      HAND_HYGIENE,
    );
    expect(copy.origin).toBe(sbar.id);
    expect(copy.spread).toBeNull();
    expect(copy.description.startsWith("The SBAR card on every lanyard")).toBe(true);
    expect(result.ok && result.value).toEqual({ id: copy.id, location: `/projects/${HAND_HYGIENE}/drivers?adopted=${copy.id}#node-idea-${copy.id}` });
    expect(db.select().from(changeIdeaDrivers).where(eq(changeIdeaDrivers.changeIdeaId, copy.id)).all()).toEqual([
      { changeIdeaId: copy.id, driverId: secondary!.id },
    ]);
    const audits = auditSince(db, since);
    expect(audits.map((a) => [a.action, a.projectId, a.entityId])).toEqual([
      ["change_idea.adopted_from", HAND_HYGIENE, copy.id],
      ["change_idea.spread", sbar.projectId, sbar.id],
    ]);
    expect(audits[0].summary).toBe("Adopted change idea SBAR escalation card from NEWS2 escalation within 30 minutes on Ward 7");
    expect(audits[1].summary).toBe("Change idea SBAR escalation card was adopted by Hand hygiene and clean commodes on Ward 12");
    // The learning index has the copy, found by the words of what to copy (same transaction: triggers).
    expect(q<{ n: number }>("select count(*) as n from learning_entries where kind = 'change_idea' and record_id = ?", copy.id).n).toBe(1);
    expect(spreadTo(db, [sbar.id]).get(sbar.id)).toHaveLength(3);
    expect(originsOf(db, [copy.id]).get(copy.id)).toMatchObject({ projectId: sbar.projectId, ideaId: sbar.id, removed: false });
  });

  it("leaves a copy unlinked when no driver is chosen, and a replayed form makes one copy", () => {
    const before = changeIdeaCount();
    const input = { ideaId: sbar.id, version: version(), projectId: STEWARDSHIP, driverId: null, formToken: "adopt-token-0123456789" };
    const first = adoptChangeIdea(db, lead, input);
    const again = adoptChangeIdea(db, lead, input);
    expect(first.ok && again.ok).toBe(true);
    expect(again.ok && first.ok && again.value.location).toBe(first.ok && first.value.location);
    expect(changeIdeaCount()).toBe(before + 1);
    const copy = ideaByTitle(STEWARDSHIP, "SBAR escalation card")!;
    expect(db.select().from(changeIdeaDrivers).where(eq(changeIdeaDrivers.changeIdeaId, copy.id)).all()).toEqual([]);
  });

  it("gives a conflict when the origin changed since the person confirmed, and changes nothing", () => {
    const before = { ideas: changeIdeaCount(), audit: lastAuditId(db).n };
    const result = adoptChangeIdea(db, staff, {
      ideaId: q<{ id: number }>("select id from change_ideas where title = 'Sepsis grab bags'").id,
      version: 999,
      projectId: sbar.projectId,
      driverId: null,
    });
    expect(result.ok).toBe(false);
    expect("conflict" in result && result.conflict.message).toContain("Read the change idea again below");
    expect(changeIdeaCount()).toBe(before.ideas);
    expect(lastAuditId(db).n).toBe(before.audit);
  });

  it("does not count a removed copy, and adopting again brings the removed copy back", () => {
    const copy = ideaByTitle(STEWARDSHIP, "SBAR escalation card")!;
    const count = spreadTo(db, [sbar.id]).get(sbar.id)!.length;
    db.update(changeIdeas).set({ deletedAt: new Date() }).where(eq(changeIdeas.id, copy.id)).run();
    expect(spreadTo(db, [sbar.id]).get(sbar.id)).toHaveLength(count - 1);
    const again = adoptChangeIdea(db, lead, { ideaId: sbar.id, version: version(), projectId: STEWARDSHIP, driverId: null });
    expect(again.ok && again.value.id).toBe(copy.id);
    expect(spreadTo(db, [sbar.id]).get(sbar.id)).toHaveLength(count);
  });
});
