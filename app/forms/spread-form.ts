// Spread (issue 16 §3): marking an adopted change idea ready to spread, and withdrawing the mark.
import { z } from "zod";
import { requiredText } from "~/forms/text-field";

const version = z.coerce.number().int().positive();

export const SpreadSchema = z
  .object({
    intent: z.literal("spread"),
    version,
    spreadSummary: requiredText("Enter what another team should copy", { what: "What to copy", max: 200 }),
  })
  .strict();
export const UnspreadSchema = z.object({ intent: z.literal("unspread"), version }).strict();
