// Two-factor authentication as commands: confirming an authenticator app, the second step of signing
// in (a code or a recovery code, each accepted once), and an admin's reset. Codes are checked by the
// caller (app/auth/totp.server.ts); these write the result with its audit row in one transaction.
import { CODE_ALREADY_USED } from "~/domain/two-factor-messages";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";
import { ok, record, refused, runCommand, type Actor } from "~/models/command.server";
import { insertSession, type NewSession } from "~/models/session.server";
import { recordSignInAttempt, type Attempt } from "~/models/sign-in-attempt.server";
import { getUser } from "~/models/user.server";
import { deleteTwoFactor, getConfirmedTwoFactor, saveTwoFactor, spendRecoveryCode, spendTimeStep, unusedRecoveryCodeCount } from "~/models/two-factor.server";

export const ALREADY_ON = "Two-factor authentication is already set up for your account.";

/** The first code proved the app holds the secret: the factor is on, with fresh recovery codes. */
export function enableTwoFactor(db: Db, actor: Actor, input: { secret: string; step: number; codeHashes: string[] }) {
  return runCommand(db, (tx) => {
    if (getConfirmedTwoFactor(tx, actor.id)) return refused(ALREADY_ON, 409);
    saveTwoFactor(tx, actor.id, { ...input, at: new Date(nowMs()) });
    record(tx, actor, {
      action: "auth.two_factor_enabled",
      entityType: "user",
      entityId: actor.id,
      summary: `Set up two-factor authentication (${input.codeHashes.length} recovery codes issued)`,
    });
    return ok(null);
  });
}

/** A wrong, replayed or malformed second factor: counted against the sign-in throttle and audited. */
export function failSecondFactor(db: Db, actor: Actor, input: { attempt: Attempt; reason: "wrong" | "replayed" | "recovery" }) {
  return runCommand(db, (tx) => {
    recordSignInAttempt(tx, input.attempt, false);
    const why = { wrong: "a wrong authenticator code", replayed: "an authenticator code that was already used", recovery: "a wrong or used recovery code" }[
      input.reason
    ];
    record(tx, actor, {
      action: "auth.second_factor_failed",
      entityType: "user",
      entityId: actor.id,
      summary: `Failed sign-in for ${actor.email}: ${why}`,
    });
    return ok(null);
  });
}

type Factor = { kind: "totp"; step: number } | { kind: "recovery"; codeId: number };

/** Both factors proved: the code (or recovery code) is spent and the session begins. */
export function completeSecondFactor(db: Db, actor: Actor, input: { attempt: Attempt; factor: Factor; session: NewSession }) {
  return runCommand(db, (tx) => {
    const { factor } = input;
    const at = new Date(nowMs());
    // Conditional updates: of two requests racing with one code, only one wins.
    const spent = factor.kind === "totp" ? spendTimeStep(tx, actor.id, factor.step) : spendRecoveryCode(tx, factor.codeId, at);
    if (!spent) return refused(CODE_ALREADY_USED, 400);
    recordSignInAttempt(tx, input.attempt, true);
    insertSession(tx, input.session);
    const left = factor.kind === "recovery" ? unusedRecoveryCodeCount(tx, actor.id) : null;
    record(tx, actor, {
      action: "auth.sign_in",
      entityType: "user",
      entityId: actor.id,
      summary:
        factor.kind === "totp"
          ? "Signed in (password and authenticator code)"
          : `Signed in (password and a recovery code; ${left} recovery code${left === 1 ? "" : "s"} left)`,
    });
    return ok({ recoveryCodesLeft: left });
  });
}

/** An admin removes someone's authenticator app (lost phone): they set it up again at next sign-in if their role needs it. */
export function resetTwoFactor(db: Db, actor: Actor, input: { userId: number }) {
  return runCommand(db, (tx) => {
    const target = getUser(tx, input.userId);
    if (!target) return refused("We could not find that user.", 404);
    if (!deleteTwoFactor(tx, input.userId)) return refused(`${target.email} has not set up two-factor authentication.`, 400);
    record(tx, actor, {
      action: "user.two_factor_reset",
      entityType: "user",
      entityId: input.userId,
      summary: `Reset the two-factor authentication of ${target.email}`,
    });
    return ok({ email: target.email });
  });
}
