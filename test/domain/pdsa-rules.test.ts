import { describe, expect, it } from "vitest";
import {
  deriveStatus,
  doneBeforeStartProblem,
  lastPdsaActivity,
  filledParts,
  groupByChangeIdea,
  nextCycleNumber,
  prefillNextCycle,
  quarterStart,
  worksheetProblems,
  type PreviousCycle,
} from "~/domain/pdsa-rules";

describe("deriveStatus: the status follows the filled parts", () => {
  it("is planned when only the plan is written", () => {
    expect(deriveStatus({ prediction: "Escalation rises to 85%", planWho: "Ward 7 nurses" })).toBe("planned");
    expect(deriveStatus({})).toBe("planned");
  });

  it("is doing once anything is written in Do", () => {
    expect(deriveStatus({ doWhatHappened: "Card used for half of escalations" })).toBe("doing");
    expect(deriveStatus({ doObservations: "Newly qualified nurses used it most" })).toBe("doing");
    expect(deriveStatus({ doProblems: "Only one card" })).toBe("doing");
  });

  it("is studying once anything is written in Study, even if Do is empty", () => {
    expect(deriveStatus({ doWhatHappened: "Done", studyResults: "74% against 85% predicted" })).toBe("studying");
    expect(deriveStatus({ studyLearning: "The prompt must be where observations are taken" })).toBe("studying");
  });

  it("is done when Act has a decision, whatever else is filled", () => {
    for (const decision of ["adopt", "adapt", "abandon"] as const) {
      expect(deriveStatus({ studyResults: "74%", actDecision: decision })).toBe("done");
    }
  });

  it("ignores text that is only spaces, and a next step without a decision", () => {
    expect(deriveStatus({ doWhatHappened: "   \n ", studyResults: "\t" })).toBe("planned");
    expect(deriveStatus({ doWhatHappened: "Done", actNextStep: "Extend to nights", actDecision: null })).toBe("doing");
  });

  it("reports which parts are filled", () => {
    expect(filledParts({ planWhere: "Resus", studyLearning: "It works" })).toEqual({
      plan: true,
      do: false,
      study: true,
      act: false,
    });
  });
});

describe("worksheetProblems", () => {
  it("refuses a decision without results", () => {
    expect(worksheetProblems({ actDecision: "adopt", studyResults: " " })).toEqual({
      studyResults: ["Enter the results before you choose adopt, adapt or abandon"],
    });
  });

  it("accepts a decision with results, and no decision at all", () => {
    expect(worksheetProblems({ actDecision: "abandon", studyResults: "No change" })).toBeNull();
    expect(worksheetProblems({})).toBeNull();
  });
});

describe("nextCycleNumber", () => {
  it("starts at 1", () => {
    expect(nextCycleNumber([])).toBe(1);
  });

  it("follows the highest number ever given, so a deleted cycle's number is never reused", () => {
    expect(nextCycleNumber([1, 2, 3])).toBe(4);
    // cycle 3 was deleted but still holds its number
    expect(nextCycleNumber([3, 1, 2])).toBe(4);
    expect(nextCycleNumber([1, 5])).toBe(6);
  });
});

describe("prefillNextCycle", () => {
  const previous: PreviousCycle = {
    id: 41,
    number: 3,
    changeIdeaId: 7,
    question: "Does the card speed up escalation?",
    actDecision: "adapt",
    actNextStep: "Put a card on every observation trolley",
    planWho: "Night-shift nurse in charge",
    planWhere: "Ward 7",
    planDataCollection: "Tally of escalations per shift, counted by the ward clerk",
  };

  it("adapt: the same change idea, the question, and the next step as the plan", () => {
    expect(prefillNextCycle(previous)).toEqual({
      changeIdea: "7",
      question: "Does the card speed up escalation?",
      planWhat: "Put a card on every observation trolley",
      planWho: "Night-shift nurse in charge",
      planWhere: "Ward 7",
      planDataCollection: "Tally of escalations per shift, counted by the ward clerk",
      previousCycleId: 41,
      guidance: "Cycle 3 was adapted: test the changed version of the same change idea.",
    });
  });

  it("adopt: the same change idea, tested on a wider scale", () => {
    const p = prefillNextCycle({ ...previous, actDecision: "adopt" });
    expect(p.changeIdea).toBe("7");
    expect(p.guidance).toMatch(/wider scale/);
    expect(p.planWhat).toBe("Put a card on every observation trolley");
    expect(p.previousCycleId).toBe(41);
  });

  it("every decision carries who, where and the data collection over", () => {
    for (const actDecision of ["adopt", "adapt", "abandon", null] as const) {
      const p = prefillNextCycle({ ...previous, actDecision });
      expect([p.planWho, p.planWhere, p.planDataCollection]).toEqual([previous.planWho, previous.planWhere, previous.planDataCollection]);
    }
  });

  it("abandon: asks for a new change idea but keeps the question and next step", () => {
    const p = prefillNextCycle({ ...previous, actDecision: "abandon" });
    expect(p.changeIdea).toBe("new");
    expect(p.guidance).toMatch(/new change idea/);
    expect(p.question).toBe(previous.question);
    expect(p.planWhat).toBe(previous.actNextStep);
    expect(p.previousCycleId).toBe(41);
  });

  it("no decision yet: continues the same change idea", () => {
    const p = prefillNextCycle({ ...previous, actDecision: null });
    expect(p.changeIdea).toBe("7");
    expect(p.guidance).toMatch(/no Act decision yet/);
  });
});

