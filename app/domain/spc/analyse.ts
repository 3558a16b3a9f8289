// analyseSeries(): centre line and limits per segment (XmR as NHSRplotthedots
// computes them; run, p, p′, u, u′, c, g and t charts as qicharts2 does),
// Making Data Count rules against each point's own limits, icons, and the
// Anhøj runs analysis per segment and for the whole series. Pure: no I/O, no
// clock, no shared state beyond reusable scratch buffers.
import { attributeSegment } from "./attribute";
import { assuranceIcon, classifySignal, variationIcon } from "./icons";
import { createPointLines, createRuleBuffers, markSegment, type PointLines, type RuleBuffers, type RuleSettings } from "./rules";
import { analyseRunChart, anhojRuns } from "./run-chart";
import {
  CHART_TYPES,
  RATIO_CHARTS,
  type Direction,
  type SpcInput,
  type SpcOptions,
  type SpcPoint,
  type SpcResult,
  type SpcRule,
  type SpcSegment,
} from "./types";
import { segmentLimits, segmentStarts, TRIAL_LIMIT_POINTS } from "./xmr";

/** NHSRplotthedots 0.2.x defaults: screen_outliers = TRUE, 7-point rules, 2-in-3 between the 2σ line and the limit. */
export const DEFAULT_SHIFT_LENGTH = 7;
export const DEFAULT_TREND_LENGTH = 7;

// Scratch space reused across calls (JS is single-threaded; nothing here
// survives a call), so a batch of series costs no per-point typed arrays.
let buffers: RuleBuffers = createRuleBuffers(256);
let lines: PointLines = createPointLines(256);
let plotted = new Float64Array(256);
let sortScratch = new Float64Array(256);

function ensureCapacity(n: number): void {
  if (buffers.rtm.length >= n) return;
  let size = buffers.rtm.length;
  while (size < n) size *= 2;
  buffers = createRuleBuffers(size);
  lines = createPointLines(size);
  plotted = new Float64Array(size);
  sortScratch = new Float64Array(size);
}

function orNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** R's median() of y[from, to). */
function medianOf(y: Float64Array, from: number, to: number): number {
  const m = to - from;
  const sorted = sortScratch.subarray(0, m);
  sorted.set(y.subarray(from, to));
  sorted.sort();
  const half = m >> 1;
  return m % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}

function wholeNumberAtLeast(x: number | undefined, min: number, fallback: number): number {
  return x !== undefined && Number.isFinite(x) ? Math.max(min, Math.floor(x)) : fallback;
}

export function resolveOptions(input: SpcInput): SpcOptions {
  const baseline = input.baseline;
  return {
    screen_outliers: input.screen_outliers ?? true,
    shift_length: wholeNumberAtLeast(input.shift_length, 1, DEFAULT_SHIFT_LENGTH),
    // A trend needs at least two points to have a direction.
    trend_length: wholeNumberAtLeast(input.trend_length, 2, DEFAULT_TREND_LENGTH),
    two_of_three_mode: input.two_of_three_mode ?? "between_limits",
    // No baseline (or a meaningless one below a single point) means "use every point".
    baseline: baseline !== undefined && Number.isFinite(baseline) && baseline >= 1 ? Math.floor(baseline) : null,
    chart: input.chart !== undefined && CHART_TYPES.includes(input.chart) ? input.chart : "xmr",
    // A multiplier must be positive and finite: anything else would flip or lose the chart.
    multiply: input.multiply !== undefined && Number.isFinite(input.multiply) && input.multiply > 0 ? input.multiply : 1,
  };
}

/** Priority when rules overlap: astronomical > trend > two-of-three > shift (ptd_special_cause_type). */
const RULE_CODE_NONE = 0;
const RULE_CODE_ASTRONOMICAL = 1;
const RULE_CODE_TREND = 2;
const RULE_CODE_TWO_OF_THREE = 3;
const RULE_CODE_SHIFT = 4;
const RULE_NAMES: readonly (SpcRule | null)[] = [null, "astronomical", "trend", "two_of_three", "shift"];

