// Attribute charts (p, p′, u, u′, c, g, t) reproduced against published
// numbers. Sources, beside each number:
//  - "qicharts2 ex_…rds": the reference outputs in anhoej/qicharts2
//    tests/testthat/ (test_montgomery.R, test_hai.R), read from the .rds files;
//  - "Montgomery": D. C. Montgomery, Introduction to Statistical Quality
//    Control (6th ed.), the worked examples qicharts2 stores in R/sysdata.rda;
//  - "by hand": where neither publishes a number (p′, u′ and g on the
//    vignette's data), the value computed from qicharts2's formula
//    (qic.pp / qic.up / qic.g / qic.t in R/helper.functions.R) by a separate
//    NumPy transcription, not by this engine.
// Where qicharts2 excludes points (exclude = …), the test leaves them out of
// the series: qicharts2 then ignores them for the centre line and the runs
// analysis, which is exactly what removing them does.
import { describe, expect, it } from "vitest";
import { analyseSeries, type SpcInput, type SpcResult } from "~/domain/spc";
import {
  CABG_DAYS_BETWEEN_DEATHS,
  CABG_READMISSIONS,
  CABG_SURGERIES_BETWEEN_DEATHS,
  CIRCUIT_BOARD_COUNTS,
  CLOTH_ROLLS,
  HOSPITAL_INFECTIONS,
  NHS_ACCIDENTS,
  ORANGE_JUICE_COUNTS,
  TABLE_7_4,
  TABLE_7_10,
  VALVE_FAILURE_HOURS,
} from "./support/qicharts2-data";

const run = (input: Omit<SpcInput, "improvement"> & Partial<Pick<SpcInput, "improvement">>): SpcResult => analyseSeries({ improvement: "decrease", ...input });
const withoutIndices = <T>(xs: readonly T[], drop: number[]): T[] => xs.filter((_, i) => !drop.includes(i));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("p chart", () => {
  const fifty = ORANGE_JUICE_COUNTS.map(() => 50);

  it("Montgomery Example 7.1, trial limits on samples 1–30: p̄ 0.2313, UCL 0.4102, LCL 0.0524", () => {
    const r = run({ chart: "p", values: ORANGE_JUICE_COUNTS.slice(0, 30), denominators: fifty.slice(0, 30) });
    expect(r.mean).toBeCloseTo(0.2313, 4); // Montgomery
    expect(r.ucl).toBeCloseTo(0.4102, 4); // Montgomery
    expect(r.lcl).toBeCloseTo(0.0524, 4); // Montgomery
    // Montgomery: samples 15 and 23 plot above the UCL (sample 21, at 0.40, is inside).
    expect(r.points.filter((p) => p.outside).map((p) => p.index + 1)).toEqual([15, 23]);
  });

  it("qicharts2 ex_7.1_5.rds: samples 15 and 23 excluded, a new part from sample 31", () => {
    // qic(sample, count, size, data = tbl_07.03, chart = 'p', exclude = c(15, 23), part = 30)
    const counts = withoutIndices(ORANGE_JUICE_COUNTS, [14, 22]);
    const r = run({ chart: "p", values: counts, denominators: counts.map(() => 50), rebase: [28] });
    const [first, second] = r.segments;
    expect(first.cl).toBeCloseTo(0.215, 12); // qicharts2 ex_7.1_5.rds (Montgomery: 0.2150)
    expect(r.points[0].ucl).toBeCloseTo(0.38929716, 8); // qicharts2 ex_7.1_5.rds (Montgomery: 0.3893)
    expect(r.points[0].lcl).toBeCloseTo(0.04070283995, 10); // qicharts2 ex_7.1_5.rds (Montgomery: 0.0407)
    expect(first.run_chart).toMatchObject({ longest_run: 5, longest_run_max: 8, crossings: 13, crossings_min: 9, signal: false }); // ex_7.1_5.rds
    expect(second.cl).toBeCloseTo(0.1096875, 12); // qicharts2 ex_7.1_5.rds
    expect(r.points[40].ucl).toBeCloseTo(0.2422699552, 9); // qicharts2 ex_7.1_5.rds
    expect(r.points[40].lcl).toBe(0); // qicharts2 ex_7.1_5.rds: clipped at 0
    expect(second.run_chart).toMatchObject({ longest_run: 7, longest_run_max: 9, crossings: 30, crossings_min: 25, signal: false }); // ex_7.1_5.rds
    // ex_7.1_5.rds sigma.signal: of the included points only sample 21 (0.40).
    expect(r.points.filter((p) => p.outside).map((p) => p.y)).toEqual([0.4]);
  });

  it("qicharts2 tbl_7.4_1.rds (Montgomery Table 7.4, variable sample size): limits per sample size", () => {
    const r = run({ chart: "p", values: TABLE_7_4.counts, denominators: TABLE_7_4.sizes });
    expect(r.segments[0].cl).toBeCloseTo(0.0955102040816, 12); // tbl_7.4_1.rds (Montgomery: p̄ = 0.096)
    const bySize = new Map(r.points.map((p) => [p.denominator, [p.lcl, p.ucl]]));
    // tbl_7.4_1.rds
    const expected: [number, number, number][] = [
      [80, 0, 0.194093420515],
      [90, 0.00256505628041, 0.188455351883],
      [100, 0.00733469472777, 0.183685713435],
      [110, 0.0114381546251, 0.179582253538],
      [120, 0.0150173449273, 0.176003063236],
    ];
    for (const [size, lcl, ucl] of expected) {
      const [l, u] = bySize.get(size) ?? [];
      expect(l).toBeCloseTo(lcl, 12);
      expect(u).toBeCloseTo(ucl, 12);
    }
    expect(r.segments[0].run_chart).toMatchObject({ longest_run: 5, crossings: 10, signal: false }); // tbl_7.4_1.rds
    expect(r.points.filter((p) => p.outside).map((p) => p.index + 1)).toEqual([11]); // 20/110 = 0.1818 > 0.1796
  });

  it("qicharts2 vignette (cabg readmissions, P chart with y.percent): “On average, 22% of patients are readmitted”", () => {
    const r = run({ chart: "p", values: CABG_READMISSIONS.readmissions, denominators: CABG_READMISSIONS.operations, multiply: 100 });
    expect(Math.round(r.segments[0].cl)).toBe(22); // vignette text
    expect(r.segments[0].cl).toBeCloseTo(21.63265306122449, 10); // by hand: 424 / 1960 × 100
  });
});

