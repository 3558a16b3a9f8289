// Presentation mode: everything a project's deck and its one-page print show, read
// from the live workbook in one go, and the team's saved slide choices.
import { and, desc, eq } from "drizzle-orm";
import { auditEvents, projects, users } from "~/db.server";
import type { Db } from "~/db.server";
import { LEAD_ROLES } from "~/domain/enums";
import { orderMeasures, parseSettings, visibleSlides, type PresentationSettings } from "~/web/presentation";
import { listRebases, listSeries } from "~/models/measure-data.server";
import { getMeasure, listMeasures, listPdsaMarkers } from "~/models/measure.server";
import { listTimelineCycles } from "~/models/pdsa.server";
import { getDiagram } from "~/models/driver.server";
import { getLatestStatusReport, getProjectCharter, listOpenProjectAsks, listProjectMilestones, listProjectTeam } from "~/models/project.server";

const ROLE_ORDER = [...LEAD_ROLES, "member"] as const;

/** The project's measures (not deleted) with their series, in the team's order. */
function deckMeasures(db: Db, projectId: number, order: readonly number[]) {
  const rows = listMeasures(db, projectId).map((m) => {
    const full = getMeasure(db, projectId, m.id);
    const series = listSeries(db, m.id);
    const dates = new Set(series.map((p) => p.periodDate));
    const rebases = listRebases(db, m.id).filter((r) => dates.has(r.periodDate) && series[0]?.periodDate !== r.periodDate);
    return {
      id: m.id,
      name: m.name,
      type: m.type,
      unit: m.unit,
      unitLabel: m.unitLabel,
      ratePer: m.ratePer,
      improvement: m.improvement,
      target: m.target,
      frequency: m.frequency,
      isPrimary: m.isPrimary,
      baselinePoints: full?.baselinePoints ?? null,
      chartType: full?.chartType ?? "xmr",
      series,
      rebases: rebases.map((r) => ({ periodDate: r.periodDate, reason: r.reason })),
    };
  });
  return orderMeasures(rows, order);
}

/** The deck's data, or null when the project does not exist. Hidden slides are left out unless asked for. */
export function loadPresentation(db: Db, projectId: number, opts: { includeHidden?: boolean } = {}) {
  const charter = getProjectCharter(db, projectId);
  if (!charter) return null;
  const p = charter.project;
  const settings = parseSettings(p.presentationSettings);
  const measures = deckMeasures(db, projectId, settings.measureOrder);
  const slides = visibleSlides(
    measures.map((m) => m.id),
    opts.includeHidden ? [] : settings.hidden,
  );
  const shown = new Set(slides.map((s) => s.key));
  const team = listProjectTeam(db, projectId)
    .filter((m) => !m.endedAt)
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name))
    .map((m) => ({ id: m.id, role: m.role, name: m.name, jobTitle: m.jobTitle }));
  const report = getLatestStatusReport(db, projectId);
  return {
    settings,
    slides,
    project: {
      id: p.id,
      title: p.title,
      stage: p.stage,
      progressScore: p.progressScore,
      problem: p.problem,
      aimWhat: p.aimWhat,
      aimForWhom: p.aimForWhom,
      aimMeasure: p.aimMeasure,
      aimBaseline: p.aimBaseline,
      aimTarget: p.aimTarget,
      aimTargetDate: p.aimTargetDate,
      theme: charter.theme,
      waveNumber: charter.waveNumber,
      waveName: charter.waveName,
    },
    team,
    measures: measures.filter((m) => shown.has(`measure-${m.id}`)),
    cycles: listTimelineCycles(db, projectId),
    diagram: diagramData(db, projectId),
    pdsaMarkers: listPdsaMarkers(db, projectId),
    milestones: listProjectMilestones(db, projectId),
    asks: listOpenProjectAsks(db, projectId),
    report: report ? { reportDate: report.reportDate, rag: report.rag, ragReason: report.ragReason, nextSteps: report.nextSteps } : null,
  };
}

/** The driver diagram as the deck and the one-page print draw it (no PICK history). */
function diagramData(db: Db, projectId: number) {
  const { history: _history, ...d } = getDiagram(db, projectId);
  return d;
}

export type PresentationData = NonNullable<ReturnType<typeof loadPresentation>>;

/** The measures the settings form orders: every measure of the project, in the saved order. */
export function listOrderableMeasures(db: Db, projectId: number, order: readonly number[]) {
  return orderMeasures(
    listMeasures(db, projectId).map((m) => ({ id: m.id, name: m.name })),
    order,
  );
}

export function getSettings(db: Db, projectId: number): PresentationSettings | null {
  const row = db.select({ json: projects.presentationSettings }).from(projects).where(eq(projects.id, projectId)).get();
  return row ? parseSettings(row.json) : null;
}

/** Who saved the settings last, and when (for the conflict notice). */
export function lastSettingsChange(db: Db, projectId: number) {
  return (
    db
      .select({ at: auditEvents.at, name: users.name, email: auditEvents.actorEmail })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.userId))
      .where(and(eq(auditEvents.projectId, projectId), eq(auditEvents.action, "project.presentation_changed")))
      .orderBy(desc(auditEvents.id))
      .limit(1)
      .get() ?? null
  );
}
