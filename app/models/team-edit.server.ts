// Changing a project's team. Nothing is deleted: a change ends the current row
// (ended_at) and starts a new one, so the overview can show who held each role when.
import { and, asc, eq, isNull, type SQL } from "drizzle-orm";
import { projectTeam, users } from "~/db.server";
import type { Db } from "~/db.server";
import type { TeamRole } from "~/domain/enums";
import { now } from "~/clock.server";
import { currentTeamRows, hasCurrentTeamRow } from "~/models/team.server";
import { listPeopleToChoose } from "~/models/people.server";

export type LeadRole = Exclude<TeamRole, "member">;

/** Current team rows with each person's name. */
export function listCurrentTeam(db: Db, projectId: number) {
  return db
    .select({
      id: projectTeam.id,
      role: projectTeam.role,
      userId: projectTeam.userId,
      name: users.name,
      jobTitle: users.jobTitle,
      startedAt: projectTeam.startedAt,
    })
    .from(projectTeam)
    .innerJoin(users, eq(users.id, projectTeam.userId))
    .where(currentTeamRows(projectId))
    .orderBy(asc(users.name))
    .all();
}

/** One current team row of the project with the person's name (the first that meets `more`). */
function currentTeamPerson(db: Db, projectId: number, ...more: SQL[]) {
  return db
    .select({ id: projectTeam.id, userId: projectTeam.userId, name: users.name })
    .from(projectTeam)
    .innerJoin(users, eq(users.id, projectTeam.userId))
    .where(currentTeamRows(projectId, ...more))
    .get();
}

export function currentLead(db: Db, projectId: number, role: LeadRole) {
  return currentTeamPerson(db, projectId, eq(projectTeam.role, role));
}

/** People who can be named on a team: every account that is not disabled (a lead need not sign in). */
export function listAssignablePeople(db: Db) {
  return listPeopleToChoose(db);
}

export function getAssignablePerson(db: Db, userId: number) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt)))
    .get();
}

/** Ends whoever holds the role and starts `userId` in it. */
export function assignLead(db: Db, projectId: number, role: LeadRole, userId: number) {
  const at = now();
  vacateLead(db, projectId, role, at);
  // A member who becomes a lead is on the team through the lead role: end the member row, so
  // nobody is listed twice (the history keeps both).
  db.update(projectTeam)
    .set({ endedAt: at })
    .where(currentTeamRows(projectId, eq(projectTeam.userId, userId), eq(projectTeam.role, "member")))
    .run();
  db.insert(projectTeam).values({ projectId, userId, role, startedAt: at }).run();
}

export function vacateLead(db: Db, projectId: number, role: LeadRole, at = now()) {
  db.update(projectTeam)
    .set({ endedAt: at })
    .where(currentTeamRows(projectId, eq(projectTeam.role, role)))
    .run();
}

export function isCurrentMember(db: Db, projectId: number, userId: number): boolean {
  return hasCurrentTeamRow(db, projectId, userId, eq(projectTeam.role, "member"));
}

export function addMember(db: Db, projectId: number, userId: number) {
  db.insert(projectTeam).values({ projectId, userId, role: "member", startedAt: now() }).run();
}

/** A current member row of this project, or undefined (another project's row is not found here). */
export function getCurrentMemberRow(db: Db, projectId: number, teamRowId: number) {
  return currentTeamPerson(db, projectId, eq(projectTeam.id, teamRowId), eq(projectTeam.role, "member"));
}

export function endMembership(db: Db, teamRowId: number) {
  db.update(projectTeam).set({ endedAt: now() }).where(eq(projectTeam.id, teamRowId)).run();
}
