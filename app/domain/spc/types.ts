// Types for the SPC engine. Keys of SpcInput and SpcResult are snake_case on
// purpose: the JSON API passes them through unchanged.

// Enumerations shared with the database and forms are defined once, in ~/domain/enums.
import { ASSURANCE_ICONS, IMPROVEMENT_DIRECTIONS, VARIATION_ICONS, type AssuranceIcon, type ImprovementDirection, type VariationIcon } from "../enums";

export { ASSURANCE_ICONS, IMPROVEMENT_DIRECTIONS, VARIATION_ICONS };
export type { AssuranceIcon, ImprovementDirection, VariationIcon };

/**
 * "between_limits": NHSRplotthedots 0.2.x (a point beyond the process limits
 * does not count towards two-of-three). "beyond_two_sigma": Making Data Count
 * 2023 guidance (it does).
 */
export const TWO_OF_THREE_MODES = ["between_limits", "beyond_two_sigma"] as const;
export type TwoOfThreeMode = (typeof TWO_OF_THREE_MODES)[number];

export const SPECIAL_CAUSES = ["improvement", "concern", "neutral", "common"] as const;
export type SpecialCause = (typeof SPECIAL_CAUSES)[number];

export type Direction = "high" | "low";

/** Special-cause rules, listed in priority order (NHSRplotthedots ptd_special_cause_type). */
export const SPC_RULES = ["astronomical", "trend", "two_of_three", "shift"] as const;
export type SpcRule = (typeof SPC_RULES)[number];

export interface SpcInput {
  values: number[];
  /** Passed through to the points; the engine never parses them. */
  dates?: string[];
  improvement: ImprovementDirection;
  target?: number | null;
  /** Fix each segment's mean and MR̄ on its first N points (NHSRplotthedots fix_after_n_points). */
  baseline?: number;
  /** 0-based indices that start a new segment. */
  rebase?: number[];
  screen_outliers?: boolean;
  shift_length?: number;
  trend_length?: number;
  two_of_three_mode?: TwoOfThreeMode;
}

/** The options actually used, after defaults. */
export interface SpcOptions {
  screen_outliers: boolean;
  shift_length: number;
  trend_length: number;
  two_of_three_mode: TwoOfThreeMode;
  baseline: number | null;
}

export interface SpcSegment {
  index: number;
  first_index: number;
  last_index: number;
  n: number;
  /** Points the mean and MR̄ were calculated from (the baseline, or the whole segment). */
  n_calculation: number;
  mean: number;
  /** Average moving range after screening; null when the segment has no moving range (one point). */
  mr_bar: number | null;
  /** Moving ranges dropped by screening (≥ 3.267 × the first MR̄). */
  screened_moving_ranges: number;
  ucl: number | null;
  lcl: number | null;
  upper_two_sigma: number | null;
  lower_two_sigma: number | null;
  trial_limits: boolean;
}

export interface SpcPoint {
  index: number;
  value: number;
  date: string | null;
  segment: number;
  mean: number;
  ucl: number | null;
  lcl: number | null;
  upper_two_sigma: number | null;
  lower_two_sigma: number | null;
  astronomical: boolean;
  shift: boolean;
  trend: boolean;
  two_of_three: boolean;
  /** The rule that decided special_cause and direction, or null for common cause. */
  rule: SpcRule | null;
  special_cause: SpecialCause;
  direction: Direction | null;
}

export interface IhiRunRules {
  /** Six or more consecutive points on one side of the median (points on it are skipped). */
  shift: boolean;
  /** Five or more points each higher (or lower) than the last; equal values are skipped. */
  trend: boolean;
  /** IHI leaves this to judgement: here, any point outside its segment's XmR process limits. */
  astronomical: boolean;
  shift_length: number;
  trend_length: number;
  longest_shift: number;
  longest_trend: number;
}

/** The Anhøj rules' reading of a series around a centre line. */
export interface AnhojRuns {
  n_useful: number;
  longest_run: number | null;
  longest_run_max: number | null;
  crossings: number | null;
  crossings_min: number | null;
  /** Longest run too long or too few crossings. */
  signal: boolean;
}

export interface RunChartResult extends AnhojRuns {
  median: number | null;
  /** Points the median was taken from (the baseline, or all). */
  n_median: number;
  n_obs: number;
  ihi: IhiRunRules;
}

export interface SpcResult {
  n: number;
  improvement: ImprovementDirection;
  target: number | null;
  options: SpcOptions;
  /** Mean and limits of the latest segment. */
  mean: number | null;
  ucl: number | null;
  lcl: number | null;
  upper_two_sigma: number | null;
  lower_two_sigma: number | null;
  mr_bar: number | null;
  /** Latest segment has fewer than 12 points. */
  trial_limits: boolean;
  variation_icon: VariationIcon | null;
  assurance_icon: AssuranceIcon | null;
  segments: SpcSegment[];
  points: SpcPoint[];
  run_chart: RunChartResult;
}
