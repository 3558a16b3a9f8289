// Board summaries: one stored row per project with the board's columns and attention flags.
// Gathered in a handful of set-based queries so refreshing 10,000 projects stays cheap.
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import { startOfMonth } from "date-fns/startOfMonth";
import { startOfQuarter } from "date-fns/startOfQuarter";
import { subMonths } from "date-fns/subMonths";
import { and, eq, getTableColumns, gt, inArray, isNotNull, isNull, max, ne, sql, type SQL } from "drizzle-orm";
import {
  asks,
  auditEvents,
  boardAssessments,
  divisions,
  measures,
  milestones,
  pdsaCycles,
  programmes,
  projectCqcDomains,
  projects,
  projectSummaries,
  projectTeam,
  statusReports,
  themes,
  users,
  waves,
} from "~/db.server";
import type { Db } from "~/db.server";
import { isOverdue, slipDays } from "~/domain/milestone-rules";
import { attentionFlags, type AttentionInput, type AttentionThresholds } from "~/domain/attention";
import { WAITING_ASK_STATES } from "~/domain/ask-rules";
import { lastPdsaActivity } from "~/domain/pdsa-rules";
import { nowMs } from "~/clock.server";
import { londonDay } from "~/today.server";

type Scope = number[] | null;

const inScope = (column: Parameters<typeof inArray>[0], scope: Scope): SQL | undefined => (scope ? inArray(column, scope) : undefined);

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

function latestPerProject<T extends { projectId: number; rn: number }>(rows: T[]) {
  return new Map(rows.filter((r) => r.rn === 1).map((r) => [r.projectId, r]));
}

function thresholdsOf(db: Db, programmeId: number): AttentionThresholds {
  const p = db.select().from(programmes).where(eq(programmes.id, programmeId)).get();
  if (!p) throw new Error(`programme ${programmeId} not found`);
  return {
    milestoneSlipDays: p.milestoneSlipDays,
    pdsaStaleWeeks: p.pdsaStaleWeeks,
    statusStaleWeeks: p.statusStaleWeeks,
    measureGapPeriods: p.measureGapPeriods,
    askOpenDays: p.askOpenDays,
  };
}

/**
 * Where a quiet spell (no PDSA activity, no status report) starts counting when there is none: the start, but
 * for an imported project never before the import (ADR 090), so a backdated start raises nothing on day one.
 */
function quietSince(p: { plannedStart: string | null; createdAt: Date; importedAt: Date | null }) {
  const start = p.plannedStart ?? londonDay(p.createdAt);
  if (!p.importedAt) return start;
  const imported = londonDay(p.importedAt);
  return imported > start ? imported : start;
}

/** Recomputes the summaries of the given projects (all when scope is null) as of `today`. */
export function refreshSummaries(db: Db, programmeId: number, today: string, scope: Scope) {
  upsertSummaries(db, summaryRows(db, programmeId, today, scope));
}

