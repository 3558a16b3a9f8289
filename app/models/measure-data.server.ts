// A measure's data: its values (one per period), imports, rebases and chart notes.
// Every change runs in one transaction with its audit row and the refresh of the
// measure's stored SPC summary, so the board never sees a half-saved series.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { measureAnnotations, measurePoints, measureRebases, users } from "~/db.server";
import type { Db } from "~/db.server";
import { periodLabel } from "~/domain/measure-periods";
import { nowMs } from "~/clock.server";
import { formatNumber } from "~/domain/spc";
import type { ImportRow } from "~/forms/measure-import-check.server";
import { recordAudit } from "~/models/audit.server";
import { refreshMeasureSummary } from "~/models/measure-summary.server";
import type { Actor, Measure } from "~/models/measure.server";

type MeasureRef = Pick<Measure, "id" | "projectId" | "name" | "frequency">;

export type PointValues = {
  periodDate: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  note: string;
};

/** The series, oldest first: what the chart needs. */
export function listSeries(db: Db, measureId: number) {
  return db
    .select({ periodDate: measurePoints.periodDate, value: measurePoints.value })
    .from(measurePoints)
    .where(eq(measurePoints.measureId, measureId))
    .orderBy(asc(measurePoints.periodDate))
    .all();
}

/** One page of the values with everything the data table shows, newest first. */
export function listPointsPage(db: Db, measureId: number, page: number, pageSize: number) {
  return db
    .select({
      id: measurePoints.id,
      periodDate: measurePoints.periodDate,
      value: measurePoints.value,
      numerator: measurePoints.numerator,
      denominator: measurePoints.denominator,
      note: measurePoints.note,
    })
    .from(measurePoints)
    .where(eq(measurePoints.measureId, measureId))
    .orderBy(desc(measurePoints.periodDate))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
}

export function getPoint(db: Db, measureId: number, pointId: number) {
  return (
    db
      .select({
        id: measurePoints.id,
        periodDate: measurePoints.periodDate,
        value: measurePoints.value,
        numerator: measurePoints.numerator,
        denominator: measurePoints.denominator,
        note: measurePoints.note,
        updatedAt: measurePoints.updatedAt,
      })
      .from(measurePoints)
      .where(and(eq(measurePoints.id, pointId), eq(measurePoints.measureId, measureId)))
      .get() ?? null
  );
}

export type Point = NonNullable<ReturnType<typeof getPoint>>;

export function findPointByPeriod(db: Db, measureId: number, periodDate: string) {
  return (
    db
      .select({ id: measurePoints.id, value: measurePoints.value })
      .from(measurePoints)
      .where(and(eq(measurePoints.measureId, measureId), eq(measurePoints.periodDate, periodDate)))
      .get() ?? null
  );
}

/** Every stored period of the measure with its value, for an import's "would replace" check. */
export function storedValues(db: Db, measureId: number): Map<string, number> {
  const rows = db
    .select({ periodDate: measurePoints.periodDate, value: measurePoints.value })
    .from(measurePoints)
    .where(eq(measurePoints.measureId, measureId))
    .all();
  return new Map(rows.map((r) => [r.periodDate, r.value]));
}

const describeValue = (v: Pick<PointValues, "value" | "numerator" | "denominator">) =>
  v.numerator !== null && v.denominator !== null
    ? `${formatNumber(v.value)} (${formatNumber(v.numerator)} / ${formatNumber(v.denominator)})`
    : formatNumber(v.value);

function audit(db: Db, m: MeasureRef, actor: Actor, ip: string, summary: string, details?: unknown) {
  recordAudit(db, {
    actor,
    action: "measure.data_changed",
    entityType: "measure",
    entityId: m.id,
    projectId: m.projectId,
    summary: `${m.name}: ${summary}`,
    details,
    ip,
  });
}

export function addPoint(db: Db, opts: { measure: MeasureRef; values: PointValues; actor: Actor; ip: string }) {
  const { measure, values, actor, ip } = opts;
  return db.transaction(() => {
    const at = new Date(nowMs());
    const row = db
      .insert(measurePoints)
      .values({ measureId: measure.id, ...values, createdBy: actor.id, createdAt: at, updatedAt: at })
      .returning({ id: measurePoints.id })
      .get();
    audit(db, measure, actor, ip, `added ${describeValue(values)} for ${periodLabel(values.periodDate, measure.frequency)}`);
    refreshMeasureSummary(db, measure.id);
    return row.id;
  });
}

