// What the board's CSV adds to each summary row for a board secretary: the wave's name, the
// operational lead and senior manager, the SMART aim and the words of the asks still waiting.
import { WAITING_ASK_STATES } from "~/domain/ask-rules";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { asks, projects, projectTeam, users, waves } from "~/db.server";
import type { Db } from "~/db.server";

export type BoardExportExtra = {
  waveName: string | null;
  operationalLead: string | null;
  seniorManager: string | null;
  aim: { aimWhat: string; aimForWhom: string; aimMeasure: string; aimBaseline: number | null; aimTarget: number | null; aimTargetDate: string | null };
  waitingAsks: string[];
};

/** The asks of these projects still waiting for an answer (the one rule, `isWaitingAsk`), oldest first. */
export function listWaitingAskTexts(db: Db, projectIds: number[]): Map<number, string[]> {
  const byProject = new Map<number, string[]>();
  if (projectIds.length === 0) return byProject;
  const rows = db
    .select({ projectId: asks.projectId, what: asks.what })
    .from(asks)
    .where(and(inArray(asks.state, [...WAITING_ASK_STATES]), inArray(asks.projectId, projectIds)))
    .orderBy(asc(asks.createdAt), asc(asks.id))
    .all();
  for (const r of rows) byProject.set(r.projectId, [...(byProject.get(r.projectId) ?? []), r.what]);
  return byProject;
}

/** The extra columns of the board's CSV for these projects, by project id. */
export function listBoardExportExtras(db: Db, projectIds: number[]): Map<number, BoardExportExtra> {
  const extras = new Map<number, BoardExportExtra>();
  if (projectIds.length === 0) return extras;
  const rows = db
    .select({
      id: projects.id,
      waveName: waves.name,
      aimWhat: projects.aimWhat,
      aimForWhom: projects.aimForWhom,
      aimMeasure: projects.aimMeasure,
      aimBaseline: projects.aimBaseline,
      aimTarget: projects.aimTarget,
      aimTargetDate: projects.aimTargetDate,
    })
    .from(projects)
    .leftJoin(waves, eq(waves.id, projects.waveId))
    .where(inArray(projects.id, projectIds))
    .all();
  const leads = db
    .select({ projectId: projectTeam.projectId, role: projectTeam.role, name: users.name })
    .from(projectTeam)
    .innerJoin(users, eq(users.id, projectTeam.userId))
    .where(and(inArray(projectTeam.projectId, projectIds), isNull(projectTeam.endedAt), inArray(projectTeam.role, ["operational_lead", "senior_manager"])))
    .orderBy(asc(projectTeam.id))
    .all();
  const named = (projectId: number, role: "operational_lead" | "senior_manager") =>
    leads
      .filter((l) => l.projectId === projectId && l.role === role)
      .map((l) => l.name)
      .join(", ") || null;
  const waiting = listWaitingAskTexts(db, projectIds);
  for (const { id, waveName, ...aim } of rows) {
    extras.set(id, {
      waveName,
      operationalLead: named(id, "operational_lead"),
      seniorManager: named(id, "senior_manager"),
      aim,
      waitingAsks: waiting.get(id) ?? [],
    });
  }
  return extras;
}
