import { and, asc, eq, gte, sql } from "drizzle-orm";
import { signInAttempts, users } from "../../db/schema";
import type { Db } from "~/db.server";
import type { Role } from "~/domain/enums";
import { nowMs } from "~/lib/clock.server";

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function countUsers(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
}

export function findUserForSignIn(db: Db, email: string) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      passwordHash: users.passwordHash,
      disabledAt: users.disabledAt,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
}

export function getUser(db: Db, id: number) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      jobTitle: users.jobTitle,
      role: users.role,
      passwordHash: users.passwordHash,
      disabledAt: users.disabledAt,
      mustChangePassword: users.mustChangePassword,
      version: users.version,
    })
    .from(users)
    .where(eq(users.id, id))
    .get();
}

export function listUsers(db: Db) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      jobTitle: users.jobTitle,
      role: users.role,
      disabledAt: users.disabledAt,
      canSignIn: sql<number>`${users.passwordHash} is not null`,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .orderBy(asc(users.name))
    .all();
}

/** People who can be named as leads or owners (enabled accounts). */
export function listPeople(db: Db) {
  return db
    .select({ id: users.id, name: users.name, jobTitle: users.jobTitle })
    .from(users)
    .where(sql`${users.disabledAt} is null`)
    .orderBy(asc(users.name))
    .all();
}

export function emailTaken(db: Db, email: string): boolean {
  return Boolean(db.select({ id: users.id }).from(users).where(eq(users.email, normaliseEmail(email))).get());
}

export function insertUser(
  db: Db,
  input: { email: string; name: string; jobTitle?: string; role: Role; passwordHash: string | null; mustChangePassword: boolean },
): number {
  const row = db
    .insert(users)
    .values({ ...input, email: normaliseEmail(input.email), jobTitle: input.jobTitle ?? "" })
    .returning({ id: users.id })
    .get();
  return row.id;
}

export function updateUserAccount(db: Db, id: number, patch: { name?: string; jobTitle?: string; role?: Role }) {
  db.update(users)
    .set({ ...patch, updatedAt: new Date(nowMs()), version: sql`${users.version} + 1` })
    .where(eq(users.id, id))
    .run();
}

export function setUserDisabled(db: Db, id: number, disabled: boolean) {
  db.update(users)
    .set({ disabledAt: disabled ? new Date(nowMs()) : null, updatedAt: new Date(nowMs()), version: sql`${users.version} + 1` })
    .where(eq(users.id, id))
    .run();
}

export function setUserPassword(db: Db, id: number, passwordHash: string, mustChange: boolean) {
  db.update(users)
    .set({ passwordHash, mustChangePassword: mustChange, updatedAt: new Date(nowMs()), version: sql`${users.version} + 1` })
    .where(eq(users.id, id))
    .run();
}

// Sign-in throttling: counted in a sliding window, never a permanent lock.
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 10;
export const MAX_FAILURES_PER_ADDRESS = 100;

/** Milliseconds until another attempt is allowed, or 0 when not throttled. */
export function signInRetryAfterMs(db: Db, email: string, ip: string): number {
  const now = nowMs();
  const since = now - THROTTLE_WINDOW_MS;
  const check = (column: typeof signInAttempts.email | typeof signInAttempts.ip, value: string, max: number) => {
    const rows = db
      .select({ at: signInAttempts.at })
      .from(signInAttempts)
      .where(and(eq(column, value), eq(signInAttempts.succeeded, false), gte(signInAttempts.at, since)))
      .orderBy(sql`${signInAttempts.at} desc`)
      .limit(max)
      .all();
    if (rows.length < max) return 0;
    // The oldest failure counted must leave the window before another try.
    return Math.max(1000, rows[max - 1].at + THROTTLE_WINDOW_MS - now);
  };
  return Math.max(
    check(signInAttempts.email, normaliseEmail(email), MAX_FAILURES_PER_ACCOUNT),
    ip ? check(signInAttempts.ip, ip, MAX_FAILURES_PER_ADDRESS) : 0,
  );
}

export function recordSignInAttempt(db: Db, email: string, ip: string, succeeded: boolean) {
  const now = nowMs();
  db.insert(signInAttempts).values({ email: normaliseEmail(email), ip, succeeded, at: now }).run();
  // Keep the table small: a day of history is plenty for a 15-minute window.
  db.delete(signInAttempts).where(sql`${signInAttempts.at} < ${now - 86_400_000}`).run();
}
