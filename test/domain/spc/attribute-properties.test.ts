import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseSeries, type ChartType, type SpcResult } from "~/domain/spc";

/** Numerators with denominators at least as large (a proportion), 1–40 points. */
const ratioSeriesArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 500 })), { minLength: 1, maxLength: 40 }).map((pairs) => ({
  values: pairs.map(([a, b]) => Math.min(a, b)),
  denominators: pairs.map(([, b]) => b),
}));
const countSeriesArb = fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 40 });
const positiveSeriesArb = fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 40 });
const chartArb = fc.constantFrom<ChartType>("xmr", "run", "p", "pp", "u", "up", "c", "g", "t");
const rebaseArb = fc.array(fc.integer({ min: 1, max: 39 }), { maxLength: 3 });

function inputFor(chart: ChartType, ratio: { values: number[]; denominators: number[] }, counts: number[], positive: number[]) {
  if (chart === "p" || chart === "pp" || chart === "u" || chart === "up") return { values: ratio.values, denominators: ratio.denominators };
  if (chart === "t") return { values: positive };
  return { values: counts };
}

function closeOrBothNull(a: number | null, b: number | null, scale: number): void {
  if (a === null || b === null) {
    expect(a).toBe(b);
    return;
  }
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a), Math.abs(b), scale));
}

const lines = (r: SpcResult) => r.points.map((p) => [p.y, p.cl, p.ucl, p.lcl, p.upper_two_sigma, p.lower_two_sigma] as const);

