// Geometry shared by the SPC charts: the drawing area, nice axis ticks, date
// labels thinned so they do not overlap, and positions for dated markers.
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { format } from "date-fns/format";
import { isValid } from "date-fns/isValid";
import { parseISO } from "date-fns/parseISO";
import { formatNumber } from "~/domain/spc";
import { formatDay } from "~/web/dates";

export const WIDTH = 760;
export const HEIGHT = 380;
export const PLOT = { left: 60, right: 616, top: 44, bottom: 312 } as const;
/** Rough width of one character of 12px Arial, for fitting labels. */
export const CHAR_WIDTH = 6.6;

/** "Nice" ticks (steps of 1, 2 or 5 × 10ⁿ) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / count;
  if (!Number.isFinite(raw) || raw <= 0) return [lo, hi];
  const power = Math.floor(Math.log10(raw));
  const magnitude = 10 ** power;
  const norm = raw / magnitude;
  const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  if (!(last - first <= 50)) return [lo, hi];
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toFixed(decimals)));
  return ticks;
}

export interface YScale {
  ticks: number[];
  y: (value: number) => number;
}

/** A y scale whose ticks cover every value given (nulls and non-finite values ignored). */
export function yScale(values: readonly (number | null | undefined)[]): YScale {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Number.POSITIVE_INFINITY) [lo, hi] = [0, 1];
  const ticks = niceTicks(lo, hi);
  const min = ticks[0];
  const max = ticks[ticks.length - 1];
  const span = max - min || 1;
  return { ticks, y: (value) => PLOT.bottom - ((value - min) / span) * (PLOT.bottom - PLOT.top) };
}

/** x of the i-th of n points. */
export function xOf(i: number, n: number): number {
  if (n <= 1) return (PLOT.left + PLOT.right) / 2;
  return PLOT.left + (i * (PLOT.right - PLOT.left)) / (n - 1);
}

// A chart asks about the same dates many times (the gaps for its labels and reading, a position for
// each PDSA marker and note): each array of dates is parsed once (ADR 117).
const gapsOf = new WeakMap<readonly string[], number[]>();
const timesOfDates = new WeakMap<readonly string[], number[]>();

function dayGaps(dates: readonly string[]): number[] {
  let gaps = gapsOf.get(dates);
  if (!gaps) {
    const parsed = dates.map((d) => parseISO(d));
    gaps = [];
    for (let i = 1; i < parsed.length; i++) gaps.push(differenceInCalendarDays(parsed[i], parsed[i - 1]));
    gapsOf.set(dates, gaps);
  }
  return gaps;
}

function timesOf(dates: readonly string[]): number[] {
  let times = timesOfDates.get(dates);
  if (!times) {
    times = dates.map((d) => parseISO(d).getTime());
    timesOfDates.set(dates, times);
  }
  return times;
}

/** Monthly data is labelled "Nov 2026"; anything else "26 Nov 2026". */
export function isMonthly(dates: readonly string[]): boolean {
  if (dates.length < 2) return dates.length === 1 && dates[0].endsWith("-01");
  return dayGaps(dates).every((g) => g >= 28 && g <= 31);
}

/** The word for the gap between points, when the dates show one. */
export function inferPeriod(dates: readonly string[] | null | undefined): "days" | "weeks" | "months" | undefined {
  if (!dates || dates.length < 2) return undefined;
  const gaps = dayGaps(dates);
  if (gaps.every((g) => g >= 28 && g <= 31)) return "months";
  if (gaps.every((g) => g === 7)) return "weeks";
  if (gaps.every((g) => g === 1)) return "days";
  return undefined;
}

/** Labels each point for people: its date (UK style) or "Point 3". */
export function pointLabeller(dates: readonly string[] | null | undefined, n: number): (i: number) => string {
  if (!dates || dates.length !== n) return (i) => `Point ${i + 1}`;
  if (isMonthly(dates)) {
    return (i) => {
      const d = parseISO(dates[i]);
      return isValid(d) ? format(d, "MMM yyyy") : `Point ${i + 1}`;
    };
  }
  return (i) => formatDay(dates[i]) || `Point ${i + 1}`;
}

/** Which of n points get an x-axis label, so labels of about `labelChars` characters never overlap. */
export function thinnedLabelIndices(n: number, labelChars: number): number[] {
  if (n === 0) return [];
  const room = PLOT.right - PLOT.left + 40;
  const labelWidth = labelChars * CHAR_WIDTH + 12;
  const fit = Math.max(1, Math.floor(room / labelWidth));
  const step = Math.max(1, Math.ceil(n / fit));
  const out: number[] = [];
  for (let i = 0; i < n; i += step) out.push(i);
  return out;
}

/** x of a dated marker, interpolated between the points either side; null when off the chart. */
export function xForDate(date: string, dates: readonly string[] | null | undefined, n: number): number | null {
  if (!dates || dates.length !== n || n === 0) return null;
  const t = parseISO(date.slice(0, 10)).getTime();
  if (!Number.isFinite(t)) return null;
  const times = timesOf(dates);
  const first = times[0];
  const last = times[n - 1];
  if (t < first || t > last) return null;
  if (n === 1) return xOf(0, 1);
  for (let i = 0; i < n - 1; i++) {
    const a = times[i];
    const b = times[i + 1];
    if (t >= a && t <= b) {
      const f = b === a ? 0 : (t - a) / (b - a);
      return xOf(i, n) + f * (xOf(i + 1, n) - xOf(i, n));
    }
  }
  return xOf(n - 1, n);
}

/** Moves labels apart vertically so none are closer than `gap`, keeping their order. */
export function spreadLabels<T extends { y: number }>(labels: T[], gap = 13): T[] {
  const sorted = [...labels].sort((a, b) => a.y - b.y).map((l) => ({ ...l }));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].y < sorted[i - 1].y + gap) sorted[i].y = sorted[i - 1].y + gap;
  }
  const overflow = sorted.length ? sorted[sorted.length - 1].y - (PLOT.bottom + 12) : 0;
  if (overflow > 0) for (const l of sorted) l.y -= overflow;
  return sorted;
}

/** Shortens text to fit a width, with an ellipsis. */
export function fitText(text: string, width: number): string {
  const chars = Math.max(1, Math.floor(width / CHAR_WIDTH));
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;
}

/** A number with the unit: "95%" or "12 minutes". */
export function withUnit(value: number, unitLabel?: string): string {
  const num = formatNumber(value);
  if (!unitLabel) return num;
  return unitLabel.startsWith("%") ? `${num}${unitLabel}` : `${num} ${unitLabel}`;
}

/** SVG coordinates rounded to 0.1 px, so the markup stays small. */
export function r1(x: number): number {
  return Math.round(x * 10) / 10;
}
