// What the portfolio import checks a file against, and what confirming it would do (ADR 090), read without writing.
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { changeIdeas, divisions, milestones, pdsaCycles, progressScores, projects, projectTeam, statusReports, themes, users, waves } from "~/db.server";
import type { Db } from "~/db.server";
import { formatDay, londonDay } from "~/domain/calendar";
import { STAGE_LABELS, TEAM_ROLE_LABELS } from "~/domain/labels";
import type { CycleRow, ImportLookups, MilestoneRow, ProjectRow, StatusReportRow } from "~/forms/project-import.server";

/** The programme's divisions, themes and waves in use, its people and its projects' references. */
export function importLookups(db: Db, programmeId: number): ImportLookups {
  return {
    divisions: db
      .select({ id: divisions.id, name: divisions.name })
      .from(divisions)
      .where(and(eq(divisions.programmeId, programmeId), isNull(divisions.retiredAt)))
      .all(),
    themes: db
      .select({ id: themes.id, name: themes.name })
      .from(themes)
      .where(and(eq(themes.programmeId, programmeId), isNull(themes.retiredAt)))
      .all(),
    waves: db.select({ id: waves.id, number: waves.number, name: waves.name }).from(waves).where(eq(waves.programmeId, programmeId)).all(),
    people: db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(isNull(users.disabledAt)).all(),
    references: new Map(
      db
        .select({ id: projects.id, reference: projects.reference })
        .from(projects)
        .where(and(eq(projects.programmeId, programmeId), isNotNull(projects.reference)))
        .all()
        .map((p) => [p.reference!.toLowerCase(), p.id]),
    ),
  };
}

export type PlannedProject = { row: ProjectRow; id: number | null; version: number; changes: string[] };
export type ProjectImportPlan = { created: PlannedProject[]; updated: PlannedProject[]; unchanged: PlannedProject[] };

const dayNoon = (day: string) => new Date(`${day}T12:00:00Z`);

/** For each row: a new project, or the changes to the project with its reference. */
export function planProjectImport(db: Db, programmeId: number, rows: ProjectRow[]): ProjectImportPlan {
  const existing = new Map(
    db
      .select()
      .from(projects)
      .where(and(eq(projects.programmeId, programmeId), isNotNull(projects.reference)))
      .all()
      .map((p) => [p.reference!.toLowerCase(), p]),
  );
  const leads = db
    .select({ projectId: projectTeam.projectId, role: projectTeam.role, userId: projectTeam.userId })
    .from(projectTeam)
    .where(isNull(projectTeam.endedAt))
    .all();
  const leadOf = new Map(leads.map((l) => [`${l.projectId}:${l.role}`, l.userId]));
  const reports = new Set(
    db
      .select({ projectId: statusReports.projectId, date: statusReports.reportDate, rag: statusReports.rag })
      .from(statusReports)
      .all()
      .map((r) => `${r.projectId}:${r.date}:${r.rag}`),
  );
  const scores = new Set(
    db
      .select({ projectId: progressScores.projectId, score: progressScores.score, at: progressScores.at })
      .from(progressScores)
      .all()
      .map((s) => `${s.projectId}:${londonDay(s.at)}:${s.score}`),
  );
  const plan: ProjectImportPlan = { created: [], updated: [], unchanged: [] };
  for (const row of rows) {
    const p = existing.get(row.reference.toLowerCase());
    if (!p) {
      plan.created.push({ row, id: null, version: 0, changes: [] });
      continue;
    }
    const changes: string[] = [];
    const differ = (label: string, a: unknown, b: unknown, shown: string) => {
      if ((a ?? null) !== (b ?? null)) changes.push(`${label} to ${shown}`);
    };
    differ("title", p.title, row.title, `"${row.title}"`);
    differ("division", p.divisionId, row.division?.id, row.division?.name ?? "none");
    differ("theme", p.themeId, row.theme?.id, row.theme?.name ?? "none");
    differ("wave", p.waveId, row.wave?.id, row.wave ? `Wave ${row.wave.number}` : "none");
    differ("stage", p.stage, row.stage, STAGE_LABELS[row.stage] + (row.stageDate ? ` (since ${formatDay(row.stageDate)})` : ""));
    differ("planned start", p.plannedStart, row.plannedStart, row.plannedStart ? formatDay(row.plannedStart) : "none");
    differ("planned end", p.plannedEnd, row.plannedEnd, row.plannedEnd ? formatDay(row.plannedEnd) : "none");
    const aimChanged = (Object.keys(row.aim) as (keyof ProjectRow["aim"])[]).some((k) => (p[k] ?? null) !== (row.aim[k] ?? null));
    if (aimChanged) changes.push("the SMART aim");
    for (const lead of row.leads) {
      if (leadOf.get(`${p.id}:${lead.role}`) !== lead.userId) changes.push(`${TEAM_ROLE_LABELS[lead.role].toLowerCase()} to ${lead.name}`);
    }
    if (row.rag && !reports.has(`${p.id}:${row.rag.date}:${row.rag.rag}`)) changes.push(`a ${row.rag.rag} RAG on ${formatDay(row.rag.date)}`);
    if (row.score && !scores.has(`${p.id}:${row.score.date}:${row.score.score}`))
      changes.push(`a progress score of ${row.score.score} on ${formatDay(row.score.date)}`);
    (changes.length ? plan.updated : plan.unchanged).push({ row, id: p.id, version: p.version, changes });
  }
  return plan;
}