describe("attribute chart properties", () => {
  it("multiply is linear: the plotted value, centre line and every limit scale by it", () => {
    fc.assert(
      fc.property(
        chartArb,
        ratioSeriesArb,
        countSeriesArb,
        positiveSeriesArb,
        fc.constantFrom(10, 100, 1000, 0.5),
        rebaseArb,
        (chart, ratio, counts, positive, k, rebase) => {
          const input = { chart, improvement: "increase" as const, rebase, ...inputFor(chart, ratio, counts, positive) };
          const one = analyseSeries(input);
          const many = analyseSeries({ ...input, multiply: k });
          expect(many.options.multiply).toBe(k);
          const a = lines(one);
          const b = lines(many);
          expect(a.length).toBeGreaterThan(0);
          for (let i = 0; i < a.length; i++) {
            for (let j = 0; j < a[i].length; j++) {
              const x = a[i][j];
              closeOrBothNull(x === null ? null : x * k, b[i][j], k);
            }
          }
          for (let s = 0; s < one.segments.length; s++) {
            closeOrBothNull(one.segments[s].cl * k, many.segments[s].cl, k);
            expect(many.segments[s].sigma_z === null).toBe(one.segments[s].sigma_z === null);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("scaling numerators and denominators together leaves the proportion and the centre line unchanged, and narrows p and u limits by √k", () => {
    fc.assert(
      fc.property(fc.constantFrom<ChartType>("p", "u", "pp", "up"), ratioSeriesArb, fc.integer({ min: 2, max: 50 }), (chart, ratio, k) => {
        const one = analyseSeries({ chart, improvement: "increase", ...ratio });
        const scaled = analyseSeries({
          chart,
          improvement: "increase",
          values: ratio.values.map((v) => v * k),
          denominators: ratio.denominators.map((d) => d * k),
        });
        for (let i = 0; i < one.points.length; i++) {
          const p = one.points[i];
          const q = scaled.points[i];
          closeOrBothNull(p.y, q.y, 1);
          closeOrBothNull(p.cl, q.cl, 1);
          if (chart === "p" || chart === "u") {
            // σ ∝ 1/√n: the unclipped half-width shrinks by √k (compare where neither limit is clipped).
            if (p.ucl !== null && q.ucl !== null && p.ucl < 1 && q.ucl < 1 && chart === "p") closeOrBothNull((p.ucl - p.cl) / Math.sqrt(k), q.ucl - q.cl, 1);
            if (chart === "u" && p.ucl !== null && q.ucl !== null) closeOrBothNull((p.ucl - p.cl) / Math.sqrt(k), q.ucl - q.cl, 1);
          }
        }
        // Laney's σz is a ratio to the binomial/Poisson σ, which shrinks by √k: it grows by √k (or stays undefined).
        if (chart === "pp" || chart === "up") {
          const a = one.segments[0].sigma_z;
          const b = scaled.segments[0].sigma_z;
          if (a !== null && b !== null) closeOrBothNull(a * Math.sqrt(k), b, 1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("p and p′ limits stay within [0, 1]; no lower limit on any attribute chart is below 0", () => {
    fc.assert(
      fc.property(chartArb, ratioSeriesArb, countSeriesArb, positiveSeriesArb, rebaseArb, (chart, ratio, counts, positive, rebase) => {
        const r = analyseSeries({ chart, improvement: "decrease", rebase, ...inputFor(chart, ratio, counts, positive) });
        if (chart === "xmr") return;
        expect(r.points.length).toBeGreaterThan(0);
        for (const p of r.points) {
          if (p.lcl !== null) expect(p.lcl).toBeGreaterThanOrEqual(0);
          if (p.lower_two_sigma !== null) expect(p.lower_two_sigma).toBeGreaterThanOrEqual(0);
          if (chart === "p" || chart === "pp") {
            if (p.ucl !== null) expect(p.ucl).toBeLessThanOrEqual(1);
            if (p.upper_two_sigma !== null) expect(p.upper_two_sigma).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a point is outside exactly when it is strictly beyond its own limit; every point's centre line is its segment's", () => {
    fc.assert(
      fc.property(chartArb, ratioSeriesArb, countSeriesArb, positiveSeriesArb, rebaseArb, (chart, ratio, counts, positive, rebase) => {
        const r = analyseSeries({ chart, improvement: "increase", rebase, ...inputFor(chart, ratio, counts, positive) });
        expect(r.points.length).toBeGreaterThan(0);
        for (const p of r.points) {
          const beyond = (p.ucl !== null && p.y > p.ucl) || (p.lcl !== null && p.y < p.lcl);
          expect(p.outside).toBe(beyond);
          expect(p.astronomical).toBe(beyond);
          expect(p.value).toBe(p.y);
          expect(p.cl).toBe(r.segments[p.segment].cl);
          if (p.outside) expect(p.rule).toBe("astronomical");
        }
        if (chart === "run") expect(r.points.every((p) => p.ucl === null && p.lcl === null && !p.outside)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("the baseline fixes the centre line: points after it do not move it", () => {
    fc.assert(
      fc.property(chartArb, ratioSeriesArb, countSeriesArb, positiveSeriesArb, (chart, ratio, counts, positive) => {
        const input = inputFor(chart, ratio, counts, positive);
        const n = input.values.length;
        if (n < 3) return;
        const base = Math.ceil(n / 2);
        const full = analyseSeries({ chart, improvement: "increase", baseline: base, ...input });
        const head = analyseSeries({
          chart,
          improvement: "increase",
          values: input.values.slice(0, base),
          denominators: "denominators" in input ? input.denominators?.slice(0, base) : undefined,
        });
        closeOrBothNull(full.segments[0].cl, head.segments[0].cl, 1);
        closeOrBothNull(full.points[0].ucl, head.points[0].ucl, 1);
        expect(full.segments[0].sigma_z === null ? null : full.segments[0].sigma_z).toBe(head.segments[0].sigma_z);
      }),
      { numRuns: 300 },
    );
  });

  it("screening is switchable: with no moving range at least 3.267 × MR̄, p′ gives the same σz either way", () => {
    const values = [10, 12, 11, 13, 12, 11, 12, 10, 11, 12];
    const denominators = values.map(() => 100);
    const on = analyseSeries({ chart: "pp", improvement: "increase", values, denominators });
    const off = analyseSeries({ chart: "pp", improvement: "increase", values, denominators, screen_outliers: false });
    expect(on.segments[0].sigma_z).toBe(off.segments[0].sigma_z);
    // One wild month: screening drops its two moving ranges and narrows the limits.
    const wild = [...values.slice(0, 5), 60, ...values.slice(6)];
    const wOn = analyseSeries({ chart: "pp", improvement: "increase", values: wild, denominators });
    const wOff = analyseSeries({ chart: "pp", improvement: "increase", values: wild, denominators, screen_outliers: false });
    expect(wOn.segments[0].screened_moving_ranges).toBe(2);
    expect(wOff.segments[0].screened_moving_ranges).toBe(0);
    expect(wOn.segments[0].sigma_z ?? 0).toBeLessThan(wOff.segments[0].sigma_z ?? 0);
  });
});
