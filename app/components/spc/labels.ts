// Words for SPC icons, signals and rules, as Making Data Count names them.
import type { AssuranceIcon, Direction, SpcPoint, SpcRule, SpecialCause, VariationIcon } from "~/domain/spc";

export const VARIATION_ICON_LABELS: Record<VariationIcon, string> = {
  common_cause: "Common cause variation",
  special_cause_improvement_high: "Special cause improvement (high)",
  special_cause_improvement_low: "Special cause improvement (low)",
  special_cause_concern_high: "Special cause concern (high)",
  special_cause_concern_low: "Special cause concern (low)",
  special_cause_neutral_high: "Special cause neutral variation (high)",
  special_cause_neutral_low: "Special cause neutral variation (low)",
};

export const ASSURANCE_ICON_LABELS: Record<AssuranceIcon, string> = {
  consistent_pass: "Consistently passing the target",
  consistent_fail: "Consistently failing the target",
  inconsistent: "Hit and miss: the target may or may not be met",
};

export const SPECIAL_CAUSE_LABELS: Record<SpecialCause, string> = {
  improvement: "Special cause improvement",
  concern: "Special cause concern",
  neutral: "Special cause neutral variation",
  common: "Common cause",
};

export const RULE_LABELS: Record<SpcRule, string> = {
  astronomical: "outside the process limits",
  trend: "trend",
  two_of_three: "two of three close to a limit",
  shift: "shift",
};

const DIRECTION_WORDS: Record<Direction, string> = { high: "high", low: "low" };

/** "special cause improvement (shift)" or "common cause". */
export function pointSignalText(point: Pick<SpcPoint, "special_cause" | "rule" | "direction">): string {
  if (point.special_cause === "common" || point.rule === null) return "common cause";
  const cause = SPECIAL_CAUSE_LABELS[point.special_cause].toLowerCase();
  const direction = point.direction ? `, ${DIRECTION_WORDS[point.direction]}` : "";
  return `${cause} (${RULE_LABELS[point.rule]}${direction})`;
}