describe("p′ chart (Laney)", () => {
  it("qicharts2 vignette Case 5 (nhs_accidents): the P chart's limits are too narrow; the P′ chart's are not", () => {
    const p = run({ chart: "p", values: NHS_ACCIDENTS.seen, denominators: NHS_ACCIDENTS.attendances });
    expect(p.points.filter((x) => x.outside).length).toBeGreaterThan(10); // vignette: “most of the data points outside the limits”
    const pp = run({ chart: "pp", values: NHS_ACCIDENTS.seen, denominators: NHS_ACCIDENTS.attendances });
    expect(pp.points.filter((x) => x.outside)).toEqual([]);
    expect(pp.segments[0].cl).toBeCloseTo(0.9528997113441912, 13); // by hand (qic.pp)
    expect(pp.segments[0].sigma_z).toBeCloseTo(10.64042186349651, 10); // by hand (qic.pp: screened MR̄ of z / 1.128)
    expect(pp.points[0].ucl).toBeCloseTo(0.9656697785108682, 12); // by hand
    expect(pp.points[0].lcl).toBeCloseTo(0.9401296441775141, 12); // by hand
    expect(pp.points[19].ucl).toBeCloseTo(0.9658244261654781, 12); // by hand
    expect(pp.segments[0].run_chart).toMatchObject({ longest_run: 5, longest_run_max: 7, crossings: 9 }); // by hand
  });

  it("without over-dispersion p′ stays close to p (Laney); its limits are p's scaled by σz about the centre line", () => {
    const p = run({ chart: "p", values: CABG_READMISSIONS.readmissions, denominators: CABG_READMISSIONS.operations });
    const pp = run({ chart: "pp", values: CABG_READMISSIONS.readmissions, denominators: CABG_READMISSIONS.operations });
    const sz = pp.segments[0].sigma_z ?? Number.NaN;
    expect(sz).toBeCloseTo(1.1414793944122594, 10); // by hand (qic.pp on cabg_by_month)
    expect(pp.points[0].ucl).toBeCloseTo(0.41185505549376233, 12); // by hand
    expect(pp.points[0].lcl).toBeCloseTo(0.020798005730727515, 12); // by hand
    const cl = p.segments[0].cl;
    expect((pp.points[0].ucl ?? 0) - cl).toBeCloseTo(((p.points[0].ucl ?? 0) - cl) * sz, 12);
  });
});

