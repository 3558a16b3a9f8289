import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { asks, changeIdeas, divisions, pdsaCycles, projects, projectTeam, statusReports, themes, users, waves } from "~/db.server";
import type { Db } from "~/db.server";
import { isOpenAsk } from "~/domain/ask-rules";
import type { Stage } from "~/domain/enums";
import type { ProjectSort } from "~/web/project-list";
import { listCqcDomains } from "~/models/charter.server";
import { listMilestones } from "~/models/milestone.server";
import { listMeasures } from "~/models/measure.server";

const lead = (role: "executive_lead" | "clinical_lead" | "project_lead") =>
  sql<string | null>`(select u.name from project_team t join users u on u.id = t.user_id
     where t.project_id = ${projects.id} and t.role = ${role} and t.ended_at is null limit 1)`;

/** Every project in the programme with what the list shows; sorted in SQL. */
export function listProjects(
  db: Db,
  opts: {
    programmeId: number;
    sort?: ProjectSort;
    dir?: "asc" | "desc";
    stage?: Stage;
    q?: string;
    page?: number;
    perPage?: number;
  },
) {
  const order = {
    title: projects.title,
    stage: projects.stage,
    theme: themes.name,
    division: divisions.name,
    wave: waves.number,
    score: projects.progressScore,
    updated: projects.updatedAt,
  }[opts.sort ?? "title"];
  const where = [eq(projects.programmeId, opts.programmeId)];
  if (opts.stage) where.push(eq(projects.stage, opts.stage));
  if (opts.q) where.push(sql`${projects.title} like ${`%${opts.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`} escape '\\'`);
  const perPage = opts.perPage ?? 50;
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(projects)
      .where(and(...where))
      .get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(opts.page ?? 1, pages);
  const rows = db
    .select({
      id: projects.id,
      title: projects.title,
      stage: projects.stage,
      theme: themes.name,
      division: divisions.name,
      waveNumber: waves.number,
      waveName: waves.name,
      progressScore: projects.progressScore,
      executiveLead: lead("executive_lead"),
      clinicalLead: lead("clinical_lead"),
      projectLead: lead("project_lead"),
      updatedAt: projects.updatedAt,
    })
    .from(projects)
    .leftJoin(themes, eq(themes.id, projects.themeId))
    .leftJoin(divisions, eq(divisions.id, projects.divisionId))
    .leftJoin(waves, eq(waves.id, projects.waveId))
    .where(and(...where))
    .orderBy(opts.dir === "desc" ? sql`${order} desc nulls last` : sql`${order} asc nulls last`, asc(projects.id))
    .limit(perPage)
    .offset((page - 1) * perPage)
    .all();
  return { rows, total, page, pages };
}

/** What every project page shows at the top. */
export function getProjectHeader(db: Db, projectId: number) {
  return db
    .select({
      id: projects.id,
      title: projects.title,
      reference: projects.reference,
      stage: projects.stage,
      progressScore: projects.progressScore,
      theme: themes.name,
      waveNumber: waves.number,
    })
    .from(projects)
    .leftJoin(themes, eq(themes.id, projects.themeId))
    .leftJoin(waves, eq(waves.id, projects.waveId))
    .where(eq(projects.id, projectId))
    .get();
}

export function getProjectCharter(db: Db, projectId: number) {
  const project = db
    .select({
      project: projects,
      theme: themes.name,
      division: divisions.name,
      waveNumber: waves.number,
      waveName: waves.name,
    })
    .from(projects)
    .leftJoin(themes, eq(themes.id, projects.themeId))
    .leftJoin(divisions, eq(divisions.id, projects.divisionId))
    .leftJoin(waves, eq(waves.id, projects.waveId))
    .where(eq(projects.id, projectId))
    .get();
  if (!project) return undefined;
  return { ...project, cqcDomains: listCqcDomains(db, projectId) };
}

export function listProjectTeam(db: Db, projectId: number) {
  return db
    .select({
      id: projectTeam.id,
      role: projectTeam.role,
      userId: users.id,
      name: users.name,
      jobTitle: users.jobTitle,
      startedAt: projectTeam.startedAt,
      endedAt: projectTeam.endedAt,
      /** A lead whose account is disabled has left (ADR 106): the page says so until someone else is named. */
      hasLeft: sql<boolean>`${users.disabledAt} is not null`.mapWith(Boolean),
    })
    .from(projectTeam)
    .innerJoin(users, eq(users.id, projectTeam.userId))
    .where(eq(projectTeam.projectId, projectId))
    .orderBy(asc(projectTeam.role), desc(projectTeam.startedAt))
    .all();
}

export function listProjectCycles(db: Db, projectId: number) {
  return db
    .select({
      id: pdsaCycles.id,
      number: pdsaCycles.number,
      title: pdsaCycles.title,
      changeIdea: changeIdeas.title,
      changeIdeaId: changeIdeas.id,
      status: pdsaCycles.status,
      actDecision: pdsaCycles.actDecision,
      startDate: pdsaCycles.startDate,
      endDate: pdsaCycles.endDate,
    })
    .from(pdsaCycles)
    .innerJoin(changeIdeas, eq(changeIdeas.id, pdsaCycles.changeIdeaId))
    .where(and(eq(pdsaCycles.projectId, projectId), isNull(pdsaCycles.deletedAt)))
    .orderBy(asc(pdsaCycles.number))
    .all();
}

export function listProjectMilestones(db: Db, projectId: number) {
  return listMilestones(db, projectId, "forecast");
}

/** The project's measures as the overview shows them: the measures list without the fields only its own page uses. */
export function listProjectMeasures(db: Db, projectId: number) {
  return listMeasures(db, projectId).map(({ unitLabel: _unitLabel, ratePer: _ratePer, latestSignal: _latestSignal, sparkline: _sparkline, ...shown }) => shown);
}

/** The asks not yet finished (waiting for an answer, or accepted and in hand), as the meeting pack and the deck show them. */
export function listOpenProjectAsks(db: Db, projectId: number) {
  return listProjectAsks(db, projectId)
    .filter((a) => isOpenAsk(a.state))
    .map(({ id, what, state, addressee, addresseeName, dueOn }) => ({ id, what, state, addressee, addresseeName, dueOn }));
}

export function listProjectAsks(db: Db, projectId: number) {
  return db
    .select({
      id: asks.id,
      what: asks.what,
      addressee: asks.addressee,
      addresseeName: users.name,
      dueOn: asks.dueOn,
      state: asks.state,
      response: asks.response,
      createdAt: asks.createdAt,
    })
    .from(asks)
    .leftJoin(users, eq(users.id, asks.addresseeUserId))
    .where(eq(asks.projectId, projectId))
    .orderBy(desc(asks.createdAt))
    .all();
}

export function getLatestStatusReport(db: Db, projectId: number) {
  return db
    .select()
    .from(statusReports)
    .where(eq(statusReports.projectId, projectId))
    .orderBy(desc(statusReports.reportDate), desc(statusReports.id))
    .limit(1)
    .get();
}

export function countProjectsByStage(db: Db, programmeId: number) {
  return db
    .select({ stage: projects.stage, n: sql<number>`count(*)` })
    .from(projects)
    .where(eq(projects.programmeId, programmeId))
    .groupBy(projects.stage)
    .all();
}

export function projectIdsForUser(db: Db, userId: number, projectIds: number[]) {
  if (projectIds.length === 0) return new Set<number>();
  return new Set(
    db
      .select({ projectId: projectTeam.projectId })
      .from(projectTeam)
      .where(and(eq(projectTeam.userId, userId), isNull(projectTeam.endedAt), inArray(projectTeam.projectId, projectIds)))
      .all()
      .map((r) => r.projectId),
  );
}
