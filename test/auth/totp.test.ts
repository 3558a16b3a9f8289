// The TOTP core against RFC 6238's test vectors and against @epic-web/totp itself.
import { afterEach, describe, expect, it, vi } from "vitest";
import { generateTOTP } from "@epic-web/totp";
import { base32Decode, checkTotp, hashRecoveryCode, hotp, newRecoveryCodes, newTotpSecret, totpAt, totpQrSvg, totpUri } from "~/auth/totp.server";
import { isSecondFactorInput } from "~/auth/second-factor-rules";

// RFC 6238 appendix B: the SHA-1 key "12345678901234567890", 8 digits.
const RFC_KEY = Buffer.from("12345678901234567890");
const RFC_VECTORS: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

afterEach(() => vi.useRealTimers());

describe("TOTP", () => {
  it("matches RFC 6238's SHA-1 test vectors", () => {
    expect(RFC_VECTORS.length).toBeGreaterThan(0);
    for (const [seconds, code] of RFC_VECTORS) expect(hotp(RFC_KEY, Math.floor(seconds / 30), 8)).toBe(code);
  });

  it("agrees with @epic-web/totp for the secrets it makes", async () => {
    const secret = await newTotpSecret();
    expect(base32Decode(secret)).toHaveLength(10);
    for (const at of [Date.UTC(2026, 10, 26, 9, 0, 0), Date.UTC(2027, 0, 1, 0, 0, 29), 1_700_000_000_000]) {
      vi.useFakeTimers({ toFake: ["Date"], now: at });
      const { otp } = await generateTOTP({ secret, period: 30, digits: 6, algorithm: "SHA-1" });
      vi.useRealTimers();
      expect(totpAt(secret, at)).toBe(otp);
    }
  });

  it("accepts now and one step either side, refuses two steps away and any step already used", async () => {
    const secret = await newTotpSecret();
    const now = Date.UTC(2026, 10, 26, 9, 0, 10);
    const step = Math.floor(now / 30_000);
    for (const delta of [-1, 0, 1]) expect(checkTotp(secret, totpAt(secret, now + delta * 30_000), now, 0)).toEqual({ ok: true, step: step + delta });
    for (const delta of [-2, 2]) expect(checkTotp(secret, totpAt(secret, now + delta * 30_000), now, 0)).toEqual({ ok: false, reason: "wrong" });
    expect(checkTotp(secret, totpAt(secret, now), now, step)).toEqual({ ok: false, reason: "replayed" });
    expect(checkTotp(secret, totpAt(secret, now - 30_000), now, step)).toEqual({ ok: false, reason: "replayed" });
    expect(checkTotp(secret, totpAt(secret, now + 30_000), now, step)).toEqual({ ok: true, step: step + 1 });
    expect(checkTotp(secret, "12345", now, 0)).toEqual({ ok: false, reason: "wrong" });
  });

  it("makes an otpauth address and a QR code as SVG paths", async () => {
    const uri = totpUri("JBSWY3DPEHPK3PXP", "admin@example.org");
    expect(uri).toBe("otpauth://totp/Stepping%20Up:admin%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=Stepping+Up&algorithm=SHA1&digits=6&period=30");
    const qr = await totpQrSvg(uri);
    expect(qr.viewBox).toMatch(/^0 0 \d+ \d+$/);
    expect(qr.paths.length).toBeGreaterThan(0);
    expect(qr.paths.some((p) => p.stroke && p.d.length > 100)).toBe(true);
  });

  it("makes ten different recovery codes that the form accepts, hashed whatever their case or dashes", () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
      expect(isSecondFactorInput(code)).toBe(true);
      expect(hashRecoveryCode(code.toUpperCase().replace(/-/g, " "))).toBe(hashRecoveryCode(code));
    }
    expect(isSecondFactorInput("123456")).toBe(true);
    expect(isSecondFactorInput("1234567")).toBe(false);
    expect(isSecondFactorInput("abcd-efgh")).toBe(false);
  });
});