describe("u chart", () => {
  it("qicharts2 ex_7.4_1.rds (Montgomery Example 7.4 as stored in tbl_07.10): ū 0.074, UCL 0.1894, LCL 0", () => {
    const r = run({ chart: "u", values: TABLE_7_10.counts, denominators: TABLE_7_10.sizes });
    expect(r.mean).toBeCloseTo(0.074, 14); // ex_7.4_1.rds
    expect(r.ucl).toBeCloseTo(0.1894123044, 10); // ex_7.4_1.rds
    expect(r.lcl).toBe(0); // ex_7.4_1.rds
    expect(r.segments[0].run_chart).toMatchObject({ longest_run: 2, longest_run_max: 7, crossings: 15, crossings_min: 6, signal: false }); // ex_7.4_1.rds
  });

  it("qicharts2 ex_7.5_1.rds (Montgomery Example 7.5, rolls of cloth, multiply = 50): limits per roll length", () => {
    const r = run({ chart: "u", values: CLOTH_ROLLS.counts, denominators: CLOTH_ROLLS.meters, multiply: 50 });
    expect(r.segments[0].cl).toBeCloseTo(1.423255814, 9); // ex_7.5_1.rds (Montgomery: 1.42 defects per 50 m)
    expect(r.points[0].ucl).toBeCloseTo(2.555037698, 9); // ex_7.5_1.rds, 500 m
    expect(r.points[0].lcl).toBeCloseTo(0.2914739301, 10); // ex_7.5_1.rds, 500 m
    expect(r.points[1].ucl).toBeCloseTo(2.688626428, 9); // ex_7.5_1.rds, 400 m
    expect(r.points[1].lcl).toBeCloseTo(0.1578852, 7); // ex_7.5_1.rds, 400 m
    expect(r.points[2].ucl).toBeCloseTo(2.415894191, 9); // ex_7.5_1.rds, 650 m
    expect(r.points[4].y).toBeCloseTo(0.7368421053, 10); // ex_7.5_1.rds, 7 / 475 × 50
    expect(r.points[4].lcl).toBeCloseTo(0.2620721019, 10); // ex_7.5_1.rds, 475 m
    expect(r.segments[0].run_chart).toMatchObject({ longest_run: 4, longest_run_max: 6, crossings: 3, crossings_min: 2, signal: false }); // ex_7.5_1.rds
  });

  it("qicharts2 hai_1.rds (hospital_infections by month): CL 0.001824, aLCL 0.001581, aUCL 0.002066", () => {
    const r = run({ chart: "u", values: HOSPITAL_INFECTIONS.infections, denominators: HOSPITAL_INFECTIONS.days });
    expect(r.segments[0].cl).toBeCloseTo(0.001824, 6); // hai_1.rds
    expect(mean(r.points.map((p) => p.lcl ?? Number.NaN))).toBeCloseTo(0.001581, 6); // hai_1.rds
    expect(mean(r.points.map((p) => p.ucl ?? Number.NaN))).toBeCloseTo(0.002066, 6); // hai_1.rds
    expect(r.segments[0].run_chart).toMatchObject({ n_useful: 24, longest_run: 4, longest_run_max: 8, crossings: 12, crossings_min: 8, signal: false }); // hai_1.rds
    expect(r.points.some((p) => p.outside)).toBe(false); // hai_1.rds sigma.signal 0
  });
});

describe("u′ chart (Laney)", () => {
  it("hospital_infections by month: σz 1.0751, limits a little wider than the u chart's", () => {
    const r = run({ chart: "up", values: HOSPITAL_INFECTIONS.infections, denominators: HOSPITAL_INFECTIONS.days });
    expect(r.segments[0].cl).toBeCloseTo(0.0018235751654857594, 15); // by hand (qic.up)
    expect(r.segments[0].sigma_z).toBeCloseTo(1.0751309649482577, 10); // by hand (qic.up)
    expect(mean(r.points.map((p) => p.lcl ?? Number.NaN))).toBeCloseTo(0.0015633016630849682, 12); // by hand
    expect(mean(r.points.map((p) => p.ucl ?? Number.NaN))).toBeCloseTo(0.0020838486678865504, 12); // by hand
    expect(r.points[0].ucl).toBeCloseTo(0.002070768555486649, 14); // by hand
  });
});

