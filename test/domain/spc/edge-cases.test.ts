import { describe, expect, it } from "vitest";
import { analyseSeries, assuranceIcon, describeAssurance, describeLatest, type SpcInput, type SpcResult } from "~/domain/spc";

const run = (values: number[], extra: Partial<SpcInput> = {}): SpcResult => analyseSeries({ values, improvement: "increase", ...extra });

/** Every number anywhere in the result, to prove no NaN or Infinity leaks out. */
function numbersIn(x: unknown, out: number[] = []): number[] {
  if (typeof x === "number") out.push(x);
  else if (Array.isArray(x)) for (const v of x) numbersIn(v, out);
  else if (x !== null && typeof x === "object") for (const v of Object.values(x)) numbersIn(v, out);
  return out;
}

// A stable baseline: mean 11, every moving range 2, so MR̄ 2,
// UCL 16.32, LCL 5.68, 2σ lines 14.5467 and 7.4533.
const BASE = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12];

// The brief's worked example, and the same values in reverse order.
const WORKED = [5, 6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 5, 9, 9, 10, 9, 10, 11, 10, 9];
const REVERSED = [...WORKED].reverse();

describe("tiny inputs never produce NaN", () => {
  it("empty: nulls, no points, no icons", () => {
    const r = run([], { target: 3 });
    expect(r.n).toBe(0);
    expect(r.points).toEqual([]);
    expect(r.segments).toEqual([]);
    expect([r.mean, r.ucl, r.lcl, r.mr_bar, r.upper_two_sigma, r.lower_two_sigma]).toEqual([null, null, null, null, null, null]);
    expect(r.trial_limits).toBe(true);
    expect(r.variation_icon).toBeNull();
    expect(r.assurance_icon).toBeNull();
    expect(r.run_chart.median).toBeNull();
    expect(r.run_chart.n_useful).toBe(0);
    expect(r.run_chart.longest_run).toBeNull();
    expect(r.run_chart.signal).toBe(false);
    expect(numbersIn(r).every(Number.isFinite)).toBe(true);
    expect(describeLatest(r, { periodWord: "months" })).toBe("No data yet: there are no months to read.");
    expect(describeAssurance(r)).toBeNull();
  });

  it("one point: the mean is the value, no limits, common cause, no assurance", () => {
    const r = run([42], { target: 40 });
    expect(r.mean).toBe(42);
    expect(r.ucl).toBeNull();
    expect(r.lcl).toBeNull();
    expect(r.mr_bar).toBeNull();
    expect(r.trial_limits).toBe(true);
    expect(r.points[0]).toMatchObject({
      value: 42,
      mean: 42,
      ucl: null,
      lcl: null,
      special_cause: "common",
      direction: null,
      rule: null,
    });
    expect(r.variation_icon).toBe("common_cause");
    expect(r.assurance_icon).toBeNull();
    expect(r.run_chart.median).toBe(42);
    expect(r.run_chart.n_useful).toBe(0);
    expect(r.run_chart.signal).toBe(false);
    expect(numbersIn(r).every(Number.isFinite)).toBe(true);
    expect(describeLatest(r)).toBe("Common cause variation: no signal in the latest point (trial limits: only 1 point so far).");
  });

  it("two points: one moving range, kept by the screen", () => {
    const r = run([1, 3]);
    expect(r.mean).toBe(2);
    expect(r.mr_bar).toBe(2);
    expect(r.ucl).toBeCloseTo(7.32, 12);
    expect(r.lcl).toBeCloseTo(-3.32, 12);
    expect(numbersIn(r).every(Number.isFinite)).toBe(true);
  });
});

