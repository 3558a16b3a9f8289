import { isIP } from "node:net";
import { z } from "zod";

/** Express's `trust proxy`: a hop count, or the addresses of the proxies in front of the server. */
export type TrustProxy = number | string[];

const isProxyAddress = (entry: string) => {
  const [address, bits, extra] = entry.split("/");
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
};

/**
 * TRUST_PROXY: `0` (no proxy), a hop count (`1`, `2`), or a comma-separated list of proxy
 * addresses or CIDR ranges. Never `true`: trusting every hop lets a client choose its own
 * address with a forged left-most X-Forwarded-For entry.
 */
export const trustProxySetting = z
  .string()
  .trim()
  .default("0")
  .transform((value, ctx): TrustProxy => {
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const entries = value.split(",").map((e) => e.trim());
    const bad = entries.filter((e) => !isProxyAddress(e));
    if (bad.length === 0) return entries;
    ctx.addIssue({
      code: "custom",
      message: `TRUST_PROXY must be a hop count (0, 1, 2) or a comma-separated list of proxy addresses or CIDR ranges; not ${bad.map((b) => JSON.stringify(b)).join(", ")}`,
    });
    return z.NEVER;
  });
