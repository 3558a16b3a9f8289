import { describe, expect, it } from "vitest";
import { normalisePeriod } from "~/domain/measure-periods";
import { dayField, isPlausibleDay, optionalDay } from "~/forms/day-field";

const due = dayField({
  what: "The due date",
  required: "Enter the due date",
  invalid: "The due date must be a real date",
  notBefore: { day: "2026-11-26", message: "The due date must be today or later" },
});
const first = (r: { error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe("isPlausibleDay", () => {
  it("accepts real days from 1 January 1990 to 31 December 2100", () => {
    for (const day of ["1990-01-01", "2026-11-26", "2024-02-29", "2100-12-31"]) expect(isPlausibleDay(day), day).toBe(true);
  });

  it("refuses days outside the range, and years 0–99 that Date.UTC would read as 19xx", () => {
    for (const day of ["1989-12-31", "2101-01-01", "0001-01-01", "0050-06-01", "0099-12-31", "9999-12-31"]) {
      expect(isPlausibleDay(day), day).toBe(false);
    }
  });

  it("refuses what is not a real date", () => {
    for (const day of ["2026-02-29", "2026-13-01", "26/11/2026", "", "2026-1-1"]) expect(isPlausibleDay(day), day).toBe(false);
  });
});

describe("dayField", () => {
  it("says the range when a real date is outside it, and only that", () => {
    expect(first(due.safeParse("0050-06-01"))).toBe("The due date must be between 1 January 1990 and 31 December 2100");
    expect(due.safeParse("0050-06-01").error?.issues).toHaveLength(1);
    expect(first(due.safeParse("2101-01-01"))).toBe("The due date must be between 1 January 1990 and 31 December 2100");
  });

  it("keeps the field's own messages", () => {
    expect(first(due.safeParse(undefined))).toBe("Enter the due date");
    expect(first(due.safeParse("2026-02-30"))).toBe("The due date must be a real date");
    expect(first(due.safeParse("2026-11-25"))).toBe("The due date must be today or later");
    expect(due.safeParse(" 2026-12-01 ").data).toBe("2026-12-01");
  });

  it("optionalDay applies the same range", () => {
    const target = optionalDay("The target date");
    expect(target.safeParse(undefined).success).toBe(true);
    expect(first(target.safeParse("0001-01-01"))).toBe("The target date must be between 1 January 1990 and 31 December 2100");
    expect(first(target.safeParse("soon"))).toBe("The target date must be a real date");
  });
});

describe("normalisePeriod with years below 100", () => {
  it("keeps the year: a weekly point dated 0050-06-01 is in the week of 0050-05-30, not 1950", () => {
    expect(normalisePeriod("0050-06-01", "weekly")).toBe("0050-05-30");
    expect(normalisePeriod("0001-01-01", "weekly")).toBe("0001-01-01");
  });
});