/** One segment's centre line and limits, written into `plotted` and `lines`. */
function buildSegment(input: SpcInput, options: SpcOptions, index: number, first: number, end: number): SpcSegment {
  const { chart, multiply, baseline, screen_outliers: screen } = options;
  const values = input.values;
  const y = plotted;
  const last = end - 1;
  const n = end - first;
  let seg: Omit<SpcSegment, "run_chart">;
  if (chart === "xmr" || chart === "run") {
    for (let i = first; i < end; i++) y[i] = values[i] * multiply;
    if (chart === "xmr") {
      const limits = segmentLimits(y, index, first, end, baseline, screen);
      seg = { ...limits, cl: limits.mean, sigma_z: null };
    } else {
      const calcEnd = baseline === null ? end : Math.min(end, first + baseline);
      const cl = medianOf(y, first, calcEnd);
      seg = {
        index,
        first_index: first,
        last_index: last,
        n,
        n_calculation: calcEnd - first,
        mean: cl,
        mr_bar: null,
        screened_moving_ranges: 0,
        ucl: null,
        lcl: null,
        upper_two_sigma: null,
        lower_two_sigma: null,
        trial_limits: n < TRIAL_LIMIT_POINTS,
        cl,
        sigma_z: null,
      };
    }
    const ucl = seg.ucl ?? Number.NaN;
    const lcl = seg.lcl ?? Number.NaN;
    const u2 = seg.upper_two_sigma ?? Number.NaN;
    const l2 = seg.lower_two_sigma ?? Number.NaN;
    for (let i = first; i < end; i++) {
      lines.cl[i] = seg.cl;
      lines.ucl[i] = ucl;
      lines.lcl[i] = lcl;
      lines.u2[i] = u2;
      lines.l2[i] = l2;
    }
  } else {
    const a = attributeSegment(chart, values, input.denominators, first, end, baseline, screen, y, lines);
    // qic.agg(): multiply the value, centre line and limits after the chart function.
    if (multiply !== 1) {
      for (let i = first; i < end; i++) {
        y[i] *= multiply;
        lines.cl[i] *= multiply;
        lines.ucl[i] *= multiply;
        lines.lcl[i] *= multiply;
        lines.u2[i] *= multiply;
        lines.l2[i] *= multiply;
      }
    }
    const cl = a.cl * multiply;
    // Limits of a segment vary point by point on p and u charts: the segment
    // reports its latest point's.
    seg = {
      index,
      first_index: first,
      last_index: last,
      n,
      n_calculation: a.nCalculation,
      mean: cl,
      mr_bar: null,
      screened_moving_ranges: a.screened,
      ucl: orNull(lines.ucl[last]),
      lcl: orNull(lines.lcl[last]),
      upper_two_sigma: orNull(lines.u2[last]),
      lower_two_sigma: orNull(lines.l2[last]),
      trial_limits: n < TRIAL_LIMIT_POINTS,
      cl,
      sigma_z: a.sigmaZ,
    };
  }
  // qicharts2 runs.analysis() per part, against the part's centre line.
  const runs = anhojRuns(y.subarray(first, end), n, Number.isFinite(seg.cl) ? seg.cl : null);
  return {
    ...seg,
    run_chart: {
      n_useful: runs.n_useful,
      longest_run: runs.longest_run,
      longest_run_max: runs.longest_run_max,
      crossings: runs.crossings,
      crossings_min: runs.crossings_min,
      signal: runs.signal,
    },
  };
}

