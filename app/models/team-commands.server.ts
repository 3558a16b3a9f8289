// Changes to a project's team: its leads and its members. Every change is one audit row
// ("project.team_changed"), which the team page's history and the board's change feed read.
import type { Db } from "~/db.server";
import { listOfLeads, mayVacateLead } from "~/domain/charter-rules";
import { TEAM_ROLE_LABELS } from "~/domain/labels";
import { getProjectState } from "~/models/charter.server";
import { ok, record, refused, runCommand, type Actor, type CommandResult } from "~/models/command.server";
import { createOnce, spentFormToken } from "~/models/form-token.server";
import {
  addMember,
  assignLead,
  currentLead,
  endMembership,
  getAssignablePerson,
  getCurrentMemberRow,
  isCurrentMember,
  vacateLead,
  type LeadRole,
} from "~/models/team-edit.server";

export const NO_SUCH_PERSON = "Choose a person from the list";

/** `joined`: who now holds a role on the team (notifications tell them). */
function teamChanged(db: Db, actor: Actor, projectId: number, summary: string, joined?: { userId: number; role: string }) {
  record(db, actor, {
    action: "project.team_changed",
    entityType: "project",
    entityId: projectId,
    projectId,
    summary,
    ...(joined ? { details: { joined } } : {}),
  });
}

/** `current`: the lead the page showed ("" for nobody); anyone else now means someone changed it meanwhile. */
type LeadChange = { projectId: number; role: LeadRole; current: number | "" };

function checkCurrent(db: Db, { projectId, role, current }: LeadChange) {
  const now = currentLead(db, projectId, role);
  if ((now?.userId ?? "") === current) return { now };
  const label = TEAM_ROLE_LABELS[role].toLowerCase();
  return {
    stale: refused(`The ${label} was changed by someone else since you opened this page: it is now ${now?.name ?? "nobody"}. Check and try again`, 409),
  };
}

export function assignTeamLead(db: Db, actor: Actor, input: LeadChange & { userId: number }): CommandResult<{ name: string }> {
  const { projectId, role } = input;
  const label = TEAM_ROLE_LABELS[role];
  return runCommand(db, (tx) => {
    const { now, stale } = checkCurrent(tx, input);
    if (stale) return stale;
    const person = getAssignablePerson(tx, input.userId);
    if (!person) return refused(NO_SUCH_PERSON);
    if (now?.userId === person.id) return refused(`${person.name} is already the ${label.toLowerCase()}`);
    assignLead(tx, projectId, role, person.id);
    teamChanged(tx, actor, projectId, `${label}: ${now ? `${now.name} → ` : ""}${person.name}`, { userId: person.id, role });
    return ok({ name: person.name });
  });
}

export function vacateTeamLead(db: Db, actor: Actor, input: LeadChange): CommandResult<{ name: string }> {
  const { projectId, role } = input;
  const label = TEAM_ROLE_LABELS[role];
  return runCommand(db, (tx) => {
    const { now, stale } = checkCurrent(tx, input);
    if (stale) return stale;
    if (!now) return refused(`Nobody is the ${label.toLowerCase()}`);
    const stage = getProjectState(tx, projectId)?.stage;
    if (!stage) return refused("We could not find that project.", 404);
    if (!mayVacateLead(stage, role)) {
      return refused(`An approved project must keep ${listOfLeads([role])}: choose someone else instead`);
    }
    vacateLead(tx, projectId, role);
    teamChanged(tx, actor, projectId, `${label}: ${now.name} stood down`);
    return ok({ name: now.name });
  });
}

export type AddTeamMember = { projectId: number; userId: number; formToken?: string; location: string };

type Added = { replayed: true; location: string } | { replayed: false; name: string };

/** A replayed form token changes nothing and says so (`replayed`), so the page can simply reload. */
export function addTeamMember(db: Db, actor: Actor, input: AddTeamMember): CommandResult<Added> {
  const { projectId, userId, formToken, location } = input;
  const once = { userId: actor.id, kind: "team_member", token: formToken };
  return runCommand<Added>(db, (tx) => {
    const spent = spentFormToken(tx, once);
    if (spent) return ok({ replayed: true as const, location: spent });
    const person = getAssignablePerson(tx, userId);
    if (!person) return refused(NO_SUCH_PERSON);
    if (isCurrentMember(tx, projectId, person.id)) return refused(`${person.name} is already a team member`);
    createOnce(tx, once, () => {
      addMember(tx, projectId, person.id);
      teamChanged(tx, actor, projectId, `Added ${person.name} to the team`, { userId: person.id, role: "member" });
      return location;
    });
    return ok({ replayed: false as const, name: person.name });
  });
}

export function removeTeamMember(db: Db, actor: Actor, input: { projectId: number; teamRowId: number }): CommandResult<{ name: string; userId: number }> {
  return runCommand(db, (tx) => {
    const row = getCurrentMemberRow(tx, input.projectId, input.teamRowId);
    if (!row) return refused("We could not find that team member.", 404);
    endMembership(tx, row.id);
    teamChanged(tx, actor, input.projectId, `Removed ${row.name} from the team`);
    return ok({ name: row.name, userId: row.userId });
  });
}
