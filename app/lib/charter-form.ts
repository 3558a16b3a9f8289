// Zod pieces shared by the proposal, charter, decision and progress forms (client and server).
import { z } from "zod";
import { isIsoDay } from "~/lib/dates";
import { PII_CONFIRM_FIELD } from "~/lib/pii-field";

export const SHORT_TEXT = 200;
export const LONG_TEXT = 5000;

/** A strict object whose refusal of a forged field reads like the rest of the form's messages. */
export function strictForm<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(
    { ...shape, [PII_CONFIRM_FIELD]: z.literal("yes").optional() },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `This form cannot change ${issue.keys.join(", ")}. Reload the page and try again`
          : undefined,
    },
  );
}

export const requiredText = (missing: string, max = LONG_TEXT, what = "This") =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `${what} must be ${max.toLocaleString("en-GB")} characters or fewer`);

export const optionalText = (what: string, max = LONG_TEXT) =>
  z
    .string()
    .trim()
    .max(max, `${what} must be ${max.toLocaleString("en-GB")} characters or fewer`)
    .optional();

export const optionalNumber = (message: string) =>
  z.number({ error: message }).gte(-1e12, message).lte(1e12, message).optional();

export const optionalDay = (message: string) =>
  z.string({ error: message }).refine((v) => isIsoDay(v), message).optional();

/** An id chosen from a list; anything else is a forged or stale value. */
export const optionalId = (message: string) => z.number({ error: message }).int(message).positive(message).optional();

export const requiredId = (message: string) => z.number({ error: message }).int(message).positive(message);

export const version = () => z.number({ error: "Reload the page and try again" }).int().positive();
