// Two-factor authentication as commands: turning it on, the second sign-in step (a code or a recovery
// code, each spent once), a failed step counted against the throttle, and an admin's reset.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { recoveryCodes, twoFactors } from "../../db/schema";
import type { Db } from "../../db/client";
import { CODE_ALREADY_USED } from "~/domain/two-factor-messages";
import { ALREADY_ON, completeSecondFactor, enableTwoFactor, failSecondFactor, resetTwoFactor } from "~/models/two-factor-commands.server";
import type { Actor } from "~/models/command.server";
import { actorFor, auditSince, lastAuditId, rows, seededDb } from "../helpers/command-fixture";

const HASHES = Array.from({ length: 10 }, (_, i) => `hash-${i}`);
let sessionNo = 0;
const session = (userId: number) => ({
  idHash: String(++sessionNo).padStart(64, "f"),
  userId,
  createdAt: new Date(),
  lastSeenAt: 1,
  expiresAt: 2,
  ip: "192.0.2.7",
  method: "password+totp",
});
const attempt = (email: string) => ({ email, ip: "192.0.2.7", device: null });
const factorOf = (db: Db, userId: number) => db.select().from(twoFactors).where(eq(twoFactors.userId, userId)).get();
const codesOf = (db: Db, userId: number) => db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, userId)).all();

function enrolled(email = "admin@example.org") {
  const { db } = seededDb();
  const actor = actorFor(db, email);
  expect(enableTwoFactor(db, actor, { secret: "JBSWY3DPEHPK3PXP", step: 100, codeHashes: HASHES }).ok).toBe(true);
  return { db, actor };
}

describe("enableTwoFactor", () => {
  it("stores the confirmed secret, the last step and ten hashed recovery codes, with one audit row", () => {
    const { db } = seededDb();
    const admin = actorFor(db, "admin@example.org");
    const since = lastAuditId(db).n;
    expect(enableTwoFactor(db, admin, { secret: "JBSWY3DPEHPK3PXP", step: 100, codeHashes: HASHES })).toEqual({ ok: true, value: null });
    expect(factorOf(db, admin.id)).toMatchObject({ secret: "JBSWY3DPEHPK3PXP", lastStep: 100 });
    expect(factorOf(db, admin.id)!.confirmedAt).toBeInstanceOf(Date);
    expect(codesOf(db, admin.id).map((c) => c.codeHash)).toEqual(HASHES);
    expect(auditSince(db, since)).toMatchObject([
      {
        action: "auth.two_factor_enabled",
        actorEmail: admin.email,
        entityId: admin.id,
        summary: "Set up two-factor authentication (10 recovery codes issued)",
      },
    ]);
  });

  it("refuses a second enrolment (409) and keeps the first secret and codes", () => {
    const { db, actor } = enrolled();
    const since = lastAuditId(db).n;
    expect(enableTwoFactor(db, actor, { secret: "OTHERSECRETOTHER", step: 200, codeHashes: ["x"] })).toEqual({ ok: false, refused: ALREADY_ON, status: 409 });
    expect(factorOf(db, actor.id)).toMatchObject({ secret: "JBSWY3DPEHPK3PXP", lastStep: 100 });
    expect(codesOf(db, actor.id)).toHaveLength(10);
    expect(auditSince(db, since)).toEqual([]);
  });

  it("a failure part-way (a duplicate recovery code hash) stores nothing", () => {
    const { db } = seededDb();
    const admin = actorFor(db, "admin@example.org");
    const since = lastAuditId(db).n;
    expect(() => enableTwoFactor(db, admin, { secret: "JBSWY3DPEHPK3PXP", step: 1, codeHashes: ["same", "same"] })).toThrow();
    expect(factorOf(db, admin.id)).toBeUndefined();
    expect(auditSince(db, since)).toEqual([]);
  });
});

