// The Pulse Check's forms: setting up a campaign, and answering one (public, no account).
import { z } from "zod";
import { dayField } from "~/forms/day-field";
import { formToken, FORM_TOKEN_FIELD } from "~/forms/form-token";
import { requiredText } from "~/forms/text-field";
import { AGREEMENT, PULSE_AUDIENCES, PULSE_KINDS, STATEMENT_COUNT } from "~/domain/pulse";

const statement = requiredText("Enter the statement", { what: "The statement", max: 200 });
const statements = z.array(statement).length(STATEMENT_COUNT, `Enter all ${STATEMENT_COUNT} statements`).max(STATEMENT_COUNT);
const optionalId = (message: string) => z.coerce.number({ error: message }).int(message).positive(message).optional();

const campaignShape = {
  name: requiredText("Enter a name for the campaign", { what: "The name", max: 120 }),
  audience: z.enum(PULSE_AUDIENCES, { error: "Choose who is asked" }),
  waveId: optionalId("Choose a wave from the list"),
  kind: z.enum(PULSE_KINDS, { error: "Choose baseline or follow-up" }),
  baselineId: optionalId("Choose a baseline campaign from the list"),
  opensOn: dayField({ what: "The opening date", required: "Enter the opening date" }),
  closesOn: dayField({ what: "The closing date", required: "Enter the closing date" }),
};

type Shape = { audience: string; waveId?: number; kind: string; baselineId?: number; opensOn: string; closesOn: string };
const rules = <T extends z.ZodType<Shape>>(schema: T) =>
  schema
    .refine((c) => c.closesOn >= c.opensOn, { message: "The closing date must be on or after the opening date", path: ["closesOn"] })
    .refine((c) => c.audience !== "wave" || c.waveId !== undefined, { message: "Choose the wave whose teams are asked", path: ["waveId"] })
    .refine((c) => c.kind !== "follow_up" || c.baselineId !== undefined, {
      message: "Choose the baseline this follow-up is compared with",
      path: ["baselineId"],
    });

export const NewCampaignSchema = rules(z.object({ ...campaignShape, statements, [FORM_TOKEN_FIELD]: formToken() }).strict());
export const EditCampaignSchema = rules(
  z
    .object({ ...campaignShape, statements: statements.optional(), version: z.coerce.number({ error: "Reload the page and try again" }).int().positive() })
    .strict(),
);

/** The answer form's field for the statement at `position` (1-based). */
export const scoreField = (position: number) => `s${position}`;

export const PARTICIPATION = ["yes", "no"] as const;

/** Every statement answered on the five-point scale; division and participation optional. */
export function answerSchema(count: number) {
  const scores = Object.fromEntries(
    Array.from({ length: count }, (_, i) => [scoreField(i + 1), z.enum(AGREEMENT, { error: `Choose how much you agree with statement ${i + 1}` })]),
  ) as Record<string, z.ZodEnum<{ [K in (typeof AGREEMENT)[number]]: K }>>;
  return z
    .object({
      ...scores,
      divisionId: z.coerce.number({ error: "Choose a division from the list" }).int().positive("Choose a division from the list").optional(),
      participant: z.enum(PARTICIPATION, { error: "Choose yes or no" }).optional(),
    })
    .strict();
}
