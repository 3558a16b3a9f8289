// Signing in and out and changing one's own password, as commands. Password hashing and cookie
// signing are async, so routes do them first and hand these the results; each write here is one
// transaction with its audit row.
import type { Db } from "~/db.server";
import { ok, record, runCommand, type Actor, type Anonymous } from "~/models/command.server";
import { deleteSession, deleteSessionsForUser, insertSession, type NewSession } from "~/models/session.server";
import { recordSignInAttempt, type Attempt } from "~/models/sign-in-attempt.server";
import { setUserPassword } from "~/models/user.server";

type Known = { id: number; email: string; passwordHash: string | null; disabledAt: Date | null } | undefined;

/** A wrong password, an unknown address or a disabled account: counted for throttling and audited. */
export function failSignIn(db: Db, attempt: Attempt, user: Known, note?: string) {
  return runCommand(db, (tx) => {
    recordSignInAttempt(tx, attempt, false);
    // An account without a password (never set up) is not named as the actor.
    const by: Actor | Anonymous = user?.passwordHash ? { id: user.id, email: user.email, ip: attempt.ip } : { id: null, email: attempt.email, ip: attempt.ip };
    record(tx, by, {
      action: "auth.sign_in_failed",
      entityType: "user",
      entityId: user?.id ?? null,
      summary: user?.disabledAt
        ? `Failed sign-in for ${attempt.email} (account disabled)`
        : note
          ? `Failed sign-in for ${attempt.email} (${note})`
          : `Failed sign-in for ${attempt.email}`,
    });
    return ok(null);
  });
}

export function signIn(db: Db, actor: Actor, input: { attempt: Attempt; session: NewSession }) {
  return runCommand(db, (tx) => {
    recordSignInAttempt(tx, input.attempt, true);
    insertSession(tx, input.session);
    record(tx, actor, { action: "auth.sign_in", entityType: "user", entityId: actor.id, summary: "Signed in" });
    return ok(null);
  });
}

/** Ends this browser's session; audited only when it belonged to someone still signed in. */
export function signOut(db: Db, actor: Actor | null, input: { sessionIdHash: string | null }) {
  return runCommand(db, (tx) => {
    if (input.sessionIdHash) deleteSession(tx, input.sessionIdHash);
    if (actor) record(tx, actor, { action: "auth.sign_out", entityType: "user", entityId: actor.id, summary: "Signed out" });
    return ok(null);
  });
}

/** A wrong current password when changing it counts like a failed sign-in. */
export function failPasswordCheck(db: Db, actor: Actor) {
  return runCommand(db, (tx) => {
    recordSignInAttempt(tx, { email: actor.email, ip: actor.ip ?? "", device: null }, false);
    record(tx, actor, {
      action: "auth.password_change_failed",
      entityType: "user",
      entityId: actor.id,
      summary: "Password not changed: the current password was wrong",
    });
    return ok(null);
  });
}

/** A password change ends every session, including stolen ones; this device gets `session`. */
export function changeOwnPassword(db: Db, actor: Actor, input: { passwordHash: string; session: NewSession }) {
  return runCommand(db, (tx) => {
    setUserPassword(tx, actor.id, input.passwordHash, false);
    deleteSessionsForUser(tx, actor.id);
    insertSession(tx, input.session);
    record(tx, actor, {
      action: "auth.password_changed",
      entityType: "user",
      entityId: actor.id,
      summary: "Changed their password (all other sessions ended)",
    });
    return ok(null);
  });
}
