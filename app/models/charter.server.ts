// The charter of a project: proposing one, reading it for the edit form, saving it
// (optimistic concurrency) and moving it between stages.
import { and, asc, eq, isNull, or } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { divisions, projectCqcDomains, projects, projectTeam, themes, users, waves } from "~/db.server";
import type { Db } from "~/db.server";
import type { SmartAim } from "~/forms/smart-aim";
import type { CqcDomain, Origin, Stage } from "~/domain/enums";
import { now } from "~/clock.server";
import { updateIfVersion } from "~/models/versioned.server";

export type CharterValues = {
  title: string;
  problem: string;
  proposalIdea: string;
  aimWhat: string;
  aimForWhom: string;
  aimMeasure: string;
  aimBaseline: number | null;
  aimTarget: number | null;
  aimTargetDate: string | null;
  scope: string;
  divisionId: number | null;
  service: string;
  themeId: number | null;
  origin: Origin;
  originReference: string;
  waveId: number | null;
  plannedStart: string | null;
  plannedEnd: string | null;
};

/** The charter as the edit form and the conflict check see it. */
export function getCharterForEdit(db: Db, projectId: number) {
  const row = getProjectWithVersion(db, projectId, {
    id: projects.id,
    programmeId: projects.programmeId,
    title: projects.title,
    problem: projects.problem,
    proposalIdea: projects.proposalIdea,
    aimWhat: projects.aimWhat,
    aimForWhom: projects.aimForWhom,
    aimMeasure: projects.aimMeasure,
    aimBaseline: projects.aimBaseline,
    aimTarget: projects.aimTarget,
    aimTargetDate: projects.aimTargetDate,
    scope: projects.scope,
    divisionId: projects.divisionId,
    service: projects.service,
    themeId: projects.themeId,
    origin: projects.origin,
    originReference: projects.originReference,
    waveId: projects.waveId,
    plannedStart: projects.plannedStart,
    plannedEnd: projects.plannedEnd,
    stage: projects.stage,
  });
  if (!row) return undefined;
  return { ...row, cqcDomains: listCqcDomains(db, projectId) };
}

export function listCqcDomains(db: Db, projectId: number): CqcDomain[] {
  return db
    .select({ domain: projectCqcDomains.domain })
    .from(projectCqcDomains)
    .where(eq(projectCqcDomains.projectId, projectId))
    .orderBy(asc(projectCqcDomains.domain))
    .all()
    .map((r) => r.domain);
}

/** Choices for the charter's lists: live divisions, themes and waves (plus the ones already chosen). */
export function listCharterOptions(db: Db, programmeId: number, current: { divisionId?: number | null; themeId?: number | null; waveId?: number | null } = {}) {
  const divisionRows = db
    .select({ id: divisions.id, name: divisions.name })
    .from(divisions)
    .where(and(eq(divisions.programmeId, programmeId), or(isNull(divisions.retiredAt), eq(divisions.id, current.divisionId ?? -1))))
    .orderBy(asc(divisions.name))
    .all();
  const themeRows = db
    .select({ id: themes.id, name: themes.name })
    .from(themes)
    .where(and(eq(themes.programmeId, programmeId), or(isNull(themes.retiredAt), eq(themes.id, current.themeId ?? -1))))
    .orderBy(asc(themes.name))
    .all();
  const waveRows = db
    .select({ id: waves.id, number: waves.number, name: waves.name })
    .from(waves)
    .where(and(eq(waves.programmeId, programmeId), or(isNull(waves.archivedAt), eq(waves.id, current.waveId ?? -1))))
    .orderBy(asc(waves.number))
    .all();
  return { divisions: divisionRows, themes: themeRows, waves: waveRows };
}

/** Creates a proposal; the proposer joins the team as a member so they can keep working on it. */
export function insertProposal(
  db: Db,
  values: { programmeId: number; title: string; problem: string; proposalIdea: string; divisionId: number | null } & Partial<SmartAim>,
  userId: number,
): number {
  const at = now();
  const row = db
    .insert(projects)
    .values({ ...values, stage: "proposed", createdBy: userId, updatedBy: userId, createdAt: at, updatedAt: at })
    .returning({ id: projects.id })
    .get();
  db.insert(projectTeam).values({ projectId: row.id, userId, role: "member", startedAt: at }).run();
  return row.id;
}

/** Saves the charter if nobody saved since `version`; false on a conflict (nothing written). */
export function updateCharter(db: Db, projectId: number, version: number, values: CharterValues, domains: readonly CqcDomain[], userId: number): boolean {
  if (!updateIfVersion(db, projects, projectId, version, values, userId)) return false;
  db.delete(projectCqcDomains).where(eq(projectCqcDomains.projectId, projectId)).run();
  for (const domain of new Set(domains)) db.insert(projectCqcDomains).values({ projectId, domain }).run();
  return true;
}

/** Stage and the fields that travel with it; false when the version moved on. */
export function updateStage(
  db: Db,
  projectId: number,
  version: number,
  values: { stage: Stage; stageReason?: string } & Partial<{
    closureAimAchieved: boolean;
    closureEvidence: string;
    closureAdopted: string;
    closureSustain: string;
    closureOwner: string;
    closureLessons: string;
  }>,
  userId: number,
): boolean {
  return updateIfVersion(db, projects, projectId, version, values, userId);
}

/** What a decision page needs: the stage, the version and who changed it last. */
export function getProjectState(db: Db, projectId: number) {
  return getProjectWithVersion(db, projectId, {
    id: projects.id,
    title: projects.title,
    stage: projects.stage,
    stageReason: projects.stageReason,
  });
}

/** The project's `columns` with its version and who saved it last, as a conflict check needs them. */
function getProjectWithVersion<Columns extends Record<string, SQLiteColumn>>(db: Db, projectId: number, columns: Columns) {
  return db
    .select({ ...columns, version: projects.version, updatedAt: projects.updatedAt, updatedByName: users.name })
    .from(projects)
    .leftJoin(users, eq(users.id, projects.updatedBy))
    .where(eq(projects.id, projectId))
    .get();
}

export function optionBelongs(options: ReturnType<typeof listCharterOptions>, kind: "divisions" | "themes" | "waves", id: number | null): boolean {
  return id === null || options[kind].some((o) => o.id === id);
}
