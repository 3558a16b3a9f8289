import crypto from "node:crypto";
import { createCookie, redirect, type AppLoadContext, type Cookie } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { getSessionSecret } from "~/auth/secrets.server";
import { nowMs } from "~/clock.server";
import { safePath } from "~/web/safe-path";
import type { Db } from "~/db.server";
import { endExpiredSession } from "~/models/session-commands.server";
import { findSessionWithUser, touchSession, type NewSession, type SessionUser } from "~/models/session.server";

/** How a session was signed in (sessions.method). */
export type SignInMethod = "password" | "password+totp" | "password+recovery" | "oidc";

const REFRESH_EVERY_MS = 60_000; // each refresh is a durable write: at most once a minute

const cookies = new Map<string, Cookie>();

/** `__Host-` prefixed and Secure whenever the request is HTTPS; plain http://localhost still works. */
export function sessionCookie(context: Pick<AppLoadContext, "isHttps">): Cookie {
  const secret = getSessionSecret();
  const key = `${context.isHttps}:${secret}`;
  let cookie = cookies.get(key);
  if (!cookie) {
    cookie = createCookie(context.isHttps ? "__Host-stepping_up_session" : "stepping_up_session", {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: context.isHttps,
      secrets: [secret],
    });
    cookies.set(key, cookie);
  }
  return cookie;
}

export const hashSessionId = (id: string) => crypto.createHash("sha256").update(id).digest("hex");

export function sessionLimits() {
  const env = getEnv();
  return { idleMs: env.SESSION_IDLE_MINUTES * 60_000, maxMs: env.SESSION_MAX_HOURS * 3_600_000 };
}

async function readSessionId(request: Request, context: AppLoadContext): Promise<string | null> {
  const value = await sessionCookie(context).parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[0-9a-f]{32}$/.test(value) ? value : null;
}

/** The signed-in user, or null when there is no live session (expired ones are deleted). */
export async function getSessionUser(db: Db, request: Request, context: AppLoadContext): Promise<SessionUser | null> {
  const id = await readSessionId(request, context);
  if (!id) return null;
  const idHash = hashSessionId(id);
  const found = findSessionWithUser(db, idHash);
  if (!found) return null;
  const now = nowMs();
  const { idleMs } = sessionLimits();
  if (found.user.disabledAt || now >= found.expiresAt || now - found.lastSeenAt >= idleMs) {
    endExpiredSession(
      db,
      { id: found.user.id, email: found.user.email, ip: context.clientIp },
      {
        idHash,
        reason: now >= found.expiresAt ? "maximum" : "idle",
        audited: !found.user.disabledAt,
      },
    );
    return null;
  }
  if (now - found.lastSeenAt >= REFRESH_EVERY_MS) touchSession(db, idHash, now);
  return { ...found.user, sessionExpiresAt: Math.min(found.expiresAt, Math.max(found.lastSeenAt, now) + idleMs) };
}

/** A new session (a new random id at every sign-in): the row to insert and its Set-Cookie header. */
export async function newSession(
  context: AppLoadContext,
  userId: number,
  userAgent: string,
  method: SignInMethod = "password",
): Promise<{ row: NewSession; cookie: string }> {
  const id = crypto.randomBytes(16).toString("hex"); // 128 bits
  const now = nowMs();
  const row = {
    idHash: hashSessionId(id),
    userId,
    createdAt: new Date(now),
    lastSeenAt: now,
    expiresAt: now + sessionLimits().maxMs,
    ip: context.clientIp,
    userAgent: userAgent.slice(0, 300),
    method,
  };
  return { row, cookie: await sessionCookie(context).serialize(id) };
}

/** The stored hash of the session this request names, if its cookie holds one. */
export async function sessionIdHash(request: Request, context: AppLoadContext): Promise<string | null> {
  const id = await readSessionId(request, context);
  return id ? hashSessionId(id) : null;
}

/** The Set-Cookie header that clears the session cookie. */
export const endedSessionCookie = (context: AppLoadContext) => sessionCookie(context).serialize("", { maxAge: 0 });

/** Only same-site paths of URL-safe characters: no open redirects, nothing a header cannot hold. */
export const safeRedirect = safePath;

export function redirectToLogin(request: Request): never {
  const url = new URL(request.url);
  const here = `${url.pathname}${url.search}`;
  const search = here === "/" ? "" : `?${new URLSearchParams({ redirectTo: here })}`;
  throw redirect(`/login${search}`);
}
