// POST /api/spc with chart, denominators and multiply: every chart type's
// fields, and every refusal, over real HTTP against the built server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

function postJson(body: unknown) {
  return fetch(`${server.url}/api/spc`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

async function expectProblem(body: unknown, field: string, message: RegExp) {
  const res = await postJson(body);
  expect(res.status).toBe(400);
  const json = (await res.json()) as Record<string, unknown>;
  expect(Object.keys(json).sort()).toEqual(["error", "field"]);
  expect(json.field).toBe(field);
  expect(json.error).toMatch(message);
}

interface Point {
  index: number;
  value: number;
  y: number;
  cl: number;
  ucl: number | null;
  lcl: number | null;
  outside: boolean;
  numerator: number | null;
  denominator: number | null;
}
interface Segment {
  cl: number;
  sigma_z: number | null;
  run_chart: { longest_run: number | null; longest_run_max: number | null; crossings: number | null; crossings_min: number | null; signal: boolean };
}

// Montgomery Table 7.4 (qicharts2 tbl_07.04): nonconforming units in samples of varying size.
const COUNTS = [12, 8, 6, 9, 10, 12, 11, 16, 10, 6, 20, 15, 9, 8, 6, 8, 10, 7, 5, 8, 5, 8, 10, 6, 9];
const SIZES = [100, 80, 80, 100, 110, 110, 100, 100, 90, 90, 110, 120, 120, 120, 110, 80, 80, 80, 90, 100, 100, 100, 100, 90, 90];
// Montgomery Example 7.6 (qicharts2 tbl_07.14): hours between valve failures.
const HOURS = [286, 948, 536, 124, 816, 729, 4, 143, 431, 8, 2837, 596, 81, 227, 603, 492, 1199, 1214, 2831, 96];

function checkShape(r: { points: Point[]; segments: Segment[] }, n: number) {
  expect(r.points).toHaveLength(n);
  for (const p of r.points) {
    for (const key of ["y", "cl", "ucl", "lcl", "outside"]) expect(p).toHaveProperty(key);
    expect(p.value).toBe(p.y);
  }
  expect(r.segments.length).toBeGreaterThan(0);
  for (const s of r.segments) {
    expect(typeof s.cl).toBe("number");
    expect(Object.keys(s.run_chart).sort()).toEqual(["crossings", "crossings_min", "longest_run", "longest_run_max", "n_useful", "signal"]);
  }
}

describe("POST /api/spc chart types", () => {
  it("p: per-point limits from each denominator (Montgomery Table 7.4 as qicharts2 computes it), multiply 100 for %", async () => {
    const res = await postJson({ chart: "p", values: COUNTS, denominators: SIZES, multiply: 100, improvement: "decrease" });
    expect(res.status).toBe(200);
    const r = (await res.json()) as { chart: string; points: Point[]; segments: Segment[]; options: Record<string, unknown> };
    checkShape(r, 25);
    expect(r.chart).toBe("p");
    expect(r.options).toMatchObject({ chart: "p", multiply: 100 });
    expect(r.segments[0].cl).toBeCloseTo(9.55102040816, 9); // qicharts2 tbl_7.4_1.rds × 100
    expect(r.points[0]).toMatchObject({ numerator: 12, denominator: 100, y: 12 });
    expect(r.points[0].ucl).toBeCloseTo(18.3685713435, 8); // n = 100
    expect(r.points[1].ucl).toBeCloseTo(19.4093420515, 8); // n = 80
    expect(r.points[1].lcl).toBe(0);
    expect(r.points.filter((p) => p.outside).map((p) => p.index)).toEqual([10]);
    expect(r.segments[0].run_chart).toMatchObject({ longest_run: 5, crossings: 10, signal: false });
  });

  it("pp and up: Laney's σz on each segment, limits wider than p and u when the data are over-dispersed", async () => {
    for (const chart of ["pp", "up"] as const) {
      const res = await postJson({ chart, values: COUNTS, denominators: SIZES, improvement: "decrease", rebase: [12] });
      expect(res.status).toBe(200);
      const r = (await res.json()) as { points: Point[]; segments: Segment[] };
      checkShape(r, 25);
      expect(r.segments).toHaveLength(2);
      for (const s of r.segments) expect(s.sigma_z).toBeGreaterThan(0);
    }
  });

  it("u: rates per unit with per-point limits; c: one pair of limits; g: the median as centre line; t: back-transformed", async () => {
    const u = (await (await postJson({ chart: "u", values: COUNTS, denominators: SIZES, multiply: 1000, improvement: "decrease" })).json()) as {
      points: Point[];
      segments: Segment[];
    };
    checkShape(u, 25);
    expect(u.points[0].ucl).not.toBe(u.points[1].ucl);

    const c = (await (await postJson({ chart: "c", values: COUNTS, improvement: "decrease" })).json()) as {
      points: Point[];
      segments: Segment[];
      mean: number;
    };
    checkShape(c, 25);
    expect(c.mean).toBeCloseTo(234 / 25, 12); // by hand: the mean count
    expect(new Set(c.points.map((p) => p.ucl)).size).toBe(1);
    expect(c.points[0].denominator).toBeNull();

    const g = (await (await postJson({ chart: "g", values: [23, 39, 15, 34, 1, 49, 98, 29, 27, 13], improvement: "increase" })).json()) as {
      points: Point[];
      segments: Segment[];
    };
    checkShape(g, 10);
    expect(g.segments[0].cl).toBe(28); // by hand: the median of the ten intervals
    expect(g.points[0].lcl).toBe(0);

    const t = (await (await postJson({ chart: "t", values: HOURS, improvement: "increase" })).json()) as { points: Point[]; segments: Segment[]; ucl: number };
    checkShape(t, 20);
    expect(t.segments[0].cl).toBeCloseTo(430.0409518, 6); // qicharts2 ex_7.6_1.rds
    expect(t.ucl).toBeCloseTo(6937.933488, 5); // qicharts2 ex_7.6_1.rds
  });

  it("xmr (the default) and run charts carry the new fields too", async () => {
    const values = [5, 6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 5, 9, 9, 10, 9, 10, 11, 10, 9];
    const xmr = (await (await postJson({ values, improvement: "increase" })).json()) as { chart: string; points: Point[]; segments: Segment[] };
    checkShape(xmr, 20);
    expect(xmr.chart).toBe("xmr");
    expect(xmr.segments[0].cl).toBeCloseTo(7.3, 10);
    expect(xmr.points[14]).toMatchObject({ outside: true });
    expect(xmr.segments[0].run_chart).toMatchObject({ longest_run: 12, crossings: 1, signal: true }); // by hand: 12 below the mean 7.3, then 8 above

    const run = (await (await postJson({ chart: "run", values, improvement: "increase" })).json()) as { points: Point[]; segments: Segment[] };
    checkShape(run, 20);
    expect(run.segments[0].cl).toBe(6.5);
    expect(run.points.every((p) => p.ucl === null && p.lcl === null && !p.outside)).toBe(true);
    expect(run.segments[0].run_chart).toMatchObject({ longest_run: 8, longest_run_max: 7, crossings: 5, crossings_min: 6, signal: true }); // as the existing run chart
  });
});

describe("POST /api/spc refusals for attribute charts", () => {
  it("refuses missing, extra or mismatched denominators", async () => {
    await expectProblem({ chart: "p", values: [1, 2], improvement: "increase" }, "denominators", /required for a p chart/);
    await expectProblem({ chart: "up", values: [1, 2], improvement: "increase" }, "denominators", /required for a up chart/);
    await expectProblem(
      { chart: "u", values: [1, 2], denominators: [10], improvement: "increase" },
      "denominators",
      /one denominator per value \(2 values, 1 denominator\)/,
    );
    await expectProblem({ chart: "c", values: [1, 2], denominators: [10, 10], improvement: "increase" }, "denominators", /only used by p, pp, u and up/);
    await expectProblem(
      { chart: "p", values: [1, 2], denominators: [10, 0], improvement: "increase" },
      "denominators",
      /denominators\[1\] must be a number greater than 0/,
    );
    await expectProblem({ chart: "p", values: [1, 2], denominators: [10, "x"], improvement: "increase" }, "denominators", /denominators\[1\]/);
  });

  it("refuses a numerator above its denominator on a p or p′ chart (but not on a u chart)", async () => {
    await expectProblem(
      { chart: "p", values: [1, 12], denominators: [10, 10], improvement: "increase" },
      "values",
      /values\[1\] \(12\) is more than its denominator \(10\)/,
    );
    await expectProblem(
      { chart: "pp", values: [11, 2], denominators: [10, 10], improvement: "increase" },
      "values",
      /values\[0\] \(11\) is more than its denominator/,
    );
    const res = await postJson({ chart: "u", values: [1, 12], denominators: [10, 10], improvement: "increase" });
    expect(res.status).toBe(200);
  });

  it("refuses negative counts, and times between events that are not above 0", async () => {
    for (const chart of ["p", "pp", "u", "up"] as const) {
      await expectProblem({ chart, values: [1, -1], denominators: [10, 10], improvement: "increase" }, "values", /values\[1\] \(-1\) must not be negative/);
    }
    await expectProblem(
      { chart: "c", values: [3, -2, 1], improvement: "increase" },
      "values",
      /values\[1\] \(-2\) must not be negative: on a c chart each value is a count/,
    );
    await expectProblem({ chart: "g", values: [3, -2, 1], improvement: "increase" }, "values", /must not be negative/);
    await expectProblem({ chart: "t", values: [3, 0, 1], improvement: "increase" }, "values", /values\[1\] \(0\) must be greater than 0/);
    // XmR values may be negative.
    expect((await postJson({ values: [3, -2, 1], improvement: "increase" })).status).toBe(200);
  });

  it("refuses an unknown chart and a multiplier that is not a positive number", async () => {
    await expectProblem({ chart: "np", values: [1, 2], improvement: "increase" }, "chart", /chart must be one of "xmr", "run", "p"/);
    await expectProblem({ chart: "c", values: [1, 2], multiply: 0, improvement: "increase" }, "multiply", /greater than 0/);
    await expectProblem({ chart: "c", values: [1, 2], multiply: -100, improvement: "increase" }, "multiply", /greater than 0/);
    await expectProblem({ chart: "c", values: [1, 2], multiply: "100", improvement: "increase" }, "multiply", /greater than 0/);
  });
});

describe("/spc calculator with an attribute chart", () => {
  const FORM = {
    data: COUNTS.join("\n"),
    improvement: "decrease",
    target: "",
    unit: "%",
    chart: "p",
    denominators: SIZES.join("\n"),
    multiply: "100",
    screen_outliers: "on",
    shift_length: "7",
    trend_length: "7",
    two_of_three_mode: "between_limits",
    baseline: "",
    rebase: "",
  };

  it("draws a p chart whose limits step with the denominators, with the API's numbers", async () => {
    const api = await (await postJson({ chart: "p", values: COUNTS, denominators: SIZES, multiply: 100, improvement: "decrease" })).json();
    const client = new Client(server.url);
    await client.signIn("board@example.org");
    const res = await client.post("/spc", FORM);
    expect(res.status).toBe(200);
    const page = await readPage(res);
    expect(page.textOf('[data-spc="mean"]')).toBe(`${(api.mean as number).toFixed(2)}%`);
    const segment = page.find('.app-spc-chart__segment[data-limits="per-point"]');
    expect(segment).not.toBeNull();
    const upper = segment?.querySelector(".app-spc-chart__limit--upper")?.getAttribute("d") ?? "";
    // One horizontal step per point, at as many heights as there are sample sizes (80, 90, 100, 110, 120).
    const heights = new Set([...upper.matchAll(/(?:M[\d.]+ |V)([\d.]+)/g)].map((m) => m[1]));
    expect(heights.size).toBe(5);
    expect(page.fieldValue("denominators")).toMatch(/^100\n80\n80/);
  });

  it("asks for the denominators a p chart needs, and refuses a numerator above its denominator", async () => {
    const client = new Client(server.url);
    await client.signIn("board@example.org");
    const none = await client.post("/spc", { ...FORM, denominators: "" });
    expect(none.status).toBe(400);
    expect((await readPage(none)).errorSummary()).toContainEqual(expect.stringContaining("Enter the denominators"));
    const over = await client.post("/spc", { ...FORM, data: ["200", ...COUNTS.slice(1)].join("\n") });
    expect(over.status).toBe(400);
    expect((await readPage(over)).errorSummary()).toContainEqual(expect.stringContaining("is more than its denominator (100)"));
  });
});