describe("completeSecondFactor", () => {
  it("spends a later time step once: the session, the attempt and auth.sign_in together; the same step again is refused", () => {
    const { db, actor } = enrolled();
    const since = lastAuditId(db).n;
    const [sessions, attempts] = [rows(db, "sessions"), rows(db, "sign_in_attempts")];
    const done = completeSecondFactor(db, actor, { attempt: attempt(actor.email), factor: { kind: "totp", step: 101 }, session: session(actor.id) });
    expect(done).toEqual({ ok: true, value: { recoveryCodesLeft: null } });
    expect(factorOf(db, actor.id)!.lastStep).toBe(101);
    expect([rows(db, "sessions"), rows(db, "sign_in_attempts")]).toEqual([sessions + 1, attempts + 1]);
    expect(auditSince(db, since)).toMatchObject([{ action: "auth.sign_in", summary: "Signed in (password and authenticator code)" }]);

    const after = lastAuditId(db).n;
    for (const step of [101, 100]) {
      expect(completeSecondFactor(db, actor, { attempt: attempt(actor.email), factor: { kind: "totp", step }, session: session(actor.id) })).toEqual({
        ok: false,
        refused: CODE_ALREADY_USED,
        status: 400,
      });
    }
    expect([rows(db, "sessions"), rows(db, "sign_in_attempts")]).toEqual([sessions + 1, attempts + 1]);
    expect(auditSince(db, after)).toEqual([]);
  });

  it("spends a recovery code once and says how many are left", () => {
    const { db, actor } = enrolled();
    const code = codesOf(db, actor.id)[3];
    const use = () =>
      completeSecondFactor(db, actor, { attempt: attempt(actor.email), factor: { kind: "recovery", codeId: code.id }, session: session(actor.id) });
    const since = lastAuditId(db).n;
    expect(use()).toEqual({ ok: true, value: { recoveryCodesLeft: 9 } });
    expect(codesOf(db, actor.id).find((c) => c.id === code.id)!.usedAt).toBeInstanceOf(Date);
    expect(auditSince(db, since)).toMatchObject([{ action: "auth.sign_in", summary: "Signed in (password and a recovery code; 9 recovery codes left)" }]);
    expect(use()).toEqual({ ok: false, refused: CODE_ALREADY_USED, status: 400 });
    expect(auditSince(db, since)).toHaveLength(1);
  });

  it("a session that cannot be stored leaves the step unspent and no audit row", () => {
    const { db, actor } = enrolled();
    const row = session(actor.id);
    completeSecondFactor(db, actor, { attempt: attempt(actor.email), factor: { kind: "totp", step: 101 }, session: row });
    const since = lastAuditId(db).n;
    expect(() => completeSecondFactor(db, actor, { attempt: attempt(actor.email), factor: { kind: "totp", step: 102 }, session: row })).toThrow();
    expect(factorOf(db, actor.id)!.lastStep).toBe(101);
    expect(auditSince(db, since)).toEqual([]);
  });
});

describe("failSecondFactor", () => {
  it("counts a failed attempt against the throttle and audits why", () => {
    const { db, actor } = enrolled();
    const since = lastAuditId(db).n;
    const attempts = rows(db, "sign_in_attempts");
    for (const reason of ["wrong", "replayed", "recovery"] as const) failSecondFactor(db, actor, { attempt: attempt(actor.email), reason });
    expect(rows(db, "sign_in_attempts")).toBe(attempts + 3);
    const failed = db.$client.prepare("select count(*) as n from sign_in_attempts where succeeded = 0").get() as { n: number };
    expect(failed.n).toBeGreaterThanOrEqual(3);
    expect(auditSince(db, since).map((a) => [a.action, a.entityId, a.summary])).toEqual([
      ["auth.second_factor_failed", actor.id, "Failed sign-in for admin@example.org: a wrong authenticator code"],
      ["auth.second_factor_failed", actor.id, "Failed sign-in for admin@example.org: an authenticator code that was already used"],
      ["auth.second_factor_failed", actor.id, "Failed sign-in for admin@example.org: a wrong or used recovery code"],
    ]);
  });
});

describe("resetTwoFactor", () => {
  it("removes the factor and its recovery codes with an audit row; a second reset or an unknown user is refused", () => {
    const { db, actor } = enrolled("lead@example.org");
    const admin: Actor = actorFor(db, "admin@example.org");
    const since = lastAuditId(db).n;
    expect(resetTwoFactor(db, admin, { userId: actor.id })).toEqual({ ok: true, value: { email: actor.email } });
    expect(factorOf(db, actor.id)).toBeUndefined();
    expect(codesOf(db, actor.id)).toEqual([]);
    expect(auditSince(db, since)).toMatchObject([
      { action: "user.two_factor_reset", actorEmail: admin.email, entityId: actor.id, summary: "Reset the two-factor authentication of lead@example.org" },
    ]);
    expect(resetTwoFactor(db, admin, { userId: actor.id })).toEqual({
      ok: false,
      refused: "lead@example.org has not set up two-factor authentication.",
      status: 400,
    });
    expect(resetTwoFactor(db, admin, { userId: 999_999 })).toEqual({ ok: false, refused: "We could not find that user.", status: 404 });
    expect(auditSince(db, since)).toHaveLength(1);
  });
});
