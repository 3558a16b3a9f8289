// Values of measures drawn as p and u charts (ADR 030), through the forms without
// JavaScript and the real database: the numerator and denominator are stored, the
// plotted value is numerator ÷ denominator × the multiplier, and the stored summary's
// limits are the p or u chart's (each from its own denominator). Bad entries are
// refused with a clear message and change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { measurePoints, measures, projectTeam, users } from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let lead: Client;
let projectId: number;

beforeAll(async () => {
  server = await startTestServer();
  lead = new Client(server.url);
  await lead.signIn("lead@example.org");
  const leadUser = server.db.select().from(users).where(eq(users.email, "lead@example.org")).get()!;
  projectId = server.db
    .select({ projectId: projectTeam.projectId })
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, leadUser.id), isNull(projectTeam.endedAt)))
    .get()!.projectId;
});
afterAll(async () => {
  await server?.close();
});

const measure = (id: number) => server.db.select().from(measures).where(eq(measures.id, id)).get()!;
const points = (id: number) => server.db.select().from(measurePoints).where(eq(measurePoints.measureId, id)).orderBy(measurePoints.periodDate).all();

const P_MEASURE = {
  name: "Patients screened for sepsis",
  type: "process",
  definition: "Adults screened for sepsis within an hour of arrival, out of all adults arriving.",
  unit: "percent",
  usesRatio: "on",
  improvement: "increase",
  frequency: "monthly",
  chartType: "p",
};

const U_MEASURE = {
  name: "Falls per 1,000 bed days",
  type: "outcome",
  definition: "Inpatient falls, per 1,000 occupied bed days.",
  unit: "rate",
  ratePer: "1000",
  usesRatio: "on",
  improvement: "decrease",
  frequency: "monthly",
  chartType: "u",
};

let counter = 0;
async function create(definition: Record<string, string>) {
  const res = await lead.post(`/projects/${projectId}/measures/new`, { ...definition, name: `${definition.name} ${++counter}` });
  expect(res.status, await res.clone().text()).toBe(302);
  const id = Number(res.headers.get("location")!.match(/measures\/(\d+)/)![1]);
  return { id, base: `/projects/${projectId}/measures/${id}` };
}

async function add(base: string, periodDate: string, numerator: string, denominator: string) {
  return lead.post(`${base}/data`, { intent: "add", periodDate, numerator, denominator });
}

async function importText(base: string, data: string) {
  const check = await lead.post(`${base}/import`, { intent: "check", data });
  expect(check.status, (await readPage(check.clone())).text).toBe(200);
  const res = await lead.post(`${base}/import`, { intent: "confirm", data });
  expect(res.status).toBe(302);
}

/** The p chart's latest limits by hand: pooled proportion, σ from the latest denominator, clipped to 0–100%. */
function pLimits(rows: readonly [number, number][]) {
  const p = rows.reduce((s, [n]) => s + n, 0) / rows.reduce((s, [, d]) => s + d, 0);
  const d = rows[rows.length - 1][1];
  const s = Math.sqrt((p * (1 - p)) / d);
  return { cl: p * 100, ucl: Math.min(1, p + 3 * s) * 100, lcl: Math.max(0, p - 3 * s) * 100 };
}

/** The u chart's latest limits by hand, per 1,000: σ = √(ū / latest denominator), the lower clipped at 0. */
function uLimits(rows: readonly [number, number][]) {
  const u = rows.reduce((s, [n]) => s + n, 0) / rows.reduce((s, [, d]) => s + d, 0);
  const d = rows[rows.length - 1][1];
  const s = Math.sqrt(u / d);
  return { cl: u * 1000, ucl: (u + 3 * s) * 1000, lcl: Math.max(0, u - 3 * s) * 1000 };
}

