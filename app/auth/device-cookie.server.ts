// OWASP's device cookies ("Slow Down Online Guessing Attacks with Device Cookies"): a browser
// that has signed in to an account carries a signed proof of it, so lockouts aimed at the
// account or at a shared address (a hospital's NAT) do not lock its owner out.
import crypto from "node:crypto";
import { createCookie, type AppLoadContext, type Cookie } from "@remix-run/node";
import { z } from "zod";
import { getSessionSecret } from "~/auth/secrets.server";
import { normaliseEmail } from "~/models/user.server";

const MAX_ACCOUNTS = 5; // a shared ward computer: the last few people who signed in on it
const ONE_YEAR_S = 365 * 24 * 3600;

const Entries = z.array(z.object({ email: z.string(), nonce: z.string().regex(/^[0-9a-f]{32}$/) })).max(MAX_ACCOUNTS);
type Entries = z.infer<typeof Entries>;

const cookies = new Map<string, Cookie>();

function deviceCookie(context: Pick<AppLoadContext, "isHttps">): Cookie {
  const secret = getSessionSecret();
  const key = `${context.isHttps}:${secret}`;
  let cookie = cookies.get(key);
  if (!cookie) {
    // Signed with HMAC-SHA256 under the session secret by Remix's createCookie.
    cookie = createCookie(context.isHttps ? "__Host-stepping_up_device" : "stepping_up_device", {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: context.isHttps,
      maxAge: ONE_YEAR_S,
      secrets: [secret],
    });
    cookies.set(key, cookie);
  }
  return cookie;
}

async function readEntries(request: Request, context: AppLoadContext): Promise<Entries> {
  const parsed = Entries.safeParse(await deviceCookie(context).parse(request.headers.get("Cookie")));
  return parsed.success ? parsed.data : [];
}

/** The nonce of this browser's valid device cookie for the account, or null. */
export async function deviceNonceFor(request: Request, context: AppLoadContext, email: string): Promise<string | null> {
  const wanted = normaliseEmail(email);
  return (await readEntries(request, context)).find((e) => e.email === wanted)?.nonce ?? null;
}

/** Set-Cookie for a fresh device cookie for the account, keeping the browser's other accounts. */
export async function issueDeviceCookie(request: Request, context: AppLoadContext, email: string): Promise<string> {
  const account = normaliseEmail(email);
  const others = (await readEntries(request, context)).filter((e) => e.email !== account);
  const entries = [{ email: account, nonce: crypto.randomBytes(16).toString("hex") }, ...others].slice(0, MAX_ACCOUNTS);
  return deviceCookie(context).serialize(entries);
}
