// The Pulse Check's public answer page: one answer per browser by a signed cookie, and a limit on
// answers per address held in memory only. Neither is stored with an answer (ADR 085).
import crypto from "node:crypto";
import { createCookie, type AppLoadContext, type Cookie } from "@remix-run/node";
import { z } from "zod";
import { getSessionSecret } from "~/auth/secrets.server";
import { nowMs } from "~/clock.server";

const ONE_YEAR_S = 365 * 24 * 3600;
const Answered = z.object({ c: z.number().int().positive(), n: z.string().regex(/^[0-9a-f]{32}$/) }).strict();

const cookies = new Map<string, Cookie>();

/** One cookie per campaign, signed (HMAC-SHA256) with the session secret; it holds the campaign id and a random nonce. */
function answeredCookie(context: Pick<AppLoadContext, "isHttps">, campaignId: number): Cookie {
  const secret = getSessionSecret();
  const key = `${context.isHttps}:${campaignId}:${secret}`;
  let cookie = cookies.get(key);
  if (!cookie) {
    cookie = createCookie(`${context.isHttps ? "__Secure-" : ""}stepping_up_pulse_${campaignId}`, {
      httpOnly: true,
      sameSite: "lax",
      path: "/pulse/answer",
      secure: context.isHttps,
      maxAge: ONE_YEAR_S,
      secrets: [secret],
    });
    cookies.set(key, cookie);
  }
  return cookie;
}

/** True when this browser carries a valid, untampered cookie saying it answered this campaign. */
export async function hasAnswered(request: Request, context: AppLoadContext, campaignId: number): Promise<boolean> {
  const parsed = Answered.safeParse(await answeredCookie(context, campaignId).parse(request.headers.get("Cookie")));
  return parsed.success && parsed.data.c === campaignId;
}

/** Set-Cookie marking this browser as having answered: the campaign id and a nonce kept nowhere else. */
export function markAnswered(context: AppLoadContext, campaignId: number): Promise<string> {
  return answeredCookie(context, campaignId).serialize({ c: campaignId, n: crypto.randomBytes(16).toString("hex") });
}

// A hospital's staff often share one address (NAT), so the limit is generous; it stops a script, not a ward.
export const ANSWER_LIMIT = 60;
export const ANSWER_WINDOW_MS = 10 * 60_000;
const MAX_ADDRESSES = 10_000;
const posts = new Map<string, number[]>();

/**
 * This process's share of ANSWER_LIMIT. No address may be stored (ADR 085), so the count stays in memory and
 * each of the server's worker processes (STEPPING_UP_WORKERS, set by server.js; ADR 120) allows its share:
 * connections are dealt to the workers in turn, so an address gets about the whole limit, and never more.
 */
export function answerLimitPerProcess(workers = Number(process.env.STEPPING_UP_WORKERS ?? "1")): number {
  const n = Number.isInteger(workers) && workers > 1 ? workers : 1;
  return Math.max(1, Math.floor(ANSWER_LIMIT / n));
}

/** Counts a post from `ip`; true when it is over the limit for the window (nothing is written anywhere). */
export function answerRateLimited(ip: string): boolean {
  const now = nowMs();
  const recent = (posts.get(ip) ?? []).filter((at) => at > now - ANSWER_WINDOW_MS);
  if (recent.length >= answerLimitPerProcess()) {
    posts.set(ip, recent);
    return true;
  }
  recent.push(now);
  posts.delete(ip);
  posts.set(ip, recent);
  // Forget the addresses seen longest ago when the map grows: memory stays bounded.
  while (posts.size > MAX_ADDRESSES) posts.delete(posts.keys().next().value!);
  return false;
}
