import { describe, expect, it } from "vitest";
import { attentionFlags, missingPeriods, type AttentionInput } from "~/domain/attention";

const TODAY = "2026-11-26";

function project(overrides: Partial<AttentionInput> = {}): AttentionInput {
  return {
    stage: "active",
    startedOn: "2026-09-01",
    progressScore: 2,
    latestRag: "amber",
    lastStatusReportOn: "2026-11-20",
    lastPdsaActivityOn: "2026-11-20",
    milestones: [],
    measures: [],
    openAsks: [],
    ...overrides,
  };
}
const codes = (input: AttentionInput, today = TODAY) => attentionFlags(input, today).map((f) => f.code);

const measure = (overrides: Partial<AttentionInput["measures"][number]> = {}): AttentionInput["measures"][number] => ({
  name: "Sepsis six within an hour",
  type: "outcome",
  improvement: "increase",
  frequency: "weekly",
  target: 90,
  latestDate: "2026-11-16",
  latestSignal: "common",
  ...overrides,
});

describe("a healthy project", () => {
  it("carries no flag", () => {
    expect(attentionFlags(project({ measures: [measure()] }), TODAY)).toEqual([]);
  });
});

describe("milestones", () => {
  const m = (forecastDate: string, extra: Partial<AttentionInput["milestones"][number]> = {}) => ({
    title: "Train all nurses",
    baselineDate: forecastDate,
    forecastDate,
    completedOn: null,
    ...extra,
  });
  it("is overdue only once the forecast date is before today", () => {
    expect(codes(project({ milestones: [m(TODAY)] }))).toEqual([]);
    expect(codes(project({ milestones: [m("2026-11-25")] }))).toEqual(["milestone_overdue"]);
    expect(attentionFlags(project({ milestones: [m("2026-11-23")] }), TODAY)[0].reason).toBe('"Train all nurses" was due 3 days ago');
  });
  it("a completed milestone is never overdue or slipped", () => {
    expect(codes(project({ milestones: [m("2026-01-01", { baselineDate: "2025-01-01", completedOn: "2026-02-01" })] }))).toEqual([]);
  });
  it("flags a slip of more than 30 days, not exactly 30", () => {
    expect(codes(project({ milestones: [m("2027-01-31", { baselineDate: "2027-01-01" })] }))).toEqual([]);
    expect(codes(project({ milestones: [m("2027-02-01", { baselineDate: "2027-01-01" })] }))).toEqual(["milestone_slipped"]);
  });
});

describe("PDSA activity", () => {
  it("flags an active project after more than 6 weeks without a cycle started or updated", () => {
    expect(codes(project({ lastPdsaActivityOn: "2026-10-15" }))).toEqual([]); // exactly 42 days
    expect(codes(project({ lastPdsaActivityOn: "2026-10-14" }))).toEqual(["pdsa_stale"]); // 43 days
  });
  it("counts from the project's start when it has no cycle yet", () => {
    expect(codes(project({ lastPdsaActivityOn: null, startedOn: "2026-10-15" }))).toEqual([]);
    expect(codes(project({ lastPdsaActivityOn: null, startedOn: "2026-10-14" }))).toEqual(["pdsa_stale"]);
  });
  it("does not apply to a project that is not active", () => {
    expect(codes(project({ stage: "sustaining", lastPdsaActivityOn: "2026-01-01" }))).toEqual([]);
  });
});

describe("status reports", () => {
  it("flags more than 5 weeks without a report, for approved, active and sustaining projects", () => {
    expect(codes(project({ lastStatusReportOn: "2026-10-22" }))).toEqual([]); // 35 days
    expect(codes(project({ lastStatusReportOn: "2026-10-21" }))).toEqual(["status_stale"]);
    expect(codes(project({ stage: "approved", lastStatusReportOn: "2026-10-21", lastPdsaActivityOn: null }))).toEqual(["status_stale"]);
    expect(codes(project({ stage: "proposed", lastStatusReportOn: null, startedOn: "2026-01-01" }))).toEqual([]);
  });
});

