import { and, eq, isNull, ne } from "drizzle-orm";
import { projects, projectTeam } from "~/db.server";
import type { Db } from "~/db.server";

export function projectExists(db: Db, projectId: number): boolean {
  return Boolean(db.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId)).get());
}

/** Current team membership in any role (an ended lead no longer counts). */
export function isOnProjectTeam(db: Db, projectId: number, userId: number): boolean {
  return Boolean(
    db
      .select({ id: projectTeam.id })
      .from(projectTeam)
      .where(and(eq(projectTeam.projectId, projectId), eq(projectTeam.userId, userId), isNull(projectTeam.endedAt)))
      .get(),
  );
}

/** Currently holds a lead role (any role but "member") on the project. */
export function isProjectLead(db: Db, projectId: number, userId: number): boolean {
  return Boolean(
    db
      .select({ id: projectTeam.id })
      .from(projectTeam)
      .where(
        and(
          eq(projectTeam.projectId, projectId),
          eq(projectTeam.userId, userId),
          ne(projectTeam.role, "member"),
          isNull(projectTeam.endedAt),
        ),
      )
      .get(),
  );
}
