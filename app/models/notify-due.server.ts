// The daily run (docs/decisions/066): today's reminders in the notification centre, and each person's
// digest email — their reminders and whatever they chose to hear of daily or weekly — queued in the
// outbox at most once per person per day. Run by `npm run notify:due` and hourly by the server.
import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import { notifications, projects, users } from "~/db.server";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";
import { digestIntro, digestSubject, inTodaysDigest } from "~/domain/digest";
import type { EmailItem } from "~/domain/email-message";
import type { NotificationKind } from "~/domain/notification-kinds";
import type { Reminder } from "~/domain/reminders";
import { ok, runCommand } from "~/models/command.server";
import { absolute } from "~/models/notification-links.server";
import { deliveryMode, queueEmail } from "~/models/notification.server";
import { allReminders } from "~/models/reminder.server";

export type NotifyDueResult = {
  /** Reminders due today (each counted once, however many people it goes to). */
  reminders: number;
  /** New reminder notifications in the notification centre. */
  notified: number;
  /** Emails queued in the outbox: digests, and single reminders for those who want them straight away. */
  emails: number;
  /** Reminder notifications marked read because their cause was fixed. */
  resolved: number;
};

/** The dedupe key that makes a digest at most once per person per day. */
export const digestKey = (userId: number, today: string) => `digest:${userId}:${today}`;
/** A reminder sent on its own is sent once for its cause (a new due date is a new cause). */
export const reminderKey = (userId: number, reminder: Reminder) => `reminder:${userId}:${reminder.key}`;

const reminderItem = (r: Reminder): EmailItem => ({ title: r.title, project: r.projectTitle, body: r.body, link: absolute(r.link) });

/** Today's reminders and digests for everyone. Safe to run any number of times a day. */
export function notifyDue(db: Db, today: string): NotifyDueResult {
  const reminders = allReminders(db, today);
  const byPerson = new Map<number, Reminder[]>();
  for (const r of reminders) for (const id of r.userIds) byPerson.set(id, [...(byPerson.get(id) ?? []), r]);

  // Everyone with a reminder, a notification waiting for its digest, or an unread reminder that may be resolved.
  const waiting = db
    .selectDistinct({ userId: notifications.userId })
    .from(notifications)
    .where(and(isNull(notifications.digestedAt), ne(notifications.kind, "reminders")))
    .all()
    .map((r) => r.userId);
  const unreadReminders = db
    .selectDistinct({ userId: notifications.userId })
    .from(notifications)
    .where(and(eq(notifications.kind, "reminders"), isNull(notifications.readAt)))
    .all()
    .map((r) => r.userId);
  const ids = [...new Set([...byPerson.keys(), ...waiting, ...unreadReminders])];
  const people = ids.length
    ? db
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .where(and(inArray(users.id, ids), isNull(users.disabledAt)))
        .all()
    : [];

  const result: NotifyDueResult = { reminders: reminders.length, notified: 0, emails: 0, resolved: 0 };
  for (const person of people) {
    // One transaction per person: their notifications, their email and its marks commit together.
    const done = runCommand(db, (tx) => ok(notifyPerson(tx, person, byPerson.get(person.id) ?? [], today)));
    if (!done.ok) continue;
    const one = done.value;
    result.notified += one.notified;
    result.emails += one.emails;
    result.resolved += one.resolved;
  }
  return result;
}

function notifyPerson(db: Db, person: { id: number; name: string; email: string }, mine: Reminder[], today: string) {
  const at = new Date(nowMs());
  const out = { notified: 0, emails: 0, resolved: 0 };

  // The notification centre: one notification per reminder for its life; once its cause is fixed it is marked read.
  const existing = db
    .select({ id: notifications.id, title: notifications.title, link: notifications.link, readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.userId, person.id), eq(notifications.kind, "reminders")))
    .all();
  const same = (n: { title: string; link: string }, r: Reminder) => n.title === r.title && n.link === r.link;
  for (const r of mine) {
    if (existing.some((n) => same(n, r))) continue;
    db.insert(notifications)
      .values({ userId: person.id, kind: "reminders", projectId: r.projectId, title: r.title, body: r.body, link: r.link, createdAt: at, digestedAt: at })
      .run();
    out.notified++;
  }
  const fixed = existing.filter((n) => !n.readAt && !mine.some((r) => same(n, r))).map((n) => n.id);
  if (fixed.length) {
    db.update(notifications).set({ readAt: at }).where(inArray(notifications.id, fixed)).run();
    out.resolved += fixed.length;
  }

  // Email: reminders by the person's choice for "reminders".
  const reminderMode = deliveryMode(db, person.id, "reminders");
  if (reminderMode === "immediate") {
    for (const r of mine) {
      const project = r.projectTitle;
      const sent = queueEmail(
        db,
        person,
        "reminders",
        { subject: project ? `${r.title}: ${project}` : r.title, intro: r.body, items: [reminderItem(r)] },
        reminderKey(person.id, r),
      );
      if (sent) out.emails++;
    }
  }
  const digestReminders = inTodaysDigest(reminderMode, today) ? mine : [];

  // Notifications waiting for a digest: those of a kind the person hears of daily (or weekly, on the weekly day).
  const pending = db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      project: projects.title,
    })
    .from(notifications)
    .leftJoin(projects, eq(projects.id, notifications.projectId))
    .where(and(eq(notifications.userId, person.id), isNull(notifications.digestedAt), ne(notifications.kind, "reminders")))
    .orderBy(notifications.createdAt, notifications.id)
    .all();
  const modes = new Map<NotificationKind, ReturnType<typeof deliveryMode>>();
  const modeOf = (kind: NotificationKind) => modes.get(kind) ?? modes.set(kind, deliveryMode(db, person.id, kind)).get(kind)!;
  const dropped = pending.filter((n) => modeOf(n.kind) === "off").map((n) => n.id);
  // A kind switched to "straight away" since: what was waiting still goes, in today's digest.
  const updates = pending.filter((n) => modeOf(n.kind) === "immediate" || inTodaysDigest(modeOf(n.kind), today));
  if (dropped.length) db.update(notifications).set({ digestedAt: at }).where(inArray(notifications.id, dropped)).run();

  if (digestReminders.length === 0 && updates.length === 0) return out;
  const kind: NotificationKind = digestReminders.length ? "reminders" : updates[0].kind;
  const queued = queueEmail(
    db,
    person,
    kind,
    {
      subject: digestSubject(digestReminders.length, updates.length, today),
      intro: digestIntro(digestReminders.length, updates.length),
      items: [
        ...digestReminders.map(reminderItem),
        ...updates.map((n) => ({ title: n.title, project: n.project, body: n.body || undefined, link: absolute(n.link) })),
      ],
    },
    digestKey(person.id, today),
  );
  // Already sent today: what is waiting stays for tomorrow's digest.
  if (!queued) return out;
  out.emails++;
  if (updates.length)
    db.update(notifications)
      .set({ digestedAt: at })
      .where(
        inArray(
          notifications.id,
          updates.map((n) => n.id),
        ),
      )
      .run();
  return out;
}
