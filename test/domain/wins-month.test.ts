import { describe, expect, it } from "vitest";
import {
  addMonthsTo,
  evidenceHref,
  isWinsDigestDay,
  measureOfEvidence,
  monthInstants,
  monthName,
  monthsUpTo,
  nextMonth,
  parseMonth,
  previousMonth,
  winsDigestIntro,
  winsHeadline,
} from "~/domain/wins-month";

describe("months of wins", () => {
  it("reads a month written YYYY-MM and nothing else", () => {
    expect(parseMonth("2026-11")).toBe("2026-11");
    expect(parseMonth(" 2026-01 ")).toBe("2026-01");
    for (const bad of ["", "2026-13", "2026-00", "2026-1", "26-11", "2026-11-01", "November", "1899-12", "3000-01", "2026-11' or 1=1", null, undefined]) {
      expect(parseMonth(bad), String(bad)).toBeNull();
    }
  });

  it("steps across years and names months in full", () => {
    expect(previousMonth("2026-01")).toBe("2025-12");
    expect(nextMonth("2026-12")).toBe("2027-01");
    expect(addMonthsTo("2026-11", -11)).toBe("2025-12");
    expect(monthName("2026-11")).toBe("November 2026");
    expect(winsHeadline("2026-11")).toBe("This month in Stepping Up — November 2026");
    expect(winsDigestIntro("2026-11", 1)).toContain("Here is the win the programme's teams confirmed in November 2026");
    expect(winsDigestIntro("2026-11", 3)).toContain("the 3 wins");
  });

  it("bounds a month in UK time, summer time included", () => {
    // April 2026 starts at midnight BST, 23:00 UTC on 31 March.
    expect(monthInstants("2026-04")).toEqual({ from: Date.parse("2026-03-31T23:00:00Z"), to: Date.parse("2026-04-30T23:00:00Z") });
    expect(monthInstants("2026-11")).toEqual({ from: Date.parse("2026-11-01T00:00:00Z"), to: Date.parse("2026-12-01T00:00:00Z") });
  });

  it("offers a year of months at least, back to the first win, newest first", () => {
    const year = monthsUpTo("2026-11", null);
    expect(year).toHaveLength(12);
    expect(year[0]).toBe("2026-11");
    expect(year[11]).toBe("2025-12");
    expect(monthsUpTo("2026-11", "2026-06")).toEqual(year);
    const longer = monthsUpTo("2026-11", "2024-01");
    expect(longer.at(-1)).toBe("2024-01");
    expect(longer).toHaveLength(35);
  });

  it("sends last month's digest on the first seven days of a month", () => {
    expect(isWinsDigestDay("2026-12-01")).toBe(true);
    expect(isWinsDigestDay("2026-12-07")).toBe(true);
    expect(isWinsDigestDay("2026-12-08")).toBe(false);
    expect(isWinsDigestDay("2026-11-26")).toBe(false);
  });

  it("links a win to the record its evidence names", () => {
    expect(evidenceHref(3, "measure:12:2026-11-01")).toBe("/projects/3/measures/12");
    expect(evidenceHref(3, "pdsa:4")).toBe("/projects/3/pdsa/4");
    expect(evidenceHref(3, "milestone:9")).toBe("/projects/3/milestones");
    expect(evidenceHref(3, "Measure: Falls per 1,000 bed days")).toBeNull();
    expect(measureOfEvidence("measure:12:2026-11-01")).toEqual({ measureId: 12, period: "2026-11-01" });
    expect(measureOfEvidence("pdsa:4")).toBeNull();
  });
});
