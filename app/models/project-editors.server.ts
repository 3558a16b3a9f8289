// Who can edit a project, for the person who cannot: the team members whose role lets them edit
// their own team's projects, then the administrators (who may edit any project).
import { and, asc, eq, isNull } from "drizzle-orm";
import { projectTeam, users } from "~/db.server";
import type { Db } from "~/db.server";
import { canEditProject } from "~/domain/permissions";
import type { Role, TeamRole } from "~/domain/enums";

export type ProjectEditor = { name: string; teamRole: TeamRole | null };

export function listProjectEditors(db: Db, projectId: number): ProjectEditor[] {
  const team = db
    .select({ id: users.id, name: users.name, role: users.role, teamRole: projectTeam.role })
    .from(projectTeam)
    .innerJoin(users, eq(users.id, projectTeam.userId))
    .where(and(eq(projectTeam.projectId, projectId), isNull(projectTeam.endedAt), isNull(users.disabledAt)))
    .orderBy(asc(projectTeam.id))
    .all()
    .filter((m) => canEditProject({ id: m.id, role: m.role }, true));
  const seen = new Set<number>();
  const editors: ProjectEditor[] = [];
  for (const m of team) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    editors.push({ name: m.name, teamRole: m.teamRole });
  }
  const admins = db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.role, "admin" satisfies Role), isNull(users.disabledAt)))
    .orderBy(asc(users.name))
    .all()
    .filter((a) => canEditProject({ id: a.id, role: a.role }, false) && !seen.has(a.id));
  for (const a of admins) editors.push({ name: a.name, teamRole: null });
  return editors;
}
