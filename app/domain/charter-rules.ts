// Pure rules of a project's life: which stage moves exist and who may make them,
// which leads a project needs, whether its aim is SMART, and when it may be scored.
import { REQUIRED_LEAD_ROLES, type Stage, type TeamRole } from "~/domain/enums";
import { STAGE_LABELS, TEAM_ROLE_LABELS } from "~/domain/labels";

export type StageAction = "approve" | "decline" | "start" | "sustain" | "stop" | "close";

/**
 * Governance (admin and board) approves, declines, stops and closes: those are the board's decisions.
 * The project's own editors move it along the way once approved: start work, then sustain the gain.
 */
export const STAGE_ACTIONS: Record<StageAction, { from: readonly Stage[]; to: Stage; by: "govern" | "edit"; label: string }> = {
  approve: { from: ["proposed"], to: "approved", by: "govern", label: "Approve the proposal" },
  decline: { from: ["proposed"], to: "declined", by: "govern", label: "Decline the proposal" },
  start: { from: ["approved"], to: "active", by: "edit", label: "Start the project" },
  sustain: { from: ["active"], to: "sustaining", by: "edit", label: "Move to sustaining" },
  stop: { from: ["approved", "active", "sustaining"], to: "stopped", by: "govern", label: "Stop the project" },
  close: { from: ["active", "sustaining"], to: "closed", by: "govern", label: "Close the project" },
};

/** Stages in which the work is still going on (a proposal is declined, not stopped). */
export const OPEN_STAGES: readonly Stage[] = ["approved", "active", "sustaining"];

/** Stages in which nothing moves any more. */
export const FINISHED_STAGES: readonly Stage[] = ["closed", "stopped", "declined"];

export type Rights = { edit: boolean; govern: boolean };

export function mayTakeAction(action: StageAction, rights: Rights): boolean {
  return STAGE_ACTIONS[action].by === "govern" ? rights.govern : rights.edit || rights.govern;
}

/** The stage actions this person may take on a project at this stage, in a sensible order. */
export function availableActions(stage: Stage, rights: Rights): StageAction[] {
  return (Object.keys(STAGE_ACTIONS) as StageAction[]).filter((a) => STAGE_ACTIONS[a].from.includes(stage) && mayTakeAction(a, rights));
}

/** Why this move cannot happen now, or null when it can. */
export function transitionProblem(action: StageAction, stage: Stage, missingLeads: readonly TeamRole[] = []): string | null {
  const rule = STAGE_ACTIONS[action];
  if (!rule.from.includes(stage)) {
    const allowed = rule.from.map((s) => STAGE_LABELS[s].toLowerCase()).join(" or ");
    return `This project is ${STAGE_LABELS[stage].toLowerCase()}: only ${article(allowed)} ${allowed} project can be moved to ${STAGE_LABELS[rule.to].toLowerCase()}`;
  }
  if (rule.to !== "declined" && rule.to !== "stopped" && missingLeads.length > 0) {
    return `A project needs ${listOfLeads(missingLeads)} before it can leave "proposed"`;
  }
  return null;
}

/** Required lead roles (executive, operational, clinical) that nobody holds. */
export function missingRequiredLeads(heldRoles: readonly TeamRole[]): TeamRole[] {
  return REQUIRED_LEAD_ROLES.filter((r) => !heldRoles.includes(r));
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? "an" : "a");

/** "an executive lead, an operational lead and a clinical lead" */
export function listOfLeads(roles: readonly TeamRole[]): string {
  const words = roles.map((r) => {
    const label = TEAM_ROLE_LABELS[r].toLowerCase();
    return `${article(label)} ${label}`;
  });
  return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** Once a project has left "proposed", its required leads may be replaced but never left empty. */
export function mayVacateLead(stage: Stage, role: TeamRole): boolean {
  return stage === "proposed" || !(REQUIRED_LEAD_ROLES as readonly TeamRole[]).includes(role);
}

/** A finished project keeps the score it ended with. */
export function mayRecordScore(stage: Stage): boolean {
  return !FINISHED_STAGES.includes(stage);
}

export type AimParts = {
  aimWhat: string;
  aimMeasure: string;
  aimBaseline: number | null;
  aimTarget: number | null;
  aimTargetDate: string | null;
};

/** What an aim still needs to be SMART (numbers and a date); empty when it is, or when there is no aim yet. */
export function smartAimGaps(aim: AimParts): string[] {
  if (!aim.aimWhat.trim()) return [];
  const gaps: string[] = [];
  if (!aim.aimMeasure.trim()) gaps.push("a measure");
  if (aim.aimBaseline === null) gaps.push("a baseline value");
  if (aim.aimTarget === null) gaps.push("a target value");
  if (!aim.aimTargetDate) gaps.push("a date to reach the target");
  return gaps;
}

export function smartAimWarning(aim: AimParts): string | null {
  const gaps = smartAimGaps(aim);
  if (gaps.length === 0) return null;
  const list = gaps.length === 1 ? gaps[0] : `${gaps.slice(0, -1).join(", ")} and ${gaps[gaps.length - 1]}`;
  return `This aim is not yet SMART: it needs ${list}.`;
}
