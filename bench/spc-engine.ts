// Micro-benchmark helpers: deterministic synthetic series and a timed loop,
// so a bench script or a test can check throughput without extra tooling.
import { analyseSeries } from "../app/domain/spc/analyse";
import type { ImprovementDirection, SpcInput } from "../app/domain/spc/types";

/**
 * `count` series of `length` points from a seeded LCG: noise around 50 with a
 * step part-way through some series, so every rule gets exercised.
 */
export function syntheticSeries(count: number, length: number, seed = 1): SpcInput[] {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const directions: ImprovementDirection[] = ["increase", "decrease", "neutral"];
  const out: SpcInput[] = [];
  for (let s = 0; s < count; s++) {
    const values = new Array<number>(length);
    const step = next() < 0.5 ? Math.floor(next() * length) : length;
    for (let i = 0; i < length; i++) {
      values[i] = Math.round((50 + (i >= step ? 8 : 0) + (next() + next() + next() - 1.5) * 10) * 10) / 10;
    }
    out.push({ values, improvement: directions[s % 3], target: 55 });
  }
  return out;
}

export interface BenchmarkResult {
  series: number;
  points: number;
  ms: number;
  pointsPerSecond: number;
}

/** Time analyseSeries over `inputs` (after one warm-up pass). */
export function benchmarkAnalyse(inputs: SpcInput[], rounds = 1): BenchmarkResult {
  let points = 0;
  for (const input of inputs) analyseSeries(input);
  const t0 = globalThis.performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const input of inputs) {
      points += analyseSeries(input).n;
    }
  }
  const ms = globalThis.performance.now() - t0;
  return { series: inputs.length * rounds, points, ms, pointsPerSecond: ms > 0 ? (points / ms) * 1000 : Infinity };
}

/**
 * The same shape of series for an attribute chart (ADR 030): for p and p′ a numerator out of a
 * denominator of 50 to 500 (u and u′: events in 1,000 to 5,000 bed days), for c a count, for g and
 * t positive intervals; seeded like `syntheticSeries`, with a step part-way through some series.
 */
export function syntheticAttributeSeries(count: number, length: number, chart: NonNullable<SpcInput["chart"]>, seed = 1): SpcInput[] {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const directions: ImprovementDirection[] = ["increase", "decrease", "neutral"];
  const out: SpcInput[] = [];
  for (let s = 0; s < count; s++) {
    const values = new Array<number>(length);
    const denominators = new Array<number>(length);
    const step = next() < 0.5 ? Math.floor(next() * length) : length;
    for (let i = 0; i < length; i++) {
      const shift = i >= step ? 1.2 : 1;
      const noise = next() + next() + next() - 1.5;
      if (chart === "p" || chart === "pp") {
        denominators[i] = 50 + Math.floor(next() * 450);
        values[i] = Math.min(denominators[i], Math.max(0, Math.round(denominators[i] * (0.6 * shift + noise * 0.1))));
      } else if (chart === "u" || chart === "up") {
        denominators[i] = 1000 + Math.floor(next() * 4000);
        values[i] = Math.max(0, Math.round((denominators[i] / 1000) * (5 * shift + noise * 2)));
      } else if (chart === "c") {
        values[i] = Math.max(0, Math.round(8 * shift + noise * 3));
      } else {
        values[i] = Math.max(1, Math.round(20 * shift * (0.2 + 2 * next())));
      }
    }
    const ratio = chart === "p" || chart === "pp" || chart === "u" || chart === "up";
    out.push({ values, chart, improvement: directions[s % 3], ...(ratio ? { denominators, multiply: chart === "p" || chart === "pp" ? 100 : 1000 } : {}) });
  }
  return out;
}
