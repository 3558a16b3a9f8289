import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseSeries, type SpcInput, type SpcPoint, type SpcResult } from "~/domain/spc";

const improvementArb = fc.constantFrom<SpcInput["improvement"]>("increase", "decrease", "neutral");
const modeArb = fc.constantFrom<NonNullable<SpcInput["two_of_three_mode"]>>("between_limits", "beyond_two_sigma");
/** Whole numbers keep sums exact, so "on the mean" means the same thing before and after a shift. */
const intSeriesArb = fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 0, maxLength: 60 });
const realSeriesArb = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), {
  minLength: 0,
  maxLength: 60,
});
const optionsArb = fc.record({
  screen_outliers: fc.boolean(),
  shift_length: fc.integer({ min: 2, max: 9 }),
  trend_length: fc.integer({ min: 2, max: 9 }),
  two_of_three_mode: modeArb,
});

const flags = (p: SpcPoint) => [p.astronomical, p.shift, p.trend, p.two_of_three, p.rule, p.special_cause, p.direction];

/** True when some value sits within `eps` of one of its segment's lines (float noise could tip it). */
function nearALine(r: SpcResult, eps: number): boolean {
  return r.points.some((p) => [p.ucl, p.lcl, p.upper_two_sigma, p.lower_two_sigma].some((line) => line !== null && Math.abs(p.value - line) < eps));
}

