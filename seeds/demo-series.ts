// Deterministic measure data for the demo. The values depend only on the project and
// measure keys (never on today), so the SPC pattern each series is built to show holds
// whatever date the demo is seeded on; only the period dates move.
import type { DemoClock } from "./demo-dates";
import type { MeasureSpec } from "./demo-types";
import { createRandom, hashString } from "./random";

export type DemoPoint = {
  periodDate: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
};

function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** Resolves an index that may count from the end (-1 = last). */
export function pointIndex(index: number, length: number): number {
  const i = index < 0 ? length + index : index;
  if (i < 0 || i >= length) throw new Error(`point index ${index} is outside a series of ${length}`);
  return i;
}

export function seriesLength(spec: MeasureSpec): number {
  return spec.series.segments.reduce((sum, s) => sum + s.n, 0);
}

/** The values of a measure, oldest first. */
export function generateValues(projectKey: string, spec: MeasureSpec): Omit<DemoPoint, "periodDate">[] {
  const random = createRandom((hashString(`${projectKey}/${spec.key}`) ^ Math.imul(spec.series.seed, 0x9e3779b1)) >>> 0);
  const raw: number[] = [];
  for (const segment of spec.series.segments) {
    for (let i = 0; i < segment.n; i++) raw.push(random.normal(segment.mean, segment.sd));
  }
  for (const spike of spec.series.spikes ?? []) raw[pointIndex(spike.index, raw.length)] = spike.value;

  const decimals = spec.unit === "count" ? 0 : (spec.series.decimals ?? 1);
  return raw.map((x) => {
    let value = Math.max(0, x);
    if (spec.unit === "percent") value = Math.min(100, value);
    if (spec.ratio && spec.unit === "rate") {
      const per = spec.ratePer ?? 1;
      const denominator = random.int(spec.ratio.denominatorMin, spec.ratio.denominatorMax);
      const numerator = Math.max(0, Math.round((value / per) * denominator));
      return { value: (numerator / denominator) * per, numerator, denominator };
    }
    if (spec.ratio) {
      const denominator = random.int(spec.ratio.denominatorMin, spec.ratio.denominatorMax);
      const numerator = Math.min(denominator, Math.max(0, Math.round((value / 100) * denominator)));
      return { value: (numerator / denominator) * 100, numerator, denominator };
    }
    return { value: roundTo(value, decimals), numerator: null, denominator: null };
  });
}

/** Period dates: consecutive Mondays or first-of-months, ending at the last full period before today. */
export function periodDates(clock: DemoClock, spec: MeasureSpec): string[] {
  const n = seriesLength(spec);
  const stopped = spec.stoppedPeriodsAgo ?? 0;
  const dates: string[] = [];
  for (let i = 0; i < n; i++) {
    const back = stopped + (n - 1 - i);
    dates.push(spec.frequency === "weekly" ? clock.weekPeriod(back) : clock.monthPeriod(back));
  }
  return dates;
}

export function generatePoints(clock: DemoClock, projectKey: string, spec: MeasureSpec): DemoPoint[] {
  const dates = periodDates(clock, spec);
  return generateValues(projectKey, spec).map((v, i) => ({ ...v, periodDate: dates[i] }));
}
