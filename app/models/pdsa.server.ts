// PDSA cycles and the change ideas they test. Every query is scoped by project; a soft-deleted
// cycle is gone from every list and page but keeps its number, its links and its audit trail.
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { changeIdeas, drivers, measures, pdsaCycleMeasures, pdsaCycles, users } from "~/db.server";
import type { Db } from "~/db.server";
import type { PdsaDecision } from "~/domain/enums";
import { PDSA_DECISION_LABELS, PDSA_STATUS_LABELS } from "~/domain/labels";
import { deriveStatus, quarterStart } from "~/domain/pdsa-rules";
import { buildConflict, type Conflict } from "~/domain/conflict";
import { formatDay, londonDay } from "~/domain/calendar";
import { CYCLE_LABELS, CYCLE_TEXT_FIELDS } from "~/domain/pdsa-fields";
import type { CycleValues } from "~/forms/pdsa-form";

export function listChangeIdeas(db: Db, projectId: number) {
  return db
    .select({ id: changeIdeas.id, title: changeIdeas.title })
    .from(changeIdeas)
    .where(and(eq(changeIdeas.projectId, projectId), isNull(changeIdeas.deletedAt)))
    .orderBy(asc(changeIdeas.createdAt), asc(changeIdeas.id))
    .all();
}

/** The project's measures a cycle can be judged on (not deleted). */
export function listMeasureOptions(db: Db, projectId: number) {
  return db
    .select({ id: measures.id, name: measures.name, type: measures.type })
    .from(measures)
    .where(and(eq(measures.projectId, projectId), isNull(measures.deletedAt)))
    .orderBy(sql`${measures.isPrimary} desc`, asc(measures.id))
    .all();
}

const previous = alias(pdsaCycles, "previous_cycle");

/** Every cycle of a project with what the timeline shows, in number order. */
export function listTimelineCycles(db: Db, projectId: number) {
  return db
    .select({
      id: pdsaCycles.id,
      number: pdsaCycles.number,
      title: pdsaCycles.title,
      changeIdeaId: pdsaCycles.changeIdeaId,
      changeIdea: changeIdeas.title,
      status: pdsaCycles.status,
      actDecision: pdsaCycles.actDecision,
      startDate: pdsaCycles.startDate,
      endDate: pdsaCycles.endDate,
      previousNumber: previous.number,
      previousChangeIdeaId: previous.changeIdeaId,
    })
    .from(pdsaCycles)
    .innerJoin(changeIdeas, eq(changeIdeas.id, pdsaCycles.changeIdeaId))
    .leftJoin(previous, eq(previous.id, pdsaCycles.previousCycleId))
    .where(and(eq(pdsaCycles.projectId, projectId), isNull(pdsaCycles.deletedAt)))
    .orderBy(asc(pdsaCycles.number))
    .all();
}

const creator = alias(users, "creator");
const updater = alias(users, "updater");

/** One cycle of this project (undefined if it is another project's, deleted or missing). */
export function getCycle(db: Db, projectId: number, cycleId: number) {
  const row = db
    .select({
      cycle: pdsaCycles,
      changeIdea: changeIdeas.title,
      createdByName: creator.name,
      updatedByName: updater.name,
      previous: { id: previous.id, number: previous.number, title: previous.title, deletedAt: previous.deletedAt },
    })
    .from(pdsaCycles)
    .innerJoin(changeIdeas, eq(changeIdeas.id, pdsaCycles.changeIdeaId))
    .leftJoin(creator, eq(creator.id, pdsaCycles.createdBy))
    .leftJoin(updater, eq(updater.id, pdsaCycles.updatedBy))
    .leftJoin(previous, eq(previous.id, pdsaCycles.previousCycleId))
    .where(and(eq(pdsaCycles.id, cycleId), eq(pdsaCycles.projectId, projectId), isNull(pdsaCycles.deletedAt)))
    .get();
  if (!row) return undefined;
  const linked = db
    .select({ id: measures.id, name: measures.name, deleted: sql<number>`${measures.deletedAt} is not null` })
    .from(pdsaCycleMeasures)
    .innerJoin(measures, eq(measures.id, pdsaCycleMeasures.measureId))
    .where(eq(pdsaCycleMeasures.cycleId, cycleId))
    .orderBy(asc(measures.id))
    .all();
  const { deletedAt: _deletedAt, ...cycle } = row.cycle;
  return {
    ...row,
    cycle,
    previous: row.previous?.id ? { ...row.previous, deleted: row.previous.deletedAt !== null } : null,
    measures: linked.map((m) => ({ id: m.id, name: m.name, deleted: Boolean(m.deleted) })),
  };
}

