import { describe, expect, it } from "vitest";
import { isCommonPassword, passwordProblem } from "~/auth/password.server";

describe("common passwords", () => {
  it.each(["password123", "Password123!", "P@ssw0rd1", "Welcome2024!", "letmein99", "qwerty12345", "12345678", "!!!!!!!!", "nhs12345", "Passw0rd"])(
    "refuses %s",
    (pw) => {
      expect(isCommonPassword(pw)).toBe(true);
      expect(passwordProblem(pw)).toBe("This password is too common: choose one that is harder to guess");
    },
  );

  it.each(["correct horse battery staple", "trustworthy kettle on the ward", "Blue-Gannet-Harbour-41", "passwordless sign in please"])("accepts %s", (pw) => {
    expect(isCommonPassword(pw)).toBe(false);
    expect(passwordProblem(pw)).toBeNull();
  });
});
