// Sign-in throttling: failures counted in a sliding window, never a permanent lock.
// Attempts that carry a valid device cookie for their account count against that device
// only, and the account and address limits do not apply to them (see ADR 008).
import { and, eq, gte, isNull, sql, type SQL } from "drizzle-orm";
import { signInAttempts } from "~/db.server";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";
import { recordRepeatedAudit } from "~/models/audit.server";
import { normaliseEmail } from "~/models/user.server";

export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 10;
export const MAX_FAILURES_PER_ADDRESS = 100;
export const MAX_FAILURES_PER_DEVICE = 10;

/** Who is trying: `device` is the nonce of a valid device cookie for this account, if any. */
export type Attempt = { email: string; ip: string; device: string | null };
export type Throttle = { limit: "account" | "address" | "device"; retryMs: number };

/** Milliseconds until the oldest counted failure leaves the window, or 0 when under the limit. */
function retryAfterMs(db: Db, where: SQL, max: number): number {
  const now = nowMs();
  const rows = db
    .select({ at: signInAttempts.at })
    .from(signInAttempts)
    .where(and(where, eq(signInAttempts.succeeded, false), gte(signInAttempts.at, now - THROTTLE_WINDOW_MS)))
    .orderBy(sql`${signInAttempts.at} desc`)
    .limit(max)
    .all();
  return rows.length < max ? 0 : Math.max(1000, rows[max - 1].at + THROTTLE_WINDOW_MS - now);
}

/** Failures from browsers without a device cookie for the account. */
function accountRetryAfterMs(db: Db, email: string) {
  return retryAfterMs(db, and(eq(signInAttempts.email, normaliseEmail(email)), isNull(signInAttempts.device))!, MAX_FAILURES_PER_ACCOUNT);
}

/** The limit this attempt is over, or null when it may go ahead. */
export function signInThrottle(db: Db, attempt: Attempt): Throttle | null {
  if (attempt.device) {
    const retryMs = retryAfterMs(db, eq(signInAttempts.device, attempt.device), MAX_FAILURES_PER_DEVICE);
    return retryMs ? { limit: "device", retryMs } : null;
  }
  const account = accountRetryAfterMs(db, attempt.email);
  if (account) return { limit: "account", retryMs: account };
  const address = attempt.ip ? retryAfterMs(db, and(eq(signInAttempts.ip, attempt.ip), isNull(signInAttempts.device))!, MAX_FAILURES_PER_ADDRESS) : 0;
  return address ? { limit: "address", retryMs: address } : null;
}

/** Changing a password proves the current one, so wrong guesses share the account's limit. */
export function passwordCheckThrottle(db: Db, email: string): Throttle | null {
  const retryMs = accountRetryAfterMs(db, email);
  return retryMs ? { limit: "account", retryMs } : null;
}

export function recordSignInAttempt(db: Db, attempt: Attempt, succeeded: boolean) {
  const now = nowMs();
  db.insert(signInAttempts)
    .values({ email: normaliseEmail(attempt.email), ip: attempt.ip, device: attempt.device, succeeded, at: now })
    .run();
  // Keep the table small: a day of history is plenty for a 15-minute window.
  db.delete(signInAttempts)
    .where(sql`${signInAttempts.at} < ${now - 86_400_000}`)
    .run();
}

/** One audit row per account (or address) per window, counting the refusals, however many arrive. */
export function auditThrottled(db: Db, action: "auth.sign_in_throttled" | "auth.password_change_throttled", throttle: Throttle, attempt: Attempt) {
  const what = action === "auth.sign_in_throttled" ? "Sign-in" : "Password change";
  const email = normaliseEmail(attempt.email);
  const byAddress = throttle.limit === "address";
  recordRepeatedAudit(
    db,
    {
      actorEmail: email,
      action,
      entityType: throttle.limit,
      ip: attempt.ip,
      summary: (count) =>
        `${what} refused ${count === 1 ? "once" : `${count} times`} ${byAddress ? `from ${attempt.ip}` : `for ${email}`}: too many failed attempts` +
        (throttle.limit === "device" ? " on one browser" : ""),
    },
    byAddress ? "ip" : "actorEmail",
    THROTTLE_WINDOW_MS,
  );
}
