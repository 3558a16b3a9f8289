import { hash, verify } from "@node-rs/argon2";
import dumbPasswords from "dumb-passwords";

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
  if (dumbPasswords.check(password)) return "This password is too common: choose one that is harder to guess";
  return null;
}
