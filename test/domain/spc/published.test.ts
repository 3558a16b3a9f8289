// Published numbers from NHSRplotthedots' own tests and from the qicharts2
// vignette, reproduced with the engine. Each case cites its source file.
import { describe, expect, it } from "vitest";
import { analyseSeries, anhojRuns, qbinomHalf, type SpecialCause } from "~/domain/spc";
import { setSeed } from "./support/r-rng";

describe("R's random numbers (support/r-rng.ts), needed to rebuild the seeded examples", () => {
  // nhs-r-community/NHSRplotthedots tests/testthat/_snaps/ptd_spc_standard.md
  // prints y for set.seed(123); rnorm(20) as -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.1~
  it("set.seed(123); rnorm(20) starts as the snapshot prints it", () => {
    const y = setSeed(123).rnorm(20);
    expect(y[0]).toBeCloseTo(-0.56047565, 8);
    expect(y[1]).toBeCloseTo(-0.23017749, 8);
    expect(y[2]).toBeCloseTo(1.55870831, 8);
    expect(y[3]).toBeCloseTo(0.07050839, 8);
    expect(y[4]).toBeCloseTo(0.1292877, 6);
  });
});

describe("NHSRplotthedots ptd_spc_standard() snapshots", () => {
  // Source: nhs-r-community/NHSRplotthedots tests/testthat/test-ptd_spc_standard.R
  // ("it returns expected values") and tests/testthat/_snaps/ptd_spc_standard.md:
  // set.seed(123); y = rnorm(20); r1 default; r2 with y[15] <- 10; r3 also screen_outliers = FALSE.
  const y = setSeed(123).rnorm(20);

  it("r1: mean 0.1416238, lpl -3.01138, upl 3.294627, all within limits", () => {
    const r = analyseSeries({ values: y, improvement: "increase" });
    expect(r.mean).toBeCloseTo(0.1416238, 7);
    expect(r.lcl).toBeCloseTo(-3.01138, 5);
    expect(r.ucl).toBeCloseTo(3.294627, 6);
    expect(r.points.some((p) => p.astronomical)).toBe(false);
    // relative_to_mean: -1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1, ...
    const rtm = r.points.slice(0, 15).map((p) => Math.sign(p.value - p.mean));
    expect(rtm).toEqual([-1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1]);
  });

  const y2 = y.slice();
  y2[14] = 10; // R: data$y[15] <- 10

  it("r2: the outlier's moving ranges are screened: mean 0.6694159, lpl -2.383666, upl 3.722497", () => {
    const r = analyseSeries({ values: y2, improvement: "increase" });
    expect(r.mean).toBeCloseTo(0.6694159, 7);
    expect(r.lcl).toBeCloseTo(-2.383666, 6);
    expect(r.ucl).toBeCloseTo(3.722497, 6);
    expect(r.segments[0].screened_moving_ranges).toBe(2);
    const rtm = r.points.slice(0, 14).map((p) => Math.sign(p.value - p.mean));
    expect(rtm).toEqual([-1, -1, 1, -1, -1, 1, -1, -1, -1, -1, 1, -1, -1, -1]);
  });

  it("r3: screen_outliers = FALSE widens the limits: lpl -4.596625, upl 5.935457", () => {
    const r = analyseSeries({ values: y2, improvement: "increase", screen_outliers: false });
    expect(r.mean).toBeCloseTo(0.6694159, 7);
    expect(r.lcl).toBeCloseTo(-4.596625, 6);
    expect(r.ucl).toBeCloseTo(5.935457, 6);
    expect(r.segments[0].screened_moving_ranges).toBe(0);
  });

  // Source: tests/testthat/test-ptd_spc_standard.R, "it only reports special
  // cause for 2 of 3 points close to limits when they are on the same side of the mean".
  it("two points close to the limits on opposite sides of the mean stay common cause (issue #143)", () => {
    const data: number[] = Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    data[14] = 5.5;
    data[15] = -5.5;
    const r = analyseSeries({ values: data, improvement: "increase" });
    expect(r.points[14].value).toBeGreaterThan(r.upper_two_sigma!);
    expect(r.points[15].value).toBeLessThan(r.lower_two_sigma!);
    expect(r.points.slice(-2).map((p) => p.special_cause)).toEqual(["common", "common"]);
  });
});