describe("SPC engine properties", () => {
  it("limits and 2σ lines are symmetric about the mean, at 2.66 and 1.7733 × MR̄", () => {
    fc.assert(
      fc.property(realSeriesArb, fc.boolean(), (values, screen) => {
        const r = analyseSeries({ values, improvement: "increase", screen_outliers: screen });
        for (const s of r.segments) {
          if (s.mr_bar === null) {
            expect(s.n_calculation).toBe(1);
            continue;
          }
          const tol = 1e-9 * (1 + Math.abs(s.mean) + s.mr_bar);
          expect(Math.abs(s.ucl! - s.mean - (s.mean - s.lcl!))).toBeLessThan(tol);
          expect(Math.abs(s.ucl! - s.mean - 2.66 * s.mr_bar)).toBeLessThan(tol);
          expect(Math.abs(s.upper_two_sigma! - s.mean - (s.mean - s.lower_two_sigma!))).toBeLessThan(tol);
          expect(Math.abs(s.upper_two_sigma! - s.mean - ((2 * 2.66) / 3) * s.mr_bar)).toBeLessThan(tol);
          expect(s.mr_bar).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("adding a constant shifts the mean, limits and median by it and leaves every flag unchanged", () => {
    fc.assert(
      fc.property(
        intSeriesArb,
        fc.integer({ min: -1000, max: 1000 }),
        improvementArb,
        optionsArb,
        fc.array(fc.integer({ min: 1, max: 59 }), { maxLength: 3 }),
        (values, c, improvement, options, rebase) => {
          const a = analyseSeries({ values, improvement, rebase, ...options });
          fc.pre(!nearALine(a, 1e-7));
          const b = analyseSeries({ values: values.map((v) => v + c), improvement, rebase, ...options });
          expect(b.segments.length).toBe(a.segments.length);
          for (let s = 0; s < a.segments.length; s++) {
            const sa = a.segments[s];
            const sb = b.segments[s];
            expect(sb.mean).toBeCloseTo(sa.mean + c, 9);
            if (sa.ucl !== null) {
              expect(sb.ucl!).toBeCloseTo(sa.ucl + c, 9);
              expect(sb.lcl!).toBeCloseTo(sa.lcl! + c, 9);
              expect(sb.mr_bar!).toBeCloseTo(sa.mr_bar!, 9);
            }
          }
          expect(b.points.map(flags)).toEqual(a.points.map(flags));
          expect(b.variation_icon).toBe(a.variation_icon);
          if (a.run_chart.median !== null) expect(b.run_chart.median).toBe(a.run_chart.median + c);
          expect({ ...b.run_chart, median: 0 }).toEqual({ ...a.run_chart, median: 0 });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("negating the values and switching increase to decrease leaves every special_cause unchanged", () => {
    fc.assert(
      fc.property(realSeriesArb, optionsArb, fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }), (values, options, baseline) => {
        const a = analyseSeries({ values, improvement: "increase", baseline, ...options });
        const b = analyseSeries({ values: values.map((v) => -v), improvement: "decrease", baseline, ...options });
        expect(b.points.map((p) => p.special_cause)).toEqual(a.points.map((p) => p.special_cause));
        expect(b.points.map((p) => p.rule)).toEqual(a.points.map((p) => p.rule));
        // The sides flip with the values.
        expect(b.points.map((p) => p.direction)).toEqual(a.points.map((p) => (p.direction === null ? null : p.direction === "high" ? "low" : "high")));
      }),
      { numRuns: 300 },
    );
  });

  it("for an increase measure, negating the values swaps improvement and concern", () => {
    const swap = { improvement: "concern", concern: "improvement", neutral: "neutral", common: "common" } as const;
    fc.assert(
      fc.property(realSeriesArb, optionsArb, (values, options) => {
        const a = analyseSeries({ values, improvement: "increase", ...options });
        const b = analyseSeries({ values: values.map((v) => -v), improvement: "increase", ...options });
        expect(b.points.map((p) => p.special_cause)).toEqual(a.points.map((p) => swap[p.special_cause]));
        expect(a.points.some((p) => p.special_cause === "neutral")).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("flags never cross a rebase: each segment reads exactly as if it were analysed alone", () => {
    fc.assert(
      fc.property(
        realSeriesArb.filter((v) => v.length >= 2),
        fc.array(fc.integer({ min: 0, max: 70 }), { maxLength: 5 }),
        improvementArb,
        optionsArb,
        fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
        (values, rebase, improvement, options, baseline) => {
          const whole = analyseSeries({ values, improvement, rebase, baseline, ...options });
          for (const seg of whole.segments) {
            const part = values.slice(seg.first_index, seg.last_index + 1);
            const alone = analyseSeries({ values: part, improvement, baseline, ...options });
            expect(alone.segments).toHaveLength(1);
            expect(alone.segments[0].mean).toBe(seg.mean);
            expect(alone.segments[0].ucl).toBe(seg.ucl);
            expect(alone.segments[0].lcl).toBe(seg.lcl);
            const inWhole = whole.points.slice(seg.first_index, seg.last_index + 1);
            expect(inWhole.every((p) => p.segment === seg.index)).toBe(true);
            expect(inWhole.map(flags)).toEqual(alone.points.map(flags));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("special_cause always agrees with direction and the improvement direction; nothing is NaN", () => {
    fc.assert(
      fc.property(
        realSeriesArb,
        improvementArb,
        optionsArb,
        fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }),
        (values, improvement, options, target) => {
          const r = analyseSeries({ values, improvement, target, ...options });
          for (const p of r.points) {
            expect(p.direction === null).toBe(p.special_cause === "common");
            expect(p.rule === null).toBe(p.special_cause === "common");
            if (improvement === "neutral") expect(["neutral", "common"]).toContain(p.special_cause);
            else expect(p.special_cause).not.toBe("neutral");
            if (p.rule !== null) expect(p[p.rule]).toBe(true);
          }
          if (r.n > 0) {
            const last = r.points[r.n - 1];
            expect(r.variation_icon).toBe(last.special_cause === "common" ? "common_cause" : `special_cause_${last.special_cause}_${last.direction}`);
          }
          if (improvement === "neutral" || target === null || r.ucl === null) expect(r.assurance_icon).toBeNull();
          const rc = r.run_chart;
          for (const x of [r.mean, r.ucl, r.lcl, r.mr_bar, rc.median, rc.longest_run, rc.crossings]) {
            if (x !== null) expect(Number.isNaN(x)).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