/** The summary rows of the given projects (all when scope is null) as of `today`: reads only. */
function summaryRows(db: Db, programmeId: number, today: string, scope: Scope): Record<string, unknown>[] {
  if (scope && scope.length === 0) return [];
  const thresholds = thresholdsOf(db, programmeId);
  const quarterStart = format(startOfQuarter(parseISO(today)), "yyyy-MM-dd");

  const base = db
    .select({
      id: projects.id,
      title: projects.title,
      reference: projects.reference,
      stage: projects.stage,
      themeId: projects.themeId,
      themeName: themes.name,
      divisionId: projects.divisionId,
      divisionName: divisions.name,
      waveId: projects.waveId,
      waveNumber: waves.number,
      progressScore: projects.progressScore,
      plannedStart: projects.plannedStart,
      createdAt: projects.createdAt,
      importedAt: projects.importedAt,
    })
    .from(projects)
    .leftJoin(themes, eq(themes.id, projects.themeId))
    .leftJoin(divisions, eq(divisions.id, projects.divisionId))
    .leftJoin(waves, eq(waves.id, projects.waveId))
    .where(and(eq(projects.programmeId, programmeId), inScope(projects.id, scope)))
    .all();
  if (base.length === 0) return [];
  const ids = scope;

  const leads = groupBy(
    db
      .select({ projectId: projectTeam.projectId, role: projectTeam.role, userId: users.id, name: users.name })
      .from(projectTeam)
      .innerJoin(users, eq(users.id, projectTeam.userId))
      .where(and(isNull(projectTeam.endedAt), inArray(projectTeam.role, ["executive_lead", "clinical_lead"]), inScope(projectTeam.projectId, ids)))
      .all(),
    (r) => r.projectId,
  );
  // Leads whose account is disabled: they have left and still hold the role (ADR 106).
  const leadsWhoLeft = groupBy(
    db
      .select({ projectId: projectTeam.projectId, role: projectTeam.role, name: users.name })
      .from(projectTeam)
      .innerJoin(users, eq(users.id, projectTeam.userId))
      .where(and(isNull(projectTeam.endedAt), ne(projectTeam.role, "member"), isNotNull(users.disabledAt), inScope(projectTeam.projectId, ids)))
      .all(),
    (r) => r.projectId,
  );
  const domains = groupBy(db.select().from(projectCqcDomains).where(inScope(projectCqcDomains.projectId, ids)).all(), (r) => r.projectId);
  const reports = latestPerProject(
    db
      .select({
        projectId: statusReports.projectId,
        rag: statusReports.rag,
        reportDate: statusReports.reportDate,
        rn: sql<number>`row_number() over (partition by ${statusReports.projectId} order by ${statusReports.reportDate} desc, ${statusReports.id} desc)`,
      })
      .from(statusReports)
      .where(inScope(statusReports.projectId, ids))
      .all(),
  );
  const assessments = latestPerProject(
    db
      .select({
        projectId: boardAssessments.projectId,
        rag: boardAssessments.rag,
        reason: boardAssessments.reason,
        at: boardAssessments.at,
        rn: sql<number>`row_number() over (partition by ${boardAssessments.projectId} order by ${boardAssessments.at} desc, ${boardAssessments.id} desc)`,
      })
      .from(boardAssessments)
      .where(inScope(boardAssessments.projectId, ids))
      .all(),
  );
  const milestoneRows = groupBy(
    db
      .select({
        projectId: milestones.projectId,
        title: milestones.title,
        baselineDate: milestones.baselineDate,
        forecastDate: milestones.forecastDate,
        completedOn: milestones.completedOn,
      })
      .from(milestones)
      .where(and(isNull(milestones.deletedAt), inScope(milestones.projectId, ids)))
      .all(),
    (r) => r.projectId,
  );
  const firstMonth = format(subMonths(startOfMonth(parseISO(today)), 11), "yyyy-MM-dd");
  const monthIndex = (start: string) => (Number(today.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + (Number(today.slice(5, 7)) - Number(start.slice(5, 7)));
  const pdsaMonths = groupBy(
    db
      .select({ projectId: pdsaCycles.projectId, startDate: pdsaCycles.startDate })
      .from(pdsaCycles)
      .where(
        and(
          isNull(pdsaCycles.deletedAt),
          sql`${pdsaCycles.startDate} >= ${firstMonth}`,
          sql`${pdsaCycles.startDate} <= ${today}`,
          inScope(pdsaCycles.projectId, ids),
        ),
      )
      .all(),
    (r) => r.projectId,
  );
  const pdsa = new Map(
    db
      .select({
        projectId: pdsaCycles.projectId,
        thisQuarter: sql<number>`sum(case when ${pdsaCycles.startDate} >= ${quarterStart} then 1 else 0 end)`,
        total: sql<number>`count(*)`,
      })
      .from(pdsaCycles)
      .where(and(isNull(pdsaCycles.deletedAt), inScope(pdsaCycles.projectId, ids)))
      .groupBy(pdsaCycles.projectId)
      .all()
      .map((r) => [r.projectId, r]),
  );
  // Each cycle's dates, so the domain decides what counts as activity (a future plan does not).
  const pdsaActivity = groupBy(
    db
      .select({
        projectId: pdsaCycles.projectId,
        startDate: pdsaCycles.startDate,
        endDate: pdsaCycles.endDate,
        importedAt: pdsaCycles.importedAt,
        createdAt: pdsaCycles.createdAt,
        updatedAt: pdsaCycles.updatedAt,
      })
      .from(pdsaCycles)
      .where(and(isNull(pdsaCycles.deletedAt), inScope(pdsaCycles.projectId, ids)))
      .all(),
    (r) => r.projectId,
  );
  const measureRows = groupBy(
    db
      .select({
        id: measures.id,
        projectId: measures.projectId,
        name: measures.name,
        type: measures.type,
        improvement: measures.improvement,
        frequency: measures.frequency,
        target: measures.target,
        isPrimary: measures.isPrimary,
        latestDate: measures.spcLatestDate,
        latestSignal: measures.spcLatestSignal,
        sparkline: measures.spcSparkline,
        variationIcon: measures.spcVariationIcon,
        assuranceIcon: measures.spcAssuranceIcon,
      })
      .from(measures)
      .where(and(isNull(measures.deletedAt), inScope(measures.projectId, ids)))
      .all(),
    (r) => r.projectId,
  );
  const openAsks = groupBy(
    db
      .select({ projectId: asks.projectId, what: asks.what, createdAt: asks.createdAt })
      .from(asks)
      .where(and(inArray(asks.state, [...WAITING_ASK_STATES]), inScope(asks.projectId, ids)))
      .all(),
    (r) => r.projectId,
  );

  const refreshedAt = new Date(nowMs());
  const rows = base.map((p) => {
    const projectLeads = leads.get(p.id) ?? [];
    const exec = projectLeads.find((l) => l.role === "executive_lead");
    const clinical = projectLeads.find((l) => l.role === "clinical_lead");
    const report = reports.get(p.id);
    const assessment = assessments.get(p.id);
    const ms = milestoneRows.get(p.id) ?? [];
    const cycles = pdsa.get(p.id);
    const ms2 = measureRows.get(p.id) ?? [];
    const primary = ms2.find((m) => m.isPrimary) ?? ms2[0];
    const asksOpen = openAsks.get(p.id) ?? [];
    const lastPdsa = lastPdsaActivity(
      (pdsaActivity.get(p.id) ?? []).map((c) => ({
        startDate: c.startDate,
        createdOn: londonDay(c.createdAt),
        updatedOn: londonDay(c.updatedAt),
        // An imported cycle's import (or re-import) is not activity; a change made after it is.
        changedSinceCreated: c.updatedAt.getTime() > (c.importedAt ?? c.createdAt).getTime(),
        imported: c.importedAt !== null,
        endDate: c.endDate,
      })),
      today,
    );
    const input: AttentionInput = {
      stage: p.stage,
      startedOn: quietSince(p),
      progressScore: p.progressScore,
      latestRag: report?.rag ?? null,
      lastStatusReportOn: report?.reportDate ?? null,
      lastPdsaActivityOn: lastPdsa,
      milestones: ms,
      measures: ms2.map((m) => ({
        name: m.name,
        type: m.type,
        improvement: m.improvement,
        frequency: m.frequency,
        target: m.target,
        latestDate: m.latestDate,
        latestSignal: (m.latestSignal as AttentionInput["measures"][number]["latestSignal"]) ?? null,
      })),
      openAsks: asksOpen.map((a) => ({ what: a.what, raisedOn: londonDay(a.createdAt) })),
      leadsWhoLeft: (leadsWhoLeft.get(p.id) ?? []).map((l) => ({ role: l.role as Exclude<typeof l.role, "member">, name: l.name })),
    };
    const flags = attentionFlags(input, today, thresholds);
    const months = Array<number>(12).fill(0);
    for (const c of pdsaMonths.get(p.id) ?? []) months[monthIndex(c.startDate)]++;
    const icons = (icon: string) => ms2.filter((m) => m.variationIcon === icon).length;
    const slips = ms.filter((m) => !m.completedOn).map(slipDays);
    return {
      projectId: p.id,
      programmeId,
      title: p.title,
      reference: p.reference,
      stage: p.stage,
      themeId: p.themeId,
      themeName: p.themeName,
      divisionId: p.divisionId,
      divisionName: p.divisionName,
      waveId: p.waveId,
      waveNumber: p.waveNumber,
      executiveLeadId: exec?.userId ?? null,
      executiveLead: exec?.name ?? null,
      clinicalLeadId: clinical?.userId ?? null,
      clinicalLead: clinical?.name ?? null,
      cqcDomains: (domains.get(p.id) ?? [])
        .map((d) => d.domain)
        .sort()
        .join(","),
      latestRag: report?.rag ?? null,
      latestRagDate: report?.reportDate ?? null,
      boardRag: assessment?.rag ?? null,
      boardRagReason: assessment?.reason ?? null,
      boardRagDate: assessment ? londonDay(assessment.at) : null,
      progressScore: p.progressScore,
      milestonesDone: ms.filter((m) => m.completedOn).length,
      milestonesTotal: ms.length,
      milestonesOverdue: ms.filter((m) => isOverdue(m, today)).length,
      worstSlipDays: slips.length ? Math.max(...slips) : null,
      lastPdsaDate: lastPdsa,
      pdsaCyclesThisQuarter: Number(cycles?.thisQuarter ?? 0),
      pdsaCyclesTotal: Number(cycles?.total ?? 0),
      primaryMeasureId: primary?.id ?? null,
      primaryMeasureName: primary?.name ?? null,
      primarySparkline: primary?.sparkline ?? null,
      primaryVariationIcon: primary?.variationIcon ?? null,
      primaryAssuranceIcon: primary?.assuranceIcon ?? null,
      measuresImproving: ms2.filter((m) => m.latestSignal === "improvement").length,
      measuresConcern: ms2.filter((m) => m.latestSignal === "concern").length,
      measuresCommonCause: icons("common_cause"),
      measuresImprovementHigh: icons("special_cause_improvement_high"),
      measuresImprovementLow: icons("special_cause_improvement_low"),
      measuresConcernHigh: icons("special_cause_concern_high"),
      measuresConcernLow: icons("special_cause_concern_low"),
      measuresNeutralHigh: icons("special_cause_neutral_high"),
      measuresNeutralLow: icons("special_cause_neutral_low"),
      ...Object.fromEntries(months.map((n, i) => [`pdsaM${i}`, n])),
      openAsks: asksOpen.length,
      flags: JSON.stringify(flags),
      flagCount: flags.length,
      asOf: today,
      refreshedAt,
    };
  });

  return rows;
}

/**
 * One prepared upsert reused for every row: the board's daily recompute of 10,000 projects
 * is a bulk write, where building each statement through the query builder would dominate.
 */
function upsertSummaries(db: Db, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(projectSummaries));
  const names = columns.map(([, c]) => c.name);
  const statement = db.$client.prepare(
    `insert into project_summaries (${names.join(", ")}) values (${names.map(() => "?").join(", ")})
     on conflict (project_id) do update set ${names
       .filter((n) => n !== "project_id")
       .map((n) => `${n} = excluded.${n}`)
       .join(", ")}`,
  );
  const toSql = (value: unknown) => (value instanceof Date ? value.getTime() : value === undefined ? null : value);
  db.$client.transaction(() => {
    for (const row of rows) statement.run(columns.map(([key]) => toSql(row[key])));
  })();
}

/**
 * Projects led by someone whose account changed after the watermark (disabled, enabled, renamed, erased): the
 * board shows leads' names and flags a lead who has left (ADR 106), and those events name a person, not a project.
 */
function projectsLedByChangedPeople(db: Db, watermark: number): number[] {
  const people = db
    .selectDistinct({ id: auditEvents.entityId })
    .from(auditEvents)
    .where(and(gt(auditEvents.id, watermark), eq(auditEvents.entityType, "user"), isNotNull(auditEvents.entityId)));
  return db
    .selectDistinct({ projectId: projectTeam.projectId })
    .from(projectTeam)
    .where(and(isNull(projectTeam.endedAt), ne(projectTeam.role, "member"), inArray(projectTeam.userId, people)))
    .all()
    .map((r) => r.projectId);
}

/**
 * Brings the stored summaries up to date before the board reads them: all of them when the
 * day has changed (date-based flags move), otherwise only projects with audit events since
 * the last refresh. Every project write is audited, so nothing is missed.
 */
export function ensureSummariesFresh(db: Db, programmeId: number, today: string) {
  const programme = db
    .select({ asOf: programmes.summariesAsOf, watermark: programmes.summariesAuditWatermark })
    .from(programmes)
    .where(eq(programmes.id, programmeId))
    .get();
  if (!programme) return;
  const latestAudit =
    db
      .select({ id: max(auditEvents.id) })
      .from(auditEvents)
      .get()?.id ?? 0;
  let scope: Scope;
  if (programme.asOf !== today) {
    scope = null;
  } else if (latestAudit > programme.watermark) {
    const changed = db
      .selectDistinct({ projectId: auditEvents.projectId })
      .from(auditEvents)
      .where(and(gt(auditEvents.id, programme.watermark), isNotNull(auditEvents.projectId)))
      .all()
      .map((r) => r.projectId as number);
    scope = [...new Set([...changed, ...projectsLedByChangedPeople(db, programme.watermark)])];
  } else {
    return;
  }
  const rows = summaryRows(db, programmeId, today, scope);
  // Several worker processes refresh at once (ADR 120): only the first to finish from this watermark writes. A
  // slower one could otherwise overwrite newer rows with what it read earlier, under a watermark that hides it.
  db.$client
    .transaction(() => {
      const current = db
        .select({ asOf: programmes.summariesAsOf, watermark: programmes.summariesAuditWatermark })
        .from(programmes)
        .where(eq(programmes.id, programmeId))
        .get();
      if (current?.asOf !== programme.asOf || current?.watermark !== programme.watermark) return;
      upsertSummaries(db, rows);
      db.update(programmes).set({ summariesAsOf: today, summariesAuditWatermark: latestAudit }).where(eq(programmes.id, programmeId)).run();
    })
    .immediate();
}
