import { describe, expect, it } from "vitest";
import { campaignPhase, changeInPoints, DEFAULT_STATEMENTS, percentAgreeing, pulseResults, visibleGroups, type PulseAnswer } from "~/domain/pulse";

const answers = (n: number, over: Partial<PulseAnswer> = {}, scores: number[] = [5, 4, 3]): PulseAnswer[] =>
  Array.from({ length: n }, () => ({ divisionId: null, participant: null, scores, ...over }));

describe("Pulse Check results", () => {
  it("has fifteen default statements", () => {
    expect(DEFAULT_STATEMENTS).toHaveLength(15);
    expect(DEFAULT_STATEMENTS).toContain("I feel valued for the contribution I make");
  });

  it("counts agree and strongly agree as agreeing, rounded to whole points", () => {
    const mixed = [...answers(1, {}, [5, 1, 4]), ...answers(1, {}, [4, 3, 4]), ...answers(1, {}, [3, 2, 1])];
    expect(percentAgreeing(mixed, 3)).toEqual([67, 0, 67]);
  });

  it("hides everything under 10 answers", () => {
    expect(pulseResults(answers(9), 3)).toEqual([]);
    expect(pulseResults(answers(10), 3).map((g) => g.answers)).toEqual([10]);
  });

  it("shows participants only when everyone else is also 10 or more (no subtraction)", () => {
    const twelveAndNine = [...answers(12, { participant: true }), ...answers(9, { participant: false })];
    expect(visibleGroups(twelveAndNine).participants).toBe(false);
    expect(pulseResults(twelveAndNine, 3).map((g) => g.key.kind)).toEqual(["all"]);
    const both = [...answers(12, { participant: true }), ...answers(6, { participant: false }), ...answers(4)];
    expect(pulseResults(both, 3).map((g) => [g.key.kind, g.answers])).toEqual([
      ["all", 22],
      ["participants", 12],
      ["others", 10],
    ]);
  });

  it("hides a division whose group is under 10", () => {
    const data = [...answers(15, { divisionId: 1 }), ...answers(5, { divisionId: 2 }), ...answers(10, { divisionId: 3 }), ...answers(7)];
    expect(visibleGroups(data).divisions).toEqual([1, 3]);
    // Without the 7 who gave no division, 30 − 15 − 10 would reveal division 2's 5: division 3 is hidden too.
    expect(visibleGroups(data.slice(0, 30)).divisions).toEqual([1]);
  });

  it("hides the smallest shown division when the rest would be a small group by subtraction", () => {
    // Everyone (34) minus Medicine (20) minus Surgery (10) would reveal the 4 without a division.
    const data = [...answers(20, { divisionId: 1 }), ...answers(10, { divisionId: 2 }), ...answers(4)];
    expect(visibleGroups(data).divisions).toEqual([1]);
    // With Surgery hidden the rest is 14: shown Medicine is safe.
    const one = [...answers(20, { divisionId: 1 }), ...answers(3)];
    expect(visibleGroups(one).divisions).toEqual([]);
  });

  it("shows every division when the rest is empty", () => {
    const data = [...answers(10, { divisionId: 1 }), ...answers(10, { divisionId: 2 })];
    expect(visibleGroups(data).divisions).toEqual([1, 2]);
  });

  it("computes the change in points, null where either side is hidden", () => {
    expect(changeInPoints([40, 50], [52, 45], 2)).toEqual([12, -5]);
    expect(changeInPoints(null, [52, 45], 2)).toEqual([null, null]);
  });

  it("knows when a campaign is open", () => {
    expect(campaignPhase("2026-03-01", "2026-03-14", "2026-02-28")).toBe("before");
    expect(campaignPhase("2026-03-01", "2026-03-14", "2026-03-01")).toBe("open");
    expect(campaignPhase("2026-03-01", "2026-03-14", "2026-03-14")).toBe("open");
    expect(campaignPhase("2026-03-01", "2026-03-14", "2026-03-15")).toBe("closed");
  });
});
