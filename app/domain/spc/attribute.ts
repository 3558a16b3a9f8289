// Attribute charts as qicharts2 (R/helper.functions.R) computes them: p, p′
// (pp), u, u′ (up), c, g and t, one segment (qicharts2 "part") at a time. The
// first `baseline` points of a segment (qicharts2 `freeze`) fix its centre
// line and σ; every point then gets its own limits from its own denominator.
// Values are written unscaled; analyseSeries applies `multiply` afterwards,
// as qic.agg() does.
import type { PointLines } from "./rules";
import type { ChartType } from "./types";
import { MR_SCREEN_MULTIPLIER, rMean } from "./xmr";

/** d2 for moving ranges of two (qicharts2: `amr / 1.128`). */
export const D2 = 1.128;
/** qic.t(): the I chart is drawn on y^(1 / 3.6) and transformed back. */
export const T_CHART_POWER = 3.6;

export type AttributeChart = Exclude<ChartType, "xmr" | "run">;

export interface AttributeSegment {
  /** Centre line (unscaled): the pooled proportion or rate, the mean count, the median for g, the back-transformed mean for t. */
  cl: number;
  sigmaZ: number | null;
  /** Moving ranges dropped by screening (p′, u′ and t charts). */
  screened: number;
  /** Points the centre line and σ came from. */
  nCalculation: number;
}

/**
 * Mean of the moving ranges |d[i] − d[i−1]| of d[from, to), screened once as
 * qicharts2 does with options(qic.screenedmr = TRUE): keep ranges below
 * 3.267 × the first mean. Returns [mean, ranges dropped]; NaN with no range.
 */
function screenedMeanMovingRange(d: ArrayLike<number>, from: number, to: number, screen: boolean): [number, number] {
  let s = 0;
  let count = 0;
  for (let i = from + 1; i < to; i++) {
    s += Math.abs(d[i] - d[i - 1]);
    count++;
  }
  if (count === 0) return [Number.NaN, 0];
  const amr = s / count;
  if (!screen || !(amr > 0)) return [amr, 0];
  const below = MR_SCREEN_MULTIPLIER * amr;
  let t = 0;
  let kept = 0;
  for (let i = from + 1; i < to; i++) {
    const mr = Math.abs(d[i] - d[i - 1]);
    if (mr < below) {
      t += mr;
      kept++;
    }
  }
  return [kept > 0 ? t / kept : Number.NaN, count - kept];
}

/** Scratch for z-scores, transformed values and medians. */
let scratch = new Float64Array(256);
function ensureScratch(n: number): Float64Array {
  if (scratch.length < n) {
    let size = scratch.length;
    while (size < n) size *= 2;
    scratch = new Float64Array(size);
  }
  return scratch;
}

function setLines(lines: PointLines, i: number, cl: number, sd: number, clipUpperAtOne: boolean): void {
  let ucl = cl + 3 * sd;
  let u2 = cl + 2 * sd;
  let lcl = cl - 3 * sd;
  let l2 = cl - 2 * sd;
  if (clipUpperAtOne) {
    if (ucl > 1 && Number.isFinite(ucl)) ucl = 1;
    if (u2 > 1 && Number.isFinite(u2)) u2 = 1;
  }
  if (lcl < 0) lcl = 0;
  if (l2 < 0) l2 = 0;
  lines.cl[i] = cl;
  lines.ucl[i] = Number.isFinite(ucl) ? ucl : Number.NaN;
  lines.u2[i] = Number.isFinite(u2) ? u2 : Number.NaN;
  lines.lcl[i] = Number.isFinite(lcl) ? lcl : Number.NaN;
  lines.l2[i] = Number.isFinite(l2) ? l2 : Number.NaN;
}

/**
 * One segment, values[first, end), of an attribute chart. Writes the plotted
 * value (unscaled) into y and the centre line and limits into lines.
 */
