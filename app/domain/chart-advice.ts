// Which chart a measure's stored data suggest (ADR 035), as advice the team may accept. Pure:
// the measure page passes the series; the engine works out the Laney σz that tells a p chart
// whose limits are too narrow (over-dispersion) from one that fits.
import { CHART_TYPE_SHORT, recommendChart, type ChartPoint } from "~/domain/measure-chart";
import type { ChartType, MeasureUnit } from "~/domain/enums";
import { analyseSeries, formatNumber } from "~/domain/spc";

/**
 * Laney's σz above which a p or u chart's limits are too narrow for the data: the periods vary by
 * half as much again as their denominators explain, so most points would fall outside their limits.
 */
export const OVERDISPERSION_SIGMA_Z = 1.5;
/** A count is rare when periods without any event are this common, or the mean is below one. */
export const RARE_ZERO_SHARE = 0.25;

export type ChartAdvice = {
  chart: ChartType;
  /** Why, in a sentence the team can check against what they know of the data. */
  reason: string;
  /** One click switches to it; false when the data would need entering another way first. */
  canSwitch: boolean;
};

const fmt = (n: number) => formatNumber(n);

/**
 * The chart the data suggest: numerator and denominator → p (a percentage) or u (a rate), their
 * Laney prime charts when the denominators are so large that the plain chart's limits are too
 * narrow; whole counts → c, unless events are rare (then dates of events and a g chart); days
 * between events → g (whole days) or t (time in fractions); anything else XmR.
 */
export function adviseChart(m: { usesRatio: boolean; unit: MeasureUnit }, points: readonly ChartPoint[], hasEvents = false): ChartAdvice {
  const values = points.map((p) => p.value);
  if (hasEvents) {
    return { chart: "g", reason: "The values are the days between events recorded by date: a g chart, centred on the median interval.", canSwitch: true };
  }
  if (m.usesRatio) {
    const percent = m.unit === "percent";
    const plain: ChartType = percent ? "p" : "u";
    const prime: ChartType = percent ? "pp" : "up";
    const usable = points.filter((p) => p.numerator != null && p.denominator != null && p.denominator > 0 && p.numerator >= 0);
    if (usable.length < 2) {
      return {
        chart: recommendChart(m),
        reason: `Each value is a numerator out of a denominator: a ${CHART_TYPE_SHORT[plain]} chart gives each its own limits.`,
        canSwitch: true,
      };
    }
    const denominators = usable.map((p) => p.denominator as number);
    const lo = Math.min(...denominators);
    const hi = Math.max(...denominators);
    const prime_ = analyseSeries({
      values: usable.map((p) => p.numerator as number),
      denominators,
      chart: prime,
      improvement: "neutral",
    });
    const sigmaZ = prime_.segments[0]?.sigma_z ?? null;
    if (sigmaZ !== null && Number.isFinite(sigmaZ) && sigmaZ >= OVERDISPERSION_SIGMA_Z) {
      return {
        chart: prime,
        reason: `The denominators are large (${fmt(lo)} to ${fmt(hi)}) and the values vary ${fmt(Math.round(sigmaZ * 10) / 10)} times as much as a ${CHART_TYPE_SHORT[plain]} chart expects, so its limits would be too narrow and flag most points: Laney's ${CHART_TYPE_SHORT[prime]} chart widens them by that factor.`,
        canSwitch: true,
      };
    }
    const varying = lo === hi ? "the same denominator each period" : `denominators from ${fmt(lo)} to ${fmt(hi)}`;
    return {
      chart: plain,
      reason: `Each value is a numerator out of a denominator (${varying}): a ${CHART_TYPE_SHORT[plain]} chart gives each period limits from its own denominator.`,
      canSwitch: true,
    };
  }
  const whole = values.length > 0 && values.every((v) => Number.isInteger(v) && v >= 0);
  if (m.unit === "count" && whole) {
    const zeros = values.filter((v) => v === 0).length;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    if (zeros / values.length >= RARE_ZERO_SHARE || mean < 1) {
      return {
        chart: "g",
        reason: `The events are rare (${zeros} of ${values.length} periods have none): a count per period says little. Record the date of each event in a measure drawn as a g chart, which plots the days between them.`,
        canSwitch: false,
      };
    }
    return { chart: "c", reason: "Each value is a whole count of events in a period of the same size: a c chart.", canSwitch: true };
  }
  if (m.unit === "days" && values.length > 0) {
    return whole
      ? { chart: "g", reason: "Each value is a whole number of days between events: a g chart, centred on the median interval.", canSwitch: true }
      : { chart: "t", reason: "Each value is a time between events, in fractions of a day: a t chart.", canSwitch: true };
  }
  const chart = recommendChart(m);
  return {
    chart,
    reason: chart === "xmr" ? "The values are measurements, not counts or proportions: an XmR chart." : "The chart the measure's unit suggests.",
    canSwitch: true,
  };
}
