// The monthly wins digest, "This month in Stepping Up" (docs/decisions/100): the month's confirmed wins with
// their evidence, emailed to every enabled account that has not turned it off, queued in the outbox in one
// transaction. A month is sent once: each email has the dedupe key `wins:<user>:<YYYY-MM>`, and the audit row
// the run leaves (kept far longer than sent emails) stops a later run even after the outbox has been pruned.
import { and, eq, isNull, like } from "drizzle-orm";
import { auditEvents, emailOutbox, users } from "~/db.server";
import type { Db } from "~/db.server";
import type { EmailItem } from "~/domain/email-message";
import { monthName, WIN_KIND_LABELS, winsDigestIntro, winsHeadline } from "~/domain/wins-month";
import { ok, record, runCommand } from "~/models/command.server";
import { absolute } from "~/models/notification-links.server";
import { deliveryMode, queueEmail } from "~/models/notification.server";
import { getProgramme } from "~/models/programme.server";
import { listWinsOfMonth, type MonthWin } from "~/models/wins-month.server";

export type WinsDigestResult = {
  month: string;
  /** The month's confirmed wins. */
  wins: number;
  /** Emails queued now. */
  emails: number;
  /** The month's digest had already been sent: nothing was queued. */
  alreadySent: boolean;
};

/** The dedupe key that makes a month's digest at most once per person. */
export const winsDigestKey = (userId: number, month: string) => `wins:${userId}:${month}`;

/** The audit row of a month's digest names the month as a number: 2026-11 → 202611. */
const monthEntity = (month: string) => Number(month.replace("-", ""));

const newsletterPath = (month: string) => `/wins/newsletter?month=${month}`;

function winItem(w: MonthWin): EmailItem {
  const evidence = [WIN_KIND_LABELS[w.evidenceKind], w.measured ?? (w.evidencePath ? "" : w.evidenceRef)].filter(Boolean).join(": ");
  return {
    title: w.title,
    project: w.projectTitle,
    body: [w.description, `Evidence: ${evidence}.`].filter(Boolean).join(" "),
    link: absolute(w.evidencePath ?? `/projects/${w.projectId}/wins`),
  };
}

/**
 * Queues `month`'s wins digest ("YYYY-MM") for every enabled account whose choice for the wins digest is
 * not "off". A month with no confirmed wins sends nothing; a month already sent sends nothing again.
 */
export function queueWinsDigest(db: Db, input: { month: string }): WinsDigestResult {
  const { month } = input;
  const done = runCommand(db, (tx) => {
    const programme = getProgramme(tx);
    const result: WinsDigestResult = { month, wins: 0, emails: 0, alreadySent: false };
    const sent = tx
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "notification.wins_digest_queued"), eq(auditEvents.entityType, "wins_digest"), eq(auditEvents.entityId, monthEntity(month))),
      )
      .get();
    if (sent) return ok({ ...result, alreadySent: true });
    const wins = listWinsOfMonth(tx, programme.id, month);
    result.wins = wins.length;
    if (wins.length === 0) return ok(result);

    const already = new Set(
      tx
        .select({ key: emailOutbox.dedupeKey })
        .from(emailOutbox)
        .where(like(emailOutbox.dedupeKey, `wins:%:${month}`))
        .all()
        .map((r) => r.key),
    );
    const people = tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(isNull(users.disabledAt)).orderBy(users.id).all();
    const content = {
      subject: `${winsHeadline(month)}: ${wins.length === 1 ? "1 win" : `${wins.length} wins`} at ${programme.trustName}`,
      intro: winsDigestIntro(month, wins.length),
      items: [...wins.map(winItem), { title: `Read and print the newsletter for ${monthName(month)}`, link: absolute(newsletterPath(month)) }],
    };
    for (const person of people) {
      if (already.has(winsDigestKey(person.id, month))) continue;
      if (deliveryMode(tx, person.id, "wins_digest") === "off") continue;
      if (queueEmail(tx, person, "wins_digest", content, winsDigestKey(person.id, month))) result.emails++;
    }
    if (result.emails === 0) return ok(result);
    record(tx, null, {
      action: "notification.wins_digest_queued",
      entityType: "wins_digest",
      entityId: monthEntity(month),
      summary: `Queued the wins digest for ${monthName(month)} (${wins.length === 1 ? "1 win" : `${wins.length} wins`}) to ${result.emails} ${result.emails === 1 ? "person" : "people"}`,
      details: { month, wins: wins.length, emails: result.emails },
    });
    return ok(result);
  });
  if (!done.ok) throw new Error(done.refused);
  return done.value;
}
