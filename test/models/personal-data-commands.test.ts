// A person's data and erasing a leaver (ADR 081): everything about a person is found; erasure
// pseudonymises the account in one transaction, keeps what they wrote and the audit trail, and is audited.
import { describe, expect, it } from "vitest";
import { changeUser } from "~/models/user-commands.server";
import { eraseUser } from "~/models/personal-data-commands.server";
import { formerStaffName, personalData } from "~/models/personal-data.server";
import { listAuditEvents, recordAudit } from "~/models/audit.server";
import { insertSession } from "~/models/session.server";
import { actorFor, auditSince, lastAuditId, rows, seededDb } from "../helpers/command-fixture";
import { userIdOf } from "../helpers/db";

function leaverDb() {
  const { db } = seededDb();
  const admin = actorFor(db, "admin@example.org");
  const leaver = userIdOf(db, "lead@example.org");
  insertSession(db, { idHash: "h1", userId: leaver, lastSeenAt: 1, expiresAt: 2, ip: "", userAgent: "" });
  recordAudit(db, { actor: { id: leaver, email: "lead@example.org" }, action: "auth.sign_in", summary: "Signed in" });
  return { db, admin, leaver };
}

const count = (db: ReturnType<typeof seededDb>["db"], sql: string, ...args: unknown[]) => (db.$client.prepare(sql).get(...args) as { n: number }).n;

describe("a person's data", () => {
  it("finds every row that refers to the person, and never their credentials", () => {
    const { db, leaver } = leaverDb();
    const found = personalData(db, leaver);
    const tables = found.map((f) => f.table);
    expect(tables).toEqual(expect.arrayContaining(["users", "project_team", "audit_events", "sessions"]));
    const total = found.reduce((n, f) => n + f.rows.length, 0);
    expect(total).toBeGreaterThan(5);
    expect(JSON.stringify(found)).not.toContain("$argon2id$");
    expect(found.find((f) => f.table === "sessions")?.rows[0].id_hash).toBe("(not shown)");
  });
});

describe("erasing a leaver", () => {
  it("refuses an account that is not disabled, and changes nothing", () => {
    const { db, admin, leaver } = leaverDb();
    const before = lastAuditId(db).n;
    const result = eraseUser(db, admin, { userId: leaver });
    expect(result).toMatchObject({ ok: false, status: 400, refused: expect.stringContaining("Disable the account first") });
    expect(count(db, "select count(*) as n from users where email = 'lead@example.org'")).toBe(1);
    expect(rows(db, "sessions")).toBe(1);
    expect(auditSince(db, before)).toEqual([]);
  });

  it("pseudonymises the account, deletes sessions and settings, keeps what they wrote and the audit trail", () => {
    const { db, admin, leaver } = leaverDb();
    expect(changeUser(db, admin, { userId: leaver, change: { kind: "disable" } }).ok).toBe(true);
    insertSession(db, { idHash: "h2", userId: leaver, lastSeenAt: 1, expiresAt: 2, ip: "", userAgent: "" });
    const audit = count(db, "select count(*) as n from audit_events where user_id = ?", leaver);
    const written =
      count(db, "select count(*) as n from status_reports where created_by = ?", leaver) +
      count(db, "select count(*) as n from pdsa_cycles where created_by = ?", leaver);
    const teams = count(db, "select count(*) as n from project_team where user_id = ?", leaver);
    expect(audit).toBeGreaterThan(0);
    expect(written).toBeGreaterThan(0);
    const before = lastAuditId(db).n;

    const result = eraseUser(db, admin, { userId: leaver });
    expect(result.ok).toBe(true);
    const user = db.$client.prepare("select * from users where id = ?").get(leaver) as Record<string, unknown>;
    expect(user).toMatchObject({
      name: formerStaffName(leaver),
      email: `former-member-${leaver}@erased.invalid`,
      job_title: "",
      password_hash: null,
      division_id: null,
    });
    expect(count(db, "select count(*) as n from sessions where user_id = ?", leaver)).toBe(0);
    expect(count(db, "select count(*) as n from notification_preferences where user_id = ?", leaver)).toBe(0);
    expect(count(db, "select count(*) as n from users where email = 'lead@example.org'")).toBe(0);
    // What they wrote, their team places and the audit trail stay; events now show the pseudonym.
    expect(
      count(db, "select count(*) as n from status_reports where created_by = ?", leaver) +
        count(db, "select count(*) as n from pdsa_cycles where created_by = ?", leaver),
    ).toBe(written);
    expect(count(db, "select count(*) as n from project_team where user_id = ?", leaver)).toBe(teams);
    expect(count(db, "select count(*) as n from audit_events where user_id = ?", leaver)).toBe(audit);
    const theirs = listAuditEvents(db, { userId: leaver }).rows;
    expect(theirs.length).toBeGreaterThan(0);
    for (const e of theirs) expect(e.userName).toBe(formerStaffName(leaver));
    const [event] = auditSince(db, before);
    expect(event).toMatchObject({ action: "user.erased", entityId: leaver, actorEmail: "admin@example.org" });
    expect(event.summary).toBe(`Erased the personal details of ${formerStaffName(leaver)}; their sessions and settings were deleted`);
    expect(event.summary).not.toContain("lead@");

    // Once only.
    expect(eraseUser(db, admin, { userId: leaver })).toMatchObject({ ok: false, status: 409 });
  });

  it("refuses to erase yourself or someone who does not exist", () => {
    const { db, admin } = leaverDb();
    expect(eraseUser(db, admin, { userId: admin.id })).toMatchObject({ ok: false, status: 400 });
    expect(eraseUser(db, admin, { userId: 999_999 })).toMatchObject({ ok: false, status: 404 });
  });
});