describe("flat series", () => {
  const flat = Array<number>(15).fill(5);

  it("has MR̄ 0 and limits on the mean, with no signal", () => {
    const r = run(flat);
    expect(r.mr_bar).toBe(0);
    expect([r.mean, r.ucl, r.lcl, r.upper_two_sigma, r.lower_two_sigma]).toEqual([5, 5, 5, 5, 5]);
    expect(r.points.every((p) => p.special_cause === "common" && !p.shift && !p.astronomical)).toBe(true);
    expect(r.variation_icon).toBe("common_cause");
    expect(numbersIn(r).every(Number.isFinite)).toBe(true);
  });

  it("run chart: every point is on the median, so nothing is useful and nothing signals", () => {
    const rc = run(flat).run_chart;
    expect(rc.median).toBe(5);
    expect(rc.n_useful).toBe(0);
    expect([rc.longest_run, rc.longest_run_max, rc.crossings, rc.crossings_min]).toEqual([null, null, null, null]);
    expect(rc.signal).toBe(false);
    expect(rc.ihi.trend).toBe(false);
    expect(rc.ihi.longest_trend).toBe(1);
  });

  it("assurance against zero-width limits: strictly above fails, strictly below passes, equal is hit and miss", () => {
    expect(run(flat, { target: 6 }).assurance_icon).toBe("consistent_fail");
    expect(run(flat, { target: 4 }).assurance_icon).toBe("consistent_pass");
    expect(run(flat, { target: 5 }).assurance_icon).toBe("inconsistent");
  });

  it("a flat baseline makes any later change astronomical", () => {
    const r = run([...Array<number>(12).fill(5), 6, 4], { baseline: 12 });
    expect(r.ucl).toBe(5);
    expect(r.points[12]).toMatchObject({
      astronomical: true,
      rule: "astronomical",
      direction: "high",
      special_cause: "improvement",
    });
    expect(r.points[13]).toMatchObject({ astronomical: true, direction: "low", special_cause: "concern" });
  });
});

describe("rebase segments", () => {
  it("no trend crosses a rebase", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(run(values).points.every((p) => p.trend)).toBe(true);
    const r = run(values, { rebase: [5] });
    expect(r.points.some((p) => p.trend)).toBe(false);
    expect(r.points.map((p) => p.segment)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });

  it("no shift crosses a rebase", () => {
    // Eight points above a long-run mean of 0, split 4 | 4 by the rebase.
    const values = [-1, -2, -1, -2, -1, -2, -1, -2, 1, 2, 1, 2, 1, 2, 1, 2];
    expect(run(values).points.every((p) => p.shift)).toBe(true);
    const r = run(values, { rebase: [4, 12] });
    expect(r.segments.map((s) => [s.first_index, s.last_index])).toEqual([
      [0, 3],
      [4, 11],
      [12, 15],
    ]);
    // The middle segment has its own mean (0), four below then four above: no run of 7.
    expect(r.segments[1].mean).toBe(0);
    expect(r.points.some((p) => p.shift)).toBe(false);
  });

  it("no moving range or two-of-three window crosses a rebase", () => {
    const r = run([0, 0, 0, 0, 100, 100, 100, 100], { rebase: [4] });
    expect(r.segments.map((s) => s.mr_bar)).toEqual([0, 0]);
    expect(r.segments.map((s) => s.mean)).toEqual([0, 100]);
    expect(r.points.every((p) => p.special_cause === "common")).toBe(true);
  });

  it("latest segment decides the headline numbers, trial limits and icons", () => {
    const values = [...BASE, ...BASE, 30, 31, 30, 31, 30];
    const r = run(values, { rebase: [24], target: 20 });
    expect(r.segments).toHaveLength(2);
    expect(r.mean).toBeCloseTo(30.4, 12);
    expect(r.segments[1].n).toBe(5);
    expect(r.trial_limits).toBe(true);
    expect(r.segments[0].trial_limits).toBe(false);
    // Target 20 is below the new LCL (30.4 − 2.66): consistently passing.
    expect(r.assurance_icon).toBe("consistent_pass");
  });

  it("ignores rebase indices that cannot start a segment", () => {
    const r = run([1, 2, 1, 2, 1, 2], { rebase: [0, -1, 6, 99, 2.5, 3, 3] });
    expect(r.segments.map((s) => s.first_index)).toEqual([0, 3]);
  });
});

