// Handing a leaver's work over (ADR 106): one transaction moves everything they hold and nothing of anyone else's,
// audited with what moved; refusals and a stale version write nothing; the board flags a lead who left.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { projectSummaries } from "../../db/schema";
import type { Db } from "../../db/client";
import { disableLeaver, handOverWork } from "~/models/leaver-commands.server";
import { holdingCounts, listHoldings } from "~/models/leaver.server";
import { ensureSummariesFresh } from "~/models/summary.server";
import { actorFor, auditSince, lastAuditId, seededDb, TODAY } from "../helpers/command-fixture";
import { userIdOf } from "../helpers/db";

type Row = Record<string, unknown>;
const all = (db: Db, sql: string, ...args: unknown[]) => db.$client.prepare(sql).all(...args) as Row[];
const one = (db: Db, sql: string, ...args: unknown[]) => db.$client.prepare(sql).get(...args) as Row;

/** The demo, plus an open milestone, a CQC action and a session for the leaver, and a milestone of someone else. */
function world() {
  const { db, programmeId } = seededDb();
  const admin = actorFor(db, "admin@example.org");
  const leaver = userIdOf(db, "board@example.org");
  const successor = userIdOf(db, "priya.raman@riverside.example.nhs.uk");
  const other = userIdOf(db, "lead@example.org");
  const project = one(db, "select project_id as id from project_team where user_id = ? and ended_at is null and role <> 'member' limit 1", leaver).id;
  const milestone = (owner: number, title: string) =>
    db.$client
      .prepare("insert into milestones (project_id, title, owner_user_id, baseline_date, forecast_date, created_at, updated_at) values (?, ?, ?, ?, ?, 0, 0)")
      .run(project, title, owner, "2026-06-01", "2026-06-01");
  milestone(leaver, "Leaver's milestone");
  milestone(other, "Someone else's milestone");
  db.$client.prepare("update cqc_actions set owner_id = ? where id = (select min(id) from cqc_actions)").run(leaver);
  db.$client.prepare("update cqc_actions set owner_id = ? where id = (select max(id) from cqc_actions)").run(other);
  db.$client
    .prepare("insert into sessions (id_hash, user_id, created_at, last_seen_at, expires_at) values ('leaver-session', ?, 0, 0, 9999999999999)")
    .run(leaver);
  const version = () => one(db, "select version from users where id = ?", leaver).version as number;
  return { db, programmeId, admin, leaver, successor, other, version };
}

/** Everything anyone holds, by person, so a hand-over can be checked to touch only the leaver's and successor's. */
const holdingsOfEveryone = (db: Db) =>
  Object.fromEntries(all(db, "select id from users order by id").map((u) => [u.id as number, holdingCounts(listHoldings(db, u.id as number))]));