export function analyseSeries(input: SpcInput): SpcResult {
  const values = input.values;
  const n = values.length;
  const options = resolveOptions(input);
  const improvement = input.improvement;
  const target = input.target ?? null;
  const dates = input.dates;
  const ratio = RATIO_CHARTS.includes(options.chart);
  const denominators = input.denominators;
  ensureCapacity(n);
  const y = plotted;

  // Segments, their centre lines and every point's limits.
  const starts = segmentStarts(n, input.rebase);
  const segments: SpcSegment[] = [];
  if (n > 0) {
    for (let s = 0; s < starts.length; s++) {
      const end = s + 1 < starts.length ? starts[s + 1] : n;
      segments.push(buildSegment(input, options, s, starts[s], end));
    }
  }

  // Rules, one segment at a time so no run crosses a rebase.
  const settings: RuleSettings = {
    shiftLength: options.shift_length,
    trendLength: options.trend_length,
    twoOfThreeMode: options.two_of_three_mode,
  };
  const { rtm, astronomical, shift, trend, twoOfThree, trendDir } = buffers;
  for (const seg of segments) markSegment(y, seg.first_index, seg.last_index, lines, buffers, settings);

  // Points, in index order (segments are contiguous). One object per point,
  // all with the same shape.
  const points: SpcPoint[] = [];
  let anyAstronomical = false;
  for (const seg of segments) {
    for (let i = seg.first_index; i <= seg.last_index; i++) {
      const yi = y[i];
      let code = RULE_CODE_NONE;
      let direction: Direction | null = null;
      if (astronomical[i]) {
        code = RULE_CODE_ASTRONOMICAL;
        anyAstronomical = true;
        direction = rtm[i] > 0 ? "high" : "low";
      } else if (trend[i]) {
        code = RULE_CODE_TREND;
        direction = trendDir[i] > 0 ? "high" : "low";
      } else if (twoOfThree[i]) {
        code = RULE_CODE_TWO_OF_THREE;
        direction = rtm[i] > 0 ? "high" : "low";
      } else if (shift[i]) {
        code = RULE_CODE_SHIFT;
        direction = rtm[i] > 0 ? "high" : "low";
      }
      const cl = lines.cl[i];
      points.push({
        index: i,
        value: yi,
        y: yi,
        numerator: ratio ? values[i] : null,
        denominator: ratio && denominators !== undefined ? denominators[i] : null,
        date: dates !== undefined && i < dates.length ? dates[i] : null,
        segment: seg.index,
        mean: cl,
        cl,
        ucl: orNull(lines.ucl[i]),
        lcl: orNull(lines.lcl[i]),
        upper_two_sigma: orNull(lines.u2[i]),
        lower_two_sigma: orNull(lines.l2[i]),
        outside: astronomical[i] === 1,
        astronomical: astronomical[i] === 1,
        shift: shift[i] === 1,
        trend: trend[i] === 1,
        two_of_three: twoOfThree[i] === 1,
        rule: RULE_NAMES[code],
        special_cause: classifySignal(improvement, direction),
        direction,
      });
    }
  }

  const latestSeg = segments.length > 0 ? segments[segments.length - 1] : null;
  const latest = n > 0 ? points[n - 1] : null;
  return {
    n,
    chart: options.chart,
    improvement,
    target,
    options,
    mean: latest ? latest.cl : null,
    ucl: latest ? latest.ucl : null,
    lcl: latest ? latest.lcl : null,
    upper_two_sigma: latest ? latest.upper_two_sigma : null,
    lower_two_sigma: latest ? latest.lower_two_sigma : null,
    mr_bar: latestSeg ? latestSeg.mr_bar : null,
    trial_limits: latestSeg ? latestSeg.trial_limits : true,
    variation_icon: latest ? variationIcon(latest.special_cause, latest.direction) : null,
    // Against the latest point's own limits (its segment's, on an XmR chart).
    assurance_icon: latest ? assuranceIcon(improvement, target, latest.ucl, latest.lcl) : null,
    segments,
    points,
    run_chart: analyseRunChart(y, n, options.baseline, anyAstronomical, sortScratch),
  };
}