describe("baseline fixing", () => {
  it("takes the mean and MR̄ from the first N points and applies them to the rest", () => {
    const r = run([...BASE, 20, 20, 20, 20, 20, 20, 20, 20], { baseline: 12 });
    expect(r.segments[0].n_calculation).toBe(12);
    expect(r.mean).toBe(11);
    expect(r.mr_bar).toBe(2);
    expect(r.ucl).toBeCloseTo(16.32, 12);
    expect(r.lcl).toBeCloseTo(5.68, 12);
    expect(r.points.slice(12).every((p) => p.astronomical && p.special_cause === "improvement")).toBe(true);
    expect(r.run_chart.n_median).toBe(12);
    expect(r.run_chart.median).toBe(11);
    // Without the baseline the step is part of the limits.
    expect(run([...BASE, 20, 20, 20, 20, 20, 20, 20, 20]).mean).toBeCloseTo(14.6, 12);
  });

  it("applies per segment, and a segment shorter than the baseline uses all its points", () => {
    const r = run([...BASE, 20, 21, 20, 21, 20], { baseline: 12, rebase: [12] });
    expect(r.segments[0].n_calculation).toBe(12);
    expect(r.segments[1].n_calculation).toBe(5);
    expect(r.mean).toBeCloseTo(20.4, 12);
    expect(r.points.slice(12).every((p) => !p.astronomical)).toBe(true);
  });

  it("ignores a baseline below one point", () => {
    expect(run([1, 2, 3], { baseline: 0 }).options.baseline).toBeNull();
    expect(run([1, 2, 3], { baseline: 12.7 }).options.baseline).toBe(12);
  });
});

describe("trial limits", () => {
  it("are on below 12 points and off from 12", () => {
    expect(run(BASE.slice(0, 11)).trial_limits).toBe(true);
    expect(run(BASE).trial_limits).toBe(false);
  });
});

describe("trend rule", () => {
  it("an equal value breaks a trend", () => {
    expect(run([1, 2, 3, 4, 5, 6, 7, 8]).points.every((p) => p.trend)).toBe(true);
    expect(run([1, 2, 3, 4, 4, 5, 6, 7]).points.some((p) => p.trend)).toBe(false);
  });

  it("flags every point of the run, the first included, and honours trend_length", () => {
    const values = [5, 1, 2, 3, 4, 5, 6, 2];
    expect(run(values).points.some((p) => p.trend)).toBe(false);
    const r = run(values, { trend_length: 6 });
    expect(r.points.map((p) => p.trend)).toEqual([false, true, true, true, true, true, true, false]);
  });

  it("a point shared by a rising and a falling trend takes the later trend's direction", () => {
    const r = run([1, 2, 3, 4, 3, 2, 1], { trend_length: 4 });
    expect(r.points.every((p) => p.trend && p.rule === "trend")).toBe(true);
    expect(r.points.map((p) => p.direction)).toEqual(["high", "high", "high", "low", "low", "low", "low"]);
    expect(r.points.map((p) => p.special_cause)).toEqual(["improvement", "improvement", "improvement", "concern", "concern", "concern", "concern"]);
  });
});

describe("shift rule", () => {
  // Mean exactly 0: six above, one on the mean, six above, twelve below.
  const values = [1, 2, 1, 2, 1, 2, 0, 2, 1, 2, 1, 2, 1, -1, -2, -1, -2, -1, -2, -1, -2, -1, -2, -1, -2];

  it("a point exactly on the mean breaks the run", () => {
    const r = run(values);
    expect(r.mean).toBe(0);
    expect(r.points.slice(0, 13).some((p) => p.shift)).toBe(false);
    expect(r.points.slice(13).every((p) => p.shift)).toBe(true);
  });

  it("shift_length 6 finds the two broken halves, but never the point on the mean", () => {
    const r = run(values, { shift_length: 6 });
    expect(r.points.map((p) => p.shift).slice(0, 13)).toEqual([true, true, true, true, true, true, false, true, true, true, true, true, true]);
  });
});

