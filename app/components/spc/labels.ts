// Words for SPC icons, signals and rules, as Making Data Count names them.
import type { Direction, SpcPoint, SpcRule, SpecialCause } from "~/domain/spc";

// The icon names live in the domain, shared with the CSV exports.
export { ASSURANCE_ICON_LABELS, VARIATION_ICON_LABELS } from "~/domain/spc/icon-labels";

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