export type CycleDetail = NonNullable<ReturnType<typeof getCycle>>;

/** Cycles started from this one ("start the next cycle"), so a page can point along the ramp. */
export function listFollowingCycles(db: Db, projectId: number, cycleId: number) {
  return db
    .select({ id: pdsaCycles.id, number: pdsaCycles.number, title: pdsaCycles.title })
    .from(pdsaCycles)
    .where(and(eq(pdsaCycles.projectId, projectId), eq(pdsaCycles.previousCycleId, cycleId), isNull(pdsaCycles.deletedAt)))
    .orderBy(asc(pdsaCycles.number))
    .all();
}

/**
 * Field and form errors for ids in a submission that are not this project's: a change idea,
 * a measure (or a deleted one), or the cycle it follows. Null when every id is the project's own.
 */
export function referenceProblems(
  db: Db,
  projectId: number,
  values: Pick<CycleValues, "changeIdea" | "measureIds" | "previousCycleId"> & { newChangeIdeaDriver?: number },
): { fieldErrors: Record<string, string[]>; formErrors: string[] } | null {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  if (values.changeIdea === "new" && values.newChangeIdeaDriver !== undefined) {
    const driver = db
      .select({ id: drivers.id })
      .from(drivers)
      .where(and(eq(drivers.id, values.newChangeIdeaDriver), eq(drivers.projectId, projectId), eq(drivers.level, "secondary"), isNull(drivers.deletedAt)))
      .get();
    if (!driver) fieldErrors.newChangeIdeaDriver = ["Choose one of this project's secondary drivers"];
  }
  if (values.changeIdea !== "new") {
    const idea = db
      .select({ id: changeIdeas.id })
      .from(changeIdeas)
      .where(and(eq(changeIdeas.id, Number(values.changeIdea)), eq(changeIdeas.projectId, projectId)))
      .get();
    if (!idea) fieldErrors.changeIdea = ["Choose one of this project's change ideas, or name a new one"];
  }
  const wanted = [...new Set(values.measureIds)];
  if (wanted.length) {
    const found = db
      .select({ id: measures.id })
      .from(measures)
      .where(and(inArray(measures.id, wanted), eq(measures.projectId, projectId), isNull(measures.deletedAt)))
      .all();
    if (found.length !== wanted.length) fieldErrors.measureIds = ["Choose measures from this project's list"];
  }
  if (values.previousCycleId !== undefined) {
    const prev = db
      .select({ id: pdsaCycles.id })
      .from(pdsaCycles)
      .where(and(eq(pdsaCycles.id, values.previousCycleId), eq(pdsaCycles.projectId, projectId), isNull(pdsaCycles.deletedAt)))
      .get();
    if (!prev) formErrors.push("The cycle this one follows is not part of this project. Start again from the PDSA cycles page");
  }
  return Object.keys(fieldErrors).length || formErrors.length ? { fieldErrors, formErrors } : null;
}

type WorksheetInput = Partial<Record<(typeof CYCLE_TEXT_FIELDS)[number], string>> & {
  title: string;
  startDate: string;
  endDate?: string | null;
  actDecision?: PdsaDecision | null;
};

/** The worksheet's text boxes (the name of a new change idea belongs to the idea, the title is required). */
type Box = Exclude<(typeof CYCLE_TEXT_FIELDS)[number], "newChangeIdea" | "title">;
const BOXES = CYCLE_TEXT_FIELDS.filter((f): f is Box => f !== "newChangeIdea" && f !== "title");

export function worksheetColumns(values: WorksheetInput) {
  const boxes = Object.fromEntries(BOXES.map((f) => [f, values[f] ?? ""])) as Record<Box, string>;
  const columns = {
    title: values.title,
    ...boxes,
    actDecision: values.actDecision ?? null,
    startDate: values.startDate,
    endDate: values.endDate ?? null,
  };
  return { ...columns, status: deriveStatus(columns) };
}

