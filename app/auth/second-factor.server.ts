// What the second sign-in step and the enrolment page check: a code against the app's clock, or a
// recovery code against its stored hash. Writing the result is the caller's command.
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";
import { checkTotp, hashRecoveryCode, type TotpCheck } from "~/auth/totp.server";
import { isTotpCode } from "~/auth/second-factor-rules";
import { findUnusedRecoveryCode, getConfirmedTwoFactor } from "~/models/two-factor.server";

export type SecondFactorCheck =
  | { ok: true; factor: { kind: "totp"; step: number } | { kind: "recovery"; codeId: number } }
  | { ok: false; reason: "wrong" | "replayed" | "recovery" | "none" };

export function checkSecondFactor(db: Db, userId: number, input: string): SecondFactorCheck {
  const factor = getConfirmedTwoFactor(db, userId);
  if (!factor) return { ok: false, reason: "none" };
  if (isTotpCode(input)) {
    const result = checkTotp(factor.secret, input.replace(/\s/g, ""), nowMs(), factor.lastStep);
    return result.ok ? { ok: true, factor: { kind: "totp", step: result.step } } : result;
  }
  const found = findUnusedRecoveryCode(db, userId, hashRecoveryCode(input));
  return found ? { ok: true, factor: { kind: "recovery", codeId: found.id } } : { ok: false, reason: "recovery" };
}

/** The enrolment page's check of the first code against the secret it showed. */
export const checkFirstCode = (secret: string, code: string): TotpCheck => checkTotp(secret, code.replace(/\s/g, ""), nowMs(), 0);