describe("adding a value to a p chart measure", () => {
  it("stores the numerator and denominator, plots n/d × 100, and the stored limits are the p chart's", async () => {
    const { id, base } = await create(P_MEASURE);
    expect(measure(id).chartType).toBe("p");
    const rows: [number, number][] = [
      [29, 35],
      [61, 80],
      [12, 20],
    ];
    const months = ["2025-01-15", "2025-02-03", "2025-03-28"];
    for (let i = 0; i < rows.length; i++) {
      const res = await add(base, months[i], String(rows[i][0]), String(rows[i][1]));
      expect(res.status).toBe(302);
    }
    expect(points(id).map((p) => [p.periodDate, p.numerator, p.denominator, p.value])).toEqual([
      ["2025-01-01", 29, 35, 82.8571428571],
      ["2025-02-01", 61, 80, 76.25],
      ["2025-03-01", 12, 20, 60],
    ]);
    const m = measure(id);
    const expected = pLimits(rows);
    expect(m.spcPoints).toBe(3);
    expect(m.spcLatestValue).toBe(60);
    expect(m.spcMean).toBeCloseTo(expected.cl, 9);
    expect(m.spcUcl).toBeCloseTo(expected.ucl, 9);
    expect(m.spcLcl).toBeCloseTo(expected.lcl, 9);
    // A u chart's σ would differ; the XmR chart's limits come from moving ranges: the p chart's are these.
    expect(m.spcUcl).not.toBeCloseTo(pLimits([[12, 200]]).ucl, 3);
    // The chart switch names the chart the limits come from, not XmR.
    const page = (await readPage(await lead.get(`${base}?chart=run`))).text;
    expect(page).toContain("Show the p chart (with process limits)");
    expect(page).not.toContain("XmR chart (with process limits)");
  });

  it("refuses a denominator of 0 or missing, a numerator above its denominator, negative numbers and a single value, saving nothing", async () => {
    const { id, base } = await create(P_MEASURE);
    expect((await add(base, "2025-01-10", "29", "35")).status).toBe(302);
    const before = measure(id);
    const cases: [Record<string, string>, string][] = [
      [{ numerator: "3", denominator: "0" }, "The denominator is 0: there is nothing to divide by"],
      [{ numerator: "3", denominator: "" }, "Enter the denominator"],
      [{ numerator: "3" }, "Enter the denominator"],
      [{ numerator: "", denominator: "35" }, "Enter the numerator"],
      [{ numerator: "40", denominator: "35" }, "The numerator is larger than the denominator, which would be over 100%"],
      [{ numerator: "-1", denominator: "35" }, "The numerator cannot be negative"],
      [{ numerator: "3", denominator: "-35" }, "The denominator must be more than 0"],
      [{ numerator: "3", denominator: "many" }, "Enter the denominator as a number"],
      // A single value is not what the form asks for: it asks for the numerator and denominator.
      [{ value: "80" }, "Enter the numerator"],
    ];
    for (const [form, message] of cases) {
      const res = await lead.post(`${base}/data`, { intent: "add", periodDate: "2025-02-10", ...form });
      expect(res.status, JSON.stringify(form)).toBe(400);
      const page = await readPage(res);
      expect(page.errorSummary().join(" "), JSON.stringify(form)).toContain(message);
    }
    expect(points(id)).toHaveLength(1);
    expect(measure(id)).toMatchObject({ spcPoints: before.spcPoints, spcUcl: before.spcUcl, spcComputedAt: before.spcComputedAt });
  });
});

describe("adding a value to a u chart measure", () => {
  it("plots n/d × 1,000, takes more events than bed days, and stores the u chart's limits", async () => {
    const { id, base } = await create(U_MEASURE);
    const rows: [number, number][] = [
      [7, 2480],
      [3, 2210],
      [12, 2650],
      // A small ward in a short month: more falls than bed days is a rate, not an error.
      [5, 4],
    ];
    const months = ["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01"];
    for (let i = 0; i < rows.length; i++) expect((await add(base, months[i], String(rows[i][0]), String(rows[i][1]))).status).toBe(302);
    expect(points(id).map((p) => [p.numerator, p.denominator, p.value])).toEqual([
      [7, 2480, 2.82258064516],
      [3, 2210, 1.35746606335],
      [12, 2650, 4.52830188679],
      [5, 4, 1250],
    ]);
    const m = measure(id);
    const expected = uLimits(rows);
    expect(m.spcMean).toBeCloseTo(expected.cl, 9);
    expect(m.spcUcl).toBeCloseTo(expected.ucl, 9);
    expect(m.spcLcl).toBeCloseTo(expected.lcl, 9);
  });

  it("refuses a denominator of 0, negative numbers and a missing denominator, saving nothing", async () => {
    const { id, base } = await create(U_MEASURE);
    const cases: [Record<string, string>, string][] = [
      [{ numerator: "3", denominator: "0" }, "The denominator is 0"],
      [{ numerator: "-3", denominator: "2400" }, "The numerator cannot be negative"],
      [{ numerator: "3", denominator: "-2400" }, "The denominator must be more than 0"],
      [{ numerator: "3", denominator: "" }, "Enter the denominator"],
    ];
    for (const [form, message] of cases) {
      const res = await lead.post(`${base}/data`, { intent: "add", periodDate: "2025-02-10", ...form });
      expect(res.status, JSON.stringify(form)).toBe(400);
      expect((await readPage(res)).errorSummary().join(" "), JSON.stringify(form)).toContain(message);
    }
    expect(points(id)).toEqual([]);
    expect(measure(id).spcPoints).toBe(0);
  });
});