describe("priority when rules overlap: astronomical > trend > two-of-three > shift", () => {
  it("a rising trend below the mean beats two-of-three and the shift below, and an outside point beats the trend", () => {
    // After BASE (mean 11): 6 and 7 are beyond the lower 2σ line (7.4533), all
    // seven are below the mean and rising; 17 is above the UCL (16.32).
    const r = run([...BASE, 6, 7, 8, 9, 10, 10.5, 10.8, 17], { baseline: 12 });
    const p = r.points;
    expect(p[12]).toMatchObject({
      trend: true,
      two_of_three: true,
      shift: true,
      rule: "trend",
      direction: "high",
      special_cause: "improvement",
    });
    expect(p[13]).toMatchObject({ trend: true, two_of_three: true, shift: true, rule: "trend" });
    expect(p.slice(14, 19).every((q) => q.trend && q.shift && !q.two_of_three && q.rule === "trend")).toBe(true);
    expect(p[19]).toMatchObject({ astronomical: true, trend: true, rule: "astronomical", direction: "high" });
    // For a measure where lower is better, the same rising trend is a concern.
    const d = analyseSeries({ values: [...BASE, 6, 7, 8, 9, 10, 10.5, 10.8], improvement: "decrease", baseline: 12 });
    expect(d.points[12].special_cause).toBe("concern");
  });

  it("two-of-three beats the shift it sits in", () => {
    const r = run([...BASE, 7, 10, 7, 10, 10, 10, 10], { baseline: 12 });
    const rules = r.points.slice(12).map((p) => p.rule);
    expect(rules).toEqual(["two_of_three", "shift", "two_of_three", "shift", "shift", "shift", "shift"]);
    expect(r.points.slice(12).every((p) => p.direction === "low" && p.special_cause === "concern")).toBe(true);
  });

  it("an outside point beats the shift it sits in (worked example point 14)", () => {
    const r = run(WORKED);
    expect(r.points[14]).toMatchObject({ astronomical: true, shift: true, rule: "astronomical" });
  });
});

describe("two-of-three modes (NHSRplotthedots issue #153; MDC 2023)", () => {
  // After BASE: 17, 17 are beyond the UCL (16.32), 15 is between 2σ (14.5467) and the UCL.
  const values = [...BASE, 17, 17, 15];

  it("between_limits (default): points beyond the limits do not count, so 15 stays common", () => {
    const r = run(values, { baseline: 12 });
    expect(r.points[14]).toMatchObject({ two_of_three: false, rule: null, special_cause: "common" });
  });

  it("beyond_two_sigma: they count, so 15 completes a two-of-three", () => {
    const r = run(values, { baseline: 12, two_of_three_mode: "beyond_two_sigma" });
    expect(r.points[14]).toMatchObject({ two_of_three: true, rule: "two_of_three", special_cause: "improvement" });
    expect(r.points[12]).toMatchObject({ two_of_three: true, rule: "astronomical" });
  });

  it("two between the 2σ line and the limit count in either mode; only they are flagged", () => {
    for (const mode of ["between_limits", "beyond_two_sigma"] as const) {
      const r = run([...BASE, 17, 15, 15], { baseline: 12, two_of_three_mode: mode });
      expect(r.points.slice(12).map((p) => p.rule)).toEqual(["astronomical", "two_of_three", "two_of_three"]);
    }
    const r = run([...BASE, 15, 12, 15], { baseline: 12 });
    expect(r.points.slice(12).map((p) => p.two_of_three)).toEqual([true, false, true]);
  });
});

describe("improvement direction", () => {
  it("decrease reverses improvement and concern", () => {
    const r = analyseSeries({ values: WORKED, improvement: "decrease", target: 8 });
    expect(r.points.slice(0, 12).every((p) => p.special_cause === "improvement" && p.direction === "low")).toBe(true);
    expect(r.points.slice(12).every((p) => p.special_cause === "concern" && p.direction === "high")).toBe(true);
    expect(r.variation_icon).toBe("special_cause_concern_high");
    expect(r.assurance_icon).toBe("inconsistent");
  });

  it("neutral calls every signal neutral and has no assurance icon", () => {
    const r = analyseSeries({ values: WORKED, improvement: "neutral", target: 8 });
    expect(r.points.every((p) => p.special_cause === "neutral")).toBe(true);
    expect(r.points[0].direction).toBe("low");
    expect(r.points[19].direction).toBe("high");
    expect(r.variation_icon).toBe("special_cause_neutral_high");
    expect(r.assurance_icon).toBeNull();
    expect(describeAssurance(r)).toBeNull();
  });
});

