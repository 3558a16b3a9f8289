import { describe, expect, it } from "vitest";
import { CHAR_WIDTH, PLOT, inferPeriod, isMonthly, niceTicks, pointLabeller, spreadLabels, thinnedLabelIndices, xForDate, xOf } from "~/components/spc/scale";

describe("niceTicks", () => {
  it.each([
    [4.64, 11, [4, 5, 6, 7, 8, 9, 10, 11]],
    [0, 100, [0, 20, 40, 60, 80, 100]],
    [0.12, 0.31, [0.1, 0.15, 0.2, 0.25, 0.3, 0.35]],
    [-3, 3, [-3, -2, -1, 0, 1, 2, 3]],
    [5, 5, [4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6]],
  ])("covers %d to %d in steps of 1, 2 or 5", (lo, hi, expected) => {
    expect(niceTicks(lo, hi)).toEqual(expected);
  });

  it("always covers the range and never returns NaN", () => {
    for (const [lo, hi] of [
      [1234.5, 98765],
      [-0.001, 0.0003],
      [1e-9, 2e-9],
      [7, 7.0001],
    ]) {
      const ticks = niceTicks(lo, hi);
      expect(ticks[0]).toBeLessThanOrEqual(lo);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(hi);
      expect(ticks.every(Number.isFinite)).toBe(true);
      expect(ticks.length).toBeLessThanOrEqual(12);
    }
  });
});

describe("x axis", () => {
  it("thins labels so that neighbours never overlap", () => {
    for (const n of [1, 5, 20, 52, 365, 10_000]) {
      const shown = thinnedLabelIndices(n, 11);
      expect(shown[0]).toBe(0);
      for (let k = 1; k < shown.length; k++) {
        expect(xOf(shown[k], n) - xOf(shown[k - 1], n)).toBeGreaterThanOrEqual(11 * CHAR_WIDTH);
      }
    }
    expect(thinnedLabelIndices(8, 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(thinnedLabelIndices(12, 8)).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it("labels monthly data by month and other data by day, UK style", () => {
    const months = ["2026-01-01", "2026-02-01", "2026-03-01"];
    expect(isMonthly(months)).toBe(true);
    expect(pointLabeller(months, 3)(1)).toBe("Feb 2026");
    const days = ["2026-11-24", "2026-11-25", "2026-11-26"];
    expect(isMonthly(days)).toBe(false);
    expect(pointLabeller(days, 3)(2)).toBe("26 Nov 2026");
    expect(pointLabeller(null, 3)(0)).toBe("Point 1");
    expect(inferPeriod(days)).toBe("days");
    expect(inferPeriod(["2026-01-05", "2026-01-12"])).toBe("weeks");
    expect(inferPeriod(months)).toBe("months");
  });

  it("places dated markers between the points either side, and nowhere outside the dates", () => {
    const dates = ["2026-01-01", "2026-01-11", "2026-01-21"];
    expect(xForDate("2026-01-06", dates, 3)).toBeCloseTo((xOf(0, 3) + xOf(1, 3)) / 2, 6);
    expect(xForDate("2026-01-21", dates, 3)).toBe(PLOT.right);
    expect(xForDate("2025-12-31", dates, 3)).toBeNull();
    expect(xForDate("2026-01-06", null, 3)).toBeNull();
  });

  it("keeps line labels at least a line apart", () => {
    const spread = spreadLabels([{ y: 100 }, { y: 101 }, { y: 150 }, { y: 99 }]);
    const ys = spread.map((l) => l.y);
    for (let k = 1; k < ys.length; k++) expect(ys[k] - ys[k - 1]).toBeGreaterThanOrEqual(13);
  });
});
