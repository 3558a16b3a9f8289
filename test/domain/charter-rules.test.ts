import { describe, expect, it } from "vitest";
import {
  availableActions,
  listOfLeads,
  mayRecordScore,
  mayTakeAction,
  mayVacateLead,
  missingRequiredLeads,
  smartAimGaps,
  smartAimWarning,
  transitionProblem,
  type AimParts,
} from "~/domain/charter-rules";
import { STAGES } from "~/domain/enums";

const EDITOR = { edit: true, govern: false };
const BOARD = { edit: false, govern: true };
const BOTH = { edit: true, govern: true };
const NOBODY = { edit: false, govern: false };

describe("stage moves", () => {
  it("gives governance the proposal decisions and the team the moves along the way", () => {
    expect(availableActions("proposed", BOARD)).toEqual(["approve", "decline"]);
    expect(availableActions("proposed", EDITOR)).toEqual([]);
    expect(availableActions("approved", EDITOR)).toEqual(["start"]);
    expect(availableActions("approved", BOARD)).toEqual(["start", "stop"]);
    expect(availableActions("active", EDITOR)).toEqual(["sustain"]);
    expect(availableActions("active", BOTH)).toEqual(["sustain", "stop", "close"]);
    expect(availableActions("sustaining", BOARD)).toEqual(["stop", "close"]);
    expect(availableActions("sustaining", EDITOR)).toEqual([]);
  });

  it("offers nothing on a finished project, and nothing to someone with no rights", () => {
    for (const stage of ["closed", "stopped", "declined"] as const) expect(availableActions(stage, BOTH)).toEqual([]);
    for (const stage of STAGES) expect(availableActions(stage, NOBODY)).toEqual([]);
  });

  it("keeps approve, decline, stop and close for governance only", () => {
    for (const action of ["approve", "decline", "stop", "close"] as const) {
      expect(mayTakeAction(action, EDITOR), action).toBe(false);
      expect(mayTakeAction(action, BOARD), action).toBe(true);
    }
    expect(mayTakeAction("start", EDITOR)).toBe(true);
    expect(mayTakeAction("sustain", NOBODY)).toBe(false);
  });

  it("refuses a move from the wrong stage with a message naming both stages", () => {
    expect(transitionProblem("close", "approved")).toBe("This project is approved: only an active or sustaining project can be moved to closed");
    expect(transitionProblem("approve", "active")).toMatch(/only a proposed project can be moved to approved/);
    expect(transitionProblem("stop", "proposed")).toMatch(/This project is proposed/);
    expect(transitionProblem("sustain", "active")).toBeNull();
  });

  it("needs the three required leads to approve, but not to decline", () => {
    expect(transitionProblem("approve", "proposed", ["executive_lead", "clinical_lead"])).toBe(
      'A project needs an executive lead and a clinical lead before it can leave "proposed"',
    );
    expect(transitionProblem("decline", "proposed", ["executive_lead"])).toBeNull();
    expect(transitionProblem("approve", "proposed", [])).toBeNull();
  });
});

describe("leads", () => {
  it("lists the required roles nobody holds", () => {
    expect(missingRequiredLeads([])).toEqual(["executive_lead", "operational_lead", "clinical_lead"]);
    expect(missingRequiredLeads(["member", "clinical_lead", "project_lead"])).toEqual(["executive_lead", "operational_lead"]);
    expect(missingRequiredLeads(["executive_lead", "operational_lead", "clinical_lead"])).toEqual([]);
  });

  it("writes role lists as English", () => {
    expect(listOfLeads(["executive_lead"])).toBe("an executive lead");
    expect(listOfLeads(["executive_lead", "operational_lead", "clinical_lead"])).toBe("an executive lead, an operational lead and a clinical lead");
  });

  it("lets a required lead be left empty only while proposed", () => {
    expect(mayVacateLead("proposed", "executive_lead")).toBe(true);
    expect(mayVacateLead("active", "executive_lead")).toBe(false);
    expect(mayVacateLead("approved", "clinical_lead")).toBe(false);
    expect(mayVacateLead("active", "project_lead")).toBe(true);
    expect(mayVacateLead("active", "senior_manager")).toBe(true);
  });
});

describe("SMART aim", () => {
  const smart: AimParts = {
    aimWhat: "Give IV antibiotics within one hour",
    aimMeasure: "Weekly audit",
    aimBaseline: 58,
    aimTarget: 90,
    aimTargetDate: "2027-03-31",
  };

  it("is quiet for a SMART aim and for no aim at all", () => {
    expect(smartAimWarning(smart)).toBeNull();
    expect(smartAimWarning({ ...smart, aimWhat: "  ", aimTarget: null })).toBeNull();
  });

  it("treats zero as a number, not as missing", () => {
    expect(smartAimGaps({ ...smart, aimBaseline: 0, aimTarget: 0 })).toEqual([]);
  });

  it("names what is missing: the number and the date", () => {
    expect(smartAimWarning({ ...smart, aimTarget: null })).toBe("This aim is not yet SMART: it needs a target value.");
    expect(smartAimWarning({ ...smart, aimTarget: null, aimTargetDate: null })).toBe(
      "This aim is not yet SMART: it needs a target value and a date to reach the target.",
    );
    expect(smartAimGaps({ aimWhat: "Fewer falls", aimMeasure: "", aimBaseline: null, aimTarget: null, aimTargetDate: null })).toEqual([
      "a measure",
      "a baseline value",
      "a target value",
      "a date to reach the target",
    ]);
  });
});

describe("progress score", () => {
  it("may change while the project is open, not once it is finished", () => {
    for (const stage of ["proposed", "approved", "active", "sustaining"] as const) expect(mayRecordScore(stage)).toBe(true);
    for (const stage of ["closed", "stopped", "declined"] as const) expect(mayRecordScore(stage)).toBe(false);
  });
});
