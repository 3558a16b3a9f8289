// Writes about notifications: reading them, and each person's choice of how to hear of each kind.
// Marking read is the person's own bookkeeping (no audit row); a change of preference is audited.
import { and, eq, isNull } from "drizzle-orm";
import { notificationPreferences, notifications, users } from "~/db.server";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";
import { modeLabel, modesFor, NOTIFICATION_KIND_LABELS, type DeliveryMode, type NotificationKind } from "~/domain/notification-kinds";
import { ok, record, refused, runCommand, type Actor, type Anonymous, type CommandResult } from "~/models/command.server";
import { deliveryMode } from "~/models/notification.server";

export function markNotificationRead(db: Db, userId: number, id: number): CommandResult<{ link: string }> {
  return runCommand(db, (tx) => {
    const row = tx
      .select({ link: notifications.link, readAt: notifications.readAt })
      .from(notifications)
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
      .get();
    if (!row) return refused("We could not find that notification.", 404);
    if (!row.readAt)
      tx.update(notifications)
        .set({ readAt: new Date(nowMs()) })
        .where(eq(notifications.id, id))
        .run();
    return ok({ link: row.link });
  });
}

export function markAllNotificationsRead(db: Db, userId: number): CommandResult<{ marked: number }> {
  return runCommand(db, (tx) => {
    const result = tx
      .update(notifications)
      .set({ readAt: new Date(nowMs()) })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .run();
    return ok({ marked: result.changes });
  });
}

function writePreference(db: Db, userId: number, kind: NotificationKind, mode: DeliveryMode) {
  db.insert(notificationPreferences)
    .values({ userId, kind, mode, updatedAt: new Date(nowMs()) })
    .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { mode, updatedAt: new Date(nowMs()) } })
    .run();
}

/** Sets how one person hears of one kind; only they (or an admin, by the route's guard) may. */
export function setPreference(
  db: Db,
  actor: Actor,
  input: { userId: number; kind: NotificationKind; mode: DeliveryMode },
): CommandResult<{ changed: boolean }> {
  return runCommand<{ changed: boolean }>(db, (tx) => {
    const person = tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).get();
    if (!person) return refused("We could not find that person.", 404);
    if (!modesFor(input.kind).includes(input.mode))
      return refused(
        `Choose how you hear of "${NOTIFICATION_KIND_LABELS[input.kind].toLowerCase()}": ${modesFor(input.kind)
          .map((m) => modeLabel(input.kind, m).toLowerCase())
          .join(" or ")}`,
      );
    if (deliveryMode(tx, input.userId, input.kind) === input.mode) return ok({ changed: false });
    writePreference(tx, input.userId, input.kind, input.mode);
    record(tx, actor, {
      action: "notification.preferences_changed",
      entityType: "user",
      entityId: input.userId,
      summary: `Emails for "${NOTIFICATION_KIND_LABELS[input.kind]}": ${modeLabel(input.kind, input.mode).toLowerCase()}`,
    });
    return ok({ changed: true });
  });
}

/** Several kinds at once (the settings form): one transaction, one audit row per kind changed. */
export function setPreferences(
  db: Db,
  actor: Actor,
  userId: number,
  choices: { kind: NotificationKind; mode: DeliveryMode }[],
): CommandResult<{ changed: number }> {
  return runCommand(db, (tx) => {
    let changed = 0;
    for (const choice of choices) {
      const result = setPreference(tx, actor, { userId, ...choice });
      if (!result.ok) return result;
      if (result.value.changed) changed++;
    }
    return ok({ changed });
  });
}

/** The signed one-click link: stops one kind of email for one person, without signing in. */
export function unsubscribe(db: Db, input: { userId: number; kind: NotificationKind; ip?: string }): CommandResult<{ kind: NotificationKind }> {
  return runCommand(db, (tx) => {
    const person = tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, input.userId)).get();
    if (!person) return refused("This link is not valid.", 404);
    if (deliveryMode(tx, person.id, input.kind) === "off") return ok({ kind: input.kind });
    writePreference(tx, person.id, input.kind, "off");
    const by: Anonymous = { id: null, email: person.email, ip: input.ip };
    record(tx, by, {
      action: "notification.unsubscribed",
      entityType: "user",
      entityId: person.id,
      summary: `Unsubscribed by the link in an email from "${NOTIFICATION_KIND_LABELS[input.kind]}"`,
    });
    return ok({ kind: input.kind });
  });
}
