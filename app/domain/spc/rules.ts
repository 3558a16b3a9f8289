// Special-cause rules, judged within one segment (NHSRplotthedots 0.2.x
// ptd_calculate_point_type() groups by rebase_group before applying them).
// Flags go into reusable typed arrays so the hot loops allocate nothing.
import type { TwoOfThreeMode } from "./types";

export interface RuleBuffers {
  /** sign(value − mean): 1, −1, or 0 on the mean. */
  rtm: Int8Array;
  astronomical: Uint8Array;
  shift: Uint8Array;
  trend: Uint8Array;
  twoOfThree: Uint8Array;
  /** Direction of the trend a point belongs to: 1 increasing, −1 decreasing. */
  trendDir: Int8Array;
  /** Beyond a 2σ line, and counted by the two-of-three rule in the chosen mode. */
  close: Uint8Array;
}

export function createRuleBuffers(capacity: number): RuleBuffers {
  return {
    rtm: new Int8Array(capacity),
    astronomical: new Uint8Array(capacity),
    shift: new Uint8Array(capacity),
    trend: new Uint8Array(capacity),
    twoOfThree: new Uint8Array(capacity),
    trendDir: new Int8Array(capacity),
    close: new Uint8Array(capacity),
  };
}

export interface RuleSettings {
  shiftLength: number;
  trendLength: number;
  twoOfThreeMode: TwoOfThreeMode;
}

/**
 * Centre line and limits of every point (NaN where a chart has none). XmR
 * charts repeat their segment's values; attribute charts (p, u, …) vary them
 * point by point with the denominator.
 */
export interface PointLines {
  cl: Float64Array;
  ucl: Float64Array;
  lcl: Float64Array;
  u2: Float64Array;
  l2: Float64Array;
}

export function createPointLines(capacity: number): PointLines {
  return {
    cl: new Float64Array(capacity),
    ucl: new Float64Array(capacity),
    lcl: new Float64Array(capacity),
    u2: new Float64Array(capacity),
    l2: new Float64Array(capacity),
  };
}

/**
 * Apply every rule to the points first..last of one segment, each against its
 * own centre line, limits and 2σ lines, writing flags into `buf`.
 */
export function markSegment(values: ArrayLike<number>, first: number, last: number, lines: PointLines, buf: RuleBuffers, settings: RuleSettings): void {
  const { rtm, astronomical, shift, trend, twoOfThree, trendDir, close } = buf;
  const countOutside = settings.twoOfThreeMode === "beyond_two_sigma";

  for (let i = first; i <= last; i++) {
    const y = values[i];
    const mean = lines.cl[i];
    const ucl = lines.ucl[i];
    const lcl = lines.lcl[i];
    const u2 = lines.u2[i];
    const l2 = lines.l2[i];
    rtm[i] = y > mean ? 1 : y < mean ? -1 : 0;
    // Strictly beyond the limits (ptd_spc_standard: y > upl | y < lpl). A
    // missing limit (NaN) compares false.
    const outside = y > ucl || y < lcl;
    astronomical[i] = outside ? 1 : 0;
    // ptd_spc_standard: close_to_limits = !outside_limits & (y < nlpl | y > nupl);
    // MDC 2023 counts points beyond the limits too.
    close[i] = (countOutside || !outside) && (y < l2 || y > u2) ? 1 : 0;
    shift[i] = 0;
    trend[i] = 0;
    twoOfThree[i] = 0;
    trendDir[i] = 0;
  }

  markShift(rtm, shift, first, last, settings.shiftLength);
  markTrend(values, trend, trendDir, first, last, settings.trendLength);
  markTwoOfThree(rtm, close, twoOfThree, first, last);
}

/**
 * Shift: `length` or more points in a row on the same side of the mean; a
 * point on the mean breaks the run (ptd_seven_point_one_side_mean). Every
 * point of the run is flagged (ptd_part_of_seven_trend).
 */
function markShift(rtm: Int8Array, out: Uint8Array, first: number, last: number, length: number): void {
  let start = first;
  for (let i = first; i <= last + 1; i++) {
    if (i <= last && i > start && rtm[i] === rtm[start]) continue;
    if (i > start && rtm[start] !== 0 && i - start >= length) {
      for (let k = start; k < i; k++) out[k] = 1;
    }
    start = i;
  }
}

/**
 * Trend: `length` or more points each strictly higher (or lower) than the one
 * before; an equal value breaks it (ptd_seven_point_trend uses sign(diff)).
 * Every point of the run is flagged, the first included. A point shared by two
 * trends (a peak) takes the later one's direction, as NHSRplotthedots "uses
 * the right side".
 */
function markTrend(values: ArrayLike<number>, out: Uint8Array, dir: Int8Array, first: number, last: number, length: number): void {
  // Runs of equal-signed differences; a run of k differences covers k + 1 points.
  let runStart = first; // first point of the current run
  let runSign = 0;
  for (let j = first; j <= last; j++) {
    // Sign of the difference from point j to j + 1 (0 past the end closes the run).
    const d = j < last ? Math.sign(values[j + 1] - values[j]) : 0;
    if (d !== 0 && d === runSign) continue;
    // The run of sign runSign covers points runStart..j.
    if (runSign !== 0 && j - runStart + 1 >= length) {
      for (let k = runStart; k <= j; k++) {
        out[k] = 1;
        dir[k] = runSign;
      }
    }
    runStart = j;
    runSign = d;
  }
}

/**
 * Two of three: in three consecutive points all on the same side of the mean,
 * at least two are beyond the 2σ line (ptd_two_in_three requires
 * abs(sum(relative_to_mean)) == 3, the issue #143 fix). Only those points are
 * flagged (ptd_part_of_two_in_three).
 */
function markTwoOfThree(rtm: Int8Array, close: Uint8Array, out: Uint8Array, first: number, last: number): void {
  for (let w = first; w + 2 <= last; w++) {
    const side = rtm[w];
    if (side === 0 || rtm[w + 1] !== side || rtm[w + 2] !== side) continue;
    if (close[w] + close[w + 1] + close[w + 2] < 2) continue;
    if (close[w]) out[w] = 1;
    if (close[w + 1]) out[w + 1] = 1;
    if (close[w + 2]) out[w + 2] = 1;
  }
}