/** Corrects a value if it is unchanged since `updatedAt` was read; false on a conflict. */
export function updatePoint(
  db: Db,
  opts: { measure: MeasureRef; before: Point; values: PointValues; updatedAt: number; actor: Actor; ip: string },
): boolean {
  const { measure, before, values, updatedAt, actor, ip } = opts;
  return db.transaction(() => {
    const result = db
      .update(measurePoints)
      .set({ ...values, updatedAt: new Date(Math.max(nowMs(), updatedAt + 1)) })
      .where(and(eq(measurePoints.id, before.id), sql`${measurePoints.updatedAt} = ${updatedAt}`))
      .run();
    if (result.changes !== 1) return false;
    const moved =
      before.periodDate !== values.periodDate
        ? ` and moved it from ${periodLabel(before.periodDate, measure.frequency)}`
        : "";
    const noted = before.note !== values.note ? " (note changed)" : "";
    audit(
      db,
      measure,
      actor,
      ip,
      `corrected ${periodLabel(values.periodDate, measure.frequency)}: ${describeValue(before)} → ${describeValue(values)}${moved}${noted}`,
    );
    refreshMeasureSummary(db, measure.id);
    return true;
  });
}

export function deletePoint(
  db: Db,
  opts: { measure: MeasureRef; point: Point; updatedAt: number; actor: Actor; ip: string },
): boolean {
  const { measure, point, updatedAt, actor, ip } = opts;
  return db.transaction(() => {
    const result = db
      .delete(measurePoints)
      .where(and(eq(measurePoints.id, point.id), sql`${measurePoints.updatedAt} = ${updatedAt}`))
      .run();
    if (result.changes !== 1) return false;
    audit(db, measure, actor, ip, `deleted the value for ${periodLabel(point.periodDate, measure.frequency)} (${describeValue(point)})`);
    refreshMeasureSummary(db, measure.id);
    return true;
  });
}

/**
 * Saves checked import rows in one transaction with one prepared statement: new periods
 * are added; periods that already have a value get the new value (the caller has asked)
 * and keep their notes.
 */
export function importPoints(
  db: Db,
  opts: { measure: MeasureRef; rows: readonly ImportRow[]; replacing: number; actor: Actor; ip: string },
) {
  const { measure, rows, replacing, actor, ip } = opts;
  const at = nowMs();
  // A raw prepared statement: drizzle would build each of 10,000 inserts afresh.
  const upsert = db.$client.prepare(
    `insert into measure_points (measure_id, period_date, value, numerator, denominator, note, created_by, created_at, updated_at)
     values (?, ?, ?, ?, ?, '', ?, ?, ?)
     on conflict (measure_id, period_date) do update set
       value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,
       updated_at = excluded.updated_at`,
  );
  db.transaction(() => {
    for (const r of rows) upsert.run(measure.id, r.periodDate, r.value, r.numerator, r.denominator, actor.id, at, at);
    const sorted = rows.map((r) => r.periodDate).sort();
    const span = sorted.length
      ? ` from ${periodLabel(sorted[0], measure.frequency)} to ${periodLabel(sorted[sorted.length - 1], measure.frequency)}`
      : "";
    const added = rows.length - replacing;
    audit(
      db,
      measure,
      actor,
      ip,
      `imported ${rows.length.toLocaleString("en-GB")} values${span} (${added.toLocaleString("en-GB")} added, ${replacing.toLocaleString("en-GB")} replaced)`,
      { rows: rows.length, added, replaced: replacing },
    );
    refreshMeasureSummary(db, measure.id);
  });
  return { added: rows.length - replacing, replaced: replacing };
}

// Rebases: the limits are recalculated from a period, for a recorded reason.

