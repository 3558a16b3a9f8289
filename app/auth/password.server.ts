import { createRequire } from "node:module";
import { hash, verify } from "@node-rs/argon2";

// argon2id at OWASP's minimum (m = 19 MiB, t = 2, p = 1).
const ARGON2_OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/password-rules";

export { PASSWORD_MAX, PASSWORD_MIN };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A fixed hash to verify against when the email is unknown, so timing does not reveal accounts.
let dummyHash: Promise<string> | undefined;
export function dummyVerify(password: string): Promise<boolean> {
  dummyHash ??= hashPassword("stepping-up-dummy-password");
  return dummyHash.then((h) => verifyPassword(h, password));
}

/** NCSC / NIST 800-63B style: length only, no composition rules, no common passwords. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `Password must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `Password must be ${PASSWORD_MAX} characters or fewer`;
  if (isCommonPassword(password)) return "This password is too common: choose one that is harder to guess";
  return null;
}

// Words people reach for first at work; with a number or symbol added they are still guessed early.
const OBVIOUS_WORDS = [
  "password",
  "passw0rd",
  "qwerty",
  "letmein",
  "welcome",
  "changeme",
  "admin",
  "nhs",
  "steppingup",
  "hospital",
  "trust",
  "iloveyou",
  "monkey",
  "dragon",
];
const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s", "!": "i" };

// The list of common passwords is large: loaded when a password is first checked, not in every process at start.
let listed: { check: (password: string) => boolean } | undefined;
const dumbPasswords = () => (listed ??= createRequire(import.meta.url)("dumb-passwords") as { check: (password: string) => boolean });

/** A listed password, or an obvious word with digits, symbols or a season/year added ("password123", "Welcome2024!"). */
export function isCommonPassword(password: string): boolean {
  if (dumbPasswords().check(password)) return true;
  const lower = password.toLowerCase();
  // The letters left once digits and symbols are taken off the ends, and the whole with look-alike digits read as letters.
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, "");
  const deLeet = lower.replace(/[013457@$!]/g, (c) => LEET[c] ?? c).replace(/[^a-z]/g, "");
  for (const candidate of [core, deLeet, core.replace(/[^a-z]/g, "")]) {
    if (candidate.length === 0) return true; // only digits and symbols
    if (candidate.length >= 4 && dumbPasswords().check(candidate)) return true;
    if (OBVIOUS_WORDS.some((w) => candidate === w || (candidate.startsWith(w) && candidate.length - w.length <= 4))) return true;
  }
  return false;
}