describe("NHSRplotthedots summary() snapshots", () => {
  // Source: tests/testthat/test-ptd_spc.R ("it outputs expected content") and
  // tests/testthat/_snaps/ptd_spc.md: the same 20 points, faceted into the
  // first and last 10. Facets are computed alone, like our rebased segments.
  const y = setSeed(123).rnorm(20);

  it("unfaceted: mean 0.142, lpl -3.01, upl 3.29, 20 common cause", () => {
    const r = analyseSeries({ values: y, improvement: "increase", target: 0.5 });
    expect(r.mean).toBeCloseTo(0.142, 3);
    expect(r.lcl).toBeCloseTo(-3.01, 2);
    expect(r.ucl).toBeCloseTo(3.29, 2);
    expect(r.points.every((p) => p.special_cause === "common")).toBe(true);
    expect(r.variation_icon).toBe("common_cause");
    expect(r.assurance_icon).toBe("inconsistent");
  });

  it("two facets of 10: 0.0746 / -2.60 / 2.75 and 0.209 / -3.28 / 3.70", () => {
    const r = analyseSeries({ values: y, improvement: "increase", rebase: [10] });
    const [a, b] = r.segments;
    expect(a.mean).toBeCloseTo(0.0746, 4);
    expect(a.lcl!).toBeCloseTo(-2.6, 2);
    expect(a.ucl!).toBeCloseTo(2.75, 2);
    expect(b.mean).toBeCloseTo(0.209, 3);
    expect(b.lcl!).toBeCloseTo(-3.28, 2);
    expect(b.ucl!).toBeCloseTo(3.7, 2);
    expect(r.points.every((p) => p.special_cause === "common")).toBe(true);
    expect(r.trial_limits).toBe(true);
  });
});

// NHSRdatasets::ae_attendances summed by month (April 2016 to March 2019), as
// test-integration_tests.R builds ae_all(). The values and the expected
// results are decoded from the R-serialised ptd_spc() outputs stored in
// nhs-r-community/NHSRplotthedots tests/testthat/_snaps/integration_tests.md.
const AE_ATTENDANCES = [
  1867781, 2070340, 1958802, 2079034, 1932901, 1952464, 2001816, 1907871, 1944567, 1895272, 1735619, 2015834, 1949762, 2066789, 1994056, 2073944, 1924663,
  1925961, 2044137, 1976971, 2003954, 2000086, 1820012, 2049785, 1984369, 2164458, 2093942, 2179896, 1997854, 2005695, 2079492, 2037847, 2047518, 2113413,
  1954947, 2167550,
];
const AE_PERFORMANCE = [
  0.9003512724457525, 0.9027555860390081, 0.9055994429248081, 0.9028524786030435, 0.909763097023593, 0.9064786853944554, 0.8905308979446662, 0.8837903610883545,
  0.8617594559611471, 0.851413411900772, 0.8753090395991286, 0.9000949482943537, 0.9051525263083392, 0.8970035160821932, 0.9072518525056468, 0.9034785895858326,
  0.9029928875860346, 0.8966609396555797, 0.8994186788850258, 0.8876655246839736, 0.8498503458662225, 0.8529918213516818, 0.8504476893558943,
  0.8462121637147311, 0.8857248828216929, 0.9039011151983545, 0.9076297242234981, 0.8931949047110505, 0.8972702710007838, 0.8894368286304747,
  0.8900933497219513, 0.8760446687116353, 0.8644632183941728, 0.843525141560121, 0.8422525009629417, 0.8660427671795345,
];