export function attributeSegment(
  chart: AttributeChart,
  values: ArrayLike<number>,
  denominators: ArrayLike<number> | undefined,
  first: number,
  end: number,
  baseline: number | null,
  screen: boolean,
  y: Float64Array,
  lines: PointLines,
): AttributeSegment {
  const calcEnd = baseline === null ? end : Math.min(end, first + baseline);
  const nCalculation = calcEnd - first;
  let sigmaZ: number | null = null;
  let screened = 0;

  switch (chart) {
    case "p":
    case "pp":
    case "u":
    case "up": {
      const den = denominators ?? [];
      let num = 0;
      let sumN = 0;
      for (let i = first; i < end; i++) y[i] = values[i] / den[i];
      for (let i = first; i < calcEnd; i++) {
        num += values[i];
        sumN += den[i];
      }
      // qic.p / qic.u: cl = sum(y.sum[base]) / sum(n[base]).
      const cl = num / sumN;
      const isP = chart === "p" || chart === "pp";
      const sdAt = (i: number) => (isP ? Math.sqrt((cl * (1 - cl)) / den[i]) : Math.sqrt(cl / den[i]));
      let factor = 1;
      if (chart === "pp" || chart === "up") {
        // Laney: z_i = (y_i − cl) / σ_i over the baseline; σz = screened MR̄(z) / 1.128.
        const z = ensureScratch(nCalculation);
        for (let i = first; i < calcEnd; i++) z[i - first] = (y[i] - cl) / sdAt(i);
        const [amr, dropped] = screenedMeanMovingRange(z, 0, nCalculation, screen);
        factor = amr / D2;
        screened = dropped;
        sigmaZ = Number.isFinite(factor) ? factor : null;
      }
      for (let i = first; i < end; i++) setLines(lines, i, cl, sdAt(i) * factor, isP);
      return { cl, sigmaZ, screened, nCalculation };
    }
    case "c": {
      for (let i = first; i < end; i++) y[i] = values[i];
      // qic.c: cl = mean(y[base]); σ = √cl (Montgomery 7.17).
      const cl = rMean(values, first, calcEnd);
      const sd = Math.sqrt(cl);
      for (let i = first; i < end; i++) setLines(lines, i, cl, sd, false);
      return { cl, sigmaZ, screened, nCalculation };
    }
    case "g": {
      for (let i = first; i < end; i++) y[i] = values[i];
      // qic.g: limits from the mean via the geometric distribution,
      // σ = √(mean (mean + 1)) (Montgomery p. 319); the centre line drawn and
      // used for the runs analysis is the median of the baseline.
      const mean = rMean(values, first, calcEnd);
      const sd = Math.sqrt(mean * (mean + 1));
      const sorted = ensureScratch(nCalculation).subarray(0, nCalculation);
      for (let i = first; i < calcEnd; i++) sorted[i - first] = values[i];
      sorted.sort();
      const half = nCalculation >> 1;
      const cl = nCalculation % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
      for (let i = first; i < end; i++) {
        setLines(lines, i, mean, sd, false);
        lines.cl[i] = cl;
      }
      return { cl, sigmaZ, screened, nCalculation };
    }
    case "t": {
      // qic.t: an I chart of y^(1/3.6), screened moving ranges, transformed back.
      const tr = ensureScratch(end - first);
      for (let i = first; i < end; i++) {
        y[i] = values[i];
        tr[i - first] = Math.pow(values[i], 1 / T_CHART_POWER);
      }
      const clT = rMean(tr, 0, nCalculation);
      const [amr, dropped] = screenedMeanMovingRange(tr, 0, nCalculation, screen);
      screened = dropped;
      const sd = amr / D2;
      const back = (x: number) => (x < 0 || Number.isNaN(x) ? Number.NaN : Math.pow(x, T_CHART_POWER));
      const cl = back(clT);
      const ucl = back(clT + 3 * sd);
      const u2 = back(clT + 2 * sd);
      // qicharts2 sets a negative (NaN) lower limit to 0; the 2σ line likewise.
      const lclRaw = back(clT - 3 * sd);
      const l2Raw = back(clT - 2 * sd);
      const lcl = Number.isNaN(lclRaw) && Number.isFinite(sd) ? 0 : lclRaw;
      const l2 = Number.isNaN(l2Raw) && Number.isFinite(sd) ? 0 : l2Raw;
      for (let i = first; i < end; i++) {
        lines.cl[i] = cl;
        lines.ucl[i] = ucl;
        lines.u2[i] = u2;
        lines.lcl[i] = lcl;
        lines.l2[i] = l2;
      }
      return { cl, sigmaZ, screened, nCalculation };
    }
  }
}