describe("variation icons: one case each", () => {
  const icon = (values: number[], improvement: SpcInput["improvement"]) => analyseSeries({ values, improvement }).variation_icon;
  it.each([
    [BASE, "increase", "common_cause"],
    [WORKED, "increase", "special_cause_improvement_high"],
    [REVERSED, "decrease", "special_cause_improvement_low"],
    [WORKED, "decrease", "special_cause_concern_high"],
    [REVERSED, "increase", "special_cause_concern_low"],
    [WORKED, "neutral", "special_cause_neutral_high"],
    [REVERSED, "neutral", "special_cause_neutral_low"],
  ] as const)("%#: %s → %s", (values, improvement, expected) => {
    expect(icon([...values], improvement)).toBe(expected);
  });
});

describe("assurance icons", () => {
  // Worked example limits: LCL 4.64, UCL 9.96.
  it.each([
    ["increase", 4, "consistent_pass"],
    ["increase", 11, "consistent_fail"],
    ["increase", 8, "inconsistent"],
    ["decrease", 11, "consistent_pass"],
    ["decrease", 4, "consistent_fail"],
    ["decrease", 8, "inconsistent"],
  ] as const)("%s with target %d → %s", (improvement, target, expected) => {
    expect(analyseSeries({ values: WORKED, improvement, target }).assurance_icon).toBe(expected);
  });

  it("edges are strict, as ptd_calculate_assurance_type(): a target on a limit is hit and miss", () => {
    expect(assuranceIcon("increase", 9.96, 9.96, 4.64)).toBe("inconsistent");
    expect(assuranceIcon("increase", 4.64, 9.96, 4.64)).toBe("inconsistent");
    expect(assuranceIcon("decrease", 9.96, 9.96, 4.64)).toBe("inconsistent");
    expect(assuranceIcon("increase", 9.9600001, 9.96, 4.64)).toBe("consistent_fail");
  });

  it("no target, a null target or a neutral measure give no icon", () => {
    expect(analyseSeries({ values: WORKED, improvement: "increase" }).assurance_icon).toBeNull();
    expect(analyseSeries({ values: WORKED, improvement: "increase", target: null }).assurance_icon).toBeNull();
    expect(analyseSeries({ values: WORKED, improvement: "neutral", target: 100 }).assurance_icon).toBeNull();
  });
});

describe("pass-through and options", () => {
  it("copies dates onto points and reports the options used", () => {
    const r = analyseSeries({ values: [1, 2, 3], dates: ["2024-01-01", "2024-02-01"], improvement: "increase" });
    expect(r.points.map((p) => p.date)).toEqual(["2024-01-01", "2024-02-01", null]);
    expect(r.options).toEqual({
      screen_outliers: true,
      shift_length: 7,
      trend_length: 7,
      two_of_three_mode: "between_limits",
      baseline: null,
      chart: "xmr",
      multiply: 1,
    });
  });
});