describe("c chart", () => {
  it("Montgomery Example 7.3, trial limits on 26 samples: c̄ 19.85, UCL 33.22, LCL 6.48", () => {
    const r = run({ chart: "c", values: CIRCUIT_BOARD_COUNTS, baseline: 26 });
    expect(r.mean).toBeCloseTo(19.85, 2); // Montgomery (516 / 26 = 19.846)
    expect(r.ucl).toBeCloseTo(33.22, 1); // Montgomery (33.21 unrounded: c̄ + 3√c̄ with c̄ = 19.846)
    expect(r.lcl).toBeCloseTo(6.48, 1); // Montgomery
    expect(r.points.filter((p) => p.outside).map((p) => p.index + 1)).toEqual([6, 20]); // Montgomery: samples 6 and 20
  });

  it("qicharts2 ex_7.3_3.rds: samples 6 and 20 excluded, limits frozen on the first 26 samples", () => {
    // qic(sample, count, data = tbl_07.08, chart = 'c', exclude = c(6, 20), freeze = 26)
    const r = run({ chart: "c", values: withoutIndices(CIRCUIT_BOARD_COUNTS, [5, 19]), baseline: 24 });
    expect(r.mean).toBeCloseTo(19.66666667, 8); // ex_7.3_3.rds (Montgomery: 19.67)
    expect(r.lcl).toBeCloseTo(6.362531971, 9); // ex_7.3_3.rds (Montgomery: 6.36)
    expect(r.ucl).toBeCloseTo(32.97080136, 8); // ex_7.3_3.rds (Montgomery: 32.97)
    expect(r.segments[0].n_calculation).toBe(24);
    expect(r.segments[0].run_chart).toMatchObject({ longest_run: 8, longest_run_max: 8, crossings: 14, crossings_min: 16, signal: true }); // ex_7.3_3.rds
  });
});

describe("g chart", () => {
  it("qicharts2 vignette “Surgeries between deaths (G chart)” (cabg): centre line the median, limits from the mean", () => {
    const r = run({ chart: "g", values: CABG_SURGERIES_BETWEEN_DEATHS, improvement: "increase" });
    expect(r.segments[0].cl).toBe(24); // by hand: median of the 67 intervals (qic.g sets cl to the median)
    expect(r.ucl).toBeCloseTo(128.17491023197215, 11); // by hand: mean 31.6716 + 3√(mean (mean + 1))
    expect(r.lcl).toBe(0); // qic.g: mean − 3σ is always negative, set to 0
    expect(r.upper_two_sigma).toBeCloseTo(96.00715408499636, 11); // by hand: mean + 2σ
    expect(r.segments[0].run_chart).toMatchObject({ n_useful: 65, longest_run: 4, longest_run_max: 9, crossings: 34 }); // by hand, around the median
    expect(r.points.filter((p) => p.outside).map((p) => p.y)).toEqual([183]); // by hand: the only interval above 128.17
  });

  it("Montgomery p. 319's geometric σ: for a mean of 3, UCL = 3 + 3√12 (by hand)", () => {
    const r = run({ chart: "g", values: [1, 2, 3, 4, 5], improvement: "increase" });
    expect(r.ucl).toBeCloseTo(3 + 3 * Math.sqrt(12), 14);
    expect(r.mean).toBe(3); // median of 1..5
  });
});

describe("t chart", () => {
  it("qicharts2 ex_7.6_1.rds (Montgomery Example 7.6, hours between valve failures): CL 430.04, UCL 6937.93, LCL 0", () => {
    const r = run({ chart: "t", values: VALVE_FAILURE_HOURS, improvement: "increase" });
    expect(r.mean).toBeCloseTo(430.0409518, 7); // ex_7.6_1.rds
    expect(r.ucl).toBeCloseTo(6937.933488, 6); // ex_7.6_1.rds
    expect(r.lcl).toBe(0); // ex_7.6_1.rds
    expect(r.segments[0].run_chart).toMatchObject({ longest_run: 5, longest_run_max: 7, crossings: 10, crossings_min: 6, signal: false }); // ex_7.6_1.rds
  });

  it("qicharts2 vignette “Days between deaths (T chart)” (cabg)", () => {
    const r = run({ chart: "t", values: CABG_DAYS_BETWEEN_DEATHS, improvement: "increase" });
    expect(r.mean).toBeCloseTo(11.205060797289464, 10); // by hand (qic.t)
    expect(r.ucl).toBeCloseTo(97.26801772260953, 10); // by hand (qic.t)
    expect(r.lcl).toBeCloseTo(0.02212887957455564, 13); // by hand (qic.t)
    expect(r.segments[0].run_chart).toMatchObject({ n_useful: 67, longest_run: 4, longest_run_max: 9, crossings: 37 }); // by hand
  });
});