describe("NHSRplotthedots integration snapshots (ae_attendances)", () => {
  // "ae_all attendances spc returns expected values": ptd_spc(ae_all(), attendances, period)
  it("attendances: mean 2000538.944, lpl 1731844.364, upl 2269233.524, all common cause", () => {
    const r = analyseSeries({ values: AE_ATTENDANCES, improvement: "increase" });
    expect(r.mean).toBeCloseTo(2000538.9444444445, 6);
    expect(r.lcl).toBeCloseTo(1731844.3644444444, 6);
    expect(r.ucl).toBeCloseTo(2269233.5244444446, 6);
    expect(r.points.every((p) => p.special_cause === "common")).toBe(true);
  });

  // "ae_all attendances spc with rebase returns expected values": rebase = 2017-04-01 (index 12)
  it("attendances rebased at April 2017: two independent sets of limits, all common cause", () => {
    const r = analyseSeries({ values: AE_ATTENDANCES, improvement: "increase", rebase: [12] });
    expect(r.segments).toHaveLength(2);
    const [a, b] = r.segments;
    expect([a.first_index, a.last_index, b.first_index, b.last_index]).toEqual([0, 11, 12, 35]);
    expect(a.mean).toBeCloseTo(1946858.4166666667, 6);
    expect(a.lcl!).toBeCloseTo(1639947.374848485, 6);
    expect(a.ucl!).toBeCloseTo(2253769.4584848485, 6);
    expect(b.mean).toBeCloseTo(2027379.2083333333, 6);
    expect(b.lcl!).toBeCloseTo(1772921.0639855072, 6);
    expect(b.ucl!).toBeCloseTo(2281837.3526811595, 6);
    expect(r.mean).toBeCloseTo(2027379.2083333333, 6);
    expect(r.points.every((p) => p.special_cause === "common")).toBe(true);
    expect(r.points[11].segment).toBe(0);
    expect(r.points[12].segment).toBe(1);
  });

  // "ae_all performance spc returns expected values": fix_after_n_points = 12
  it("4-hour performance fixed on the first 12 months: limits and every point type", () => {
    const r = analyseSeries({ values: AE_PERFORMANCE, improvement: "increase", baseline: 12 });
    expect(r.segments[0].n_calculation).toBe(12);
    expect(r.mean).toBeCloseTo(0.8908915564349236, 12);
    expect(r.lcl).toBeCloseTo(0.8614049789074258, 12);
    expect(r.ucl).toBeCloseTo(0.9203781339624213, 12);
    // point_type column of the snapshot (c = common_cause, i = improvement, x = concern)
    const expected = "ccccccccc" + "xc" + "iiiiiiii" + "c" + "xxxx" + "ccccc" + "xxxxxxx";
    const code: Record<SpecialCause, string> = { common: "c", improvement: "i", concern: "x", neutral: "n" };
    expect(r.points.map((p) => code[p.special_cause]).join("")).toBe(expected);
    // outside_limits column: 9, 20–23, 33, 34
    expect(r.points.filter((p) => p.astronomical).map((p) => p.index)).toEqual([9, 20, 21, 22, 23, 33, 34]);
    // close_to_limits column: 8, 32, 35
    const close = r.points.filter((p) => !p.astronomical && (p.value > p.upper_two_sigma! || p.value < p.lower_two_sigma!)).map((p) => p.index);
    expect(close).toEqual([8, 32, 35]);
    expect(r.variation_icon).toBe("special_cause_concern_low");
  });
});

