// Where a redirect may send someone (`redirectTo`, `back`): a path on this site, written
// in URL-safe ASCII only. Anything else goes to the fallback. Non-ASCII must never reach
// a Location header: the Fetch Headers class throws on it, which turned an already
// committed sign-in or write into a 500.
import { z } from "zod";

const MAX_LENGTH = 2048;
// One "/" then RFC 3986 path and query characters; "%" only as a complete escape.
// Not "//" or "/\": browsers read both as another host.
const SAFE_PATH = /^\/(?![/\\])(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$/;

export function safePath(to: unknown, fallback = "/"): string {
  return typeof to === "string" && to.length <= MAX_LENGTH && SAFE_PATH.test(to) ? to : fallback;
}

/** A form's redirect field: never refused, but read as `fallback` unless it is a safe path. */
export const redirectField = (fallback = "/") =>
  z
    .unknown()
    .optional()
    .transform((to) => safePath(to, fallback));
