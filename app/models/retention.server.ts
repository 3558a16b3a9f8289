// Retention (ADR 082): what is kept, and for how long. The hourly job and `npm run retention` call
// applyRetention; the clock is passed in so tests can prove each boundary.
import { IMMEDIATE, type Db } from "~/db.server";
import { getEnv } from "~/env.server";
import { record } from "~/models/command.server";

export type RetentionSettings = { auditDays: number; sessionDays: number; notificationDays: number; outboxDays: number };

export function retentionSettings(): RetentionSettings {
  const env = getEnv();
  return {
    auditDays: env.RETENTION_AUDIT_DAYS,
    sessionDays: env.RETENTION_SESSION_DAYS,
    notificationDays: env.RETENTION_NOTIFICATION_DAYS,
    outboxDays: env.RETENTION_OUTBOX_DAYS,
  };
}

export type RetentionCounts = {
  expiredSessions: number;
  signInAttempts: number;
  formTokens: number;
  readNotifications: number;
  sentEmails: number;
  auditEvents: number;
};

const DAY = 86_400_000;

/**
 * Deletes what is past its retention period, in one transaction, and says how much: expired sessions,
 * sign-in attempts and form tokens older than the session period, notifications read longer ago than
 * the notification period, emails sent (or given up on) longer ago than the outbox period, and audit
 * events older than the audit period. Records one audit event when anything was deleted.
 */
export function applyRetention(db: Db, now: Date, settings: RetentionSettings = retentionSettings()): RetentionCounts {
  const at = now.getTime();
  const before = (days: number) => at - days * DAY;
  return db.transaction(() => {
    const sql = db.$client;
    const counts: RetentionCounts = {
      expiredSessions: sql.prepare("delete from sessions where expires_at <= ?").run(at).changes,
      signInAttempts: sql.prepare("delete from sign_in_attempts where at < ?").run(before(settings.sessionDays)).changes,
      formTokens: sql.prepare("delete from form_tokens where created_at < ?").run(before(settings.sessionDays)).changes,
      readNotifications: sql.prepare("delete from notifications where read_at is not null and read_at < ?").run(before(settings.notificationDays)).changes,
      sentEmails: sql
        .prepare("delete from email_outbox where state in ('sent', 'failed') and coalesce(sent_at, created_at) < ?")
        .run(before(settings.outboxDays)).changes,
      auditEvents: sql.prepare("delete from audit_events where at < ?").run(before(settings.auditDays)).changes,
    };
    const total = Object.values(counts).reduce((n, c) => n + c, 0);
    if (total > 0) {
      record(db, null, {
        action: "data.retention_applied",
        entityType: "retention",
        summary: `Deleted what was past its retention period: ${describeCounts(counts)}`,
        details: { counts, settings },
      });
    }
    return counts;
  }, IMMEDIATE);
}

export function describeCounts(c: RetentionCounts): string {
  return [
    `${c.expiredSessions} expired sessions`,
    `${c.signInAttempts} sign-in attempts`,
    `${c.formTokens} form tokens`,
    `${c.readNotifications} read notifications`,
    `${c.sentEmails} sent emails`,
    `${c.auditEvents} audit events`,
  ].join(", ");
}