export type HistoryPlan<R> = { added: R[]; updated: (R & { id: number; changes: string[] })[]; unchanged: R[] };

/** Status reports already there (same project, day and RAG) are not added twice. */
export function planStatusReports(db: Db, rows: StatusReportRow[]): HistoryPlan<StatusReportRow> {
  const have = new Set(
    db
      .select({ projectId: statusReports.projectId, date: statusReports.reportDate, rag: statusReports.rag })
      .from(statusReports)
      .all()
      .map((r) => `${r.projectId}:${r.date}:${r.rag}`),
  );
  const plan: HistoryPlan<StatusReportRow> = { added: [], updated: [], unchanged: [] };
  for (const row of rows) {
    const key = `${row.projectId}:${row.date}:${row.rag}`;
    if (have.has(key)) plan.unchanged.push(row);
    else {
      have.add(key);
      plan.added.push(row);
    }
  }
  return plan;
}

/** Milestones are matched by project and name: a re-import updates their dates. */
export function planMilestones(db: Db, rows: MilestoneRow[]): HistoryPlan<MilestoneRow> {
  const have = new Map(
    db
      .select({
        id: milestones.id,
        projectId: milestones.projectId,
        title: milestones.title,
        baseline: milestones.baselineDate,
        forecast: milestones.forecastDate,
        completed: milestones.completedOn,
      })
      .from(milestones)
      .where(isNull(milestones.deletedAt))
      .all()
      .map((m) => [`${m.projectId}:${m.title.toLowerCase()}`, m]),
  );
  const plan: HistoryPlan<MilestoneRow> = { added: [], updated: [], unchanged: [] };
  for (const row of rows) {
    const m = have.get(`${row.projectId}:${row.title.toLowerCase()}`);
    if (!m) {
      plan.added.push(row);
      continue;
    }
    const changes: string[] = [];
    if (m.baseline !== row.baseline) changes.push(`baseline to ${formatDay(row.baseline)}`);
    if (m.forecast !== row.forecast) changes.push(`forecast to ${formatDay(row.forecast)}`);
    if ((m.completed ?? null) !== row.completed) changes.push(row.completed ? `completed on ${formatDay(row.completed)}` : "not completed");
    if (changes.length) plan.updated.push({ ...row, id: m.id, changes });
    else plan.unchanged.push(row);
  }
  return plan;
}

/** PDSA cycles are matched by project, change idea and start date: a re-import updates the end, decision and learning. */
export function planCycles(db: Db, rows: CycleRow[]): HistoryPlan<CycleRow> {
  const have = new Map(
    db
      .select({
        id: pdsaCycles.id,
        projectId: pdsaCycles.projectId,
        idea: changeIdeas.title,
        start: pdsaCycles.startDate,
        end: pdsaCycles.endDate,
        decision: pdsaCycles.actDecision,
        learning: pdsaCycles.studyLearning,
      })
      .from(pdsaCycles)
      .innerJoin(changeIdeas, eq(changeIdeas.id, pdsaCycles.changeIdeaId))
      .where(isNull(pdsaCycles.deletedAt))
      .all()
      .map((c) => [`${c.projectId}:${c.idea.toLowerCase()}:${c.start}`, c]),
  );
  const plan: HistoryPlan<CycleRow> = { added: [], updated: [], unchanged: [] };
  for (const row of rows) {
    const key = `${row.projectId}:${row.changeIdea.toLowerCase()}:${row.start}`;
    const c = have.get(key);
    if (!c) {
      plan.added.push(row);
      have.set(key, { id: 0, projectId: row.projectId, idea: row.changeIdea, start: row.start, end: row.end, decision: row.decision, learning: row.learning });
      continue;
    }
    const changes: string[] = [];
    if ((c.end ?? null) !== row.end) changes.push(row.end ? `end date to ${formatDay(row.end)}` : "no end date");
    if ((c.decision ?? null) !== row.decision) changes.push(`decision to ${row.decision ?? "none"}`);
    if (c.learning !== row.learning) changes.push("the learning");
    if (changes.length && c.id) plan.updated.push({ ...row, id: c.id, changes });
    else plan.unchanged.push(row);
  }
  return plan;
}

export { dayNoon };
