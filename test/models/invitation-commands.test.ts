// Invitations: single use, expiry (with the clock moved on), re-issuing invalidates the old link, withdrawing,
// the email written with the invitation in one transaction; each change audited, refusals write nothing.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadSessionSecret } from "~/auth/secrets.server";
import { resetEnvForTests } from "~/env.server";
import { INVITATION_MS } from "~/domain/invitation";
import { acceptInvitation, reissueInvitation, revokeInvitation } from "~/models/invitation-commands.server";
import { findInvitation, listPendingInvitations } from "~/models/invitation.server";
import { createUser } from "~/models/user-commands.server";
import type { Db } from "~/db.server";
import { actorFor, auditSince, lastAuditId, rows, seededDb } from "../helpers/command-fixture";

type ClockHolder = { __steppingUpNow?: () => number };
const clock = globalThis as ClockHolder;
const now = Date.UTC(2026, 2, 11, 9, 0);

beforeAll(() => {
  process.env.SESSION_SECRET = "unit-test-session-secret-0123456789abcdef";
  resetEnvForTests();
  loadSessionSecret(false);
});
afterEach(() => {
  delete clock.__steppingUpNow;
});

const NO_MAIL = { email: false, sso: null };
let tokenNo = 0;

function invite(db: Db, delivery: { email: boolean; sso: string | null } = NO_MAIL) {
  const admin = actorFor(db, "admin@example.org");
  const created = createUser(db, admin, {
    email: `invited${++tokenNo}@example.org`,
    name: "Ivy Invited",
    role: "staff",
    once: { userId: admin.id, kind: "user", token: `invitation-token-${tokenNo}-xxxx` },
    delivery,
  });
  if (!created.ok || !created.value.invitation || !created.value.id) throw new Error("not created");
  const token = created.value.invitation.link.split("/invitations/")[1];
  return { admin, userId: created.value.id, token, link: created.value.invitation.link };
}

const session = (userId: number, id: string) => ({
  idHash: id,
  userId,
  createdAt: new Date(now),
  lastSeenAt: now,
  expiresAt: now + 3_600_000,
  ip: "",
  userAgent: "",
});
const accept = (db: Db, token: string, userId: number, id = "s-1") =>
  acceptInvitation(db, { token, passwordHash: "chosen-hash", session: session(userId, id), ip: "192.0.2.9" });

describe("invitations", () => {
  it("are used once: the password is set, a session starts, audited; a second use is refused and writes nothing", () => {
    clock.__steppingUpNow = () => now;
    const { db } = seededDb();
    const { userId, token } = invite(db);
    expect(findInvitation(db, token)).toMatchObject({ userId, name: "Ivy Invited" });
    const since = lastAuditId(db).n;
    expect(accept(db, token, userId)).toMatchObject({ ok: true, value: { userId } });
    expect(db.$client.prepare("select password_hash, must_change_password from users where id = ?").get(userId)).toEqual({
      password_hash: "chosen-hash",
      must_change_password: 0,
    });
    expect(rows(db, "sessions")).toBe(1);
    expect(auditSince(db, since)).toMatchObject([{ action: "invitation.accepted", entityId: userId, actorEmail: `invited${tokenNo}@example.org` }]);

    const after = lastAuditId(db).n;
    expect(accept(db, token, userId, "s-2")).toEqual({ ok: false, refused: "used", status: 409 });
    expect(rows(db, "sessions")).toBe(1);
    expect(auditSince(db, after)).toEqual([]);
  });

  it("expire after 7 days by the clock", () => {
    clock.__steppingUpNow = () => now;
    const { db } = seededDb();
    const { userId, token } = invite(db);
    expect(listPendingInvitations(db, now).map((i) => i.userId)).toContain(userId);
    clock.__steppingUpNow = () => now + INVITATION_MS - 1;
    expect(findInvitation(db, token)?.expiresAt.getTime()).toBe(now + INVITATION_MS);
    clock.__steppingUpNow = () => now + INVITATION_MS;
    expect(accept(db, token, userId)).toEqual({ ok: false, refused: "expired", status: 409 });
    expect(listPendingInvitations(db, now + INVITATION_MS).map((i) => i.userId)).not.toContain(userId);
    expect(db.$client.prepare("select password_hash from users where id = ?").get(userId)).toEqual({ password_hash: null });
    expect(rows(db, "sessions")).toBe(0);
  });

  it("re-issuing makes the old link stop working and the new one work; an unknown token is refused", () => {
    clock.__steppingUpNow = () => now;
    const { db } = seededDb();
    const { admin, userId, token } = invite(db);
    const since = lastAuditId(db).n;
    const again = reissueInvitation(db, admin, { userId, delivery: NO_MAIL });
    expect(again.ok).toBe(true);
    const fresh = again.ok ? again.value.link.split("/invitations/")[1] : "";
    expect(fresh).not.toBe(token);
    expect(auditSince(db, since)).toMatchObject([{ action: "invitation.issued", summary: expect.stringContaining("Re-invited") }]);
    expect(accept(db, token, userId)).toEqual({ ok: false, refused: "revoked", status: 409 });
    expect(accept(db, "x".repeat(43), userId)).toEqual({ ok: false, refused: "unknown", status: 404 });
    expect(accept(db, fresh, userId)).toMatchObject({ ok: true });
    // Someone who has set a password is not re-invited.
    expect(reissueInvitation(db, admin, { userId, delivery: NO_MAIL })).toMatchObject({ ok: false, status: 400 });
  });

  it("withdrawing stops the link, audited; withdrawing again is refused", () => {
    clock.__steppingUpNow = () => now;
    const { db } = seededDb();
    const { admin, userId, token } = invite(db);
    const since = lastAuditId(db).n;
    expect(revokeInvitation(db, admin, { userId })).toMatchObject({ ok: true });
    expect(auditSince(db, since)).toMatchObject([{ action: "invitation.revoked", entityId: userId }]);
    expect(revokeInvitation(db, admin, { userId })).toMatchObject({ ok: false, status: 404 });
    expect(accept(db, token, userId)).toEqual({ ok: false, refused: "revoked", status: 409 });
  });

  it("stores only the token's hash; with mail set up the email is in the outbox, with single sign-on it says so", () => {
    clock.__steppingUpNow = () => now;
    const { db } = seededDb();
    const outbox = rows(db, "email_outbox");
    const { userId, token, link } = invite(db, { email: true, sso: "Sign in with NHSmail" });
    const stored = db.$client.prepare("select * from invitations where user_id = ?").all(userId) as Record<string, unknown>[];
    expect(stored).toHaveLength(1);
    expect(Object.values(stored[0]!)).not.toContain(token);
    expect(rows(db, "email_outbox")).toBe(outbox + 1);
    const mail = db.$client.prepare("select kind, to_address, subject, text_body from email_outbox order by id desc limit 1").get() as Record<string, string>;
    expect(mail).toMatchObject({ kind: "invitation", to_address: `invited${tokenNo}@example.org`, subject: "You have been invited to Stepping Up" });
    expect(mail.text_body).toContain(link);
    expect(mail.text_body).toContain('choose "Sign in with NHSmail"');
  });
});