describe("qicharts2 vignette (anhoej/qicharts2 vignettes/qicharts2.Rmd)", () => {
  // "The Anhøj rules": set.seed(19); y <- rnorm(24); y[22] <- 4;
  // y[13:24] <- rnorm(12, mean = 2); summary(qic(y, chart = 'i')) prints
  // n.useful 24, longest.run 13, longest.run.max 8, n.crossings 4,
  // n.crossings.min 8, runs.signal 1, aLCL -2.114884, aLCL.95 -1.057559,
  // CL 1.057091, aUCL.95 3.171742, aUCL 4.229067, sigma.signal 0.
  const rng = setSeed(19);
  const y = rng.rnorm(24);
  y[21] = 4;
  const shifted = rng.rnorm(12, 2);
  for (let i = 0; i < 12; i++) y[12 + i] = shifted[i];

  it("I chart centre and MR̄ match (qicharts2 uses 3/1.128 where NHSRplotthedots rounds to 2.66)", () => {
    const r = analyseSeries({ values: y, improvement: "increase" });
    const sigma = r.mr_bar! / 1.128;
    expect(r.mean).toBeCloseTo(1.057091, 6);
    expect(r.mean! - 3 * sigma).toBeCloseTo(-2.114884, 6);
    expect(r.mean! + 3 * sigma).toBeCloseTo(4.229067, 6);
    expect(r.mean! - 2 * sigma).toBeCloseTo(-1.057559, 6);
    expect(r.mean! + 2 * sigma).toBeCloseTo(3.171742, 6);
    // sigma.signal 0: nothing outside the limits
    expect(r.points.some((p) => p.astronomical)).toBe(false);
  });

  it("runs analysis around the I chart's centre: longest run 13 (max 8), crossings 4 (min 8), signal", () => {
    const r = analyseSeries({ values: y, improvement: "increase" });
    expect(anhojRuns(y, y.length, r.mean)).toEqual({
      n_useful: 24,
      longest_run: 13,
      longest_run_max: 8,
      crossings: 4,
      crossings_min: 8,
      signal: true,
    });
  });

  it("text: with 24 useful points a run over round(log2(24) + 3) = 8 or fewer than qbinom(0.05, 23, 0.5) = 8 crossings signals", () => {
    expect(Math.round(Math.log2(24) + 3)).toBe(8);
    expect(qbinomHalf(0.05, 23)).toBe(8);
  });

  // "Appendix 2: Critical values for longest run and number of crossings",
  // the table rendered in vignettes/qicharts2.html for 10–100 useful observations.
  const LONGEST_RUN_MAX: [from: number, to: number, value: number][] = [
    [10, 11, 6],
    [12, 22, 7],
    [23, 45, 8],
    [46, 90, 9],
    [91, 100, 10],
  ];
  const CROSSINGS_MIN_FROM_10 = [
    2, 2, 3, 3, 4, 4, 4, 5, 5, 6, 6, 6, 7, 7, 8, 8, 8, 9, 9, 10, 10, 11, 11, 11, 12, 12, 13, 13, 14, 14, 14, 15, 15, 16, 16, 17, 17, 17, 18, 18, 19, 19, 20, 20,
    21, 21, 21, 22, 22, 23, 23, 24, 24, 25, 25, 25, 26, 26, 27, 27, 28, 28, 29, 29, 29, 30, 30, 31, 31, 32, 32, 33, 33, 34, 34, 34, 35, 35, 36, 36, 37, 37, 38,
    38, 39, 39, 39, 40, 40, 41, 41,
  ];

  it("Appendix 2 table, through the run chart of n points alternating about a frozen median", () => {
    expect(CROSSINGS_MIN_FROM_10).toHaveLength(91);
    for (let n = 10; n <= 100; n++) {
      // The median of the first two points (1, 3) is 2, so no point sits on it.
      const values = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : 3));
      const rc = analyseSeries({ values, improvement: "neutral", baseline: 2 }).run_chart;
      expect(rc.median).toBe(2);
      expect(rc.crossings, `n = ${n}`).toBe(n - 1);
      const maxRow = LONGEST_RUN_MAX.find(([from, to]) => n >= from && n <= to)!;
      expect(rc.n_useful, `n = ${n}`).toBe(n);
      expect(rc.longest_run_max, `n = ${n}`).toBe(maxRow[2]);
      expect(rc.crossings_min, `n = ${n}`).toBe(CROSSINGS_MIN_FROM_10[n - 10]);
    }
  });
});

describe("NHSRplotthedots rule unit tests, as data", () => {
  // Source: tests/testthat/test-ptd_calculate_point_type.R, ptd_seven_point_trend():
  // c(1:3, 3:6) has no trend; 1:7 and 7:1 do; c(2, 1:7, 3) has one on 1:7.
  it("trend examples", () => {
    const trend = (values: number[]) => analyseSeries({ values, improvement: "increase" }).points.map((p) => p.trend);
    expect(trend([1, 2, 3, 3, 4, 5, 6]).some(Boolean)).toBe(false);
    expect(trend([1, 2, 3, 4, 5, 6, 7]).every(Boolean)).toBe(true);
    expect(trend([7, 6, 5, 4, 3, 2, 1]).every(Boolean)).toBe(true);
    expect(trend([2, 1, 2, 3, 4, 5, 6, 7, 3])).toEqual([false, true, true, true, true, true, true, true, false]);
    const down = analyseSeries({ values: [2, 7, 6, 5, 4, 3, 2, 1, 3], improvement: "increase" });
    expect(down.points.map((p) => p.trend)).toEqual([false, true, true, true, true, true, true, true, false]);
    expect(down.points[1].direction).toBe("low");
  });

  // ptd_seven_point_one_side_mean(): six on one side is not a shift, eight are.
  it("shift examples", () => {
    // 6 above then one below: 6 points on one side, no shift (mean 10/7 keeps the sides).
    const six = analyseSeries({ values: [2, 2, 2, 2, 2, 2, -2], improvement: "increase" });
    expect(six.points.some((p) => p.shift)).toBe(false);
    // 8 above then 8 below (each side alternates to stay inside the limits): both runs flagged.
    const values = [1, 2, 1, 2, 1, 2, 1, 2, -1, -2, -1, -2, -1, -2, -1, -2];
    const r = analyseSeries({ values, improvement: "increase" });
    expect(r.points.some((p) => p.astronomical || p.two_of_three)).toBe(false);
    expect(r.points.every((p) => p.shift)).toBe(true);
    expect(r.points.map((p) => p.special_cause)).toEqual([...Array(8).fill("improvement"), ...Array(8).fill("concern")]);
  });
});
