import { describe, expect, it } from "vitest";
import { analyseSeries, describeAssurance, describeLatest, describeResult } from "~/domain/spc";

// The worked example from the SPC engine brief: a process that steps up by
// about 4 after point 11, measured where higher is better, target 8.
const VALUES = [5, 6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 5, 9, 9, 10, 9, 10, 11, 10, 9];

describe("worked example (brief): step up after 12 points, increase, target 8", () => {
  const r = analyseSeries({ values: VALUES, improvement: "increase", target: 8 });

  it("screens the 5→9 moving range out: MR̄ = 18/18 = 1.0 rather than 22/19", () => {
    expect(r.segments).toHaveLength(1);
    expect(r.segments[0].screened_moving_ranges).toBe(1);
    expect(r.mr_bar).toBeCloseTo(1.0, 12);
  });

  it("has mean 7.3, UCL 9.96, LCL 4.64 and 2σ lines at ±1.7733", () => {
    expect(r.n).toBe(20);
    expect(r.mean).toBeCloseTo(7.3, 12);
    expect(r.ucl).toBeCloseTo(9.96, 12);
    expect(r.lcl).toBeCloseTo(4.64, 12);
    expect(r.upper_two_sigma).toBeCloseTo(7.3 + (2 * 2.66) / 3, 12);
    expect(r.lower_two_sigma).toBeCloseTo(5.526667, 6);
    expect(r.trial_limits).toBe(false);
  });

  it("flags points 0–11 as a shift below the mean: concern, low", () => {
    for (const p of r.points.slice(0, 12)) {
      expect(p.shift, `point ${p.index}`).toBe(true);
      expect(p.special_cause, `point ${p.index}`).toBe("concern");
      expect(p.direction, `point ${p.index}`).toBe("low");
      expect(p.astronomical).toBe(false);
      expect(p.trend).toBe(false);
    }
  });

  it("flags only the 5s among 0–11 as two-of-three (6 is not below 5.5267)", () => {
    const twoOfThree = r.points.filter((p) => p.two_of_three).map((p) => p.index);
    expect(twoOfThree).toEqual([0, 2, 9, 11]);
    expect(r.points.filter((p) => p.rule === "two_of_three").map((p) => p.index)).toEqual([0, 2, 9, 11]);
    // Point 5 is also a 5, but no window of three around it holds two points beyond 2σ.
    expect(r.points[5].two_of_three).toBe(false);
    expect(r.points[5].rule).toBe("shift");
  });

  it("flags points 12–19 as a shift above the mean: improvement, high; 14, 16, 17, 18 outside the limits", () => {
    for (const p of r.points.slice(12)) {
      expect(p.shift, `point ${p.index}`).toBe(true);
      expect(p.special_cause, `point ${p.index}`).toBe("improvement");
      expect(p.direction, `point ${p.index}`).toBe("high");
      expect(p.two_of_three).toBe(false);
    }
    expect(r.points.filter((p) => p.astronomical).map((p) => p.index)).toEqual([14, 16, 17, 18]);
    expect(r.points.filter((p) => p.rule === "astronomical").map((p) => p.index)).toEqual([14, 16, 17, 18]);
    expect(r.points[12].rule).toBe("shift");
  });

  it("carries the segment's lines on every point", () => {
    for (const p of r.points) {
      expect(p.segment).toBe(0);
      expect(p.mean).toBeCloseTo(7.3, 12);
      expect(p.ucl).toBeCloseTo(9.96, 12);
      expect(p.lcl).toBeCloseTo(4.64, 12);
      expect(p.value).toBe(VALUES[p.index]);
      expect(p.date).toBeNull();
    }
  });

  it("gives special_cause_improvement_high and an inconsistent (hit-and-miss) assurance", () => {
    expect(r.variation_icon).toBe("special_cause_improvement_high");
    expect(r.assurance_icon).toBe("inconsistent");
  });

  it("run chart: median 6.5, longest run 8 (max 7), crossings 5 (min 6), signal", () => {
    const rc = r.run_chart;
    expect(rc.median).toBe(6.5);
    expect(rc.n_obs).toBe(20);
    expect(rc.n_useful).toBe(20);
    expect(rc.longest_run).toBe(8);
    expect(rc.longest_run_max).toBe(7);
    expect(rc.crossings).toBe(5);
    expect(rc.crossings_min).toBe(6);
    expect(rc.signal).toBe(true);
    expect(rc.ihi.shift).toBe(true);
    expect(rc.ihi.longest_shift).toBe(8);
    expect(rc.ihi.trend).toBe(false);
    expect(rc.ihi.longest_trend).toBe(3);
    expect(rc.ihi.astronomical).toBe(true);
  });

  it("reads in plain English", () => {
    expect(describeLatest(r, { periodWord: "weeks" })).toBe("Special cause improvement: the last 8 weeks are all above the average.");
    expect(describeAssurance(r, { periodWord: "weeks" })).toBe(
      "Hit and miss: the target of 8 lies between the process limits (4.64 to 9.96), so the measure will sometimes meet it and sometimes miss it.",
    );
    expect(describeResult(r)).toBe(
      "Special cause improvement: the last 8 points are all above the average. Hit and miss: the target of 8 lies between the process limits (4.64 to 9.96), so the measure will sometimes meet it and sometimes miss it.",
    );
  });
});
