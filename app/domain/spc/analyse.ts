// analyseSeries(): XmR limits per segment, special-cause rules, icons and the
// run chart for one measure. Pure: no I/O, no clock, no shared state beyond
// reusable scratch buffers.
import { assuranceIcon, classifySignal, variationIcon } from "./icons";
import { createRuleBuffers, markSegment, type RuleBuffers, type RuleSettings } from "./rules";
import { analyseRunChart } from "./run-chart";
import type { Direction, SpcInput, SpcOptions, SpcPoint, SpcResult, SpcRule, SpcSegment } from "./types";
import { segmentLimits, segmentStarts } from "./xmr";

/** NHSRplotthedots 0.2.x defaults: screen_outliers = TRUE, 7-point rules, 2-in-3 between the 2σ line and the limit. */
export const DEFAULT_SHIFT_LENGTH = 7;
export const DEFAULT_TREND_LENGTH = 7;

// Scratch space reused across calls (JS is single-threaded; nothing here
// survives a call), so a batch of series costs no per-point typed arrays.
let buffers: RuleBuffers = createRuleBuffers(256);
let sortScratch = new Float64Array(256);

function ensureCapacity(n: number): void {
  if (buffers.rtm.length >= n) return;
  let size = buffers.rtm.length;
  while (size < n) size *= 2;
  buffers = createRuleBuffers(size);
  sortScratch = new Float64Array(size);
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
  };
}

/** Priority when rules overlap: astronomical > trend > two-of-three > shift (ptd_special_cause_type). */
const RULE_CODE_NONE = 0;
const RULE_CODE_ASTRONOMICAL = 1;
const RULE_CODE_TREND = 2;
const RULE_CODE_TWO_OF_THREE = 3;
const RULE_CODE_SHIFT = 4;
const RULE_NAMES: readonly (SpcRule | null)[] = [null, "astronomical", "trend", "two_of_three", "shift"];

export function analyseSeries(input: SpcInput): SpcResult {
  const values = input.values;
  const n = values.length;
  const options = resolveOptions(input);
  const improvement = input.improvement;
  const target = input.target ?? null;
  const dates = input.dates;
  ensureCapacity(n);

  // Segments and their limits.
  const starts = segmentStarts(n, input.rebase);
  const segments: SpcSegment[] = [];
  if (n > 0) {
    for (let s = 0; s < starts.length; s++) {
      const end = s + 1 < starts.length ? starts[s + 1] : n;
      segments.push(segmentLimits(values, s, starts[s], end, options.baseline, options.screen_outliers));
    }
  }

  // Rules, one segment at a time so no run crosses a rebase.
  const settings: RuleSettings = {
    shiftLength: options.shift_length,
    trendLength: options.trend_length,
    twoOfThreeMode: options.two_of_three_mode,
  };
  const { rtm, astronomical, shift, trend, twoOfThree, trendDir } = buffers;
  for (const seg of segments) markSegment(values, seg, buffers, settings);

  // Points, in index order (segments are contiguous). One object per point,
  // all with the same shape.
  const points: SpcPoint[] = [];
  let anyAstronomical = false;
  for (const seg of segments) {
    for (let i = seg.first_index; i <= seg.last_index; i++) {
      const y = values[i];
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
      points.push({
        index: i,
        value: y,
        date: dates !== undefined && i < dates.length ? dates[i] : null,
        segment: seg.index,
        mean: seg.mean,
        ucl: seg.ucl,
        lcl: seg.lcl,
        upper_two_sigma: seg.upper_two_sigma,
        lower_two_sigma: seg.lower_two_sigma,
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
    improvement,
    target,
    options,
    mean: latestSeg ? latestSeg.mean : null,
    ucl: latestSeg ? latestSeg.ucl : null,
    lcl: latestSeg ? latestSeg.lcl : null,
    upper_two_sigma: latestSeg ? latestSeg.upper_two_sigma : null,
    lower_two_sigma: latestSeg ? latestSeg.lower_two_sigma : null,
    mr_bar: latestSeg ? latestSeg.mr_bar : null,
    trial_limits: latestSeg ? latestSeg.trial_limits : true,
    variation_icon: latest ? variationIcon(latest.special_cause, latest.direction) : null,
    assurance_icon: latestSeg ? assuranceIcon(improvement, target, latestSeg.ucl, latestSeg.lcl) : null,
    segments,
    points,
    run_chart: analyseRunChart(values, n, options.baseline, anyAstronomical, sortScratch),
  };
}