describe("importing values of p and u chart measures", () => {
  /** 14 months with denominators from 40 to 300. */
  const pRows: [number, number][] = [
    [34, 40],
    [120, 150],
    [230, 300],
    [60, 75],
    [88, 110],
    [41, 52],
    [190, 240],
    [150, 200],
    [70, 90],
    [55, 64],
    [260, 290],
    [33, 41],
    [99, 120],
    [210, 260],
  ];
  const month = (i: number) => `01/${String((i % 12) + 1).padStart(2, "0")}/${2024 + Math.floor(i / 12)}`;

  it("saves every numerator and denominator of a p chart import, and the stored limits are the latest point's", async () => {
    const { id, base } = await create(P_MEASURE);
    await importText(base, ["Month,Screened,Arrivals", ...pRows.map(([n, d], i) => `${month(i)},${n},${d}`)].join("\n"));
    const stored = points(id);
    expect(stored).toHaveLength(pRows.length);
    stored.forEach((p, i) => {
      expect([p.numerator, p.denominator]).toEqual(pRows[i]);
      expect(p.value).toBeCloseTo((pRows[i][0] / pRows[i][1]) * 100, 9);
    });
    const m = measure(id);
    const expected = pLimits(pRows);
    expect(m.spcPoints).toBe(14);
    expect(m.spcMean).toBeCloseTo(expected.cl, 9);
    expect(m.spcUcl).toBeCloseTo(expected.ucl, 9);
    expect(m.spcLcl).toBeCloseTo(expected.lcl, 9);
  });

  it("saves a u chart import per 1,000", async () => {
    const { id, base } = await create(U_MEASURE);
    await importText(base, "2025-01-01\t7\t2480\n2025-02-01\t3\t2210\n2025-03-01\t12\t2650");
    expect(points(id).map((p) => [p.numerator, p.denominator, p.value])).toEqual([
      [7, 2480, 2.82258064516],
      [3, 2210, 1.35746606335],
      [12, 2650, 4.52830188679],
    ]);
    expect(measure(id).spcMean).toBeCloseTo(uLimits([[22, 7340]]).cl, 9);
  });

  it("reports each bad row of a p chart import with its line and saves nothing", async () => {
    const { id, base } = await create(P_MEASURE);
    const data = [
      "Month,Screened,Arrivals",
      "01/01/2025,29,35",
      "01/02/2025,3,0",
      "01/03/2025,40,35",
      "01/04/2025,-1,35",
      "01/05/2025,3",
      "01/06/2025,3,-8",
      "01/07/2025,30,40",
    ].join("\n");
    const res = await lead.post(`${base}/import`, { intent: "confirm", data });
    expect(res.status).toBe(400);
    const text = (await readPage(res)).text;
    expect(text).toContain("Line 3: the denominator is 0: there is nothing to divide by");
    expect(text).toContain("Line 4: the numerator is larger than the denominator, which would be over 100%");
    expect(text).toContain("Line 5: the numerator cannot be negative");
    expect(text).toContain("Line 6: expected 3 columns (the date, the numerator and the denominator) but found 2");
    expect(text).toContain("Line 7: the denominator must be more than 0");
    expect(text).toContain("5 rows need correcting");
    expect(points(id)).toEqual([]);
    expect(measure(id).spcPoints).toBe(0);
  });

  it("refuses a u chart import with a zero denominator or a negative count, saving nothing", async () => {
    const { id, base } = await create(U_MEASURE);
    const res = await lead.post(`${base}/import`, { intent: "confirm", data: "2025-01-01,7,0\n2025-02-01,-3,2210\n2025-03-01,5,4" });
    expect(res.status).toBe(400);
    const text = (await readPage(res)).text;
    expect(text).toContain("Line 1: the denominator is 0");
    expect(text).toContain("Line 2: the numerator cannot be negative");
    expect(points(id)).toEqual([]);
  });
});

