// Writes to a measure's data: its values (added, corrected, deleted, imported), rebases and chart
// notes. Each is one `measureCommand`: one transaction with its audit row and the refresh of the
// measure's stored SPC summary, so the board never sees a half-saved series.
import { and, eq, sql } from "drizzle-orm";
import { measureAnnotations, measurePoints, measureRebases } from "~/db.server";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";
import { buildConflict, type Conflict } from "~/domain/conflict";
import { capitalise, formatMeasureValue, periodLabel, unitSuffix } from "~/domain/measure-periods";
import { formatNumber } from "~/domain/spc";
import type { ImportRow } from "~/forms/measure-import-check.server";
import { conflict, refused, type Actor, type CommandResult } from "~/models/command.server";
import { areTrialLimits, trialLimitsWarning, TRIAL_CONFIRM_MESSAGE } from "~/domain/rebase-rules";
import { createdOnce, measureCommand, NOT_FOUND, type Once } from "~/models/measure-commands.server";
import { getPoint, rebasePoints, type PointValues } from "~/models/measure-data.server";
import { dataCounts } from "~/models/measure-events.server";
import type { Measure } from "~/models/measure.server";

type MeasureRef = Pick<Measure, "id" | "projectId" | "name" | "frequency">;
type Created = CommandResult<{ location: string; id: number | null }>;

const describeValue = (v: Pick<PointValues, "value" | "numerator" | "denominator">) =>
  v.numerator !== null && v.denominator !== null
    ? `${formatNumber(v.value)} (${formatNumber(v.numerator)} / ${formatNumber(v.denominator)})`
    : formatNumber(v.value);

const period = (m: MeasureRef, periodDate: string) => periodLabel(periodDate, m.frequency);

/** A measure with recorded events has its values worked out from them (ADR 034): they are not written one by one. */
export const VALUES_FROM_EVENTS = "This measure's values are worked out from the dates of its events: record or delete an event instead of changing a value";
const fromEvents = (tx: Db, measureId: number) => (dataCounts(tx, measureId).events > 0 ? refused(VALUES_FROM_EVENTS, 400) : null);

export type AddPoint = Once & { measure: MeasureRef; values: PointValues; location: string };

export function addPoint(db: Db, actor: Actor, input: AddPoint): Created {
  const { measure, values } = input;
  return measureCommand(
    db,
    actor,
    measure,
    "data",
    (tx) =>
      fromEvents(tx, measure.id) ??
      createdOnce(tx, actor, "measure_point", input.formToken, () => {
        const at = new Date(nowMs());
        const { id } = tx
          .insert(measurePoints)
          .values({ measureId: measure.id, ...values, createdBy: actor.id, createdAt: at, updatedAt: at })
          .returning({ id: measurePoints.id })
          .get();
        const summary = `${measure.name}: added ${describeValue(values)} for ${period(measure, values.periodDate)}`;
        return { id, location: input.location, summary };
      }),
  );
}

/** A value's 409: the value as it is now beside the one submitted, and its current stamp. */
export type PointConflict = { notice: Conflict; updatedAt: number | null };

type ShownMeasure = MeasureRef & Pick<Measure, "unit" | "unitLabel" | "ratePer">;

const readablePoint = (m: ShownMeasure, v: Pick<PointValues, "periodDate" | "value" | "numerator" | "denominator" | "note">) => ({
  periodDate: capitalise(period(m, v.periodDate)),
  value:
    v.numerator !== null && v.denominator !== null
      ? `${formatMeasureValue(v.value, unitSuffix(m))} (${formatNumber(v.numerator)} / ${formatNumber(v.denominator)})`
      : formatMeasureValue(v.value, unitSuffix(m)),
  note: v.note,
});

const POINT_LABELS = { periodDate: "Period", value: "Value", note: "Note" };

export type CorrectPoint = { measure: ShownMeasure; pointId: number; values: PointValues; updatedAt: number };