describe("run chart", () => {
  it("points on the median neither count as useful nor break a run", () => {
    const rc = run([1, 2, 3, 2, 1]).run_chart;
    expect(rc.median).toBe(2);
    expect(rc.n_useful).toBe(3);
    expect(rc.crossings).toBe(2);
    expect(rc.longest_run).toBe(1);
    const rc2 = run([1, 3, 3, 2, 3, 3, 1, 1]).run_chart; // median 2.5
    expect(rc2.median).toBe(2.5);
    expect(rc2.longest_run).toBe(2);
  });

  it("ignores rebases and freezes the median on the baseline (qicharts2 freeze)", () => {
    const values = [...BASE, 20, 20, 20, 20, 20, 20, 20, 20, 20];
    const rc = run(values, { rebase: [12], baseline: 12 }).run_chart;
    expect(rc.median).toBe(11);
    expect(rc.n_obs).toBe(21);
    expect(rc.longest_run).toBe(10); // the last 12 from BASE is above 11, then nine 20s
    expect(rc.signal).toBe(true);
  });

  it("IHI: equal values neither add to nor break a trend of five", () => {
    expect(run([1, 2, 2, 3, 4, 5]).run_chart.ihi).toMatchObject({ trend: true, longest_trend: 5 });
    expect(run([1, 2, 2, 3, 4]).run_chart.ihi).toMatchObject({ trend: false, longest_trend: 4 });
    expect(run([9, 5, 4, 4, 3, 2, 1]).run_chart.ihi).toMatchObject({ trend: true, longest_trend: 6 });
  });

  it("IHI: a shift is six on one side of the median", () => {
    const six = [1, 1, 1, 1, 1, 1, 9, 9, 9, 9, 9, 9, 5];
    expect(run(six).run_chart.ihi).toMatchObject({ shift: true, longest_shift: 6 });
    const five = [1, 1, 1, 1, 1, 9, 9, 9, 9, 9, 5];
    expect(run(five).run_chart.ihi).toMatchObject({ shift: false, longest_shift: 5 });
  });
});

describe("plain-English readings", () => {
  it("names an outside point, with units", () => {
    const r = run([...BASE, 18], { baseline: 12 });
    expect(describeLatest(r, { periodWord: "months", unitLabel: "%" })).toBe(
      "Special cause improvement: the latest month (18%) is above the upper process limit (16.32%).",
    );
    const low = run([...BASE, 4], { baseline: 12 });
    expect(describeLatest(low, { periodWord: "days", unitLabel: "patients" })).toBe(
      "Special cause concern: the latest day (4 patients) is below the lower process limit (5.68 patients).",
    );
  });

  it("names a trend and a two-of-three", () => {
    const trend = analyseSeries({
      values: [...BASE, 12, 11, 10, 9, 8, 7.9, 7.8],
      improvement: "decrease",
      baseline: 12,
    });
    expect(describeLatest(trend, { periodWord: "weeks" })).toBe("Special cause improvement: the last 7 weeks have each been lower than the one before.");
    const two = run([...BASE, 15, 12, 15], { baseline: 12 });
    expect(describeLatest(two, { periodWord: "weeks" })).toBe("Special cause improvement: 2 of the last 3 weeks are close to the upper process limit.");
  });

  it("says common cause, trial limits, and neutral signals without praise or blame", () => {
    expect(describeLatest(run(BASE.slice(0, 8)), { periodWord: "weeks" })).toBe(
      "Common cause variation: no signal in the latest week (trial limits: only 8 weeks so far).",
    );
    expect(describeLatest(analyseSeries({ values: WORKED, improvement: "neutral" }), { periodWord: "weeks" })).toBe(
      "Special cause variation: the last 8 weeks are all above the average.",
    );
    expect(describeLatest(run(BASE), { periodWord: "months" })).toBe("Common cause variation: no signal in the latest month.");
    expect(describeLatest(analyseSeries({ values: REVERSED, improvement: "neutral" }), { periodWord: "weeks" })).toBe(
      "Special cause variation: 2 of the last 3 weeks are close to the lower process limit.",
    );
  });

  it("reads each assurance icon", () => {
    expect(describeAssurance(analyseSeries({ values: WORKED, improvement: "increase", target: 4 }))).toBe(
      "Consistently passing: the target of 4 is below the lower process limit (4.64), so the measure should meet it every time unless the process changes.",
    );
    expect(describeAssurance(analyseSeries({ values: WORKED, improvement: "decrease", target: 4 }))).toBe(
      "Consistently failing: the target of 4 is below the lower process limit (4.64), so the measure will not meet it unless the process changes.",
    );
    expect(describeAssurance(analyseSeries({ values: WORKED, improvement: "decrease", target: 11 }), { unitLabel: "%" })).toBe(
      "Consistently passing: the target of 11% is above the upper process limit (9.96%), so the measure should meet it every time unless the process changes.",
    );
  });
});
