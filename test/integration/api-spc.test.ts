// POST /api/spc and the /spc calculator over real HTTP against the built server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatNumber } from "~/domain/spc";
import { readPage, type Page } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

const VALUES = [5, 6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 5, 9, 9, 10, 9, 10, 11, 10, 9];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

function postJson(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/spc`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function expectProblem(res: Response, status: number, field: string, message: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body = (await res.json()) as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(["error", "field"]);
  expect(body.field).toBe(field);
  expect(body.error).toMatch(message);
}

describe("POST /api/spc", () => {
  it("analyses the worked example for a signed-out caller", async () => {
    const res = await postJson({ values: VALUES, improvement: "increase", target: 8 });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("set-cookie")).toBeNull();
    const r = await res.json();
    expect(r.n).toBe(20);
    expect(r.mean).toBeCloseTo(7.3, 10);
    expect(r.ucl).toBeCloseTo(9.96, 10);
    expect(r.lcl).toBeCloseTo(4.64, 10);
    expect(r.trial_limits).toBe(false);
    expect(r.variation_icon).toBe("special_cause_improvement_high");
    expect(r.assurance_icon).toBe("inconsistent");
    expect(r.run_chart).toMatchObject({
      median: 6.5,
      longest_run: 8,
      longest_run_max: 7,
      crossings: 5,
      crossings_min: 6,
      signal: true,
    });
    expect(r.points).toHaveLength(20);
    expect(r.points[12]).toMatchObject({ index: 12, value: 9, segment: 0, shift: true, special_cause: "improvement" });
    expect(r.points[0]).toMatchObject({ index: 0, special_cause: "concern", two_of_three: true });
    expect(r.points.filter((p: { astronomical: boolean }) => p.astronomical).map((p: { index: number }) => p.index)).toEqual([14, 16, 17, 18]);
    expect(r.description).toMatch(/^Special cause improvement: the last 8 points are all above the average\. Hit and miss/);
  });

  it("passes dates, rebases and rule options through to the engine", async () => {
    const dates = VALUES.map((_, i) => `2026-01-${String(i + 1).padStart(2, "0")}`);
    const res = await postJson({
      values: VALUES,
      dates,
      improvement: "decrease",
      rebase: [12],
      screen_outliers: false,
      shift_length: 6,
      trend_length: 5,
      two_of_three_mode: "beyond_two_sigma",
    });
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r.segments).toHaveLength(2);
    expect(r.segments[1].first_index).toBe(12);
    expect(r.options).toEqual({
      screen_outliers: false,
      shift_length: 6,
      trend_length: 5,
      two_of_three_mode: "beyond_two_sigma",
      baseline: null,
      chart: "xmr",
      multiply: 1,
    });
    expect(r.points[19].date).toBe("2026-01-20");
    expect(r.assurance_icon).toBeNull();
  });

  it("answers bad input with 400 and the field at fault", async () => {
    await expectProblem(await postJson("{not json"), 400, "body", /not valid JSON/);
    await expectProblem(await postJson("[1,2]"), 400, "body", /must be a JSON object/);
    await expectProblem(await postJson({ values: VALUES, improvement: "increase", baseline: 11 }), 400, "baseline", /at least 12/);
    await expectProblem(await postJson('{"values":[1,2,1e999],"improvement":"increase"}'), 400, "values", /values\[2\] must be a finite number/);
    await expectProblem(await postJson({ values: [1, "2"], improvement: "increase" }), 400, "values", /values\[1\]/);
    await expectProblem(await postJson({ values: VALUES, improvement: "increase", dates: ["2026-01-01"] }), 400, "dates", /one date per value/);
    await expectProblem(await postJson({ values: VALUES, improvement: "increase", rebase: [0] }), 400, "rebase", /rebase\[0\] \(0\)/);
    await expectProblem(await postJson({ values: VALUES, improvement: "increase", rebase: [20] }), 400, "rebase", /from 1 to 19/);
    await expectProblem(await postJson({ values: VALUES, improvement: "increase", shift_length: 20 }), 400, "shift_length", /from 3 to 15/);
    await expectProblem(await postJson({ values: VALUES, improvement: "increase", trend_length: 2 }), 400, "trend_length", /from 3 to 15/);
    await expectProblem(await postJson({ values: VALUES, improvement: "sideways" }), 400, "improvement", /"increase", "decrease" or "neutral"/);
    await expectProblem(await postJson({ values: VALUES, improvement: "increase", colour: "red" }), 400, "colour", /Unknown field/);
  });

  it("refuses more than 10,000 values with 413, and takes 10,000", async () => {
    const many = Array.from({ length: 10_001 }, (_, i) => i % 10);
    await expectProblem(await postJson({ values: many, improvement: "increase" }), 413, "values", /10,001/);
    const ok = await postJson({ values: many.slice(1), improvement: "increase" });
    expect(ok.status).toBe(200);
    expect((await ok.json()).n).toBe(10_000);
  });

  it("refuses a body over 1 MB with 413, whether or not Content-Length says so", async () => {
    const padded = `{"values":[1,2,3],"improvement":"increase"${" ".repeat(1_100_000)}}`;
    await expectProblem(await postJson(padded), 413, "body", /larger than/);

    // Streamed without a Content-Length: the server must count the bytes itself.
    const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"values":[1,2,3],"improvement":"increase"'));
        if (sent >= 20) {
          controller.enqueue(new TextEncoder().encode("}"));
          controller.close();
          return;
        }
        controller.enqueue(chunk);
        sent++;
      },
    });
    const res = await fetch(`${server.url}/api/spc`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    await expectProblem(res, 413, "body", /larger than/);

    // The refusals leave no broken connection behind for the next request.
    expect((await postJson({ values: [1, 2, 3], improvement: "increase" })).status).toBe(200);
  });

  it("needs a JSON Content-Type (415) and answers GET with 405", async () => {
    await expectProblem(
      await postJson({ values: VALUES, improvement: "increase" }, { "Content-Type": "text/plain" }),
      415,
      "content_type",
      /application\/json/,
    );
    const form = await new Client(server.url).post("/api/spc", { values: "1" });
    await expectProblem(form, 415, "content_type", /application\/json/);
    const charset = await postJson({ values: [1, 2, 3], improvement: "neutral" }, { "Content-Type": "application/json; charset=utf-8" });
    expect(charset.status).toBe(200);

    const get = await fetch(`${server.url}/api/spc`);
    expect(get.headers.get("allow")).toBe("POST");
    await expectProblem(get, 405, "method", /POST/);
  });
});

describe("/spc calculator", () => {
  const FORM = {
    data: VALUES.join("\n"),
    improvement: "increase",
    target: "8",
    unit: "",
    chart: "auto",
    screen_outliers: "on",
    shift_length: "7",
    trend_length: "7",
    two_of_three_mode: "between_limits",
    baseline: "",
    rebase: "",
  };

  const spcValue = (page: Page, name: string) => page.textOf(`[data-spc="${name}"]`);
  /** Each plotted point's kind (its app-spc-point--<kind> class), in order. */
  const pointKinds = (page: Page) =>
    page.findAll(".app-spc-point[data-index]").map((point) => {
      const kind = point.classList.value.find((c) => c.startsWith("app-spc-point--"));
      return kind?.slice("app-spc-point--".length);
    });
  const hasImage = (page: Page, label: string) => page.find(`[role="img"][aria-label="${label}"]`) !== null;

  it("is for signed-in users only", async () => {
    const res = await new Client(server.url).get("/spc");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
    const post = await new Client(server.url).post("/spc", FORM);
    expect(post.status).toBe(302);
  });

  it("explains what to paste before anything is analysed", async () => {
    const client = new Client(server.url);
    await client.signIn("board@example.org");
    const res = await client.get("/spc");
    expect(res.status).toBe(200);
    const html = await readPage(res);
    expect(html.find('[data-spc="empty-state"]')).not.toBeNull();
    expect(html.text).toContain("Paste one value per line");
    expect(html.anywhere).not.toContain("spc-results-heading");
    expect(html.findAll("[style]")).toEqual([]);
  });

  it("shows the same numbers and icons as the API for the same series, and keeps the inputs", async () => {
    const api = await (await postJson({ values: VALUES, improvement: "increase", target: 8 })).json();

    const client = new Client(server.url);
    await client.signIn("board@example.org");
    const res = await client.post("/spc", FORM);
    expect(res.status).toBe(200);
    const html = await readPage(res);

    expect(spcValue(html, "mean")).toBe(formatNumber(api.mean));
    expect(spcValue(html, "mean")).toBe("7.3");
    expect(spcValue(html, "ucl")).toBe(formatNumber(api.ucl));
    expect(spcValue(html, "lcl")).toBe(formatNumber(api.lcl));
    expect(spcValue(html, "median")).toBe(formatNumber(api.run_chart.median));
    expect(spcValue(html, "reading")).toBe(api.description);
    expect(hasImage(html, "Special cause improvement (high)")).toBe(true);
    expect(hasImage(html, "Hit and miss: the target may or may not be met")).toBe(true);
    expect(html.find('[data-icon="special_cause_improvement_high"]')).not.toBeNull();
    expect(html.find(`[data-icon="${api.assurance_icon}"]`)).not.toBeNull();
    // 20 points: the XmR chart, one focusable mark per point, coloured as the engine says.
    expect(api.points).toHaveLength(20);
    expect(pointKinds(html)).toEqual(api.points.map((p: { special_cause: string }) => p.special_cause));
    expect(html.text).toContain("Show data as a table");
    // The page keeps what was typed.
    expect(html.fieldValue("data")).toMatch(/^5\n6\n5\n7/);
    expect(html.fieldValue("target")).toBe("8");
    expect(html.findAll("[style]")).toEqual([]);
  });

  it("shows a run chart under 12 points, and rebases with a reason", async () => {
    const client = new Client(server.url);
    await client.signIn("staff@example.org");
    const short = await readPage(await client.post("/spc", { ...FORM, data: "2026-01-01,5\n2026-02-01,7\n2026-03-01,6\n2026-04-01,8" }));
    expect(short.find(".app-spc-chart--run")).not.toBeNull();
    expect(short.text).toContain("With fewer than 12 points this is shown as a run chart");
    expect(short.find('[aria-label="Feb 2026: 7 — above the median"]')).not.toBeNull();

    const rebased = await readPage(await client.post("/spc", { ...FORM, rebase: "13 New falls pathway" }));
    expect(rebased.textsOf("svg text")).toContain("Rebased: New falls pathway");
    const api = await (await postJson({ values: VALUES, improvement: "increase", target: 8, rebase: [12] })).json();
    expect(spcValue(rebased, "mean")).toBe(formatNumber(api.mean));
  });

  it("answers bad input with an error summary and per-field messages, changing nothing", async () => {
    const client = new Client(server.url);
    await client.signIn("board@example.org");
    const res = await client.post("/spc", { ...FORM, data: "5\n6\n7\nabc\n8", baseline: "5", shift_length: "99" });
    expect(res.status).toBe(400);
    const html = await readPage(res);
    expect(html.find(".nhsuk-error-summary")).not.toBeNull();
    expect(html.text).toContain("There is a problem");
    expect(html.errorSummary()).toContainEqual(expect.stringContaining("Line 4: 'abc' is not a number"));
    expect(html.text).toContain("Enter the baseline as a whole number of points, at least 12");
    expect(html.text).toContain("Enter the shift length as a whole number from 3 to 15");
    expect(html.get('textarea[name="data"]').getAttribute("aria-invalid")).toBe("true");
    expect(html.anywhere).not.toContain("spc-results-heading");
    expect(html.fieldValue("data")).toBe("5\n6\n7\nabc\n8");
  });
});
