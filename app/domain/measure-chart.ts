// Which SPC chart a measure is drawn on (ADR 030), and what the engine is given
// for it. Pure: the board's summary, the measure page and the deck all go
// through measureSpcInput(), which asks chartInput() here.
import type { ChartType, MeasureUnit } from "~/domain/enums";
import type { SpcInput } from "~/domain/spc";

export const CHART_TYPE_LABELS: Record<ChartType, string> = {
  xmr: "XmR chart (individuals and moving ranges)",
  run: "Run chart (median, no limits)",
  p: "p chart: a proportion, numerator out of denominator",
  pp: "p′ chart (Laney): a proportion with very large denominators",
  u: "u chart: a rate per bed day, per 1,000 patients",
  up: "u′ chart (Laney): a rate with very large denominators",
  c: "c chart: a count of events in equal periods",
  g: "g chart: days or opportunities between rare events",
  t: "t chart: time between rare events",
};

export const CHART_TYPE_SHORT: Record<ChartType, string> = {
  xmr: "XmR",
  run: "run",
  p: "p",
  pp: "p′",
  u: "u",
  up: "u′",
  c: "c",
  g: "g",
  t: "t",
};

/** Laney: above this typical denominator, p and u limits hug the centre line; recommend the prime chart. */
export const PRIME_DENOMINATOR = 10_000;

/**
 * The chart the definition form recommends: numerator and denominator give a
 * p chart (a percentage) or a u chart (a rate), p′ or u′ when denominators
 * run to tens of thousands; counts a c chart; days between events a g chart;
 * anything else XmR.
 */
export function recommendChart(m: { usesRatio: boolean; unit: MeasureUnit }, denominators: readonly number[] = []): ChartType {
  const large = denominators.length > 0 && median(denominators) >= PRIME_DENOMINATOR;
  if (m.usesRatio && m.unit === "percent") return large ? "pp" : "p";
  if (m.usesRatio) return large ? "up" : "u";
  if (m.unit === "count") return "c";
  if (m.unit === "days") return "g";
  return "xmr";
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

export interface ChartPoint {
  value: number;
  numerator?: number | null;
  denominator?: number | null;
}

/**
 * The chart, values, denominators and multiplier for the engine. A ratio chart
 * plots numerator ÷ denominator × (100 for a percentage, the rate's "per" for
 * a rate), which is the stored value. When the data do not fit the chosen
 * chart (a value without its denominator, a negative count, a zero interval on
 * a t chart) the measure is drawn as XmR rather than not at all.
 */
export function chartInput(
  points: readonly ChartPoint[],
  m: { chartType?: ChartType | null; unit?: MeasureUnit; ratePer?: number | null },
): Pick<SpcInput, "values" | "chart" | "denominators" | "multiply"> {
  const chart = m.chartType ?? "xmr";
  const values = points.map((p) => p.value);
  if (chart === "xmr" || chart === "run") return { values, chart };
  if (chart === "p" || chart === "pp" || chart === "u" || chart === "up") {
    const ok = points.every(
      (p) =>
        p.numerator != null &&
        p.denominator != null &&
        p.denominator > 0 &&
        p.numerator >= 0 &&
        (chart === "u" || chart === "up" || p.numerator <= p.denominator),
    );
    if (!ok) return { values, chart: "xmr" };
    const multiply = m.unit === "percent" ? 100 : m.unit === "rate" && m.ratePer ? m.ratePer : 1;
    return {
      chart,
      values: points.map((p) => p.numerator as number),
      denominators: points.map((p) => p.denominator as number),
      multiply,
    };
  }
  if (chart === "t" ? values.some((v) => !(v > 0)) : values.some((v) => v < 0)) return { values, chart: "xmr" };
  return { values, chart };
}
