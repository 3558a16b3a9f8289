// Half signed in: the password was right and an authenticator code is still to come. No session exists
// yet; the browser holds a signed, HttpOnly cookie naming the account for five minutes. It is bound to
// the account's version, so a password reset, a role change or disabling the account voids it.
import { createCookie, type AppLoadContext, type Cookie } from "@remix-run/node";
import { z } from "zod";
import { getSessionSecret } from "~/auth/secrets.server";
import { nowMs } from "~/clock.server";

export const PENDING_SIGN_IN_MS = 5 * 60_000;

const Pending = z.object({ userId: z.number().int().positive(), version: z.number().int(), redirectTo: z.string(), at: z.number() });
export type PendingSignIn = z.infer<typeof Pending>;

const cookies = new Map<string, Cookie>();

function pendingCookie(context: Pick<AppLoadContext, "isHttps">): Cookie {
  const secret = getSessionSecret();
  const key = `${context.isHttps}:${secret}`;
  let cookie = cookies.get(key);
  if (!cookie) {
    cookie = createCookie(context.isHttps ? "__Host-stepping_up_pending" : "stepping_up_pending", {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: context.isHttps,
      maxAge: PENDING_SIGN_IN_MS / 1000,
      secrets: [secret],
    });
    cookies.set(key, cookie);
  }
  return cookie;
}

export function startPendingSignIn(context: AppLoadContext, input: Omit<PendingSignIn, "at">): Promise<string> {
  return pendingCookie(context).serialize({ ...input, at: nowMs() });
}

/** The pending sign-in this browser holds, if it is signed and not older than five minutes. */
export async function readPendingSignIn(request: Request, context: AppLoadContext): Promise<PendingSignIn | null> {
  const parsed = Pending.safeParse(await pendingCookie(context).parse(request.headers.get("Cookie")));
  if (!parsed.success) return null;
  const age = nowMs() - parsed.data.at;
  return age >= 0 && age < PENDING_SIGN_IN_MS ? parsed.data : null;
}

export const endedPendingSignIn = (context: AppLoadContext) => pendingCookie(context).serialize("", { maxAge: 0 });
