import { describe, expect, it } from "vitest";
import { FLAG_LABELS } from "~/domain/attention";
import { ASSURANCE_ICONS, RAGS, STAGES, VARIATION_ICONS } from "~/domain/enums";
import { BOARD_CSV_HEADER, boardCsvRow, waveLabel, type BoardCsvExtra, type BoardCsvSummary } from "~/web/board-csv";

const summary: BoardCsvSummary = {
  projectId: 7,
  title: "Sepsis six within the hour",
  reference: "QI-2024-017",
  stage: "active",
  themeName: "Sepsis",
  divisionName: "Medicine",
  waveNumber: 2,
  executiveLead: "Dr Ada Lovelace",
  clinicalLead: "Dr Grace Hopper",
  latestRag: "amber",
  latestRagDate: "2026-11-01",
  boardRag: "red",
  boardRagReason: "Measure rising",
  boardRagDate: "2026-11-20",
  progressScore: 3.5,
  milestonesDone: 2,
  milestonesTotal: 5,
  milestonesOverdue: 1,
  worstSlipDays: 14,
  lastPdsaDate: "2026-11-10",
  pdsaCyclesThisQuarter: 3,
  primaryMeasureName: "Antibiotics within the hour",
  primaryVariationIcon: "special_cause_improvement_high",
  primaryAssuranceIcon: "consistent_pass",
  openAsks: 2,
  flags: [{ code: "status_stale", reason: "No status report for 45 days" }],
};
const extra: BoardCsvExtra = {
  waveName: "Spring cohort",
  operationalLead: "Olu Operations",
  seniorManager: "Sam Senior",
  aim: {
    aimWhat: "Give antibiotics within the hour",
    aimForWhom: "adults with sepsis",
    aimMeasure: "% within 60 minutes",
    aimBaseline: 58,
    aimTarget: 90,
    aimTargetDate: "2027-03-31",
  },
  waitingAsks: ["A second sepsis trolley", "Time at the medical audit meeting"],
};
const cell = (row: (string | number)[], name: (typeof BOARD_CSV_HEADER)[number]) => row[BOARD_CSV_HEADER.indexOf(name)];

describe("the board's CSV row", () => {
  it("has a cell for every column of the header", () => {
    expect(boardCsvRow(summary, extra)).toHaveLength(BOARD_CSV_HEADER.length);
    expect(new Set(BOARD_CSV_HEADER).size).toBe(BOARD_CSV_HEADER.length);
  });

  it("writes words, not codes: RAG, stage, Making Data Count icons, progress, wave", () => {
    const row = boardCsvRow(summary, extra);
    expect(cell(row, "Team's latest RAG")).toBe("Amber");
    expect(cell(row, "Board's view")).toBe("Red");
    expect(cell(row, "Stage")).toBe("Active");
    expect(cell(row, "Reference")).toBe("QI-2024-017");
    expect(cell(row, "Variation")).toBe("Special cause improvement (high)");
    expect(cell(row, "Assurance")).toBe("Consistently passing the target");
    expect(cell(row, "Progress score")).toBe(3.5);
    expect(cell(row, "Progress")).toBe("Improvement");
    expect(cell(row, "Wave")).toBe("Wave 2: Spring cohort");
    expect(cell(row, "Attention flags")).toBe(FLAG_LABELS.status_stale);
  });

  it("adds the operational lead, senior manager, SMART aim and the text of the waiting asks", () => {
    const row = boardCsvRow(summary, extra);
    expect(cell(row, "Operational lead")).toBe("Olu Operations");
    expect(cell(row, "Senior manager")).toBe("Sam Senior");
    expect(cell(row, "SMART aim")).toBe("Give antibiotics within the hour for adults with sepsis: from 58 to 90 by 31 Mar 2027.");
    expect(cell(row, "Aim measured by")).toBe("% within 60 minutes");
    expect(cell(row, "Waiting asks")).toBe("A second sepsis trolley\nTime at the medical audit meeting");
  });

  it("never writes a code for any RAG, stage or icon", () => {
    const codes = new Set<string>([...RAGS, ...STAGES, ...VARIATION_ICONS, ...ASSURANCE_ICONS]);
    const combos = VARIATION_ICONS.map((v, i) => ({
      ...summary,
      stage: STAGES[i % STAGES.length],
      latestRag: RAGS[i % RAGS.length],
      boardRag: RAGS[(i + 1) % RAGS.length],
      primaryVariationIcon: v,
      primaryAssuranceIcon: ASSURANCE_ICONS[i % ASSURANCE_ICONS.length],
    }));
    expect(combos.length).toBeGreaterThan(0);
    for (const s of combos) for (const value of boardCsvRow(s, extra)) expect(codes.has(String(value)), String(value)).toBe(false);
  });

  it("leaves empty what a project has not got", () => {
    const row = boardCsvRow(
      { ...summary, waveNumber: null, latestRag: null, boardRag: null, progressScore: null, primaryVariationIcon: null, primaryAssuranceIcon: null },
      { ...extra, waveName: null, operationalLead: null, aim: { ...extra.aim, aimWhat: "" }, waitingAsks: [] },
    );
    expect(cell(row, "Wave")).toBe("");
    expect(cell(row, "Team's latest RAG")).toBe("");
    expect(cell(row, "Progress")).toBe("Not scored");
    expect(cell(row, "SMART aim")).toBe("");
    expect(cell(row, "Waiting asks")).toBe("");
    expect(cell(row, "Operational lead")).toBe("");
  });
});

describe("wave names", () => {
  it("names the wave once", () => {
    expect(waveLabel(3, "Listening into Action Wave 3")).toBe("Listening into Action Wave 3");
    expect(waveLabel(1, "Spring cohort")).toBe("Wave 1: Spring cohort");
    expect(waveLabel(4, null)).toBe("Wave 4");
  });
});
