import { describe, expect, it } from "vitest";
import { SUGGEST_WITHIN_DAYS, suggestWins, type WinEvidence } from "~/domain/win-suggestions";

const measure = (over: Partial<WinEvidence["measures"][number]> = {}): WinEvidence["measures"][number] => ({
  id: 7,
  name: "Antibiotics within the hour",
  improvement: "increase",
  latestSignal: "improvement",
  latestDate: "2026-11-16",
  latestValue: 82,
  ...over,
});

const evidence = (over: Partial<WinEvidence> = {}): WinEvidence => ({
  stage: "active",
  today: "2026-11-26",
  measures: [],
  milestones: [],
  cycles: [],
  handled: new Set(),
  ...over,
});

describe("suggestWins", () => {
  it("suggests a measure whose latest point is special cause improvement, keyed by measure and date", () => {
    const [s, ...rest] = suggestWins(evidence({ measures: [measure()] }));
    expect(rest).toEqual([]);
    expect(s.evidenceKind).toBe("measure_improvement");
    expect(s.evidenceRef).toBe("measure:7:2026-11-16");
    expect(s.title).toBe("Improvement in Antibiotics within the hour");
    expect(s.description).toContain("16 Nov 2026");
    expect(s.description).toContain("(82)");
  });

  it("rounds the latest value for people to read", () => {
    const [s] = suggestWins(evidence({ measures: [measure({ latestValue: 87.71929824561403 })] }));
    expect(s.description).toBe("The latest point (87.7) on 16 Nov 2026 shows special cause improvement.");
  });

  it(`suggests evidence from the last ${SUGGEST_WITHIN_DAYS} days only: older evidence is history`, () => {
    const input = evidence({
      today: "2026-11-26",
      measures: [measure({ id: 1, latestDate: "2026-08-28" }), measure({ id: 2, latestDate: "2026-08-27" })],
      milestones: [
        { id: 3, title: "On the edge", completedOn: "2026-08-28" },
        { id: 4, title: "Too old", completedOn: "2025-12-31" },
        { id: 5, title: "Dated in the future", completedOn: "2026-11-27" },
      ],
      cycles: [
        { id: 6, number: 1, title: "T", changeIdea: "C", actDecision: "adopt", decidedOn: "2026-11-26" },
        { id: 7, number: 2, title: "T", changeIdea: "C", actDecision: "adopt", decidedOn: "2026-01-01" },
      ],
    });
    expect(
      suggestWins(input)
        .map((s) => s.evidenceRef)
        .sort(),
    ).toEqual(["measure:1:2026-08-28", "milestone:3", "pdsa:6"]);
  });

  it("does not suggest common cause, concern, neutral measures or measures without data", () => {
    const measures = [
      measure({ id: 1, latestSignal: "common" }),
      measure({ id: 2, latestSignal: "concern" }),
      measure({ id: 3, latestSignal: "neutral" }),
      measure({ id: 4, improvement: "neutral", latestSignal: "improvement" }),
      measure({ id: 5, latestSignal: null, latestDate: null }),
    ];
    expect(suggestWins(evidence({ measures }))).toEqual([]);
  });

  it("suggests a completed milestone and not an open one", () => {
    const milestones = [
      { id: 3, title: "Grab bags on every ward", completedOn: "2026-10-01" },
      { id: 4, title: "Paediatric roll-out", completedOn: null },
    ];
    const out = suggestWins(evidence({ milestones }));
    expect(out.map((s) => [s.evidenceKind, s.evidenceRef])).toEqual([["milestone_completed", "milestone:3"]]);
    expect(out[0].title).toBe("Milestone reached: Grab bags on every ward");
    expect(out[0].description).toBe("Completed on 1 Oct 2026.");
  });

  it("suggests a PDSA cycle whose decision was to adopt, not adapt or abandon", () => {
    const cycle = { number: 1, title: "Test", changeIdea: "Nurse-initiated antibiotics", decidedOn: "2026-09-30" };
    const cycles = [
      { ...cycle, id: 11, actDecision: "adopt" },
      { ...cycle, id: 12, actDecision: "adapt" },
      { ...cycle, id: 13, actDecision: "abandon" },
      { ...cycle, id: 14, actDecision: null },
    ];
    const out = suggestWins(evidence({ cycles }));
    expect(out.map((s) => [s.evidenceKind, s.evidenceRef])).toEqual([["change_adopted", "pdsa:11"]]);
    expect(out[0].title).toBe("Change adopted: Nurse-initiated antibiotics");
  });

  it("leaves out evidence already recorded or dismissed, but suggests a measure again on a new improving point", () => {
    const input = evidence({
      measures: [measure()],
      milestones: [{ id: 3, title: "Done", completedOn: "2026-10-01" }],
      handled: new Set(["measure:7:2026-11-09", "milestone:3"]),
    });
    expect(suggestWins(input).map((s) => s.evidenceRef)).toEqual(["measure:7:2026-11-16"]);
    expect(suggestWins({ ...input, handled: new Set(["measure:7:2026-11-16", "milestone:3"]) })).toEqual([]);
  });

  it("orders suggestions newest first", () => {
    const out = suggestWins(
      evidence({
        measures: [measure({ latestDate: "2026-11-16" })],
        milestones: [{ id: 3, title: "Early", completedOn: "2026-09-01" }],
        cycles: [{ id: 11, number: 2, title: "T", changeIdea: "C", actDecision: "adopt", decidedOn: "2026-10-01" }],
      }),
    );
    expect(out.map((s) => s.evidenceRef)).toEqual(["measure:7:2026-11-16", "pdsa:11", "milestone:3"]);
  });

  it.each(["proposed", "closed", "stopped", "declined"] as const)("suggests nothing on a %s project", (stage) => {
    const input = evidence({
      stage,
      measures: [measure()],
      milestones: [{ id: 3, title: "Done", completedOn: "2026-10-01" }],
    });
    expect(suggestWins(input)).toEqual([]);
  });

  it.each(["approved", "active", "sustaining"] as const)("suggests on a %s project", (stage) => {
    expect(suggestWins(evidence({ stage, measures: [measure()] }))).toHaveLength(1);
  });

  it("keeps a suggested title within the title limit", () => {
    const [s] = suggestWins(evidence({ measures: [measure({ name: "x".repeat(300) })] }));
    expect(s.title.length).toBeLessThanOrEqual(200);
  });
});
