// Types for the SPC engine. Keys of SpcInput and SpcResult are snake_case on
// purpose: the JSON API passes them through unchanged.

// Enumerations shared with the database and forms are defined once, in ~/domain/enums.
import {
  ASSURANCE_ICONS,
  CHART_TYPES,
  IMPROVEMENT_DIRECTIONS,
  VARIATION_ICONS,
  type AssuranceIcon,
  type ChartType,
  type ImprovementDirection,
  type VariationIcon,
} from "../enums";

export { ASSURANCE_ICONS, CHART_TYPES, IMPROVEMENT_DIRECTIONS, VARIATION_ICONS };
export type { AssuranceIcon, ChartType, ImprovementDirection, VariationIcon };

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

/**
 * Chart types, as qicharts2 names them: "xmr" (the XmR / I chart of Making
 * Data Count), "run" (median, no limits), "p" and "pp" (proportions; pp is
 * Laney's p′), "u" and "up" (rates; up is Laney's u′), "c" (counts), "g"
 * (opportunities or days between events) and "t" (time between events).
 */
/** Charts whose values are numerators over `denominators`. */
export const RATIO_CHARTS: readonly ChartType[] = ["p", "pp", "u", "up"];
/** Laney's prime charts (σ scaled by σz). */
export const PRIME_CHARTS: readonly ChartType[] = ["pp", "up"];

export interface SpcInput {
  /** The measurements (xmr, run), numerators (p, pp, u, up), counts (c), or intervals between events (g, t). */
  values: number[];
  /** Default "xmr". */
  chart?: ChartType;
  /** One per value, for p, pp, u and up: the subgroup size (patients, bed days). */
  denominators?: number[];
  /** Scales the plotted value, centre line and limits alike (100 for %, 1,000 for "per 1,000 bed days"). Default 1. */
  multiply?: number;
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
  chart: ChartType;
  multiply: number;
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
  /** Centre line of the segment (the mean; the median on run and g charts), as plotted. */
  cl: number;
  /** Laney's σz for p′ and u′ charts; null for every other chart (and when it cannot be computed). */
  sigma_z: number | null;
  /** Anhøj runs analysis of the segment's points around its centre line (qicharts2 runs.analysis per part). */
  run_chart: SegmentRuns;
}

/** The Anhøj reading of one segment, as qicharts2 reports it per part. */
export interface SegmentRuns {
  n_useful: number;
  longest_run: number | null;
  longest_run_max: number | null;
  crossings: number | null;
  crossings_min: number | null;
  signal: boolean;
}

export interface SpcPoint {
  index: number;
  /** The plotted value (same as y; kept for the fields that read it). */
  value: number;
  /** The plotted value: the measurement, numerator ÷ denominator, or count, times `multiply`. */
  y: number;
  /** The input value for ratio charts (the numerator); null otherwise. */
  numerator: number | null;
  /** The denominator for ratio charts; null otherwise. */
  denominator: number | null;
  /** This point's centre line (the segment's). */
  cl: number;
  /** Strictly beyond this point's own limits. */
  outside: boolean;
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
  chart: ChartType;
  /** Centre line and limits of the latest point (its segment's, on XmR charts). */
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
