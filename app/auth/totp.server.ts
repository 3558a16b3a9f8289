// Time-based one-time passwords (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps, ±1 step).
// @epic-web/totp makes the secret and the otpauth:// address; codes are checked here against the
// app's clock (app/clock.server.ts) by explicit time step, so the step a code was accepted for can be
// stored and never accepted again, and tests can fix the time (the library reads Date itself and
// reports only a delta). test/auth/totp.test.ts proves both agree with the RFC's test vectors.
import crypto from "node:crypto";
import { generateTOTP, getTOTPAuthUri } from "@epic-web/totp";
import { normaliseRecoveryCode } from "~/auth/second-factor-rules";

export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of now that are still accepted (clock drift between phone and server). */
export const TOTP_WINDOW = 1;
const ISSUER = "Stepping Up";

/** A new random secret (80 bits, base32), as authenticator apps expect. */
export async function newTotpSecret(): Promise<string> {
  return (await generateTOTP({ period: TOTP_PERIOD_S, digits: TOTP_DIGITS, algorithm: "SHA-1" })).secret;
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secret: string, accountName: string): string {
  return getTOTPAuthUri({ secret, accountName, issuer: ISSUER, period: TOTP_PERIOD_S, digits: TOTP_DIGITS, algorithm: "SHA-1" });
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=-]/g, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const index = BASE32.indexOf(ch);
    if (index < 0) throw new Error("Not a base32 secret");
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP of one counter value. */
export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = crypto.createHmac("sha1", key).update(message).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

export const timeStep = (ms: number) => Math.floor(ms / 1000 / TOTP_PERIOD_S);

/** The code for a base32 secret at an instant (tests and the enrolment page's own checks). */
export const totpAt = (secret: string, ms: number) => hotp(base32Decode(secret), timeStep(ms));

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "wrong" | "replayed" };

/**
 * Checks a code against now ±1 step. A code of a step at or before `lastStep` (already used, or older
 * than one that was) is refused as a replay.
 */
export function checkTotp(secret: string, code: string, nowMs: number, lastStep: number): TotpCheck {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: "wrong" };
  const key = base32Decode(secret);
  const now = timeStep(nowMs);
  let replayed = false;
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step++) {
    if (crypto.timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(code))) {
      if (step > lastStep) return { ok: true, step };
      replayed = true;
    }
  }
  return { ok: false, reason: replayed ? "replayed" : "wrong" };
}

export type QrSvg = { viewBox: string; paths: { fill: string | null; stroke: string | null; d: string }[] };

/**
 * The QR code of the otpauth:// address, rendered on the server by qrcode as SVG and handed to React
 * as its view box and paths, so the page needs neither inline markup nor inline styles (CSP).
 */
export async function totpQrSvg(uri: string): Promise<QrSvg> {
  // Loaded on first use, like the Pulse Check poster: few requests need a QR code.
  const { default: QRCode } = await import("qrcode");
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  const viewBox = /viewBox="([\d .]+)"/.exec(svg)?.[1];
  const paths = [...svg.matchAll(/<path (fill|stroke)="(#[0-9a-fA-F]{3,8})" d="([^"]+)"\/>/g)].map(([, kind, colour, d]) => ({
    fill: kind === "fill" ? colour : null,
    stroke: kind === "stroke" ? colour : null,
    d,
  }));
  if (!viewBox || paths.length === 0) throw new Error("qrcode returned an SVG this page cannot read");
  return { viewBox, paths };
}

/** Recovery codes: 80 random bits each, shown as four groups of four base32 characters. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = crypto.randomBytes(10);
    let bits = 0;
    let value = 0;
    let out = "";
    for (const byte of bytes) {
      value = (value << 8) | byte;
      bits += 8;
      while (bits >= 5) {
        out += BASE32[(value >>> (bits - 5)) & 31];
        bits -= 5;
      }
    }
    return out.toLowerCase().match(/.{4}/g)!.join("-");
  });
}

/**
 * Recovery codes are stored as SHA-256, like session ids: each has 80 random bits, so a slow password
 * hash adds nothing against guessing and a fast hash lets sign-in compare all ten at once.
 */
export const hashRecoveryCode = (code: string) => crypto.createHash("sha256").update(normaliseRecoveryCode(code)).digest("hex");
