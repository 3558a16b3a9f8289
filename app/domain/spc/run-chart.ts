// Run chart analysis of the whole series (rebases ignored): Anhøj rules as
// qicharts2 runs.analysis() applies them, and the older IHI rules
// (Perla, Provost & Murray 2011) alongside.
import { qbinomHalf } from "./binomial";
import type { AnhojRuns, RunChartResult } from "./types";

export const IHI_SHIFT_LENGTH = 6;
export const IHI_TREND_LENGTH = 5;

/** R's median() of values[0, m), sorted in `scratch` (capacity ≥ m) to avoid allocating. */
export function median(values: ArrayLike<number>, m: number, scratch: Float64Array): number | null {
  if (m <= 0) return null;
  for (let i = 0; i < m; i++) scratch[i] = values[i];
  const sorted = scratch.subarray(0, m).sort();
  const half = m >> 1;
  return m % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}

/**
 * @param baseline like qicharts2 `freeze`: the median comes from the first
 *   `baseline` points, the runs are counted over all of them.
 * @param anyAstronomical whether any point is outside its XmR process limits.
 */
export function analyseRunChart(
  values: ArrayLike<number>,
  n: number,
  baseline: number | null,
  anyAstronomical: boolean,
  scratch: Float64Array,
): RunChartResult {
  const nMedian = baseline === null ? n : Math.min(n, baseline);
  const centre = median(values, nMedian, scratch);

  const runs = anhojRuns(values, n, centre);
  const longest = runs.longest_run ?? 0;

  // IHI trend: equal neighbours are dropped, so they neither add nor break.
  let longestTrend = n > 0 ? 1 : 0;
  let trendLen = 1;
  let trendSign = 0;
  let prev = n > 0 ? values[0] : 0;
  for (let i = 1; i < n; i++) {
    const y = values[i];
    if (y === prev) continue;
    const s = y > prev ? 1 : -1;
    trendLen = s === trendSign ? trendLen + 1 : 2;
    trendSign = s;
    prev = y;
    if (trendLen > longestTrend) longestTrend = trendLen;
  }

  const ihi = {
    // A shift of six on one side of the median, median points skipped, is a
    // run in Anhøj's sense, so the longest run decides it.
    shift: longest >= IHI_SHIFT_LENGTH,
    trend: longestTrend >= IHI_TREND_LENGTH,
    astronomical: anyAstronomical,
    shift_length: IHI_SHIFT_LENGTH,
    trend_length: IHI_TREND_LENGTH,
    longest_shift: longest,
    longest_trend: longestTrend,
  };

  return { median: centre, n_median: nMedian, n_obs: n, ...runs, ihi };
}

/**
 * qicharts2 runs.analysis() around any centre line (the median for a run
 * chart; qic() uses the mean for an I chart). Points on the centre neither
 * break nor add to a run and do not count as useful.
 */
export function anhojRuns(values: ArrayLike<number>, n: number, centre: number | null): AnhojRuns {
  let nUseful = 0;
  let runs = 0;
  let longest = 0;
  let current = 0;
  let side = 0;
  if (centre !== null) {
    for (let i = 0; i < n; i++) {
      const y = values[i];
      const s = y > centre ? 1 : y < centre ? -1 : 0;
      if (s === 0) continue;
      nUseful++;
      if (s === side) {
        current++;
      } else {
        runs++;
        side = s;
        current = 1;
      }
      if (current > longest) longest = current;
    }
  }
  if (nUseful === 0) {
    // qicharts2: no useful observations, no runs analysis and no signal.
    return {
      n_useful: 0,
      longest_run: null,
      longest_run_max: null,
      crossings: null,
      crossings_min: null,
      signal: false,
    };
  }
  // Schilling 2012: upper limit of the longest run. log2(n) is never exactly
  // x.5 for whole n, so R's round-half-even cannot differ from Math.round.
  const longestRunMax = Math.round(Math.log2(nUseful)) + 3;
  const crossings = runs - 1;
  // Chen 2010: lower 5% limit of crossings, Binomial(n_useful - 1, 0.5).
  const crossingsMin = qbinomHalf(0.05, nUseful - 1);
  return {
    n_useful: nUseful,
    longest_run: longest,
    longest_run_max: longestRunMax,
    crossings,
    crossings_min: crossingsMin,
    signal: longest > longestRunMax || crossings < crossingsMin,
  };
}
