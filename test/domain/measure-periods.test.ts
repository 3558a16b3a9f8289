import { describe, expect, it } from "vitest";
import {
  checkPoint,
  defaultChart,
  formatMeasureValue,
  measureSpcInput,
  normalisePeriod,
  periodLabel,
  ratioProblem,
  ratioValue,
  unitSuffix,
  valueProblem,
} from "~/domain/measure-periods";
import { analyseSeries } from "~/domain/spc";

describe("normalisePeriod", () => {
  it("keeps a daily date as it is", () => {
    expect(normalisePeriod("2026-11-26", "daily")).toBe("2026-11-26");
  });

  it("moves a weekly date to the Monday of its week (Sunday belongs to the week before)", () => {
    // 23 Nov 2026 is a Monday.
    for (const day of ["2026-11-23", "2026-11-24", "2026-11-26", "2026-11-28", "2026-11-29"]) {
      expect(normalisePeriod(day, "weekly"), day).toBe("2026-11-23");
    }
    expect(normalisePeriod("2026-11-30", "weekly")).toBe("2026-11-30");
    expect(normalisePeriod("2026-11-22", "weekly")).toBe("2026-11-16");
  });

  it("crosses month, year and leap-day boundaries for weeks", () => {
    expect(normalisePeriod("2026-01-01", "weekly")).toBe("2025-12-29");
    expect(normalisePeriod("2024-03-01", "weekly")).toBe("2024-02-26");
    expect(normalisePeriod("2024-02-29", "weekly")).toBe("2024-02-26");
  });

  it("moves a monthly date to the 1st", () => {
    expect(normalisePeriod("2026-11-26", "monthly")).toBe("2026-11-01");
    expect(normalisePeriod("2024-02-29", "monthly")).toBe("2024-02-01");
    expect(normalisePeriod("2026-12-01", "monthly")).toBe("2026-12-01");
  });

  it("is unaffected by the local time zone across the clock change", () => {
    // The last Sunday of March and of October (British Summer Time starts and ends).
    expect(normalisePeriod("2026-03-29", "weekly")).toBe("2026-03-23");
    expect(normalisePeriod("2026-10-25", "weekly")).toBe("2026-10-19");
    expect(normalisePeriod("2026-10-26", "weekly")).toBe("2026-10-26");
  });
});

describe("periodLabel", () => {
  it("says what the period is in UK style", () => {
    expect(periodLabel("2026-11-26", "daily")).toBe("26 Nov 2026");
    expect(periodLabel("2026-11-23", "weekly")).toBe("week beginning 23 Nov 2026");
    expect(periodLabel("2026-11-01", "monthly")).toBe("November 2026");
  });
});

describe("values for a unit", () => {
  it("keeps percentages between 0 and 100", () => {
    expect(valueProblem(0, "percent")).toBeNull();
    expect(valueProblem(100, "percent")).toBeNull();
    expect(valueProblem(100.1, "percent")).toMatch(/between 0 and 100/);
    expect(valueProblem(-1, "percent")).toMatch(/between 0 and 100/);
  });

  it("refuses negative counts, rates, minutes and days but not other units", () => {
    expect(valueProblem(-3, "count")).toBe("a count cannot be negative");
    expect(valueProblem(-3, "rate")).toBe("a rate cannot be negative");
    expect(valueProblem(-3, "minutes")).toMatch(/cannot be negative/);
    expect(valueProblem(-3, "days")).toMatch(/cannot be negative/);
    expect(valueProblem(-3, "other")).toBeNull();
    expect(valueProblem(250, "count")).toBeNull();
  });

  it("refuses numbers too large to be a measurement", () => {
    expect(valueProblem(1e13, "other")).toMatch(/too large/);
    expect(valueProblem(Number.NaN, "other")).toMatch(/too large/);
  });
});

