// Absolute links in emails and the signed one-click unsubscribe token (RFC 8058), which works without signing in.
import crypto from "node:crypto";
import { getEnv } from "~/env.server";
import { getSessionSecret } from "~/auth/secrets.server";
import { NOTIFICATION_KINDS, type NotificationKind } from "~/domain/notification-kinds";

/** PUBLIC_URL without its trailing slash; the local address when unset (the demo). */
export function publicUrl(): string {
  const env = getEnv();
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}

export const absolute = (path: string) => `${publicUrl()}${path.startsWith("/") ? path : `/${path}`}`;

function signature(userId: number, kind: NotificationKind): string {
  return crypto.createHmac("sha256", getSessionSecret()).update(`unsubscribe:${userId}:${kind}`).digest("base64url").slice(0, 32);
}

/** The path of the one-click unsubscribe page for one person and one kind. */
export function unsubscribePath(userId: number, kind: NotificationKind): string {
  return `/notifications/unsubscribe?u=${userId}&k=${kind}&s=${signature(userId, kind)}`;
}

/** The person and kind a link names, or null when its signature is wrong. */
export function verifyUnsubscribe(params: URLSearchParams): { userId: number; kind: NotificationKind } | null {
  const u = params.get("u") ?? "";
  const k = params.get("k") ?? "";
  const s = params.get("s") ?? "";
  if (!/^\d{1,12}$/.test(u) || !(NOTIFICATION_KINDS as readonly string[]).includes(k)) return null;
  const userId = Number(u);
  const expected = Buffer.from(signature(userId, k as NotificationKind));
  const given = Buffer.from(s);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  return { userId, kind: k as NotificationKind };
}
