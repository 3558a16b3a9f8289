// Retention (ADR 082) with an injected clock: each kind of row is deleted once past its period and
// kept the day before; one audit event says what was deleted, and nothing is recorded when nothing was.
import { describe, expect, it } from "vitest";
import { applyRetention, type RetentionSettings } from "~/models/retention.server";
import { insertSession } from "~/models/session.server";
import { recordAudit } from "~/models/audit.server";
import { auditSince, lastAuditId, rows, seededDb } from "../helpers/command-fixture";
import { userIdOf } from "../helpers/db";

const DAY = 86_400_000;
const NOW = new Date("2026-03-11T12:00:00Z").getTime();
const SETTINGS: RetentionSettings = { auditDays: 2555, sessionDays: 30, notificationDays: 180, outboxDays: 90 };

function fixture() {
  const { db } = seededDb();
  const user = userIdOf(db, "lead@example.org");
  const sql = db.$client;
  const ago = (days: number) => NOW - days * DAY;
  insertSession(db, { idHash: "expired", userId: user, lastSeenAt: ago(1), expiresAt: NOW - 1, ip: "", userAgent: "" });
  insertSession(db, { idHash: "live", userId: user, lastSeenAt: NOW, expiresAt: NOW + DAY, ip: "", userAgent: "" });
  const attempt = sql.prepare("insert into sign_in_attempts (email, ip, succeeded, at) values ('a@example.org', '192.0.2.1', 0, ?)");
  attempt.run(ago(31));
  attempt.run(ago(29));
  const note = sql.prepare("insert into notifications (user_id, kind, title, link, created_at, read_at) values (?, 'team', 't', '/', ?, ?)");
  note.run(user, ago(400), ago(181)); // read long ago: goes
  note.run(user, ago(400), ago(179)); // read recently: stays
  note.run(user, ago(400), null); // unread: stays whatever its age
  const mail = sql.prepare(
    "insert into email_outbox (to_address, kind, subject, text_body, html_body, state, next_attempt_at, created_at, sent_at) values ('a@example.org', 'team', 's', 't', 'h', ?, ?, ?, ?)",
  );
  mail.run("sent", ago(100), ago(100), ago(91)); // goes
  mail.run("sent", ago(100), ago(100), ago(89)); // stays
  mail.run("pending", ago(100), ago(100), null); // waiting: stays
  const audit = (days: number) => {
    recordAudit(db, { action: "auth.sign_in", summary: `old ${days}` });
    sql.prepare("update audit_events set at = ? where id = (select max(id) from audit_events)").run(ago(days));
  };
  audit(2556);
  audit(2554);
  return { db };
}

const countWhere = (db: ReturnType<typeof seededDb>["db"], sql: string) => (db.$client.prepare(sql).get() as { n: number }).n;

describe("applyRetention", () => {
  it("deletes what is past its period, keeps the rest, and says so in one audit event", () => {
    const { db } = fixture();
    const audits = rows(db, "audit_events");
    const before = lastAuditId(db).n;
    const counts = applyRetention(db, new Date(NOW), SETTINGS);
    expect(counts).toEqual({ expiredSessions: 1, signInAttempts: 1, formTokens: 0, readNotifications: 1, sentEmails: 1, auditEvents: 1 });
    expect(db.$client.prepare("select id_hash from sessions").all()).toEqual([{ id_hash: "live" }]);
    expect(rows(db, "sign_in_attempts")).toBe(1);
    expect(countWhere(db, "select count(*) as n from notifications where title = 't'")).toBe(2);
    expect(countWhere(db, "select count(*) as n from email_outbox where subject = 's'")).toBe(2);
    expect(countWhere(db, "select count(*) as n from audit_events where summary = 'old 2556'")).toBe(0);
    expect(countWhere(db, "select count(*) as n from audit_events where summary = 'old 2554'")).toBe(1);
    expect(rows(db, "audit_events")).toBe(audits - 1 + 1);
    const [event] = auditSince(db, before);
    expect(event.action).toBe("data.retention_applied");
    expect(event.summary).toContain("1 expired sessions, 1 sign-in attempts");

    // A second run an hour later finds nothing and records nothing.
    const again = lastAuditId(db).n;
    expect(Object.values(applyRetention(db, new Date(NOW + 3_600_000), SETTINGS)).every((n) => n === 0)).toBe(true);
    expect(auditSince(db, again)).toEqual([]);
  });

  it("follows the configured periods", () => {
    const { db } = fixture();
    const counts = applyRetention(db, new Date(NOW), { auditDays: 365, sessionDays: 1, notificationDays: 7, outboxDays: 1 });
    expect(counts.signInAttempts).toBe(2);
    expect(counts.readNotifications).toBe(2);
    expect(counts.sentEmails).toBe(2);
    expect(counts.auditEvents).toBeGreaterThanOrEqual(2);
    expect(countWhere(db, "select count(*) as n from notifications where title = 't' and read_at is null")).toBe(1);
  });
});
