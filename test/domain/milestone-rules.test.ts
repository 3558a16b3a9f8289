import { describe, expect, it } from "vitest";
import { describeSlip, forecastMoveNeedsReason, isOverdue, milestoneStatus, slipDays } from "~/domain/milestone-rules";

const TODAY = "2026-11-26";

describe("slip = forecast − baseline, in days", () => {
  it.each([
    ["2026-12-01", "2026-12-01", 0],
    ["2026-12-01", "2026-12-15", 14],
    ["2026-12-15", "2026-12-01", -14],
    ["2026-12-20", "2027-01-10", 21], // across a year end
    ["2027-03-20", "2027-04-03", 14], // across the spring clock change: calendar days, not 24-hour blocks
    ["2028-02-28", "2028-03-01", 2], // leap year
  ])("baseline %s, forecast %s → %i", (baselineDate, forecastDate, expected) => {
    expect(slipDays({ baselineDate, forecastDate })).toBe(expected);
  });

  it("describes the slip in words", () => {
    expect(describeSlip(0)).toBe("On plan");
    expect(describeSlip(1)).toBe("1 day late");
    expect(describeSlip(14)).toBe("14 days late");
    expect(describeSlip(-3)).toBe("3 days early");
  });
});

describe("overdue = not complete and forecast before today", () => {
  it("is overdue the day after the forecast, not on it", () => {
    expect(isOverdue({ forecastDate: "2026-11-25", completedOn: null }, TODAY)).toBe(true);
    expect(isOverdue({ forecastDate: TODAY, completedOn: null }, TODAY)).toBe(false);
    expect(isOverdue({ forecastDate: "2026-12-01", completedOn: null }, TODAY)).toBe(false);
  });

  it("a completed milestone is never overdue, however late it finished", () => {
    expect(isOverdue({ forecastDate: "2026-01-01", completedOn: "2026-03-01" }, TODAY)).toBe(false);
  });
});

describe("moving the forecast later needs a reason; earlier does not", () => {
  it.each([
    ["2026-12-01", "2026-12-02", true],
    ["2026-12-01", "2027-01-01", true],
    ["2026-12-01", "2026-12-01", false],
    ["2026-12-01", "2026-11-30", false],
  ])("from %s to %s → %s", (from, to, needs) => {
    expect(forecastMoveNeedsReason(from, to)).toBe(needs);
  });
});

describe("status", () => {
  const m = (baselineDate: string, forecastDate: string, completedOn: string | null = null) => ({
    baselineDate,
    forecastDate,
    completedOn,
  });
  it("complete beats overdue; overdue beats slipped; otherwise on track", () => {
    expect(milestoneStatus(m("2026-10-01", "2026-11-01", "2026-11-02"), TODAY)).toBe("complete");
    expect(milestoneStatus(m("2026-10-01", "2026-11-01"), TODAY)).toBe("overdue");
    expect(milestoneStatus(m("2026-12-01", "2026-12-20"), TODAY)).toBe("late");
    expect(milestoneStatus(m("2026-12-20", "2026-12-01"), TODAY)).toBe("on_track");
    expect(milestoneStatus(m("2026-12-01", "2026-12-01"), TODAY)).toBe("on_track");
  });
});
