import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { analyseSeries } from "~/domain/spc";
import { SpcFormSchema } from "~/forms/spc-form";
import { parseDateCell, parseNumberCell, parsePastedSeries, parseRebaseText } from "~/forms/spc-paste";
import { MAX_VALUES, parseSpcRequest } from "~/forms/spc-request";

const VALUES = [5, 6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 5, 9, 9, 10, 9, 10, 11, 10, 9];
const base = { values: VALUES, improvement: "increase" };

function rejects(body: unknown) {
  const r = parseSpcRequest(body);
  if (r.ok) throw new Error("expected the request to be refused");
  return r;
}

describe("parseSpcRequest (the API's schema)", () => {
  it("accepts a full request and passes the options to the engine unchanged", () => {
    const r = parseSpcRequest({
      ...base,
      dates: VALUES.map((_, i) => `2026-${String(Math.floor(i / 28) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`),
      target: 8,
      baseline: 12,
      rebase: [15, 13],
      screen_outliers: false,
      shift_length: 6,
      trend_length: 6,
      two_of_three_mode: "beyond_two_sigma",
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.input).toMatchObject({
      values: VALUES,
      improvement: "increase",
      target: 8,
      baseline: 12,
      rebase: [13, 15],
      screen_outliers: false,
      shift_length: 6,
      trend_length: 6,
      two_of_three_mode: "beyond_two_sigma",
    });
    expect(r.input.dates).toHaveLength(20);
  });

  it("accepts the minimum and leaves the engine's defaults alone", () => {
    const r = parseSpcRequest({ values: [1], improvement: "neutral", target: null });
    expect(r).toEqual({ ok: true, input: { values: [1], improvement: "neutral", target: null } });
  });

  it.each([
    [{ improvement: "increase" }, "values", /values is required/],
    [{ values: "1,2,3", improvement: "increase" }, "values", /values must be an array of numbers/],
    [{ values: [], improvement: "increase" }, "values", /at least one number/],
    [{ values: [1, "2", 3], improvement: "increase" }, "values", /values\[1\] must be a finite number/],
    [{ values: [1, null], improvement: "increase" }, "values", /values\[1\] must be a finite number/],
    [{ values: [1, Number.POSITIVE_INFINITY], improvement: "increase" }, "values", /values\[1\] must be a finite number/],
    [{ values: [Number.NaN], improvement: "increase" }, "values", /values\[0\] must be a finite number/],
    [{ values: [1, 2] }, "improvement", /improvement is required/],
    [{ values: [1, 2], improvement: "up" }, "improvement", /"increase", "decrease" or "neutral"/],
    [{ ...base, dates: VALUES.slice(1).map(() => "2026-01-01") }, "dates", /one date per value \(20 values, 19 dates\)/],
    [{ ...base, dates: VALUES.map(() => "26/11/2026") }, "dates", /dates\[0\] must be a date written YYYY-MM-DD/],
    [{ ...base, dates: VALUES.map((_, i) => (i === 3 ? "2026-02-30" : "2026-01-01")) }, "dates", /dates\[3\]/],
    [{ ...base, dates: VALUES.map((_, i) => (i === 5 ? "2025-01-01" : "2026-01-01")) }, "dates", /dates\[5\] is before dates\[4\]/],
    [{ ...base, target: "8" }, "target", /target must be a finite number or null/],
    [{ ...base, baseline: 11 }, "baseline", /at least 12/],
    [{ ...base, baseline: 12.5 }, "baseline", /whole number/],
    [{ ...base, baseline: 21 }, "baseline", /baseline \(21\) must not be more than the number of values \(20\)/],
    [{ ...base, rebase: [0] }, "rebase", /rebase\[0\] \(0\) must be from 1 to 19/],
    [{ ...base, rebase: [5, 20] }, "rebase", /rebase\[1\] \(20\) must be from 1 to 19/],
    [{ ...base, rebase: [-1] }, "rebase", /rebase\[0\]/],
    [{ ...base, rebase: [2.5] }, "rebase", /rebase\[0\] must be a whole number/],
    [{ ...base, rebase: [5, 5] }, "rebase", /listed more than once/],
    [{ ...base, rebase: 5 }, "rebase", /rebase must be an array/],
    [{ ...base, screen_outliers: "yes" }, "screen_outliers", /true or false/],
    [{ ...base, shift_length: 2 }, "shift_length", /shift_length must be a whole number from 3 to 15/],
    [{ ...base, shift_length: 16 }, "shift_length", /from 3 to 15/],
    [{ ...base, trend_length: 6.5 }, "trend_length", /trend_length must be a whole number from 3 to 15/],
    [{ ...base, two_of_three_mode: "mdc" }, "two_of_three_mode", /"between_limits" or "beyond_two_sigma"/],
    [{ ...base, shiftLength: 6 }, "shiftLength", /Unknown field "shiftLength"/],
    [null, "body", /The request body must be a JSON object/],
    [[1, 2, 3], "body", /must be a JSON object/],
  ])("refuses %j with field %s", (body, field, message) => {
    const r = rejects(body);
    expect(r.status).toBe(400);
    expect(r.field).toBe(field);
    expect(r.error).toMatch(message);
  });

  it("refuses more than 10,000 values with 413, but takes exactly 10,000", () => {
    const many = rejects({ values: new Array(MAX_VALUES + 1).fill(1), improvement: "increase" });
    expect(many).toMatchObject({ status: 413, field: "values" });
    expect(many.error).toContain("10,001");
    expect(parseSpcRequest({ values: new Array(MAX_VALUES).fill(1), improvement: "increase" }).ok).toBe(true);
  });
});

describe("parsePastedSeries", () => {
  it("reads one value per line, skipping blank lines and trimming spaces", () => {
    const r = parsePastedSeries("5\n 6 \n\n7.5\r\n-2\n95%\n");
    expect(r).toEqual({ ok: true, series: { values: [5, 6, 7.5, -2, 95], dates: null, header: null } });
  });

  it("reads date,value lines and tab-separated lines as pasted from a spreadsheet", () => {
    expect(parsePastedSeries("2026-01-01,5\n2026-02-01,6")).toEqual({
      ok: true,
      series: { values: [5, 6], dates: ["2026-01-01", "2026-02-01"], header: null },
    });
    expect(parsePastedSeries("2026-01-01\t5\t\n2026-02-01\t6\t")).toEqual({
      ok: true,
      series: { values: [5, 6], dates: ["2026-01-01", "2026-02-01"], header: null },
    });
  });

  it("reads DD/MM/YYYY dates as UK dates, not American ones", () => {
    const r = parsePastedSeries("01/02/2026,5\n3/2/2026,6\n25/12/2026,7");
    expect(r.ok && r.series.dates).toEqual(["2026-02-01", "2026-02-03", "2026-12-25"]);
  });

  it("skips a first line of column headings and says so", () => {
    const r = parsePastedSeries("Month\tFalls\n2026-01-01\t5");
    expect(r).toEqual({ ok: true, series: { values: [5], dates: ["2026-01-01"], header: "Month\tFalls" } });
  });

  it("reports each bad line by its line number, counting blank lines", () => {
    const r = parsePastedSeries("5\n6\n\nabc\n7\n1.2.3");
    expect(r).toEqual({ ok: false, errors: ["Line 4: 'abc' is not a number", "Line 6: '1.2.3' is not a number"] });
  });

  it("reports bad dates, missing values, mixed lines, too many columns and dates out of order", () => {
    const r = parsePastedSeries(["2026-01-01,5", "31/02/2026,6", "2026-03-01,", "7", "2026-04-01,1,2", "2026-05-01,x", "2025-01-01,3"].join("\n"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      "Line 2: '31/02/2026' is not a date: use YYYY-MM-DD or DD/MM/YYYY",
      "Line 3: there is no value after the date",
      "Line 4: expected a date and a value, as on line 1",
      "Line 5: expected a value, or a date and a value, but found 3 columns",
      "Line 6: 'x' is not a number",
      "Line 7: 1 Jan 2025 is before 1 Jan 2026 on line 1; put the lines in date order, oldest first",
    ]);
  });

  it("asks for data when there is none, and refuses more than 10,000 values", () => {
    expect(parsePastedSeries("\n  \n")).toEqual({ ok: false, errors: ["Paste at least one value"] });
    const r = parsePastedSeries(new Array(MAX_VALUES + 1).fill("1").join("\n"));
    expect(r).toEqual({ ok: false, errors: ["Paste no more than 10,000 values (you pasted 10,001)"] });
  });

  it("parses single cells strictly", () => {
    expect(parseNumberCell("1e3")).toBe(1000);
    expect(parseNumberCell("\u22123")).toBe(-3);
    expect(parseNumberCell("12abc")).toBeNull();
    expect(parseNumberCell("")).toBeNull();
    expect(parseNumberCell("Infinity")).toBeNull();
    expect(parseDateCell("2026-13-01")).toBeNull();
    expect(parseDateCell("29/02/2028")).toBe("2028-02-29");
    expect(parseDateCell("29/02/2027")).toBeNull();
  });
});

describe("parseRebaseText", () => {
  const dates = ["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01"];

  it("reads point numbers (from 1) and dates, with optional reasons", () => {
    expect(parseRebaseText("3 New triage process", 4, dates)).toEqual({
      ok: true,
      rebase: { indices: [2], reasons: [{ index: 2, reason: "New triage process" }] },
    });
    expect(parseRebaseText("15/02/2026: Ward moved\n4", 4, dates)).toEqual({
      ok: true,
      rebase: { indices: [2, 3], reasons: [{ index: 2, reason: "Ward moved" }] },
    });
    expect(parseRebaseText("2, 4", 4, null)).toEqual({ ok: true, rebase: { indices: [1, 3], reasons: [] } });
  });

  it("refuses point 1, points beyond the data, dates without dated data, and repeats", () => {
    const r = parseRebaseText("1\n9\n2026-02-01\n2\n2", 4, null);
    expect(r).toEqual({
      ok: false,
      errors: [
        "Point 1 already starts the chart: new limits can start at point 2 or later",
        "Point 9 is not in your data, which has 4 points",
        "'2026-02-01' is a date, but your data has no dates: use a point number",
        "Point 2 is listed more than once",
      ],
    });
    expect(parseRebaseText("2027-01-01", 4, dates)).toEqual({
      ok: false,
      errors: ["No point is dated on or after 1 Jan 2027"],
    });
  });
});

describe("SpcFormSchema (the calculator's form, checked by the same schema)", () => {
  function form(fields: Record<string, string>) {
    const fd = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    return parseWithZod(fd, { schema: SpcFormSchema });
  }

  function errors(fields: Record<string, string>) {
    const s = form(fields);
    if (s.status === "success") throw new Error("expected the form to be refused");
    return s.error ?? {};
  }

  it("turns the form into the same input the API would send to the engine", () => {
    const s = form({
      data: VALUES.join("\n"),
      improvement: "increase",
      target: "8",
      screen_outliers: "on",
      shift_length: "7",
      trend_length: "7",
      two_of_three_mode: "between_limits",
    });
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    const api = parseSpcRequest({ values: VALUES, improvement: "increase", target: 8 });
    if (!api.ok) throw new Error("API refused the worked example");
    const fromForm = analyseSeries(s.value.input);
    const fromApi = analyseSeries(api.input);
    expect(fromForm.mean).toBe(fromApi.mean);
    expect(fromForm.ucl).toBe(fromApi.ucl);
    expect(fromForm.variation_icon).toBe("special_cause_improvement_high");
    expect(fromForm.assurance_icon).toBe("inconsistent");
    expect(s.value.input.screen_outliers).toBe(true);
  });

  it("reads an unticked screening box as 'do not screen' and a rebase reason", () => {
    const s = form({ data: VALUES.join("\n"), improvement: "increase", rebase: "13 New triage process" });
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(s.value.input.screen_outliers).toBe(false);
    expect(s.value.input.rebase).toEqual([12]);
    expect(s.value.rebaseReasons).toEqual([{ index: 12, reason: "New triage process" }]);
  });

  it("puts each problem on its own field with words people understand", () => {
    const e = errors({
      data: "5\n6\nabc",
      improvement: "increase",
      target: "eight",
      baseline: "10",
      shift_length: "2",
      trend_length: "x",
    });
    expect(e).toEqual({
      data: ["Line 3: 'abc' is not a number"],
      target: ["Enter the target as a number, like 8 or 92.5"],
      baseline: ["Enter the baseline as a whole number of points, at least 12"],
      shift_length: ["Enter the shift length as a whole number from 3 to 15"],
      trend_length: ["Enter the trend length as a whole number from 3 to 15"],
    });
  });

  it("asks for data and a direction when they are missing, and caps a long list of bad lines", () => {
    const empty = errors({});
    expect(empty.data?.[0]).toMatch(/Paste your data/);
    expect(empty.improvement).toEqual(["Choose which direction is an improvement"]);
    const bad = errors({ data: "1\nb\nc\nd\ne\nf\ng\nh", improvement: "increase" });
    expect(bad.data).toHaveLength(6);
    expect(bad.data?.[0]).toBe("Line 2: 'b' is not a number");
    expect(bad.data?.[5]).toBe("and 2 more lines have problems");
  });

  it("refuses a baseline longer than the data and a rebase that cannot be placed", () => {
    const e = errors({ data: VALUES.join("\n"), improvement: "increase", baseline: "30", rebase: "1" });
    expect(e.baseline).toEqual(["The baseline (30 points) cannot be longer than your data (20 points)"]);
    expect(e.rebase).toEqual(["Point 1 already starts the chart: new limits can start at point 2 or later"]);
  });
});

describe("the plausible range of numbers and dates", () => {
  it("refuses values and targets beyond ±1e12, which overflow the limits' sums", () => {
    expect(rejects({ ...base, values: [1, 1e308, 2] })).toMatchObject({ status: 400, field: "values" });
    expect(rejects({ ...base, values: [1, -1e13] }).error).toBe("values[1] must be a finite number from -1e12 to 1e12");
    expect(rejects({ ...base, target: 1e13 }).field).toBe("target");
    expect(parseSpcRequest({ ...base, values: [1e12, -1e12], target: 1e12 }).ok).toBe(true);
  });

  it("refuses dates before 1990 or after 2100", () => {
    const dates = VALUES.map((_, i) => `2026-01-${String(i + 1).padStart(2, "0")}`);
    expect(rejects({ ...base, dates: ["0050-06-01", ...dates.slice(1)] }).error).toBe(
      "dates[0] must be a date written YYYY-MM-DD, from 1990-01-01 to 2100-12-31",
    );
  });

  it("the pasted series says which line is out of range", () => {
    expect(parsePastedSeries("1\n1e308\n2")).toEqual({
      ok: false,
      errors: ["Line 2: '1e308' is not between −1,000,000,000,000 and 1,000,000,000,000"],
    });
    expect(parsePastedSeries("01/06/0050,3\n2026-01-01,4")).toEqual({
      ok: false,
      errors: ["Line 1: 1 Jun 0050 is not between 1 January 1990 and 31 December 2100"],
    });
  });

  it("the calculator form refuses an out-of-range target on the target field", () => {
    const form = new URLSearchParams({ data: "1\n2\n3", improvement: "increase", target: "1e13" });
    const submission = parseWithZod(form, { schema: SpcFormSchema });
    if (submission.status !== "error") throw new Error("expected the form to be refused");
    expect(submission.error?.target?.[0]).toMatch(/target must be a finite number or null, from -1e12 to 1e12/);
  });
});
