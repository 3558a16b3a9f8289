import { z } from "zod";
import { DELIVERY_MODES, NOTIFICATION_KINDS, type NotificationKind } from "~/domain/notification-kinds";

/** One choice per kind: straight away, daily digest, weekly digest, or not by email. */
export const NotificationSettingsSchema = z
  .object(
    Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, z.enum(DELIVERY_MODES, { error: "Choose how you hear of this" })])) as Record<
      NotificationKind,
      z.ZodEnum<{ immediate: "immediate"; daily: "daily"; weekly: "weekly"; off: "off" }>
    >,
  )
  .strict();