describe("the chart the data suggest (ADR 035)", () => {
  /** 16 months of observations on time out of ~25,000 due, swinging far more than a binomial would. */
  const huge = [88.2, 86.9, 89.4, 87.1, 88.8, 90.1, 86.5, 88.0, 89.7, 87.4, 88.9, 86.8, 90.3, 87.7, 88.4, 89.9].map((pct, i) => {
    const d = 24_000 + ((i * 1370) % 5000);
    return [Math.round((pct / 100) * d), d] as const;
  });

  it("advises Laney's p′ for huge denominators, and one click switches the measure (audited, the stored limits follow)", async () => {
    const { id, base } = await create({ ...P_MEASURE, chartType: "xmr" });
    await importText(base, huge.map(([n, d], i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}-01,${n},${d}`).join("\n"));
    const page = await readPage(await lead.get(base));
    const advice = page.find("[data-measure=chart-advice]");
    expect(advice?.text).toContain("The data suggest a p′ chart");
    expect(advice?.text).toContain("too narrow");
    const xmr = measure(id);

    const stale = await lead.post(`${base}/edit`, { intent: "chart", version: String(xmr.version + 1), chartType: "pp" });
    expect(stale.status).toBe(409);
    expect(measure(id).chartType).toBe("xmr");

    const res = await lead.post(`${base}/edit`, { intent: "chart", version: String(xmr.version), chartType: "pp" });
    expect(res.status).toBe(302);
    const m = measure(id);
    expect(m).toMatchObject({ chartType: "pp", version: xmr.version + 1 });
    expect(m.spcUcl).not.toBe(xmr.spcUcl);
    const audit = server.db.$client.prepare("select summary from audit_events where action = 'measure.updated' and entity_id = ? order by id desc").get(id) as {
      summary: string;
    };
    expect(audit.summary).toMatch(/Chart/);
    // Once it is the measure's chart, no advice is shown.
    expect((await readPage(await lead.get(base))).find("[data-measure=chart-advice]")).toBeFalsy();
  });

  it("refuses a chart the measure's data cannot draw", async () => {
    const res = await lead.post(`/projects/${projectId}/measures/new`, {
      name: "Minutes to triage (advice)",
      type: "process",
      definition: "Minutes from arrival to triage.",
      unit: "minutes",
      improvement: "decrease",
      frequency: "weekly",
    });
    const id = Number(res.headers.get("location")!.match(/measures\/(\d+)/)![1]);
    const refused = await lead.post(`/projects/${projectId}/measures/${id}/edit`, { intent: "chart", version: "1", chartType: "p" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("A p or p′ chart is for a percentage");
    expect(measure(id).chartType).toBe("xmr");
  });
});

describe("months written the way Excel writes them", () => {
  it("imports Dec-24, Jan 2025, February 2025, 2025-03 and 04/2025 as the first of each month", async () => {
    const { id, base } = await create(P_MEASURE);
    await importText(base, "Month,Screened,Arrivals\nDec-24,40,50\nJan 2025,41,50\nFebruary 2025,42,50\n2025-03,43,50\n04/2025,44,50");
    expect(points(id).map((p) => [p.periodDate, p.numerator])).toEqual([
      ["2024-12-01", 40],
      ["2025-01-01", 41],
      ["2025-02-01", 42],
      ["2025-03-01", 43],
      ["2025-04-01", 44],
    ]);
  });
});
