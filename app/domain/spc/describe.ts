// Plain-English readings of a result, in the words Making Data Count uses on
// its icons ("special cause improvement", "hit and miss", ...).
import type { SpcPoint, SpcResult } from "./types";

export interface DescribeOptions {
  /** Shown after numbers: "%" is attached ("95%"), anything else spaced ("12 patients"). */
  unitLabel?: string;
  periodWord?: "weeks" | "months" | "days";
}

const SINGULAR: Record<string, string> = { weeks: "week", months: "month", days: "day", points: "point" };

function periods(opts: DescribeOptions): [plural: string, singular: string] {
  const plural = opts.periodWord ?? "points";
  return [plural, SINGULAR[plural] ?? plural];
}

export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  const abs = Math.abs(x);
  if (abs >= 100) return String(Number(x.toFixed(1)));
  if (abs >= 0.1) return String(Number(x.toFixed(2)));
  return String(Number(x.toPrecision(3)));
}

function withUnit(x: number, unitLabel: string | undefined): string {
  const num = formatNumber(x);
  if (!unitLabel) return num;
  return unitLabel.startsWith("%") ? `${num}${unitLabel}` : `${num} ${unitLabel}`;
}

/** Points in the same segment, ending at the latest, on the latest point's side of the mean. */
function sameSideRun(points: SpcPoint[]): number {
  const last = points[points.length - 1];
  const above = last.value > last.mean;
  let k = 0;
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (p.segment !== last.segment || p.value === p.mean || p.value > p.mean !== above) break;
    k++;
  }
  return k;
}

/** Points in the strictly rising (or falling) run that ends at the latest point, within its segment. */
function trendRun(points: SpcPoint[], rising: boolean): number {
  const last = points[points.length - 1];
  let k = 1;
  for (let i = points.length - 1; i > 0; i--) {
    const p = points[i];
    const q = points[i - 1];
    if (q.segment !== last.segment) break;
    if (rising ? !(p.value > q.value) : !(p.value < q.value)) break;
    k++;
  }
  return k;
}

/**
 * One sentence on the latest point, e.g. "Special cause improvement: the last
 * 8 weeks are all above the average" or "Common cause variation: no signal in
 * the latest point".
 */
export function describeLatest(result: SpcResult, opts: DescribeOptions = {}): string {
  const [plural, singular] = periods(opts);
  if (result.n === 0) return `No data yet: there are no ${plural} to read.`;
  const points = result.points;
  const last = points[points.length - 1];
  const segN = result.segments[result.segments.length - 1].n;
  const trial = result.trial_limits ? ` (trial limits: only ${segN} ${segN === 1 ? singular : plural} so far)` : "";
  if (last.special_cause === "common" || last.rule === null || last.direction === null) {
    return `Common cause variation: no signal in the latest ${singular}${trial}.`;
  }
  const heading =
    last.special_cause === "improvement" ? "Special cause improvement" : last.special_cause === "concern" ? "Special cause concern" : "Special cause variation";
  const high = last.direction === "high";
  let reading: string;
  switch (last.rule) {
    case "astronomical": {
      const limit = high ? last.ucl : last.lcl;
      const where = high ? "above the upper" : "below the lower";
      reading = `the latest ${singular} (${withUnit(last.value, opts.unitLabel)}) is ${where} process limit${
        limit === null ? "" : ` (${withUnit(limit, opts.unitLabel)})`
      }`;
      break;
    }
    case "trend": {
      const k = trendRun(points, high);
      reading = `the last ${k} ${plural} have each been ${high ? "higher" : "lower"} than the one before`;
      break;
    }
    case "two_of_three": {
      const window = points.slice(-3);
      const k = window.filter((p) => p.two_of_three).length;
      const beyond = result.options.two_of_three_mode === "beyond_two_sigma" ? "close to or beyond" : "close to";
      reading = `${k} of the last 3 ${plural} are ${beyond} the ${high ? "upper" : "lower"} process limit`;
      break;
    }
    case "shift": {
      const k = sameSideRun(points);
      reading = `the last ${k} ${plural} are all ${high ? "above" : "below"} the average`;
      break;
    }
  }
  return `${heading}: ${reading}${trial}.`;
}

/**
 * One sentence on the assurance icon, or null when there is none (no target,
 * a neutral measure, or no limits yet).
 */
export function describeAssurance(result: SpcResult, opts: DescribeOptions = {}): string | null {
  const { assurance_icon: icon, target, ucl, lcl } = result;
  if (icon === null || target === null || ucl === null || lcl === null) return null;
  const t = withUnit(target, opts.unitLabel);
  const upper = `the upper process limit (${withUnit(ucl, opts.unitLabel)})`;
  const lower = `the lower process limit (${withUnit(lcl, opts.unitLabel)})`;
  const increasing = result.improvement === "increase";
  switch (icon) {
    case "consistent_pass":
      return `Consistently passing: the target of ${t} is ${increasing ? `below ${lower}` : `above ${upper}`}, so the measure should meet it every time unless the process changes.`;
    case "consistent_fail":
      return `Consistently failing: the target of ${t} is ${increasing ? `above ${upper}` : `below ${lower}`}, so the measure will not meet it unless the process changes.`;
    case "inconsistent":
      return `Hit and miss: the target of ${t} lies between the process limits (${withUnit(lcl, opts.unitLabel)} to ${withUnit(ucl, opts.unitLabel)}), so the measure will sometimes meet it and sometimes miss it.`;
  }
}

/** The variation reading followed by the assurance reading, when there is one. */
export function describeResult(result: SpcResult, opts: DescribeOptions = {}): string {
  const assurance = describeAssurance(result, opts);
  const latest = describeLatest(result, opts);
  return assurance === null ? latest : `${latest} ${assurance}`;
}
