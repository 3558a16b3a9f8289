// The SMART aim's fields and their rules, shared by the proposal and the charter: optional while the
// aim takes shape, each checked the same way wherever it is typed.
import { optionalNumber, SHORT_TEXT } from "~/forms/charter-form";
import { optionalDay } from "~/forms/day-field";
import { optionalText } from "~/forms/text-field";

export const SMART_AIM_FIELDS = {
  aimWhat: optionalText({ what: "What will improve", max: SHORT_TEXT * 2 }),
  aimForWhom: optionalText({ what: "For whom", max: SHORT_TEXT * 2 }),
  aimMeasure: optionalText({ what: "The measure", max: SHORT_TEXT * 2 }),
  aimBaseline: optionalNumber("Enter the baseline as a number, like 58 or 12.5"),
  aimTarget: optionalNumber("Enter the target as a number, like 90 or 12.5"),
  aimTargetDate: optionalDay("The date to reach the target"),
};

export type SmartAim = {
  aimWhat: string;
  aimForWhom: string;
  aimMeasure: string;
  aimBaseline: number | null;
  aimTarget: number | null;
  aimTargetDate: string | null;
};

/** The parsed fields as the project stores them (empty text, null numbers and dates). */
export function smartAimValues(v: { [K in keyof SmartAim]?: SmartAim[K] | undefined }): SmartAim {
  return {
    aimWhat: v.aimWhat ?? "",
    aimForWhom: v.aimForWhom ?? "",
    aimMeasure: v.aimMeasure ?? "",
    aimBaseline: v.aimBaseline ?? null,
    aimTarget: v.aimTarget ?? null,
    aimTargetDate: v.aimTargetDate ?? null,
  };
}
