// Double submits (a double click, a resubmission after Back, concurrent posts) create one record.
import crypto from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import { IMMEDIATE, formTokens } from "~/db.server";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";

const KEEP_MS = 7 * 86_400_000; // longer than any form stays open in a browser tab

export const newFormToken = () => crypto.randomBytes(16).toString("base64url");

/** Who submitted which form: `kind` names what it creates, e.g. "status_report". */
export type FormOnce = { userId: number; kind: string; token: string | undefined };

/**
 * The path a spent token led to, or null. For actions whose checks read what the first submission
 * wrote ("there is already a value for March"): a replay is answered before those checks.
 */
export function spentFormToken(db: Db, once: FormOnce): string | null {
  const { userId, kind, token } = once;
  if (!token) return null;
  const key = and(eq(formTokens.userId, userId), eq(formTokens.kind, kind), eq(formTokens.token, token));
  return db.select({ location: formTokens.location }).from(formTokens).where(key).get()?.location ?? null;
}

/**
 * Runs `create` in one transaction, at most once per form token. `create` returns the path that
 * shows what it made (or null when it made nothing, which leaves the token unspent). A replay
 * of a spent token runs nothing and gets the first submission's path.
 */
export function createOnce<L extends string | null>(
  db: Db,
  once: FormOnce,
  create: () => L,
): { replayed: true; location: string } | { replayed: false; location: L } {
  // better-sqlite3 runs this synchronously: concurrent requests cannot interleave inside it.
  return db.transaction(() => {
    const { userId, kind, token } = once;
    if (!token) return { replayed: false as const, location: create() };
    const spent = spentFormToken(db, once);
    if (spent !== null) return { replayed: true as const, location: spent };
    const location = create();
    if (location !== null) spendFormToken(db, { userId, kind, token }, location);
    return { replayed: false as const, location };
  }, IMMEDIATE);
}

/**
 * Marks a token spent on `location`, for a command that checks `spentFormToken` itself inside its
 * own transaction (so the spend commits or rolls back with what it created).
 */
export function spendFormToken(db: Db, once: FormOnce, location: string) {
  const { userId, kind, token } = once;
  if (!token) return;
  const now = nowMs();
  db.delete(formTokens)
    .where(lt(formTokens.createdAt, now - KEEP_MS))
    .run();
  db.insert(formTokens).values({ userId, kind, token, location, createdAt: now }).run();
}

/** What a create command answers: the new record's page, or the first submission's on a replay. */
export type Created = { replayed: boolean; location: string; id: number | null };
