// Who may do what. A role column and this map in code: no permission tables.
// Being on a project's team is separate from the global role and gives edit rights on that project.
import type { Role } from "~/domain/enums";

export type Actor = { id: number; role: Role };

const ROLE_RIGHTS = {
  admin: { editAnyProject: true, editOwnTeam: true, propose: true, govern: true, answerAnyAsk: true, administer: true },
  board: {
    editAnyProject: false,
    editOwnTeam: true,
    propose: true,
    govern: true,
    answerAnyAsk: true,
    administer: false,
  },
  staff: {
    editAnyProject: false,
    editOwnTeam: true,
    propose: true,
    govern: false,
    answerAnyAsk: false,
    administer: false,
  },
  viewer: {
    editAnyProject: false,
    editOwnTeam: false,
    propose: false,
    govern: false,
    answerAnyAsk: false,
    administer: false,
  },
} as const satisfies Record<Role, Record<string, boolean>>;

/** Edit a project's workbook: charter, PDSA, milestones, measures and data, status reports, progress score. */
export function canEditProject(actor: Actor, isOnTeam: boolean): boolean {
  const rights = ROLE_RIGHTS[actor.role];
  return rights.editAnyProject || (rights.editOwnTeam && isOnTeam);
}

/**
 * Change a project's team: admins, and the project's current leads. Being on the board is not
 * enough (a board member could otherwise add themselves and so gain edit rights), nor is being
 * an ordinary member.
 */
export function canManageTeam(actor: Actor, isLead: boolean): boolean {
  const rights = ROLE_RIGHTS[actor.role];
  return rights.administer || (rights.editOwnTeam && isLead);
}

export const canPropose = (actor: Actor) => ROLE_RIGHTS[actor.role].propose;

/** Approve or decline proposals, record board assessments and decisions, run meetings. */
export const canGovern = (actor: Actor) => ROLE_RIGHTS[actor.role].govern;

export const canAdminister = (actor: Actor) => ROLE_RIGHTS[actor.role].administer;

export function canAnswerAsk(actor: Actor, ask: { addresseeUserId: number | null }): boolean {
  if (ROLE_RIGHTS[actor.role].answerAnyAsk) return true;
  return actor.role === "staff" && ask.addresseeUserId === actor.id;
}