export function listRebases(db: Db, measureId: number) {
  return db
    .select({
      id: measureRebases.id,
      periodDate: measureRebases.periodDate,
      reason: measureRebases.reason,
      createdAt: measureRebases.createdAt,
      createdByName: users.name,
    })
    .from(measureRebases)
    .leftJoin(users, eq(users.id, measureRebases.createdBy))
    .where(eq(measureRebases.measureId, measureId))
    .orderBy(asc(measureRebases.periodDate))
    .all();
}

export function addRebase(
  db: Db,
  opts: { measure: MeasureRef; periodDate: string; reason: string; actor: Actor; ip: string },
) {
  const { measure, periodDate, reason, actor, ip } = opts;
  return db.transaction(() => {
    const row = db
      .insert(measureRebases)
      .values({ measureId: measure.id, periodDate, reason, createdBy: actor.id, createdAt: new Date(nowMs()) })
      .returning({ id: measureRebases.id })
      .get();
    recordAudit(db, {
      actor,
      action: "measure.updated",
      entityType: "measure",
      entityId: measure.id,
      projectId: measure.projectId,
      summary: `${measure.name}: limits recalculated from ${periodLabel(periodDate, measure.frequency)} (${reason})`,
      ip,
    });
    refreshMeasureSummary(db, measure.id);
    return row.id;
  });
}

export function deleteRebase(db: Db, opts: { measure: MeasureRef; rebaseId: number; actor: Actor; ip: string }): boolean {
  const { measure, rebaseId, actor, ip } = opts;
  return db.transaction(() => {
    const row = db
      .delete(measureRebases)
      .where(and(eq(measureRebases.id, rebaseId), eq(measureRebases.measureId, measure.id)))
      .returning({ periodDate: measureRebases.periodDate, reason: measureRebases.reason })
      .get();
    if (!row) return false;
    recordAudit(db, {
      actor,
      action: "measure.updated",
      entityType: "measure",
      entityId: measure.id,
      projectId: measure.projectId,
      summary: `${measure.name}: removed the rebase from ${periodLabel(row.periodDate, measure.frequency)} (${row.reason})`,
      ip,
    });
    refreshMeasureSummary(db, measure.id);
    return true;
  });
}

// Notes shown on the chart.

export function listAnnotations(db: Db, measureId: number) {
  return db
    .select({
      id: measureAnnotations.id,
      periodDate: measureAnnotations.periodDate,
      text: measureAnnotations.text,
      createdAt: measureAnnotations.createdAt,
      createdByName: users.name,
    })
    .from(measureAnnotations)
    .leftJoin(users, eq(users.id, measureAnnotations.createdBy))
    .where(eq(measureAnnotations.measureId, measureId))
    .orderBy(asc(measureAnnotations.periodDate), asc(measureAnnotations.id))
    .all();
}

export function addAnnotation(
  db: Db,
  opts: { measure: MeasureRef; periodDate: string; text: string; actor: Actor; ip: string },
) {
  const { measure, periodDate, text, actor, ip } = opts;
  return db.transaction(() => {
    const row = db
      .insert(measureAnnotations)
      .values({ measureId: measure.id, periodDate, text, createdBy: actor.id, createdAt: new Date(nowMs()) })
      .returning({ id: measureAnnotations.id })
      .get();
    recordAudit(db, {
      actor,
      action: "measure.updated",
      entityType: "measure",
      entityId: measure.id,
      projectId: measure.projectId,
      summary: `${measure.name}: added a chart note for ${periodLabel(periodDate, measure.frequency)}`,
      ip,
    });
    return row.id;
  });
}

export function deleteAnnotation(
  db: Db,
  opts: { measure: MeasureRef; annotationId: number; actor: Actor; ip: string },
): boolean {
  const { measure, annotationId, actor, ip } = opts;
  return db.transaction(() => {
    const row = db
      .delete(measureAnnotations)
      .where(and(eq(measureAnnotations.id, annotationId), eq(measureAnnotations.measureId, measure.id)))
      .returning({ periodDate: measureAnnotations.periodDate, text: measureAnnotations.text })
      .get();
    if (!row) return false;
    recordAudit(db, {
      actor,
      action: "measure.updated",
      entityType: "measure",
      entityId: measure.id,
      projectId: measure.projectId,
      summary: `${measure.name}: removed the chart note for ${periodLabel(row.periodDate, measure.frequency)}`,
      ip,
    });
    return true;
  });
}
