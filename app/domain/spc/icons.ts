// Making Data Count summary icons, as NHSRplotthedots 0.2.x derives them.
import type { AssuranceIcon, Direction, ImprovementDirection, SpecialCause, VariationIcon } from "./types";

/**
 * Signal class from the side a rule points to (ptd_point_type): for
 * "increase" high is improvement, for "decrease" low is; "neutral" measures
 * only say that something changed.
 */
export function classifySignal(improvement: ImprovementDirection, direction: Direction | null): SpecialCause {
  if (direction === null) return "common";
  if (improvement === "neutral") return "neutral";
  const good: Direction = improvement === "increase" ? "high" : "low";
  return direction === good ? "improvement" : "concern";
}

/** Variation icon from the latest point (ptd_get_icons filters x == max(x)). */
export function variationIcon(specialCause: SpecialCause, direction: Direction | null): VariationIcon {
  if (specialCause === "common" || direction === null) return "common_cause";
  return `special_cause_${specialCause}_${direction}`;
}

/**
 * Assurance icon: the target against the latest segment's limits
 * (ptd_calculate_assurance_type). Edges are strict there: `target > upl` and
 * `target < lpl`; a target exactly on a limit is "inconsistent". No target,
 * a neutral measure, or no limits (one point) give no icon.
 */
export function assuranceIcon(
  improvement: ImprovementDirection,
  target: number | null | undefined,
  ucl: number | null,
  lcl: number | null,
): AssuranceIcon | null {
  if (target === null || target === undefined || !Number.isFinite(target)) return null;
  if (improvement === "neutral" || ucl === null || lcl === null) return null;
  const increasing = improvement === "increase";
  if (target > ucl) return increasing ? "consistent_fail" : "consistent_pass";
  if (target < lcl) return increasing ? "consistent_pass" : "consistent_fail";
  return "inconsistent";
}
