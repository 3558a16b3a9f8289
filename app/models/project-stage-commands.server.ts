// A project's life: proposing one, and the decisions that move it between stages.
import type { Db } from "~/db.server";
import { missingRequiredLeads, STAGE_ACTIONS, transitionProblem, type StageAction } from "~/domain/charter-rules";
import type { TeamRole } from "~/domain/enums";
import { STAGE_LABELS, TEAM_ROLE_LABELS } from "~/domain/labels";
import type { SmartAim } from "~/forms/smart-aim";
import { getProjectState, insertProposal, updateStage } from "~/models/charter.server";
import { conflict, ok, record, refused, runCommand, type Actor } from "~/models/command.server";
import { spendFormToken, spentFormToken, type Created, type FormOnce } from "~/models/form-token.server";
import { assignLead, listCurrentTeam, type LeadRole } from "~/models/team-edit.server";

type Proposal = {
  programmeId: number;
  title: string;
  problem: string;
  proposalIdea: string;
  divisionId: number | null;
} & Partial<SmartAim>;

/** A new proposal, once per form token; the proposer joins its team. */
export function proposeProject(db: Db, actor: Actor, input: Proposal & { once: FormOnce }) {
  const { once, ...values } = input;
  return runCommand<Created>(db, (tx) => {
    const replay = spentFormToken(tx, once);
    if (replay) return ok({ replayed: true, location: replay, id: null });
    const id = insertProposal(tx, values, actor.id);
    record(tx, actor, {
      action: "project.proposed",
      entityType: "project",
      entityId: id,
      projectId: id,
      summary: `Proposed "${values.title}"`,
    });
    const location = `/projects/${id}`;
    spendFormToken(tx, once, location);
    return ok({ replayed: false, location, id });
  });
}

export type StageDecision = {
  projectId: number;
  action: StageAction;
  version: number;
  reason: string;
  /** Leads named with an approval, who take the role in the same step. */
  assignments: { role: LeadRole; userId: number; name: string }[];
};
export type ProjectState = NonNullable<ReturnType<typeof getProjectState>>;

/** Moves the project's stage (charter-rules decide which moves are allowed) at the version read. */
export function decideStage(db: Db, actor: Actor, input: StageDecision) {
  const { projectId, action, reason, assignments } = input;
  return runCommand<{ projectId: number }, ProjectState>(db, (tx) => {
    const project = getProjectState(tx, projectId);
    if (!project) return refused("We could not find that project.", 404);
    const heldAfter: TeamRole[] = [...listCurrentTeam(tx, projectId).map((m) => m.role), ...assignments.map((a) => a.role)];
    const problem = transitionProblem(action, project.stage, missingRequiredLeads(heldAfter));
    if (problem) return refused(problem, 400);
    const to = STAGE_ACTIONS[action].to;
    if (!updateStage(tx, projectId, input.version, { stage: to, stageReason: reason }, actor.id)) return conflict(project);
    for (const a of assignments) assignLead(tx, projectId, a.role, a.userId);
    const leads = assignments.map((a) => `${TEAM_ROLE_LABELS[a.role].toLowerCase()} ${a.name}`).join(", ");
    record(tx, actor, {
      action: action === "approve" ? "project.approved" : action === "decline" ? "project.declined" : "project.stage_changed",
      entityType: "project",
      entityId: projectId,
      projectId,
      summary: `Stage: ${STAGE_LABELS[project.stage]} → ${STAGE_LABELS[to]}${reason ? ` (reason: ${reason})` : ""}${leads ? `; named ${leads}` : ""}`,
      ...(assignments.length ? { details: { joined: assignments.map((a) => ({ userId: a.userId, role: a.role })) } } : {}),
    });
    return ok({ projectId });
  });
}

/** A decision this person may not take is refused, and the refusal is kept on the audit trail. */
export function refuseStageAction(db: Db, actor: Actor, input: { projectId: number; action: StageAction }) {
  return runCommand(db, (tx) => {
    record(tx, actor, {
      action: "auth.permission_denied",
      entityType: "",
      projectId: input.projectId,
      summary: `Refused: ${STAGE_ACTIONS[input.action].label.toLowerCase()}`,
    });
    return ok(null);
  });
}
