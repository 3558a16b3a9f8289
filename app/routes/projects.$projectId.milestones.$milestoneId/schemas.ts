// The milestone page's forms, shared by the browser (validation as you submit) and the action.
import type { SubmissionResult } from "@conform-to/react";
import { z } from "zod";
import { forecastMoveNeedsReason, MILESTONE_REASON_MAX, MILESTONE_TITLE_MAX } from "~/domain/milestone-rules";
import { milestoneOwnerFields, ownerNotBoth } from "~/forms/milestone-owner";
import type { Conflict } from "~/domain/conflict";
import { formatDay } from "~/web/dates";
import { dayField, isPlausibleDay } from "~/forms/day-field";
import { PII_CONFIRM_FIELD } from "~/forms/pii-field";
import { optionalText, requiredText } from "~/forms/text-field";

const version = z.number({ error: "Reload the page and try again" }).int().positive();
const title = requiredText("Enter the milestone", {
  what: "The milestone",
  max: MILESTONE_TITLE_MAX,
});

/** Built with what the page showed: the stored forecast decides whether a reason is needed. */
export function updateSchema(ctx: { today: string; currentForecast: string }) {
  return z
    .object({
      intent: z.literal("update"),
      version,
      title,
      ...milestoneOwnerFields,
      forecastDate: dayField({
        what: "The forecast date",
        required: "Enter the forecast date",
      }),
      forecastReason: optionalText({
        what: "The reason",
        max: MILESTONE_REASON_MAX,
        multiline: true,
      }),
      completedOn: dayField({
        what: "The completed date",
        required: "Enter the date it was completed",
        notAfter: {
          day: ctx.today,
          message: "The completed date must be today or in the past",
        },
        optional: true,
      }),
      [PII_CONFIRM_FIELD]: z.literal("yes").optional(),
    })
    .strict()
    .refine(...ownerNotBoth)
    .refine((v) => !isPlausibleDay(v.forecastDate ?? "") || !forecastMoveNeedsReason(ctx.currentForecast, v.forecastDate) || Boolean(v.forecastReason), {
      path: ["forecastReason"],
      message: `Give the reason the forecast is moving later than ${formatDay(ctx.currentForecast)}`,
      when: () => true,
    });
}

export function rebaselineSchema(ctx: { currentBaseline: string }) {
  return z
    .object({
      intent: z.literal("rebaseline"),
      version,
      baselineDate: dayField({
        what: "The new baseline date",
        required: "Enter the new baseline date",
      }).refine((v) => v !== ctx.currentBaseline, `The baseline is already ${formatDay(ctx.currentBaseline)}: enter a different date`),
      reason: requiredText("Give the reason for re-baselining", {
        what: "The reason",
        max: MILESTONE_REASON_MAX,
        multiline: true,
      }),
      [PII_CONFIRM_FIELD]: z.literal("yes").optional(),
    })
    .strict();
}

export const DeleteSchema = z.object({ intent: z.literal("delete"), version }).strict();

export type ActionResult = {
  intent: "update" | "rebaseline" | "delete";
  result: SubmissionResult<string[]>;
  conflict?: Conflict;
  pii?: boolean;
};
