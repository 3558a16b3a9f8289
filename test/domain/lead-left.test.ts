// The "Lead has left" flag (ADR 106): a lead whose account is disabled still holds the role until someone is named.
import { describe, expect, it } from "vitest";
import { attentionFlags, FLAG_LABELS, type AttentionInput } from "~/domain/attention";
import { FLAG_SEVERITY } from "~/domain/meeting-rules";

const TODAY = "2026-11-26";
const project = (overrides: Partial<AttentionInput> = {}): AttentionInput => ({
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
});
const leftFlags = (input: AttentionInput) => attentionFlags(input, TODAY).filter((f) => f.code === "lead_left");

describe("the lead-has-left flag", () => {
  it("is raised once for each lead who has left, naming the role and the person", () => {
    const flags = leftFlags(
      project({
        leadsWhoLeft: [
          { role: "executive_lead", name: "Dr Jane Doe" },
          { role: "senior_manager", name: "Claire Robson" },
        ],
      }),
    );
    expect(flags).toEqual([
      { code: "lead_left", reason: "The executive lead, Dr Jane Doe, has left: name a new executive lead" },
      { code: "lead_left", reason: "The senior manager, Claire Robson, has left: name a new senior manager" },
    ]);
    expect(FLAG_LABELS.lead_left).toBe("Lead has left");
    expect(FLAG_SEVERITY.lead_left).toBe(2);
  });

  it("is not raised when every lead is still here, or when nobody is listed", () => {
    expect(leftFlags(project({ leadsWhoLeft: [] }))).toEqual([]);
    expect(leftFlags(project())).toEqual([]);
  });

  it("is raised at every open stage, and never for a closed, stopped or declined project", () => {
    const leadsWhoLeft = [{ role: "clinical_lead" as const, name: "Dr Sam Gone" }];
    for (const stage of ["proposed", "approved", "active", "sustaining"] as const) expect(leftFlags(project({ stage, leadsWhoLeft }))).toHaveLength(1);
    for (const stage of ["closed", "stopped", "declined"] as const) expect(leftFlags(project({ stage, leadsWhoLeft }))).toEqual([]);
  });
});
