// Periods and values of a measure of improvement: which period a date falls in, what a
// value must look like for the measure's unit, and numerator / denominator arithmetic.
// Pure: no I/O, no clock.
import type { ChartType, Frequency, ImprovementDirection, MeasureUnit } from "~/domain/enums";
import { chartInput, type ChartPoint } from "~/domain/measure-chart";
import { isNumberInRange } from "~/domain/plausible";
import { formatNumber, type SpcInput } from "~/domain/spc";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const LONG_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The first day of the period an ISO date falls in: the day itself (daily), the Monday of
 * its week (weekly) or the 1st of its month (monthly). Expects a valid YYYY-MM-DD date.
 */
export function normalisePeriod(iso: string, frequency: Frequency): string {
  if (frequency === "daily") return iso;
  if (frequency === "monthly") return `${iso.slice(0, 8)}01`;
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const day = new Date(0);
  day.setUTCFullYear(y, m - 1, d);
  const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
  const year = String(monday.getUTCFullYear()).padStart(4, "0");
  return `${year}-${pad(monday.getUTCMonth() + 1)}-${pad(monday.getUTCDate())}`;
}

/** True when the date is already the first day of its period. */
export const isPeriodStart = (iso: string, frequency: Frequency) => normalisePeriod(iso, frequency) === iso;

function shortDay(iso: string): string {
  return `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

/** "26 Nov 2026", "week beginning 23 Nov 2026" or "November 2026". */
export function periodLabel(period: string, frequency: Frequency): string {
  if (frequency === "monthly") return `${LONG_MONTHS[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;
  if (frequency === "weekly") return `week beginning ${shortDay(period)}`;
  return shortDay(period);
}

/** "Week beginning 23 Nov 2026": a period label at the start of a sentence or cell. */
export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const PERIOD_NOUNS: Record<Frequency, { one: string; many: "days" | "weeks" | "months" }> = {
  daily: { one: "day", many: "days" },
  weekly: { one: "week", many: "weeks" },
  monthly: { one: "month", many: "months" },
};

export type UnitSettings = { unit: MeasureUnit; unitLabel: string; ratePer: number | null };

/** The words shown after numbers on charts and in readings ("%" is attached, anything else spaced). */
export function unitSuffix(m: UnitSettings): string | undefined {
  if (m.unit === "percent") return "%";
  if (m.unitLabel.trim()) return m.unitLabel.trim();
  if (m.unit === "rate") return m.ratePer ? `per ${m.ratePer.toLocaleString("en-GB")}` : undefined;
  if (m.unit === "minutes") return "minutes";
  if (m.unit === "days") return "days";
  return undefined;
}

/** "82.5%", "12 minutes", "3.2 per 1,000" or a bare number. */
export function formatMeasureValue(x: number, suffix: string | undefined): string {
  const num = formatNumber(x);
  if (!suffix) return num;
  return suffix.startsWith("%") ? `${num}${suffix}` : `${num} ${suffix}`;
}

/** What a numerator / denominator is multiplied by: 100 for a percentage, N for a rate per N. */
export function ratioMultiplier(unit: MeasureUnit, ratePer: number | null): number {
  if (unit === "percent") return 100;
  if (unit === "rate") return ratePer ?? 1;
  return 1;
}

/** numerator / denominator × the multiplier, without floating-point noise (29/35×100 keeps its digits). */
export function ratioValue(numerator: number, denominator: number, unit: MeasureUnit, ratePer: number | null): number {
  const x = (numerator / denominator) * ratioMultiplier(unit, ratePer);
  return Number(x.toPrecision(12));
}

const NEGATIVE_WORDS: Partial<Record<MeasureUnit, string>> = {
  count: "a count cannot be negative",
  rate: "a rate cannot be negative",
  minutes: "a number of minutes cannot be negative",
  days: "a number of days cannot be negative",
};

/** Why a value cannot be stored for this unit, or null when it can. */
export function valueProblem(value: number, unit: MeasureUnit): string | null {
  if (!isNumberInRange(value)) return "the number is too large";
  if (unit === "percent" && (value < 0 || value > 100)) return "a percentage must be between 0 and 100";
  if (value < 0 && NEGATIVE_WORDS[unit]) return NEGATIVE_WORDS[unit] as string;
  return null;
}

/** Why a numerator / denominator pair cannot be stored, or null. */
export function ratioProblem(numerator: number, denominator: number, unit: MeasureUnit): string | null {
  if (!isNumberInRange(numerator) || !isNumberInRange(denominator)) return "the number is too large";
  if (denominator === 0) return "the denominator is 0: there is nothing to divide by";
  if (denominator < 0) return "the denominator must be more than 0";
  if (numerator < 0) return "the numerator cannot be negative";
  if (unit === "percent" && numerator > denominator) {
    return "the numerator is larger than the denominator, which would be over 100%";
  }
  return null;
}

export type PointEntry = { usesRatio: false; value: number } | { usesRatio: true; numerator: number; denominator: number };

export type CheckedPoint = { ok: true; value: number; numerator: number | null; denominator: number | null } | { ok: false; problem: string };

/** The value to store for an entry, computed from numerator / denominator when the measure uses them. */
export function checkPoint(entry: PointEntry, m: { unit: MeasureUnit; ratePer: number | null }): CheckedPoint {
  if (!entry.usesRatio) {
    const problem = valueProblem(entry.value, m.unit);
    return problem ? { ok: false, problem } : { ok: true, value: entry.value, numerator: null, denominator: null };
  }
  const problem = ratioProblem(entry.numerator, entry.denominator, m.unit);
  if (problem) return { ok: false, problem };
  const value = ratioValue(entry.numerator, entry.denominator, m.unit, m.ratePer);
  const valueIssue = valueProblem(value, m.unit);
  if (valueIssue) return { ok: false, problem: valueIssue };
  return { ok: true, value, numerator: entry.numerator, denominator: entry.denominator };
}

/**
 * The SPC engine's input for a stored series, exactly as the stored summary
 * (refreshMeasureSummary) builds it: a rebase applies from the point dated on it.
 */
export function measureSpcInput(
  points: readonly (ChartPoint & { periodDate: string })[],
  rebaseDates: readonly string[],
  m: {
    improvement: ImprovementDirection;
    target: number | null;
    baselinePoints: number | null;
    chartType?: ChartType | null;
    unit?: MeasureUnit;
    ratePer?: number | null;
  },
): SpcInput {
  const rebaseSet = new Set(rebaseDates);
  const rebase: number[] = [];
  points.forEach((p, i) => {
    if (i > 0 && rebaseSet.has(p.periodDate)) rebase.push(i);
  });
  return {
    // The measure's chart (ADR 030): values, denominators and multiplier.
    ...chartInput(points, m),
    dates: points.map((p) => p.periodDate),
    improvement: m.improvement,
    target: m.target,
    baseline: m.baselinePoints ?? undefined,
    rebase,
  };
}

/** Under 12 points limits are only trial limits, so a run chart is shown unless XmR is asked for. */
export function defaultChart(points: number): "xmr" | "run" {
  return points < 12 ? "run" : "xmr";
}