/** Corrects a value if it is unchanged since `updatedAt` was read. */
export function correctPoint(db: Db, actor: Actor, input: CorrectPoint): CommandResult<{ id: number }, PointConflict> {
  const { measure, pointId, values, updatedAt } = input;
  return measureCommand<{ id: number }, PointConflict>(db, actor, measure, "data", (tx) => {
    const before = getPoint(tx, measure.id, pointId);
    if (!before) return NOT_FOUND("value");
    const derived = fromEvents(tx, measure.id);
    if (derived) return derived;
    const changed = tx
      .update(measurePoints)
      .set({ ...values, updatedAt: new Date(Math.max(nowMs(), updatedAt + 1)) })
      .where(and(eq(measurePoints.id, pointId), sql`${measurePoints.updatedAt} = ${updatedAt}`))
      .run().changes;
    if (changed !== 1) {
      const notice = buildConflict({
        changedBy: null,
        changedAt: before.updatedAt,
        currentVersion: 0,
        current: readablePoint(measure, before),
        submitted: readablePoint(measure, values),
        labels: POINT_LABELS,
      });
      return conflict({ notice, updatedAt: before.updatedAt.getTime() });
    }
    const moved = before.periodDate !== values.periodDate ? ` and moved it from ${period(measure, before.periodDate)}` : "";
    const noted = before.note !== values.note ? " (note changed)" : "";
    const change = `${describeValue(before)} → ${describeValue(values)}${moved}${noted}`;
    return {
      value: { id: pointId },
      summary: `${measure.name}: corrected ${period(measure, values.periodDate)}: ${change}`,
    };
  });
}

export type DeletePoint = { measure: MeasureRef; pointId: number; updatedAt: number };

export const POINT_CHANGED =
  "This value was corrected by someone else since you opened it, so it has not been deleted. Check the value below, then delete it again if you still want to.";

/** Deletes a value if it is unchanged since `updatedAt` was read. */
export function deletePoint(db: Db, actor: Actor, input: DeletePoint): CommandResult<{ id: number }, PointConflict> {
  const { measure, pointId, updatedAt } = input;
  return measureCommand<{ id: number }, PointConflict>(db, actor, measure, "data", (tx) => {
    const point = getPoint(tx, measure.id, pointId);
    if (!point) return NOT_FOUND("value");
    const derived = fromEvents(tx, measure.id);
    if (derived) return derived;
    const deleted = tx
      .delete(measurePoints)
      .where(and(eq(measurePoints.id, pointId), sql`${measurePoints.updatedAt} = ${updatedAt}`))
      .run().changes;
    if (deleted !== 1) {
      return conflict({
        notice: { message: POINT_CHANGED, currentVersion: 0, fields: [] },
        updatedAt: point.updatedAt.getTime(),
      });
    }
    return {
      value: { id: pointId },
      summary: `${measure.name}: deleted the value for ${period(measure, point.periodDate)} (${describeValue(point)})`,
    };
  });
}

export type ImportPoints = Once & {
  measure: MeasureRef;
  rows: readonly ImportRow[];
  /** How many of the rows replace a stored value (the caller has asked). */
  replacing: number;
  locate: (saved: { added: number; replaced: number }) => string;
};

/**
 * Saves checked import rows with one prepared statement: new periods are added; periods that
 * already have a value get the new value and keep their notes.
 */
export function importPoints(db: Db, actor: Actor, input: ImportPoints): CommandResult<{ location: string }> {
  const { measure, rows, replacing } = input;
  const saved = { added: rows.length - replacing, replaced: replacing };
  return measureCommand(db, actor, measure, "data", (tx) => {
    const derived = fromEvents(tx, measure.id);
    if (derived) return derived;
    const write = createdOnce(tx, actor, "measure_import", input.formToken, () => {
      const at = nowMs();
      // A raw prepared statement: drizzle would build each of 10,000 inserts afresh.
      const upsert = tx.$client.prepare(
        `insert into measure_points (measure_id, period_date, value, numerator, denominator, note, created_by, created_at, updated_at)
         values (?, ?, ?, ?, ?, '', ?, ?, ?)
         on conflict (measure_id, period_date) do update set
           value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,
           updated_at = excluded.updated_at`,
      );
      for (const r of rows) upsert.run(measure.id, r.periodDate, r.value, r.numerator, r.denominator, actor.id, at, at);
      const sorted = rows.map((r) => r.periodDate).sort();
      const span = sorted.length ? ` from ${period(measure, sorted[0])} to ${period(measure, sorted[sorted.length - 1])}` : "";
      const counts = `${saved.added.toLocaleString("en-GB")} added, ${saved.replaced.toLocaleString("en-GB")} replaced`;
      const summary = `${measure.name}: imported ${rows.length.toLocaleString("en-GB")} values${span} (${counts})`;
      return { id: measure.id, location: input.locate(saved), summary };
    });
    return { ...write, value: { location: write.value.location }, details: { rows: rows.length, ...saved } };
  });
}

