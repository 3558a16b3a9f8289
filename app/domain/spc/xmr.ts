// XmR (individuals) chart limits per segment, as NHSRplotthedots 0.2.x
// ptd_spc_standard() computes them.
import type { SpcSegment } from "./types";

/** What segmentLimits() decides; analyseSeries() adds the centre line, σz and runs analysis. */
export type SegmentLimits = Omit<SpcSegment, "cl" | "sigma_z" | "run_chart">;

/** NHSRplotthedots: `limit <- 2.66` (3 / d2, d2 = 1.128). */
export const LIMIT_MULTIPLIER = 2.66;
/** NHSRplotthedots: `limitclose <- 2 * (limit / 3)`, the "2σ" lines. */
export const TWO_SIGMA_MULTIPLIER = (2 * LIMIT_MULTIPLIER) / 3;
/** Nelson (1982) screening, as NHSRplotthedots and qicharts2: keep MR < 3.267 × MR̄. */
export const MR_SCREEN_MULTIPLIER = 3.267;
/** NHSRplotthedots / Making Data Count: fewer points than this give trial limits. */
export const TRIAL_LIMIT_POINTS = 12;

/**
 * Mean of values[from, to) the way R's mean() does it: sum, divide, then add
 * the mean residual. A second pass costs little and keeps "exactly on the
 * mean" decisions in line with R for decimal data.
 */
export function rMean(values: ArrayLike<number>, from: number, to: number): number {
  const n = to - from;
  let s = 0;
  for (let i = from; i < to; i++) s += values[i];
  s /= n;
  if (!Number.isFinite(s)) return s;
  let t = 0;
  for (let i = from; i < to; i++) t += values[i] - s;
  return s + t / n;
}

/** Mean (R-style, two passes) of the moving ranges |x_i − x_{i−1}| in [from, to) that are below `below`; and how many. */
function meanMovingRange(values: ArrayLike<number>, from: number, to: number, below: number): [number, number] {
  let s = 0;
  let count = 0;
  for (let i = from + 1; i < to; i++) {
    const mr = Math.abs(values[i] - values[i - 1]);
    if (mr < below) {
      s += mr;
      count++;
    }
  }
  if (count === 0) return [Number.NaN, 0];
  s /= count;
  let t = 0;
  for (let i = from + 1; i < to; i++) {
    const mr = Math.abs(values[i] - values[i - 1]);
    if (mr < below) t += mr - s;
  }
  return [s + t / count, count];
}

/**
 * Segment start indices: 0 plus each valid rebase index (0 < i < n), sorted,
 * without duplicates. NHSRplotthedots turns rebase points into groups with
 * cumsum(rebase), so a rebase at 0 or repeated adds nothing.
 */
export function segmentStarts(n: number, rebase: readonly number[] | undefined): number[] {
  const starts = [0];
  if (!rebase || rebase.length === 0 || n === 0) return starts;
  const sorted = rebase.filter((i) => Number.isInteger(i) && i > 0 && i < n).sort((a, b) => a - b);
  for (const i of sorted) if (i !== starts[starts.length - 1]) starts.push(i);
  return starts;
}

/**
 * Limits of one segment, values[first, end). The mean and MR̄ come from the
 * first `baseline` points when given (NHSRplotthedots fix_after_n_points,
 * applied per rebase group) and hold for the whole segment.
 */
export function segmentLimits(
  values: ArrayLike<number>,
  index: number,
  first: number,
  end: number,
  baseline: number | null,
  screenOutliers: boolean,
): SegmentLimits {
  const n = end - first;
  const calcEnd = baseline === null ? end : Math.min(end, first + baseline);
  const mean = rMean(values, first, calcEnd);

  // First MR̄ over every moving range of the calculation points.
  let [mrBar, kept] = meanMovingRange(values, first, calcEnd, Number.POSITIVE_INFINITY);
  const allRanges = kept;
  // Screen once: NHSRplotthedots keeps `mr < 3.267 * amr`. When MR̄ is 0
  // (a flat series) R would drop every range and return NaN limits; we keep
  // MR̄ = 0 so the limits sit on the mean.
  if (screenOutliers && mrBar > 0) {
    [mrBar, kept] = meanMovingRange(values, first, calcEnd, MR_SCREEN_MULTIPLIER * mrBar);
  }
  const hasLimits = allRanges > 0;
  return {
    index,
    first_index: first,
    last_index: end - 1,
    n,
    n_calculation: calcEnd - first,
    mean,
    mr_bar: hasLimits ? mrBar : null,
    screened_moving_ranges: allRanges - kept,
    ucl: hasLimits ? mean + LIMIT_MULTIPLIER * mrBar : null,
    lcl: hasLimits ? mean - LIMIT_MULTIPLIER * mrBar : null,
    upper_two_sigma: hasLimits ? mean + TWO_SIGMA_MULTIPLIER * mrBar : null,
    lower_two_sigma: hasLimits ? mean - TWO_SIGMA_MULTIPLIER * mrBar : null,
    trial_limits: n < TRIAL_LIMIT_POINTS,
  };
}