describe("numerator and denominator", () => {
  it("works out a percentage and a rate per N", () => {
    expect(ratioValue(29, 35, "percent", null)).toBe(82.8571428571);
    expect(ratioValue(1, 4, "percent", null)).toBe(25);
    expect(ratioValue(7, 2500, "rate", 1000)).toBe(2.8);
    expect(ratioValue(90, 30, "minutes", null)).toBe(3);
  });

  it("refuses a denominator of 0, a negative denominator or numerator, and over 100%", () => {
    expect(ratioProblem(3, 0, "percent")).toMatch(/denominator is 0/);
    expect(ratioProblem(3, -2, "rate")).toMatch(/more than 0/);
    expect(ratioProblem(-1, 4, "rate")).toMatch(/numerator cannot be negative/);
    expect(ratioProblem(5, 4, "percent")).toMatch(/over 100%/);
    expect(ratioProblem(5, 4, "rate")).toBeNull();
  });

  it("checkPoint keeps both numbers and the computed value", () => {
    expect(checkPoint({ usesRatio: true, numerator: 29, denominator: 35 }, { unit: "percent", ratePer: null })).toEqual({
      ok: true,
      value: 82.8571428571,
      numerator: 29,
      denominator: 35,
    });
    expect(checkPoint({ usesRatio: false, value: 101 }, { unit: "percent", ratePer: null })).toEqual({
      ok: false,
      problem: "a percentage must be between 0 and 100",
    });
    expect(checkPoint({ usesRatio: false, value: 12 }, { unit: "count", ratePer: null })).toEqual({
      ok: true,
      value: 12,
      numerator: null,
      denominator: null,
    });
  });
});

describe("units on charts", () => {
  it("attaches % and spaces other units", () => {
    expect(unitSuffix({ unit: "percent", unitLabel: "ignored", ratePer: null })).toBe("%");
    expect(unitSuffix({ unit: "rate", unitLabel: "", ratePer: 1000 })).toBe("per 1,000");
    expect(unitSuffix({ unit: "rate", unitLabel: "falls per 1,000 bed days", ratePer: 1000 })).toBe("falls per 1,000 bed days");
    expect(unitSuffix({ unit: "count", unitLabel: "", ratePer: null })).toBeUndefined();
    expect(unitSuffix({ unit: "other", unitLabel: "beds", ratePer: null })).toBe("beds");
    expect(formatMeasureValue(82.857142, "%")).toBe("82.86%");
    expect(formatMeasureValue(12, "minutes")).toBe("12 minutes");
    expect(formatMeasureValue(12, undefined)).toBe("12");
  });
});

describe("measureSpcInput", () => {
  const points = Array.from({ length: 20 }, (_, i) => ({
    periodDate: `2026-${String(Math.floor(i / 4) + 1).padStart(2, "0")}-${String((i % 4) * 7 + 1).padStart(2, "0")}`,
    value: i < 10 ? 10 + (i % 3) : 20 + (i % 3),
  }));

  it("starts a segment at the point dated on each rebase, never at the first point or a missing one", () => {
    const input = measureSpcInput(points, [points[0].periodDate, points[12].periodDate, "2030-01-01"], {
      improvement: "increase",
      target: null,
      baselinePoints: null,
    });
    expect(input.rebase).toEqual([12]);
    expect(input.dates).toHaveLength(20);
    const result = analyseSeries(input);
    expect(result.segments).toHaveLength(2);
    expect(result.segments[1].first_index).toBe(12);
  });

  it("passes the baseline and target through", () => {
    const input = measureSpcInput(points, [], { improvement: "decrease", target: 15, baselinePoints: 12 });
    expect(input.baseline).toBe(12);
    expect(input.target).toBe(15);
    expect(analyseSeries(input).options.baseline).toBe(12);
  });

  it("shows a run chart under 12 points by default", () => {
    expect(defaultChart(11)).toBe("run");
    expect(defaultChart(12)).toBe("xmr");
  });
});