describe("handOverWork", () => {
  it("moves everything the leaver holds, and only theirs, to the successor, disables them and audits what moved", () => {
    const w = world();
    const before = listHoldings(w.db, w.leaver);
    const counts = holdingCounts(before);
    expect(counts.leads, "the leaver leads projects").toBeGreaterThan(1);
    for (const n of [counts.milestones, counts.actions, counts.asks, counts.cqcActions, counts.priorities]) expect(n).toBeGreaterThan(0);
    const everyone = holdingsOfEveryone(w.db);
    const successorBefore = everyone[w.successor];
    const since = lastAuditId(w.db).n;

    const done = handOverWork(w.db, w.admin, { userId: w.leaver, version: w.version(), successorId: w.successor, disable: true });
    expect(done).toMatchObject({ ok: true, value: { email: "board@example.org", successor: "Dr Priya Raman", disabled: true } });

    expect(holdingCounts(listHoldings(w.db, w.leaver))).toEqual({ leads: 0, milestones: 0, actions: 0, asks: 0, cqcActions: 0, priorities: 0 });
    const after = holdingsOfEveryone(w.db);
    const sum = (a: typeof counts, b: typeof counts) => Object.fromEntries(Object.keys(a).map((k) => [k, a[k as keyof typeof a] + b[k as keyof typeof b]]));
    expect(after[w.successor]).toEqual(sum(successorBefore, counts));
    for (const [id, held] of Object.entries(everyone)) {
      if (Number(id) !== w.leaver && Number(id) !== w.successor) expect(after[Number(id)], `user ${id}`).toEqual(held);
    }
    // The leaver's team rows end (history kept); the successor holds each role now.
    for (const lead of before.leads) {
      expect(one(w.db, "select ended_at from project_team where id = ?", lead.teamRowId).ended_at).not.toBeNull();
      expect(one(w.db, "select user_id from project_team where project_id = ? and role = ? and ended_at is null", lead.projectId, lead.role).user_id).toBe(
        w.successor,
      );
    }
    expect(one(w.db, "select owner_user_id from milestones where title = 'Someone else''s milestone'").owner_user_id).toBe(w.other);
    expect(one(w.db, "select disabled_at from users where id = ?", w.leaver).disabled_at).not.toBeNull();
    expect(one(w.db, "select count(*) as n from sessions where user_id = ?", w.leaver).n).toBe(0);

    const audit = auditSince(w.db, since);
    const projects = new Set(before.leads.map((l) => l.projectId));
    expect(audit.filter((a) => a.action === "project.team_changed").map((a) => a.projectId)).toEqual([...projects]);
    const handed = audit.filter((a) => a.action === "user.handed_over");
    expect(handed).toHaveLength(1);
    expect(handed[0]).toMatchObject({ entityId: w.leaver, actorEmail: "admin@example.org" });
    expect(handed[0].summary).toContain("Handed over the work of board@example.org to priya.raman@riverside.example.nhs.uk:");
    expect(handed[0].summary).toContain(`${counts.leads} project lead roles`);
    const details = JSON.parse(one(w.db, "select details from audit_events where id = ?", handed[0].id).details as string);
    expect(details).toEqual({
      to: w.successor,
      leads: before.leads.map((l) => ({ projectId: l.projectId, role: l.role })),
      milestones: before.milestones.map((m) => m.id),
      actions: before.actions.map((a) => a.id),
      asks: before.asks.map((a) => a.id),
      cqcActions: before.cqcActions.map((c) => c.id),
      priorities: before.priorities.map((p) => p.id),
    });
    expect(audit.filter((a) => a.action === "user.disabled")).toHaveLength(1);
  });

  it("refuses a disabled, unknown or same successor, a viewer for asks, and disabling oneself, writing nothing", () => {
    const w = world();
    const viewer = userIdOf(w.db, "viewer@example.org");
    const gone = userIdOf(w.db, "claire.robson@riverside.example.nhs.uk");
    expect(one(w.db, "select disabled_at from users where id = ?", gone).disabled_at, "the demo has a leaver").not.toBeNull();
    const everyone = holdingsOfEveryone(w.db);
    const since = lastAuditId(w.db).n;
    const version = w.version();
    const cases: [Parameters<typeof handOverWork>[2], number, string][] = [
      [{ userId: w.leaver, version, successorId: gone, disable: true }, 400, "Claire Robson's account is disabled: choose someone who is still here"],
      [{ userId: w.leaver, version, successorId: w.leaver, disable: true }, 400, "Choose someone other than Blake Board: they are the one leaving"],
      [{ userId: w.leaver, version, successorId: 999_999, disable: true }, 400, "Choose who takes over from the list"],
      [{ userId: w.leaver, version, successorId: viewer, disable: false }, 400, "Vic Viewer is a viewer and cannot answer asks"],
      [{ userId: w.admin.id, version: 1, successorId: w.successor, disable: true }, 400, "You cannot disable yourself."],
      [{ userId: 999_999, version, successorId: w.successor, disable: true }, 404, "We could not find that person."],
    ];
    for (const [input, status, message] of cases) {
      const result = handOverWork(w.db, w.admin, input);
      expect(result).toMatchObject({ ok: false, status });
      expect(!result.ok && result.refused).toContain(message);
    }
    expect(holdingsOfEveryone(w.db)).toEqual(everyone);
    expect(auditSince(w.db, since)).toEqual([]);
    expect(w.version()).toBe(version);
    expect(one(w.db, "select disabled_at from users where id = ?", w.leaver).disabled_at).toBeNull();
  });

  it("answers 409 when the account changed since the page was shown, and a second hand-over of the same page is stale", () => {
    const w = world();
    const version = w.version();
    const first = handOverWork(w.db, w.admin, { userId: w.leaver, version, successorId: w.successor, disable: false });
    expect(first.ok).toBe(true);
    expect(w.version()).toBe(version + 1);
    const since = lastAuditId(w.db).n;
    const again = handOverWork(w.db, w.admin, { userId: w.leaver, version, successorId: w.other, disable: true });
    expect(again).toMatchObject({ ok: false, status: 409 });
    expect(!again.ok && again.refused).toContain("Blake Board's account was changed since you opened this page (admin@example.org,");
    expect(disableLeaver(w.db, w.admin, { userId: w.leaver, version })).toMatchObject({ ok: false, status: 409 });
    expect(auditSince(w.db, since)).toEqual([]);
    expect(one(w.db, "select disabled_at from users where id = ?", w.leaver).disabled_at).toBeNull();
  });
});

describe("the board's lead-has-left flag", () => {
  const flagsOf = (db: Db, projectId: number) =>
    (
      JSON.parse(db.select({ flags: projectSummaries.flags }).from(projectSummaries).where(eq(projectSummaries.projectId, projectId)).get()!.flags) as {
        code: string;
        reason: string;
      }[]
    ).filter((f) => f.code === "lead_left");

  it("appears on each open project the disabled person leads, at the next refresh, and goes once a successor is named", () => {
    const w = world();
    ensureSummariesFresh(w.db, w.programmeId, TODAY);
    const led = [...new Set(listHoldings(w.db, w.leaver).leads.map((l) => l.projectId))];
    expect(led.length).toBeGreaterThan(1);
    for (const id of led) expect(flagsOf(w.db, id)).toEqual([]);

    const disabled = disableLeaver(w.db, w.admin, { userId: w.leaver, version: w.version() });
    expect(disabled).toMatchObject({ ok: true, value: { email: "board@example.org" } });
    expect(disabled.ok && disabled.value.kept).toContain("project lead role");
    ensureSummariesFresh(w.db, w.programmeId, TODAY);
    for (const id of led) {
      const flags = flagsOf(w.db, id);
      expect(flags.length, `project ${id}`).toBeGreaterThan(0);
      expect(flags[0].reason).toMatch(/^The .+, Blake Board, has left: name a new /);
    }
    const others = all(w.db, "select project_id as id from project_summaries")
      .map((r) => r.id as number)
      .filter((id) => !led.includes(id));
    const leftElsewhere = others.filter((id) => flagsOf(w.db, id).length > 0);
    // Only the demo's own leaver's project is flagged besides the new leaver's.
    expect(leftElsewhere.length).toBe(1);

    expect(handOverWork(w.db, w.admin, { userId: w.leaver, version: w.version(), successorId: w.successor, disable: true }).ok).toBe(true);
    ensureSummariesFresh(w.db, w.programmeId, TODAY);
    for (const id of led) expect(flagsOf(w.db, id)).toEqual([]);
  });
});
