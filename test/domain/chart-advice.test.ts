// The chart the stored data suggest (ADR 035).
import { describe, expect, it } from "vitest";
import { adviseChart, OVERDISPERSION_SIGMA_Z } from "~/domain/chart-advice";
import { analyseSeries } from "~/domain/spc";

const ratio = (rows: readonly [number, number][], multiply = 100) =>
  rows.map(([numerator, denominator]) => ({ numerator, denominator, value: (numerator / denominator) * multiply }));

/** 20 months of screening out of 40 to 120 arrivals, varying about as a binomial would. */
const SMALL: [number, number][] = [
  [29, 40],
  [55, 75],
  [36, 52],
  [70, 90],
  [41, 60],
  [62, 80],
  [88, 120],
  [33, 45],
  [50, 70],
  [75, 100],
  [44, 58],
  [60, 84],
  [31, 41],
  [72, 98],
  [47, 66],
  [80, 110],
  [39, 50],
  [58, 79],
  [66, 93],
  [52, 71],
];

/** 20 months of observations on time out of ~25,000 due: the month-to-month swing (±1–2%) dwarfs the binomial's (±0.2%). */
const HUGE: [number, number][] = [88.2, 86.9, 89.4, 87.1, 88.8, 90.1, 86.5, 88.0, 89.7, 87.4, 88.9, 86.8, 90.3, 87.7, 88.4, 89.9, 86.6, 88.1, 89.2, 87.3].map(
  (pct, i) => {
    const d = 24_000 + ((i * 1370) % 5000);
    return [Math.round((pct / 100) * d), d];
  },
);

describe("chart advice from the stored data", () => {
  it("proportions with small, varying denominators: a p chart", () => {
    const a = adviseChart({ usesRatio: true, unit: "percent" }, ratio(SMALL));
    expect(a.chart).toBe("p");
    expect(a.reason).toContain("denominators from 40 to 120");
    expect(a.canSwitch).toBe(true);
  });

  it("proportions with denominators in the tens of thousands whose p chart limits are too narrow: Laney's p′", () => {
    const p = analyseSeries({ values: HUGE.map((r) => r[0]), denominators: HUGE.map((r) => r[1]), chart: "p", improvement: "neutral" });
    // The p chart flags most months: its limits are too narrow (over-dispersion).
    expect(p.points.filter((x) => x.outside).length).toBeGreaterThan(HUGE.length / 2);
    const pp = analyseSeries({ values: HUGE.map((r) => r[0]), denominators: HUGE.map((r) => r[1]), chart: "pp", improvement: "neutral" });
    expect(pp.segments[0].sigma_z).toBeGreaterThan(OVERDISPERSION_SIGMA_Z);
    const a = adviseChart({ usesRatio: true, unit: "percent" }, ratio(HUGE));
    expect(a.chart).toBe("pp");
    expect(a.reason).toMatch(/too narrow/);
  });

  it("the small proportions' σz is under the threshold (the p chart fits)", () => {
    const pp = analyseSeries({ values: SMALL.map((r) => r[0]), denominators: SMALL.map((r) => r[1]), chart: "pp", improvement: "neutral" });
    expect(pp.segments[0].sigma_z).toBeLessThan(OVERDISPERSION_SIGMA_Z);
  });

  it("rates: u, or u′ when over-dispersed", () => {
    const falls: [number, number][] = SMALL.map(([n, d]) => [Math.round(n / 10), d * 30]);
    expect(adviseChart({ usesRatio: true, unit: "rate" }, ratio(falls, 1000)).chart).toBe("u");
    expect(adviseChart({ usesRatio: true, unit: "rate" }, ratio(HUGE, 1000)).chart).toBe("up");
  });

  it("counts: c with events in most periods; rare events: dates and a g chart, which needs the data entered again", () => {
    const counts = [4, 7, 3, 5, 6, 2, 8, 5, 4, 6, 3, 7].map((value) => ({ value }));
    expect(adviseChart({ usesRatio: false, unit: "count" }, counts)).toMatchObject({ chart: "c", canSwitch: true });
    const rare = [0, 1, 0, 0, 2, 0, 1, 0, 0, 0, 1, 0].map((value) => ({ value }));
    const a = adviseChart({ usesRatio: false, unit: "count" }, rare);
    expect(a).toMatchObject({ chart: "g", canSwitch: false });
    expect(a.reason).toContain("8 of 12 periods have none");
  });

  it("days between events: g for whole days, t for fractions; events recorded by date: g", () => {
    expect(
      adviseChart(
        { usesRatio: false, unit: "days" },
        [12, 40, 3, 27].map((value) => ({ value })),
      ).chart,
    ).toBe("g");
    expect(
      adviseChart(
        { usesRatio: false, unit: "days" },
        [12.5, 40.25, 3, 27].map((value) => ({ value })),
      ).chart,
    ).toBe("t");
    expect(adviseChart({ usesRatio: false, unit: "days" }, [{ value: 18 }], true).chart).toBe("g");
  });

  it("measurements: XmR; no data yet: the unit's chart", () => {
    expect(adviseChart({ usesRatio: false, unit: "minutes" }, [{ value: 31.5 }, { value: 28 }]).chart).toBe("xmr");
    expect(adviseChart({ usesRatio: true, unit: "percent" }, []).chart).toBe("p");
    expect(adviseChart({ usesRatio: false, unit: "count" }, []).chart).toBe("c");
  });
});
