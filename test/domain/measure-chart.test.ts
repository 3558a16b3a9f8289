import { describe, expect, it } from "vitest";
import { chartInput, recommendChart } from "~/domain/measure-chart";

describe("recommendChart", () => {
  it("recommends p or u from numerator and denominator, the prime charts for huge denominators, c for counts, g for days between", () => {
    expect(recommendChart({ usesRatio: true, unit: "percent" })).toBe("p");
    expect(recommendChart({ usesRatio: true, unit: "percent" }, [250_000, 260_000, 270_000])).toBe("pp");
    expect(recommendChart({ usesRatio: true, unit: "rate" }, [3000, 3100])).toBe("u");
    expect(recommendChart({ usesRatio: true, unit: "rate" }, [30_000, 31_000])).toBe("up");
    expect(recommendChart({ usesRatio: false, unit: "count" })).toBe("c");
    expect(recommendChart({ usesRatio: false, unit: "days" })).toBe("g");
    expect(recommendChart({ usesRatio: false, unit: "minutes" })).toBe("xmr");
  });
});

describe("chartInput", () => {
  const pts = [
    { value: 50, numerator: 5, denominator: 10 },
    { value: 25, numerator: 5, denominator: 20 },
  ];
  it("gives a ratio chart the numerators, the denominators and the unit's multiplier", () => {
    expect(chartInput(pts, { chartType: "p", unit: "percent" })).toEqual({ chart: "p", values: [5, 5], denominators: [10, 20], multiply: 100 });
    expect(chartInput(pts, { chartType: "u", unit: "rate", ratePer: 1000 })).toEqual({ chart: "u", values: [5, 5], denominators: [10, 20], multiply: 1000 });
  });
  it("falls back to XmR when the data do not fit the chart", () => {
    expect(chartInput([{ value: 3 }], { chartType: "p", unit: "percent" }).chart).toBe("xmr");
    expect(chartInput([{ value: 3, numerator: 12, denominator: 10 }], { chartType: "p", unit: "percent" }).chart).toBe("xmr");
    expect(chartInput([{ value: 0 }, { value: 4 }], { chartType: "t" }).chart).toBe("xmr");
    expect(chartInput([{ value: -1 }], { chartType: "c" }).chart).toBe("xmr");
    expect(chartInput([{ value: 0 }, { value: 4 }], { chartType: "g" })).toEqual({ chart: "g", values: [0, 4] });
    expect(chartInput([{ value: 1 }], {})).toEqual({ chart: "xmr", values: [1] });
  });
});
