// What Stepping Up tells people, and how each person chooses to hear it (docs/decisions/040).
// "Immediate" kinds are direct events (something happened that concerns you); reminders come
// before the board would see a flag. Every kind can be sent at once, in a daily or weekly digest, or not by email.

export const NOTIFICATION_KINDS = [
  "team",
  "proposal",
  "ask_answered",
  "ask_for_you",
  "action_assigned",
  "agenda",
  "win",
  "mention",
  "reminders",
  "wins_digest",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What the outbox carries: the notifications, and invitations to set a password (not a choice: nobody unsubscribes from one). */
export const OUTBOX_KINDS = [...NOTIFICATION_KINDS, "invitation"] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export const DELIVERY_MODES = ["immediate", "daily", "weekly", "off"] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export const DELIVERY_MODE_LABELS: Record<DeliveryMode, string> = {
  immediate: "Straight away",
  daily: "In a daily digest",
  weekly: "In a weekly digest",
  off: "Not by email",
};

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  team: "You were added to a team or made a lead",
  proposal: "A proposal you made was approved or declined",
  ask_answered: "An ask you raised was answered",
  ask_for_you: "An ask was addressed to you or the board",
  action_assigned: "An action was assigned to you",
  agenda: "A meeting agenda includes your project",
  win: "A win on your project was confirmed",
  mention: "You were mentioned in a comment",
  reminders: "Reminders before the board sees a flag",
  wins_digest: "The monthly wins digest",
};

/** Direct events are sent straight away; reminders gather in a daily digest; the wins digest is monthly. */
export function defaultMode(kind: NotificationKind): DeliveryMode {
  if (kind === "reminders") return "daily";
  if (kind === "wins_digest") return "immediate";
  return "immediate";
}

/** The wins digest is itself a monthly digest (ADR 100): it comes when due ("immediate") or not at all. */
const WINS_DIGEST_MODES = ["immediate", "off"] as const satisfies readonly DeliveryMode[];

/** The choices a person has for one kind. */
export const modesFor = (kind: NotificationKind): readonly DeliveryMode[] => (kind === "wins_digest" ? WINS_DIGEST_MODES : DELIVERY_MODES);

/** How a choice reads for one kind: the wins digest's "straight away" is once a month. */
export const modeLabel = (kind: NotificationKind, mode: DeliveryMode) =>
  kind === "wins_digest" && mode === "immediate" ? "Once a month" : DELIVERY_MODE_LABELS[mode];

export const OUTBOX_STATES = ["pending", "sending", "sent", "failed"] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** Seconds to wait before the next attempt after `attempts` failures: 5s, 10s, 20s … capped at an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 5 * 2 ** Math.max(0, attempts - 1));
}

/** After this many failed attempts a message is marked failed and shown on /admin/outbox. */
export const MAX_ATTEMPTS = 12;
