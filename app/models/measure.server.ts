// Measures of improvement: their definitions, the primary measure, soft deletion, and
// what their charts need from the rest of the project (PDSA cycles). Every query is
// scoped by project; a deleted measure is gone from every page but keeps its data.
// The writes are commands in measure-commands.server.ts.
import { CHART_TYPE_LABELS } from "~/domain/measure-chart";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { measurePoints, measures, pdsaCycles, users } from "~/db.server";
import { type Db } from "~/db.server";
import { FREQUENCY_LABELS, IMPROVEMENT_LABELS, MEASURE_TYPE_LABELS } from "~/domain/labels";
import { buildConflict, type Conflict } from "~/domain/conflict";
import { formatDay } from "~/domain/calendar";
import { DEFINITION_LABELS } from "~/domain/measure-fields";
import type { DefinitionValues } from "~/forms/measure-form";

/** The project's measures with their stored SPC summary, primary first. */
export function listMeasures(db: Db, projectId: number) {
  return db
    .select({
      id: measures.id,
      name: measures.name,
      type: measures.type,
      unit: measures.unit,
      unitLabel: measures.unitLabel,
      ratePer: measures.ratePer,
      improvement: measures.improvement,
      target: measures.target,
      frequency: measures.frequency,
      isPrimary: measures.isPrimary,
      points: measures.spcPoints,
      latestDate: measures.spcLatestDate,
      latestValue: measures.spcLatestValue,
      latestSignal: measures.spcLatestSignal,
      variationIcon: measures.spcVariationIcon,
      assuranceIcon: measures.spcAssuranceIcon,
      sparkline: measures.spcSparkline,
    })
    .from(measures)
    .where(and(eq(measures.projectId, projectId), isNull(measures.deletedAt)))
    .orderBy(desc(measures.isPrimary), asc(measures.id))
    .all();
}

/** One measure of the project (null when it is another project's, deleted, or missing). */
export function getMeasure(db: Db, projectId: number, measureId: number) {
  const row = db
    .select({
      id: measures.id,
      projectId: measures.projectId,
      name: measures.name,
      type: measures.type,
      definition: measures.definition,
      unit: measures.unit,
      unitLabel: measures.unitLabel,
      ratePer: measures.ratePer,
      improvement: measures.improvement,
      target: measures.target,
      targetDate: measures.targetDate,
      frequency: measures.frequency,
      dataOwner: measures.dataOwner,
      dataSource: measures.dataSource,
      usesRatio: measures.usesRatio,
      baselinePoints: measures.baselinePoints,
      chartType: measures.chartType,
      isPrimary: measures.isPrimary,
      spcPoints: measures.spcPoints,
      updatedAt: measures.updatedAt,
      updatedByName: users.name,
      version: measures.version,
    })
    .from(measures)
    .leftJoin(users, eq(users.id, measures.updatedBy))
    .where(and(eq(measures.id, measureId), eq(measures.projectId, projectId), isNull(measures.deletedAt)))
    .get();
  return row ?? null;
}

export type Measure = NonNullable<ReturnType<typeof getMeasure>>;

/** The name of a deleted measure of the project, for the "deleted" banner (null for any other id). */
export function deletedMeasureName(db: Db, projectId: number, measureId: number): string | null {
  const row = db
    .select({ name: measures.name, deletedAt: measures.deletedAt })
    .from(measures)
    .where(and(eq(measures.id, measureId), eq(measures.projectId, projectId)))
    .get();
  return row?.deletedAt ? row.name : null;
}

export function countPoints(db: Db, measureId: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(measurePoints)
      .where(eq(measurePoints.measureId, measureId))
      .get()?.n ?? 0
  );
}

/** The project's PDSA cycles (not deleted) as chart markers on the time axis. */
export function listPdsaMarkers(db: Db, projectId: number) {
  return db
    .select({ number: pdsaCycles.number, title: pdsaCycles.title, date: pdsaCycles.startDate, status: pdsaCycles.status })
    .from(pdsaCycles)
    .where(and(eq(pdsaCycles.projectId, projectId), isNull(pdsaCycles.deletedAt)))
    .orderBy(asc(pdsaCycles.startDate), asc(pdsaCycles.number))
    .all()
    .map((c) => ({ date: c.date, label: `Cycle ${c.number}: ${c.title}`, planned: c.status === "planned" }));
}

/** A definition as people read it, for the audit summary and the conflict panel. */
export function readableDefinition(v: DefinitionValues): Record<string, unknown> {
  return {
    ...v,
    type: MEASURE_TYPE_LABELS[v.type],
    improvement: IMPROVEMENT_LABELS[v.improvement],
    frequency: FREQUENCY_LABELS[v.frequency],
    targetDate: formatDay(v.targetDate),
    usesRatio: v.usesRatio ? "Yes" : "No",
    chartType: CHART_TYPE_LABELS[v.chartType],
    isPrimary: v.isPrimary ? "Yes" : "No",
  };
}

export function definitionOf(m: Measure): DefinitionValues {
  return {
    name: m.name,
    type: m.type,
    definition: m.definition,
    unit: m.unit,
    unitLabel: m.unitLabel,
    ratePer: m.ratePer,
    improvement: m.improvement,
    target: m.target,
    targetDate: m.targetDate,
    frequency: m.frequency,
    dataOwner: m.dataOwner,
    dataSource: m.dataSource,
    usesRatio: m.usesRatio,
    baselinePoints: m.baselinePoints,
    chartType: m.chartType,
    isPrimary: m.isPrimary,
  };
}

export function definitionConflict(current: Measure, submitted: DefinitionValues): Conflict {
  return buildConflict({
    changedBy: current.updatedByName,
    changedAt: current.updatedAt,
    currentVersion: current.version,
    current: readableDefinition(definitionOf(current)),
    submitted: readableDefinition(submitted),
    labels: DEFINITION_LABELS,
  });
}
