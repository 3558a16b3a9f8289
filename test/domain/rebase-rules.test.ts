import { describe, expect, it } from "vitest";
import { areTrialLimits, pointsInRebase, REBASE_MIN_POINTS, trialLimitsWarning } from "~/domain/rebase-rules";

const months = (n: number) =>
  Array.from({ length: n }, (_, i) => `2025-${String((i % 12) + 1).padStart(2, "0")}-01`.replace("2025", String(2025 + Math.floor(i / 12))));

describe("rebase minimum points", () => {
  const periods = months(24); // Jan 2025 … Dec 2026

  it("counts the points from the rebase to the end, or to the next rebase", () => {
    expect(pointsInRebase(periods, "2026-01-01", ["2026-01-01"])).toBe(12);
    expect(pointsInRebase(periods, "2026-06-01", ["2026-06-01"])).toBe(7);
    expect(pointsInRebase(periods, "2025-06-01", ["2025-06-01", "2025-10-01"])).toBe(4);
    expect(pointsInRebase(periods, "2025-10-01", ["2025-06-01", "2025-10-01"])).toBe(15);
  });

  it("treats fewer than 12 points as trial limits", () => {
    expect(REBASE_MIN_POINTS).toBe(12);
    expect(areTrialLimits(11)).toBe(true);
    expect(areTrialLimits(12)).toBe(false);
    expect(areTrialLimits(1)).toBe(true);
  });

  it("says how many points follow, in words", () => {
    expect(trialLimitsWarning(1)).toContain("only 1 point follows this period, fewer than the 12");
    expect(trialLimitsWarning(5)).toContain("only 5 points follow this period");
  });
});