// Rebases: the limits are recalculated from a period, for a recorded reason.

export type AddRebase = Once & {
  measure: MeasureRef;
  periodDate: string;
  reason: string;
  location: string;
  /** The person confirmed that limits on fewer than REBASE_MIN_POINTS points are trial limits. */
  trialConfirmed: boolean;
};

/** Recalculates the limits from a period; fewer than 12 points after it need `trialConfirmed` (a 400 otherwise). */
export function addRebase(db: Db, actor: Actor, input: AddRebase): Created {
  const { measure, periodDate, reason } = input;
  return measureCommand(db, actor, measure, "limits", (tx) => {
    const points = rebasePoints(tx, measure.id, periodDate);
    const trial = areTrialLimits(points);
    if (trial && !input.trialConfirmed) return refused(`${trialLimitsWarning(points)}. ${TRIAL_CONFIRM_MESSAGE}.`, 400);
    return createdOnce(tx, actor, "rebase", input.formToken, () => {
      const { id } = tx
        .insert(measureRebases)
        .values({ measureId: measure.id, periodDate, reason, createdBy: actor.id, createdAt: new Date(nowMs()) })
        .returning({ id: measureRebases.id })
        .get();
      const summary = `${measure.name}: limits recalculated from ${period(measure, periodDate)} (${reason})${trial ? `; trial limits on ${points} point${points === 1 ? "" : "s"}, confirmed` : ""}`;
      return { id, location: input.location, summary };
    });
  });
}

export function removeRebase(db: Db, actor: Actor, input: { measure: MeasureRef; rebaseId: number }): CommandResult<{ id: number }> {
  const { measure, rebaseId } = input;
  return measureCommand(db, actor, measure, "limits", (tx) => {
    const row = tx
      .delete(measureRebases)
      .where(and(eq(measureRebases.id, rebaseId), eq(measureRebases.measureId, measure.id)))
      .returning({ periodDate: measureRebases.periodDate, reason: measureRebases.reason })
      .get();
    if (!row) return NOT_FOUND("rebase");
    return {
      value: { id: rebaseId },
      summary: `${measure.name}: removed the rebase from ${period(measure, row.periodDate)} (${row.reason})`,
    };
  });
}

// Notes shown on the chart: they do not change the series, so the summary is not refreshed.

export type AddAnnotation = Once & { measure: MeasureRef; periodDate: string; text: string; location: string };

export function addAnnotation(db: Db, actor: Actor, input: AddAnnotation): Created {
  const { measure, periodDate, text } = input;
  return measureCommand(db, actor, measure, "note", (tx) =>
    createdOnce(tx, actor, "annotation", input.formToken, () => {
      const { id } = tx
        .insert(measureAnnotations)
        .values({ measureId: measure.id, periodDate, text, createdBy: actor.id, createdAt: new Date(nowMs()) })
        .returning({ id: measureAnnotations.id })
        .get();
      return {
        id,
        location: input.location,
        summary: `${measure.name}: added a chart note for ${period(measure, periodDate)}`,
      };
    }),
  );
}

export function removeAnnotation(db: Db, actor: Actor, input: { measure: MeasureRef; annotationId: number }): CommandResult<{ id: number }> {
  const { measure, annotationId } = input;
  return measureCommand(db, actor, measure, "note", (tx) => {
    const row = tx
      .delete(measureAnnotations)
      .where(and(eq(measureAnnotations.id, annotationId), eq(measureAnnotations.measureId, measure.id)))
      .returning({ periodDate: measureAnnotations.periodDate })
      .get();
    if (!row) return NOT_FOUND("note");
    return {
      value: { id: annotationId },
      summary: `${measure.name}: removed the chart note for ${period(measure, row.periodDate)}`,
    };
  });
}
