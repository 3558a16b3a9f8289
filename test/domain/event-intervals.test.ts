// Rare events entered as dates (ADR 034): the values are the days between each event and the
// one before (qicharts2's vignette: `dt = date - lag(date)`, the first NA), and the g and t
// charts drawn from them are the charts of those intervals.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { daysBetween, entersEvents, eventDateProblem, intervalsFromEvents } from "~/domain/event-intervals";
import { readPastedEvents } from "~/forms/measure-event-form";
import { parseImportDate } from "~/forms/measure-import-check.server";
import { analyseSeries } from "~/domain/spc";

describe("days between events", () => {
  it("counts whole days across month ends, leap days and the clock change", () => {
    expect(daysBetween("2025-01-31", "2025-03-01")).toBe(29);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2025-03-29", "2025-03-31")).toBe(2);
    expect(daysBetween("2025-10-25", "2025-10-27")).toBe(2);
    expect(daysBetween("2025-12-31", "2026-01-01")).toBe(1);
  });

  it("gives one value per event after the first, dated on its day, whatever order the dates come in", () => {
    const events = [
      { eventDate: "2025-03-14", note: "Ward 7" },
      { eventDate: "2025-01-02", note: "" },
      { eventDate: "2025-01-20", note: "Ward 3" },
    ];
    expect(intervalsFromEvents(events)).toEqual([
      { periodDate: "2025-01-20", value: 18, note: "Ward 3" },
      { periodDate: "2025-03-14", value: 53, note: "Ward 7" },
    ]);
    expect(intervalsFromEvents([{ eventDate: "2025-01-02" }])).toEqual([]);
    expect(intervalsFromEvents([])).toEqual([]);
  });

  it("the intervals add up to the days from the first event to the last (property)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 20_000 }), { minLength: 2, maxLength: 60 }), (offsets) => {
        const day = (n: number) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        const values = intervalsFromEvents(offsets.map((n) => ({ eventDate: day(n) }))).map((p) => p.value);
        expect(values).toHaveLength(offsets.length - 1);
        expect(values.every((v) => v > 0)).toBe(true);
        expect(values.reduce((a, b) => a + b, 0)).toBe(Math.max(...offsets) - Math.min(...offsets));
      }),
    );
  });

  it("a g chart of event dates is the g chart of their intervals (qicharts2: the median centre line, limits from the mean)", () => {
    const dates = ["2025-01-02", "2025-01-20", "2025-03-14", "2025-03-19", "2025-05-30", "2025-06-02", "2025-07-21", "2025-09-01"];
    const values = intervalsFromEvents(dates.map((eventDate) => ({ eventDate }))).map((p) => p.value);
    expect(values).toEqual([18, 53, 5, 72, 3, 49, 42]);
    const g = analyseSeries({ values, chart: "g", improvement: "increase" });
    expect(g.segments[0].cl).toBe(42); // the median of the seven intervals
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(g.points[0].ucl).toBeCloseTo(mean + 3 * Math.sqrt(mean * (mean + 1)), 9);
    const t = analyseSeries({ values, chart: "t", improvement: "increase" });
    expect(t.chart).toBe("t");
    expect(t.points.every((p) => p.ucl !== null)).toBe(true);
  });
});

describe("which measures take event dates, and which dates are refused", () => {
  it("a g or t chart with no values, or any measure that already has events", () => {
    expect(entersEvents({ chartType: "g" }, { events: 0, points: 0 })).toBe(true);
    expect(entersEvents({ chartType: "t" }, { events: 0, points: 0 })).toBe(true);
    expect(entersEvents({ chartType: "g" }, { events: 0, points: 5 })).toBe(false);
    expect(entersEvents({ chartType: "xmr" }, { events: 0, points: 0 })).toBe(false);
    expect(entersEvents({ chartType: "xmr" }, { events: 3, points: 2 })).toBe(true);
  });

  it("refuses a day in the future and a day that already has an event", () => {
    const taken = new Set(["2025-03-14"]);
    expect(eventDateProblem("2025-03-15", taken, "2025-03-15")).toBeNull();
    expect(eventDateProblem("2025-03-16", taken, "2025-03-15")).toMatch(/in the future/);
    expect(eventDateProblem("2025-03-14", taken, "2025-03-15")).toMatch(/already an event on that day/);
  });

  it("reads pasted dates one a line, skipping a heading, and names every bad line", () => {
    const text = "Date of incident,Note\n14/03/2025,Ward 7\n\n2025-01-02\n31/02/2025\n2025-01-02\n2027-01-01\n20/01/2025\tWard 3";
    const read = readPastedEvents(text, new Set(["2024-12-01"]), "2026-11-26", parseImportDate);
    expect(read.events).toEqual([
      { eventDate: "2025-03-14", note: "Ward 7" },
      { eventDate: "2025-01-02", note: "" },
      { eventDate: "2025-01-20", note: "Ward 3" },
    ]);
    expect(read.problems).toEqual([
      "Line 5: '31/02/2025' is not a date: use YYYY-MM-DD or DD/MM/YYYY",
      "Line 6: there is already an event on that day: a chart of days between events counts each day once",
      "Line 7: the date is in the future: record an event once it has happened",
    ]);
    expect(readPastedEvents("  \n", new Set(), "2026-11-26", parseImportDate).problems).toEqual(["Paste the date of at least one event, one a line"]);
  });
});
