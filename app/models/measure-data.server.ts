// A measure's data as pages read it: its values (one per period), rebases and chart notes.
// The writes are commands in measure-data-commands.server.ts.
import { and, asc, desc, eq } from "drizzle-orm";
import { measureAnnotations, measurePoints, measureRebases, users } from "~/db.server";
import type { Db } from "~/db.server";
import { pointsInRebase } from "~/domain/rebase-rules";

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
    .select({ periodDate: measurePoints.periodDate, value: measurePoints.value, numerator: measurePoints.numerator, denominator: measurePoints.denominator })
    .from(measurePoints)
    .where(eq(measurePoints.measureId, measureId))
    .orderBy(asc(measurePoints.periodDate))
    .all();
}

/** A value as the data table and the correction form show it. */
const POINT_COLUMNS = {
  id: measurePoints.id,
  periodDate: measurePoints.periodDate,
  value: measurePoints.value,
  numerator: measurePoints.numerator,
  denominator: measurePoints.denominator,
  note: measurePoints.note,
};

/** One page of the values with everything the data table shows, newest first. */
export function listPointsPage(db: Db, measureId: number, page: number, pageSize: number) {
  return db
    .select(POINT_COLUMNS)
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
      .select({ ...POINT_COLUMNS, updatedAt: measurePoints.updatedAt })
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

/** Points the rebase at `periodDate` would rest on, with the rebases already there. */
export function rebasePoints(db: Db, measureId: number, periodDate: string) {
  const periods = listSeries(db, measureId).map((p) => p.periodDate);
  const rebases = [...listRebases(db, measureId).map((r) => r.periodDate), periodDate];
  return pointsInRebase(periods, periodDate, rebases);
}
