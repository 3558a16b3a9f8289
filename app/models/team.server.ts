import { and, eq, isNull, ne, type SQL } from "drizzle-orm";
import { projects, projectTeam } from "~/db.server";
import type { Db } from "~/db.server";

export function projectExists(db: Db, projectId: number): boolean {
  return Boolean(db.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId)).get());
}

/** The project's current team rows (not ended) that also meet `more`. */
export function currentTeamRows(projectId: number, ...more: SQL[]) {
  return and(eq(projectTeam.projectId, projectId), isNull(projectTeam.endedAt), ...more);
}

/** Whether the person has a current team row on the project that also meets `more`. */
export function hasCurrentTeamRow(db: Db, projectId: number, userId: number, ...more: SQL[]): boolean {
  return Boolean(
    db
      .select({ id: projectTeam.id })
      .from(projectTeam)
      .where(currentTeamRows(projectId, eq(projectTeam.userId, userId), ...more))
      .get(),
  );
}

/** Current team membership in any role (an ended lead no longer counts). */
export function isOnProjectTeam(db: Db, projectId: number, userId: number): boolean {
  return hasCurrentTeamRow(db, projectId, userId);
}

/** Currently holds a lead role (any role but "member") on the project. */
export function isProjectLead(db: Db, projectId: number, userId: number): boolean {
  return hasCurrentTeamRow(db, projectId, userId, ne(projectTeam.role, "member"));
}
