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
