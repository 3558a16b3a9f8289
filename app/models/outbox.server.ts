// The email outbox (docs/decisions/041): rows are claimed by one sender at a time, sent, then marked.
// A claim expires, so a sender that crashed between the relay's acceptance and the mark leaves at most
// that one message to be sent again; nothing is ever sent twice on purpose.
import { and, count, desc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { IMMEDIATE, emailOutbox } from "~/db.server";
import type { Db } from "~/db.server";
import { MAX_ATTEMPTS, retryDelaySeconds, type OutboxState } from "~/domain/notification-kinds";

export type OutboxMessage = {
  id: number;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  unsubscribeUrl: string;
  attempts: number;
};

/** How long a sender may hold a message before another may try it. */
export const CLAIM_MS = 120_000;

/** Claims up to `limit` messages due now for one sender, in one write transaction. */
export function claimDue(db: Db, nowMs: number, limit = 20): OutboxMessage[] {
  return db.transaction((tx) => {
    const due = tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(
        or(
          and(eq(emailOutbox.state, "pending"), lte(emailOutbox.nextAttemptAt, new Date(nowMs))),
          and(eq(emailOutbox.state, "sending"), lte(emailOutbox.claimedUntil, new Date(nowMs))),
        ),
      )
      .orderBy(emailOutbox.id)
      .limit(limit)
      .all()
      .map((r) => r.id);
    if (due.length === 0) return [];
    tx.update(emailOutbox)
      .set({ state: "sending", claimedUntil: new Date(nowMs + CLAIM_MS) })
      .where(inArray(emailOutbox.id, due))
      .run();
    return tx
      .select({
        id: emailOutbox.id,
        toAddress: emailOutbox.toAddress,
        subject: emailOutbox.subject,
        textBody: emailOutbox.textBody,
        htmlBody: emailOutbox.htmlBody,
        unsubscribeUrl: emailOutbox.unsubscribeUrl,
        attempts: emailOutbox.attempts,
      })
      .from(emailOutbox)
      .where(inArray(emailOutbox.id, due))
      .orderBy(emailOutbox.id)
      .all();
  }, IMMEDIATE);
}

export function markSent(db: Db, id: number, nowMs: number) {
  db.update(emailOutbox)
    .set({ state: "sent", sentAt: new Date(nowMs), claimedUntil: null, attempts: sql`${emailOutbox.attempts} + 1`, lastError: "" })
    .where(eq(emailOutbox.id, id))
    .run();
}

/** A failed attempt: try again later with back-off, or give up after MAX_ATTEMPTS (shown on /admin/outbox). */
export function markFailed(db: Db, id: number, attemptsBefore: number, error: string, nowMs: number) {
  const attempts = attemptsBefore + 1;
  const state: OutboxState = attempts >= MAX_ATTEMPTS ? "failed" : "pending";
  db.update(emailOutbox)
    .set({
      state,
      attempts,
      lastError: error.slice(0, 500),
      claimedUntil: null,
      nextAttemptAt: new Date(nowMs + retryDelaySeconds(attempts) * 1000),
    })
    .where(eq(emailOutbox.id, id))
    .run();
}

export function outboxCounts(db: Db): Record<OutboxState, number> {
  const rows = db.select({ state: emailOutbox.state, n: count() }).from(emailOutbox).groupBy(emailOutbox.state).all();
  const counts: Record<OutboxState, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const r of rows) counts[r.state] = r.n;
  return counts;
}

export function listOutbox(db: Db, options: { state?: OutboxState; limit?: number } = {}) {
  return db
    .select({
      id: emailOutbox.id,
      toAddress: emailOutbox.toAddress,
      kind: emailOutbox.kind,
      subject: emailOutbox.subject,
      textBody: emailOutbox.textBody,
      state: emailOutbox.state,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
      nextAttemptAt: emailOutbox.nextAttemptAt,
    })
    .from(emailOutbox)
    .where(options.state ? eq(emailOutbox.state, options.state) : undefined)
    .orderBy(desc(emailOutbox.id))
    .limit(options.limit ?? 200)
    .all();
}