/** Links the cycle to these measures, in place of the project's current ones it had. */
export function linkMeasures(db: Db, projectId: number, cycleId: number, measureIds: number[]) {
  // Links to measures deleted since stay: the cycle was judged on them.
  db.delete(pdsaCycleMeasures)
    .where(
      and(
        eq(pdsaCycleMeasures.cycleId, cycleId),
        inArray(
          pdsaCycleMeasures.measureId,
          db
            .select({ id: measures.id })
            .from(measures)
            .where(and(eq(measures.projectId, projectId), isNull(measures.deletedAt))),
        ),
      ),
    )
    .run();
  for (const measureId of new Set(measureIds)) db.insert(pdsaCycleMeasures).values({ cycleId, measureId }).run();
}

function measureNames(db: Db, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({ name: measures.name })
    .from(measures)
    .where(inArray(measures.id, ids))
    .orderBy(asc(measures.id))
    .all()
    .map((m) => m.name);
}

type Worksheet = ReturnType<typeof worksheetColumns>;

/** A cycle as people read it, one string per labelled field: for the audit summary and the conflict panel. */
function readable(c: Worksheet & { changeIdea: string; measures: string[] }) {
  return {
    ...c,
    measures: c.measures.join(", "),
    startDate: formatDay(c.startDate),
    endDate: formatDay(c.endDate),
    actDecision: c.actDecision ? PDSA_DECISION_LABELS[c.actDecision] : "",
    status: PDSA_STATUS_LABELS[c.status],
  };
}

export function readableStored(detail: CycleDetail) {
  const { cycle } = detail;
  return readable({
    ...worksheetColumns(cycle),
    status: cycle.status,
    changeIdea: detail.changeIdea,
    measures: detail.measures.filter((m) => !m.deleted).map((m) => m.name),
  });
}

export function readableSubmitted(db: Db, values: CycleValues) {
  const idea =
    values.changeIdea === "new"
      ? (values.newChangeIdea ?? "")
      : (db
          .select({ title: changeIdeas.title })
          .from(changeIdeas)
          .where(eq(changeIdeas.id, Number(values.changeIdea)))
          .get()?.title ?? "");
  return readable({ ...worksheetColumns(values), changeIdea: idea, measures: measureNames(db, values.measureIds) });
}

/** The 409 panel: who saved the cycle since, and their values beside the submitted ones. */
export function cycleConflict(db: Db, current: CycleDetail, values: CycleValues): Conflict {
  return buildConflict({
    changedBy: current.updatedByName,
    changedAt: current.cycle.updatedAt,
    currentVersion: current.cycle.version,
    current: readableStored(current),
    submitted: readableSubmitted(db, values),
    labels: CYCLE_LABELS,
  });
}

export type PdsaActivity = {
  /** The latest start date of a cycle that has started (none in the future). */
  latestStartDate: string | null;
  /** The day (Europe/London) a cycle was last created or edited. */
  latestUpdatedOn: string | null;
  /** The later of the two: when the project last showed PDSA activity. */
  latestActivityOn: string | null;
  /** Cycles whose start date falls in the current quarter, up to today. */
  startedThisQuarter: number;
};

/** For the board: per project, the latest PDSA activity and the cycles started this quarter. Deleted cycles do not count. */
export function latestPdsaActivity(db: Db, projectIds: number[], today: string): Map<number, PdsaActivity> {
  const result = new Map<number, PdsaActivity>(
    projectIds.map((id) => [id, { latestStartDate: null, latestUpdatedOn: null, latestActivityOn: null, startedThisQuarter: 0 }]),
  );
  if (!projectIds.length) return result;
  const from = quarterStart(today);
  const rows = db
    .select({
      projectId: pdsaCycles.projectId,
      latestStartDate: sql<string | null>`max(case when ${pdsaCycles.startDate} <= ${today} then ${pdsaCycles.startDate} end)`,
      latestUpdatedAt: sql<number | null>`max(${pdsaCycles.updatedAt})`,
      startedThisQuarter: sql<number>`coalesce(sum(case when ${pdsaCycles.startDate} between ${from} and ${today} then 1 else 0 end), 0)`,
    })
    .from(pdsaCycles)
    .where(and(inArray(pdsaCycles.projectId, projectIds), isNull(pdsaCycles.deletedAt)))
    .groupBy(pdsaCycles.projectId)
    .all();
  for (const r of rows) {
    const updatedOn = r.latestUpdatedAt === null ? null : londonDay(r.latestUpdatedAt);
    const latest =
      [r.latestStartDate, updatedOn]
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1) ?? null;
    result.set(r.projectId, {
      latestStartDate: r.latestStartDate,
      latestUpdatedOn: updatedOn,
      latestActivityOn: latest,
      startedThisQuarter: r.startedThisQuarter,
    });
  }
  return result;
}
