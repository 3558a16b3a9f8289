// Notifications: the in-app list (the notification centre and its unread count) and the email outbox rows
// that go with them. `notify` runs inside the transaction of the event that causes it (docs/decisions/040),
// so a notification and its email exist exactly when the change they describe does.
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { emailOutbox, notificationPreferences, notifications, projects, users } from "~/db.server";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";
import { renderEmail, type EmailItem } from "~/domain/email-message";
import { defaultMode, NOTIFICATION_KINDS, NOTIFICATION_KIND_LABELS, type DeliveryMode, type NotificationKind } from "~/domain/notification-kinds";
import { absolute, unsubscribePath } from "~/models/notification-links.server";

export type Notice = {
  userId: number;
  kind: NotificationKind;
  projectId?: number | null;
  /** What happened, in a line: "Your ask was answered". */
  title: string;
  /** The one thing to do, or a short line of what happened. */
  body?: string;
  /** A path inside the app. */
  link: string;
};

/** Enabled accounts among `ids`, with their name and address. Disabled accounts get nothing. */
export function enabledRecipients(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(inArray(users.id, [...new Set(ids)]), isNull(users.disabledAt)))
    .all();
}

export function deliveryMode(db: Db, userId: number, kind: NotificationKind): DeliveryMode {
  const row = db
    .select({ mode: notificationPreferences.mode })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.kind, kind)))
    .get();
  return row?.mode ?? defaultMode(kind);
}

export function listPreferences(db: Db, userId: number): { kind: NotificationKind; mode: DeliveryMode }[] {
  const rows = db
    .select({ kind: notificationPreferences.kind, mode: notificationPreferences.mode })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId))
    .all();
  const chosen = new Map(rows.map((r) => [r.kind, r.mode]));
  return NOTIFICATION_KINDS.map((kind) => ({ kind, mode: chosen.get(kind) ?? defaultMode(kind) }));
}

const projectTitle = (db: Db, projectId: number | null | undefined) =>
  projectId ? (db.select({ title: projects.title }).from(projects).where(eq(projects.id, projectId)).get()?.title ?? null) : null;

/** Queues one email to a person in the outbox; `dedupeKey` makes a second identical queueing do nothing. */
export function queueEmail(
  db: Db,
  to: { id: number; name: string; email: string },
  kind: NotificationKind,
  content: { subject: string; intro: string; items: EmailItem[] },
  dedupeKey?: string,
): boolean {
  const message = renderEmail({
    ...content,
    name: to.name,
    unsubscribeUrl: absolute(unsubscribePath(to.id, kind)),
    settingsUrl: absolute("/notifications/settings"),
    unsubscribeLabel: `Stop emails about: ${NOTIFICATION_KIND_LABELS[kind].toLowerCase()}`,
  });
  const at = new Date(nowMs());
  const inserted = db
    .insert(emailOutbox)
    .values({
      userId: to.id,
      toAddress: to.email,
      kind,
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html,
      unsubscribeUrl: absolute(unsubscribePath(to.id, kind)),
      dedupeKey: dedupeKey ?? null,
      nextAttemptAt: at,
      createdAt: at,
    })
    .onConflictDoNothing()
    .run();
  return inserted.changes > 0;
}

/**
 * Writes each notice for its (enabled) person: the in-app notification always, and an email now when
 * they chose "straight away". A digest mode leaves the notification waiting for its digest; "off" sends no email.
 */
export function notify(db: Db, notices: Notice[]) {
  if (notices.length === 0) return;
  const people = new Map(
    enabledRecipients(
      db,
      notices.map((n) => n.userId),
    ).map((p) => [p.id, p]),
  );
  const seen = new Set<string>();
  const at = new Date(nowMs());
  for (const notice of notices) {
    const person = people.get(notice.userId);
    if (!person) continue;
    const key = `${notice.userId}|${notice.kind}|${notice.link}|${notice.title}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const mode = deliveryMode(db, person.id, notice.kind);
    db.insert(notifications)
      .values({
        userId: person.id,
        kind: notice.kind,
        projectId: notice.projectId ?? null,
        title: notice.title,
        body: notice.body ?? "",
        link: notice.link,
        createdAt: at,
        digestedAt: mode === "daily" || mode === "weekly" ? null : at,
      })
      .run();
    if (mode !== "immediate") continue;
    const project = projectTitle(db, notice.projectId);
    queueEmail(db, person, notice.kind, {
      subject: project ? `${notice.title}: ${project}` : notice.title,
      intro: notice.title,
      items: [{ title: notice.body || notice.title, project, link: absolute(notice.link) }],
    });
  }
}

export function unreadCount(db: Db, userId: number): number {
  return (
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .get()?.n ?? 0
  );
}

export function listNotifications(db: Db, userId: number, limit = 100) {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      projectTitle: projects.title,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .leftJoin(projects, eq(projects.id, notifications.projectId))
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .all();
}

export function getNotification(db: Db, userId: number, id: number) {
  return db
    .select({ id: notifications.id, link: notifications.link, readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .get();
}