describe("measures", () => {
  it("flags the latest point of an outcome or balancing measure that is a special cause of concern", () => {
    expect(codes(project({ measures: [measure({ latestSignal: "concern" })] }))).toEqual(["measure_concern"]);
    expect(codes(project({ measures: [measure({ type: "balancing", latestSignal: "concern" })] }))).toEqual(["measure_concern"]);
    expect(codes(project({ measures: [measure({ type: "process", latestSignal: "concern" })] }))).toEqual([]);
  });
  it("never flags a neutral measure", () => {
    expect(codes(project({ measures: [measure({ improvement: "neutral", latestSignal: "neutral" })] }))).toEqual([]);
    expect(codes(project({ measures: [measure({ improvement: "neutral", latestSignal: "concern" })] }))).toEqual([]);
  });
  it("counts whole periods without data after the latest point", () => {
    // weekly, latest period starts Monday 2 Nov: the week of 9 Nov has ended on 16 Nov
    expect(missingPeriods("2026-11-02", "weekly", "2026-11-15")).toBe(0);
    expect(missingPeriods("2026-11-02", "weekly", "2026-11-16")).toBe(1);
    expect(missingPeriods("2026-11-02", "weekly", "2026-11-30")).toBe(3);
    expect(missingPeriods("2026-08-01", "monthly", "2026-11-26")).toBe(2);
    expect(missingPeriods("2026-08-01", "monthly", "2026-12-01")).toBe(3);
    expect(missingPeriods("2026-11-20", "daily", "2026-11-26")).toBe(5);
  });
  it("flags a measure with no data for its last 3 periods", () => {
    // today is Thursday 26 Nov; the week of 23 Nov has not ended
    expect(codes(project({ measures: [measure({ latestDate: "2026-11-02" })] }))).toEqual([]); // weeks of 9 and 16 Nov missing
    expect(codes(project({ measures: [measure({ latestDate: "2026-10-26" })] }))).toEqual(["measure_no_data"]);
    expect(attentionFlags(project({ measures: [measure({ latestDate: "2026-10-26" })] }), TODAY)[0].reason).toBe(
      "Sepsis six within an hour: no data for the last 3 weeks",
    );
  });
});

describe("contradictions", () => {
  const overdue = { title: "Audit", baselineDate: "2026-11-01", forecastDate: "2026-11-01", completedOn: null };
  it("green while a milestone is overdue", () => {
    expect(codes(project({ latestRag: "green", milestones: [overdue] }))).toEqual(["milestone_overdue", "rag_green_but_overdue"]);
    expect(codes(project({ latestRag: "amber", milestones: [overdue] }))).toEqual(["milestone_overdue"]);
  });
  it("green while a measure's latest point is a concern", () => {
    expect(codes(project({ latestRag: "green", measures: [measure({ type: "process", latestSignal: "concern" })] }))).toEqual(["rag_green_but_concern"]);
  });
  it("a progress score of 3.5 or more with no measure showing improvement", () => {
    expect(codes(project({ progressScore: 3, measures: [measure()] }))).toEqual([]);
    expect(codes(project({ progressScore: 3.5, measures: [measure()] }))).toEqual(["score_without_improvement"]);
    expect(codes(project({ progressScore: 4, measures: [measure({ latestSignal: "improvement" })] }))).toEqual([]);
  });
  it("a progress score of 2.5 or more while no measure has a target", () => {
    expect(codes(project({ progressScore: 2, measures: [measure({ target: null })] }))).toEqual([]);
    expect(codes(project({ progressScore: 2.5, measures: [measure({ target: null })] }))).toEqual(["score_without_target"]);
    expect(codes(project({ progressScore: 2.5, measures: [] }))).toEqual(["score_without_target"]);
  });
});

describe("asks", () => {
  it("flags an ask open for more than 14 days", () => {
    expect(codes(project({ openAsks: [{ what: "Funding", raisedOn: "2026-11-12" }] }))).toEqual([]);
    expect(codes(project({ openAsks: [{ what: "Funding", raisedOn: "2026-11-11" }] }))).toEqual(["ask_open"]);
  });
});

describe("closed and stopped projects", () => {
  it("carry no flags whatever their data", () => {
    const troubled = project({
      latestRag: "green",
      lastPdsaActivityOn: "2025-01-01",
      lastStatusReportOn: "2025-01-01",
      progressScore: 5,
      milestones: [{ title: "x", baselineDate: "2025-01-01", forecastDate: "2025-06-01", completedOn: null }],
      openAsks: [{ what: "y", raisedOn: "2025-01-01" }],
      measures: [measure({ latestSignal: "concern", latestDate: "2025-01-06" })],
    });
    expect(codes({ ...troubled, stage: "closed" })).toEqual([]);
    expect(codes({ ...troubled, stage: "stopped" })).toEqual([]);
    expect(codes(troubled).length).toBeGreaterThan(5);
  });
});

describe("thresholds are configurable per programme", () => {
  it("uses the programme's numbers", () => {
    const input = project({ lastStatusReportOn: "2026-11-10" });
    expect(
      attentionFlags(input, TODAY, {
        milestoneSlipDays: 30,
        pdsaStaleWeeks: 6,
        statusStaleWeeks: 2,
        measureGapPeriods: 3,
        askOpenDays: 14,
      }).map((f) => f.code),
    ).toEqual(["status_stale"]);
  });
});