describe("groupByChangeIdea", () => {
  const cycle = (number: number, changeIdeaId: number, startDate: string, endDate: string | null = null) => ({
    id: number * 10,
    number,
    changeIdeaId,
    changeIdea: `Idea ${changeIdeaId}`,
    startDate,
    endDate,
  });

  it("makes one ramp per idea, cycles in number order, ramps in order of first start", () => {
    const ramps = groupByChangeIdea([
      cycle(4, 2, "2026-03-01", "2026-03-20"),
      cycle(1, 1, "2026-01-05", "2026-01-19"),
      cycle(3, 1, "2026-02-10"),
      cycle(2, 2, "2025-12-01", "2025-12-14"),
    ]);
    expect(ramps.map((r) => r.changeIdeaId)).toEqual([2, 1]);
    expect(ramps[0].cycles.map((c) => c.number)).toEqual([2, 4]);
    expect(ramps[0]).toMatchObject({ firstStart: "2025-12-01", lastDate: "2026-03-20" });
    expect(ramps[1].cycles.map((c) => c.number)).toEqual([1, 3]);
    expect(ramps[1]).toMatchObject({ firstStart: "2026-01-05", lastDate: "2026-02-10" });
  });

  it("is empty for no cycles", () => {
    expect(groupByChangeIdea([])).toEqual([]);
  });
});

describe("quarterStart", () => {
  it.each([
    ["2026-11-26", "2026-10-01"],
    ["2026-10-01", "2026-10-01"],
    ["2026-01-01", "2026-01-01"],
    ["2026-03-31", "2026-01-01"],
    ["2026-04-01", "2026-04-01"],
    ["2026-09-30", "2026-07-01"],
  ])("%s is in the quarter from %s", (day, start) => {
    expect(quarterStart(day)).toBe(start);
  });
});

describe("lastPdsaActivity", () => {
  const today = "2026-06-15";
  const cycle = (startDate: string, createdOn = "2026-01-10", updatedOn = createdOn) => ({
    startDate,
    createdOn,
    updatedOn,
    changedSinceCreated: updatedOn !== createdOn,
  });

  it("is the latest start date that has come", () => {
    expect(lastPdsaActivity([cycle("2026-02-01"), cycle("2026-04-20"), cycle("2026-03-03")], today)).toBe("2026-04-20");
    expect(lastPdsaActivity([cycle(today)], today)).toBe(today);
  });

  it("ignores start dates still to come, however far off", () => {
    expect(lastPdsaActivity([cycle("2026-02-01"), cycle("2027-01-25")], today)).toBe("2026-02-01");
    expect(lastPdsaActivity([cycle("2026-06-16")], today)).toBeNull();
    expect(lastPdsaActivity([], today)).toBeNull();
  });

  it("counts a recorded change after planning, but not the planning itself", () => {
    expect(lastPdsaActivity([cycle("2026-02-01", "2026-01-10", "2026-05-30")], today)).toBe("2026-05-30");
    // Planned today for next year: not activity until it starts or is changed.
    expect(lastPdsaActivity([cycle("2026-02-01"), cycle("2027-01-25", today, today)], today)).toBe("2026-02-01");
    // A far-future cycle that was worked on counts on the day of the change.
    expect(lastPdsaActivity([cycle("2027-01-25", "2026-05-01", "2026-06-02")], today)).toBe("2026-06-02");
  });

  it("lets the stale flag through when the only recent thing is a far-future plan", () => {
    const last = lastPdsaActivity([cycle("2026-01-05"), cycle("2027-01-25", "2026-06-10", "2026-06-10")], today);
    expect(last).toBe("2026-01-05");
  });
});

describe("doneBeforeStartProblem", () => {
  const fmt = (iso: string) => `<${iso}>`;
  it("refuses an Act decision before the start date, with what to do", () => {
    expect(doneBeforeStartProblem({ startDate: "2026-07-01", actDecision: "adopt" }, "2026-06-30", fmt)).toMatch(
      /^This cycle starts on <2026-07-01>, so it cannot be done yet: leave adopt, adapt or abandon until the test has run/,
    );
  });
  it("allows it from the start date on, and anything without a decision", () => {
    expect(doneBeforeStartProblem({ startDate: "2026-07-01", actDecision: "adopt" }, "2026-07-01", fmt)).toBeNull();
    expect(doneBeforeStartProblem({ startDate: "2026-07-01", actDecision: null }, "2026-06-01", fmt)).toBeNull();
  });
});
