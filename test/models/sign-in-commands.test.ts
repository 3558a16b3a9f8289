// Sign-in, sign-out and password change as commands: each write lands with its audit row, or not at all.
import { describe, expect, it } from "vitest";
import { changeOwnPassword, failPasswordCheck, failSignIn, signIn, signOut } from "~/models/sign-in.server";
import { actorFor, auditSince, lastAuditId, rows, seededDb } from "../helpers/command-fixture";

const session = (userId: number, idHash: string) => ({
  idHash,
  userId,
  createdAt: new Date(),
  lastSeenAt: 1,
  expiresAt: 2,
  ip: "192.0.2.7",
  userAgent: "test",
});
const attempt = (email: string) => ({ email, ip: "192.0.2.7", device: null });

describe("sign-in commands", () => {
  it("signIn writes the attempt, the session and auth.sign_in together", () => {
    const { db } = seededDb();
    const lead = actorFor(db, "lead@example.org");
    const since = lastAuditId(db).n;
    const [attempts, sessions] = [rows(db, "sign_in_attempts"), rows(db, "sessions")];
    expect(signIn(db, lead, { attempt: attempt(lead.email), session: session(lead.id, "a".repeat(64)) }).ok).toBe(true);
    expect([rows(db, "sign_in_attempts"), rows(db, "sessions")]).toEqual([attempts + 1, sessions + 1]);
    expect(auditSince(db, since)).toMatchObject([{ action: "auth.sign_in", actorEmail: lead.email, ip: "192.0.2.7", summary: "Signed in" }]);
    // A session that cannot be stored (the same id twice) leaves no attempt and no audit row.
    const after = lastAuditId(db).n;
    expect(() => signIn(db, lead, { attempt: attempt(lead.email), session: session(lead.id, "a".repeat(64)) })).toThrow();
    expect(rows(db, "sign_in_attempts")).toBe(attempts + 1);
    expect(auditSince(db, after)).toEqual([]);
  });

  it("failSignIn names a known account, but keeps only the typed address for an unknown one", () => {
    const { db } = seededDb();
    const lead = actorFor(db, "lead@example.org");
    const since = lastAuditId(db).n;
    failSignIn(db, attempt(lead.email), { id: lead.id, email: lead.email, passwordHash: "x", disabledAt: null });
    failSignIn(db, attempt("nobody@example.org"), undefined);
    const audit = auditSince(db, since);
    expect(audit).toMatchObject([
      {
        action: "auth.sign_in_failed",
        actorEmail: lead.email,
        entityId: lead.id,
        summary: `Failed sign-in for ${lead.email}`,
      },
      { action: "auth.sign_in_failed", actorEmail: "nobody@example.org", entityId: null, ip: "192.0.2.7" },
    ]);
    const unknown = db.$client.prepare("select user_id from audit_events where id = ?").get(audit[1].id) as {
      user_id: number | null;
    };
    expect(unknown.user_id).toBeNull();
    expect(rows(db, "sign_in_attempts")).toBeGreaterThanOrEqual(2);
  });

  it("signOut deletes this session and audits only a signed-in user", () => {
    const { db } = seededDb();
    const lead = actorFor(db, "lead@example.org");
    signIn(db, lead, { attempt: attempt(lead.email), session: session(lead.id, "b".repeat(64)) });
    const [since, sessions] = [lastAuditId(db).n, rows(db, "sessions")];
    signOut(db, lead, { sessionIdHash: "b".repeat(64) });
    signOut(db, null, { sessionIdHash: null });
    expect(rows(db, "sessions")).toBe(sessions - 1);
    expect(auditSince(db, since).map((r) => r.action)).toEqual(["auth.sign_out"]);
  });

  it("changeOwnPassword replaces every session with this device's, and a wrong check is counted", () => {
    const { db } = seededDb();
    const lead = actorFor(db, "lead@example.org");
    signIn(db, lead, { attempt: attempt(lead.email), session: session(lead.id, "c".repeat(64)) });
    signIn(db, lead, { attempt: attempt(lead.email), session: session(lead.id, "d".repeat(64)) });
    const since = lastAuditId(db).n;
    failPasswordCheck(db, lead);
    changeOwnPassword(db, lead, { passwordHash: "new-hash", session: session(lead.id, "e".repeat(64)) });
    const mine = db.$client.prepare("select id_hash from sessions where user_id = ?").all(lead.id) as {
      id_hash: string;
    }[];
    expect(mine.map((s) => s.id_hash)).toEqual(["e".repeat(64)]);
    expect(auditSince(db, since).map((r) => r.action)).toEqual(["auth.password_change_failed", "auth.password_changed"]);
    const user = db.$client.prepare("select password_hash, must_change_password from users where id = ?").get(lead.id);
    expect(user).toEqual({ password_hash: "new-hash", must_change_password: 0 });
  });
});
