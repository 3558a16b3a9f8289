// Zod pieces shared by the proposal, charter, decision and progress forms (client and server).
import { z } from "zod";
import { MAX_MAGNITUDE } from "~/domain/plausible";
import { PII_CONFIRM_FIELD } from "~/forms/pii-field";

export const SHORT_TEXT = 200;
export const LONG_TEXT = 5000;

/** A strict object whose refusal of a forged field reads like the rest of the form's messages. */
export function strictForm<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(
    { ...shape, [PII_CONFIRM_FIELD]: z.literal("yes").optional() },
    {
      error: (issue) => (issue.code === "unrecognized_keys" ? `This form cannot change ${issue.keys.join(", ")}. Reload the page and try again` : undefined),
    },
  );
}

export const optionalNumber = (message: string) => z.number({ error: message }).gte(-MAX_MAGNITUDE, message).lte(MAX_MAGNITUDE, message).optional();

/** An id chosen from a list; anything else is a forged or stale value. */
export const optionalId = (message: string) => z.number({ error: message }).int(message).positive(message).optional();

export const requiredId = (message: string) => z.number({ error: message }).int(message).positive(message);

export const version = () => z.number({ error: "Reload the page and try again" }).int().positive();
