// Writes to a measure's definition: adding, editing, making it the primary measure and deleting it.
// `measureCommand` is the sequence every measure write shares (its data too, in
// measure-data-commands.server.ts): one transaction, the write with its version check, the audit
// row and, when the series or its limits may have changed, the refresh of the stored SPC summary.
import { and, eq, isNull, ne } from "drizzle-orm";
import { measures } from "~/db.server";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";
import { formatDateTime } from "~/domain/calendar";
import { describeChanges, type Conflict } from "~/domain/conflict";
import { DEFINITION_LABELS } from "~/domain/measure-fields";
import type { AuditAction } from "~/domain/enums";
import type { DefinitionValues } from "~/forms/measure-form";
import { conflict, ok, record, refused, runCommand, type Actor, type CommandResult, type Conflicted, type Refused } from "~/models/command.server";
import { createOnce } from "~/models/form-token.server";
import { refreshMeasureSummary } from "~/models/measure-summary.server";
import { definitionConflict, definitionOf, getMeasure, readableDefinition, type Measure } from "~/models/measure.server";
import { updateIfVersion } from "~/models/versioned.server";

type MeasureKey = Pick<Measure, "id" | "projectId">;

/** What a write did: its value and the audit summary, or no summary when nothing was written (a replay). */
export type MeasureWrite<T> = { value: T; summary: string | null; details?: unknown };

/** How a write is recorded: its audit action, and whether the stored SPC summary is worked out again. */
const KINDS = {
  created: { action: "measure.created", refresh: true },
  definition: { action: "measure.updated", refresh: true },
  primary: { action: "measure.updated", refresh: false },
  deleted: { action: "measure.deleted", refresh: false },
  data: { action: "measure.data_changed", refresh: true },
  limits: { action: "measure.updated", refresh: true },
  note: { action: "measure.updated", refresh: false },
} satisfies Record<string, { action: AuditAction; refresh: boolean }>;

export type MeasureChange = keyof typeof KINDS;

/**
 * Runs `write` in one transaction; a refusal or conflict it returns rolls everything back. Otherwise
 * records its audit row against the measure (the id the write returns, for a new one) and refreshes
 * the stored SPC summary when this kind of change can move it.
 */
export function measureCommand<T, C = never>(
  db: Db,
  actor: Actor,
  measure: MeasureKey | { projectId: number; id?: never },
  kind: MeasureChange,
  write: (tx: Db) => MeasureWrite<T> | Refused | Conflicted<C>,
): CommandResult<T, C> {
  return runCommand<T, C>(db, (tx) => {
    const done = write(tx);
    if ("ok" in done) return done as CommandResult<T, C>;
    if (done.summary !== null) {
      const id = measure.id ?? (done.value as { id: number }).id;
      const { action, refresh } = KINDS[kind];
      record(tx, actor, {
        action,
        entityType: "measure",
        entityId: id,
        projectId: measure.projectId,
        summary: done.summary,
        details: done.details,
      });
      if (refresh) refreshMeasureSummary(tx, id);
    }
    return ok(done.value);
  });
}

/** A form's one-time token: what a replay of it answers. */
export type Once = { formToken?: string };

/**
 * Creates at most once per form token: `create` writes the row and returns its id and audit summary;
 * a replay writes nothing and answers the first submission's page.
 */
export function createdOnce(
  tx: Db,
  actor: Actor,
  kind: string,
  formToken: string | undefined,
  create: () => { location: string; id: number; summary: string },
): MeasureWrite<{ location: string; id: number | null }> {
  let made: { id: number; summary: string } | null = null;
  const { location } = createOnce(tx, { userId: actor.id, kind, token: formToken }, () => {
    const { location, ...rest } = create();
    made = rest;
    return location;
  });
  const done = made as { id: number; summary: string } | null;
  return { value: { location, id: done?.id ?? null }, summary: done?.summary ?? null };
}

/** Only one measure of a project is primary: unset the others first (a partial unique index enforces it). */
function clearOtherPrimary(db: Db, projectId: number, keepId: number | null) {
  const others = and(eq(measures.projectId, projectId), eq(measures.isPrimary, true), isNull(measures.deletedAt));
  db.update(measures)
    .set({ isPrimary: false })
    .where(keepId === null ? others : and(others, ne(measures.id, keepId)))
    .run();
}

export type CreateMeasure = Once & {
  projectId: number;
  values: DefinitionValues;
  locate: (measureId: number) => string;
};

export function createMeasure(db: Db, actor: Actor, input: CreateMeasure): CommandResult<{ location: string; id: number | null }> {
  const { projectId, values, formToken, locate } = input;
  return measureCommand(db, actor, { projectId }, "created", (tx) =>
    createdOnce(tx, actor, "measure", formToken, () => {
      if (values.isPrimary) clearOtherPrimary(tx, projectId, null);
      const at = new Date(nowMs());
      const { id } = tx
        .insert(measures)
        .values({ projectId, ...values, updatedBy: actor.id, createdAt: at, updatedAt: at })
        .returning({ id: measures.id })
        .get();
      return {
        id,
        location: locate(id),
        summary: `Added measure: ${values.name}${values.isPrimary ? " (primary)" : ""}`,
      };
    }),
  );
}

const GONE = "Someone deleted this measure since you opened it. Your changes have not been saved.";

export type UpdateMeasure = { before: Measure; values: DefinitionValues; version: number };

/** Saves the definition if nobody saved since `version`; otherwise the current one beside the submitted. */
export function updateMeasure(db: Db, actor: Actor, input: UpdateMeasure): CommandResult<{ id: number }, Conflict> {
  const { before, values, version } = input;
  return measureCommand<{ id: number }, Conflict>(db, actor, before, "definition", (tx) => {
    // The version check comes first, so a losing save writes nothing, not even the primary switch.
    const current = getMeasure(tx, before.projectId, before.id);
    if (current?.version !== version) {
      return conflict(current ? definitionConflict(current, values) : { message: GONE, currentVersion: before.version, fields: [] });
    }
    if (values.isPrimary && !before.isPrimary) clearOtherPrimary(tx, before.projectId, before.id);
    updateIfVersion(tx, measures, before.id, version, values, actor.id);
    const changes = describeChanges(readableDefinition(definitionOf(before)), readableDefinition(values), DEFINITION_LABELS);
    return { value: { id: before.id }, summary: `${before.name}: ${changes}` };
  });
}

/** The 409 of a one-button write (make primary, delete): who changed the measure, and when. */
const changedSince = (m: Measure, notDone: string): Conflict => ({
  message: `This measure was changed by ${m.updatedByName ?? "someone else"} at ${formatDateTime(m.updatedAt)} since you opened it, so ${notDone}`,
  currentVersion: m.version,
  fields: [],
});

type Versioned = { measure: Measure; version: number };

/** Makes this the project's primary measure (the one the board shows); nothing to do if it is already. */
export function makePrimary(db: Db, actor: Actor, input: Versioned): CommandResult<{ changed: boolean }, Conflict> {
  const { measure, version } = input;
  return measureCommand<{ changed: boolean }, Conflict>(db, actor, measure, "primary", (tx) => {
    if (measure.isPrimary) return { value: { changed: false }, summary: null };
    const current = tx.select({ version: measures.version }).from(measures).where(eq(measures.id, measure.id)).get();
    if (current?.version !== version) {
      return conflict(changedSince(measure, "it has not been made the primary measure. Check the definition below, then try again."));
    }
    const previous = tx
      .select({ name: measures.name })
      .from(measures)
      .where(and(eq(measures.projectId, measure.projectId), eq(measures.isPrimary, true), isNull(measures.deletedAt)))
      .get();
    clearOtherPrimary(tx, measure.projectId, measure.id);
    updateIfVersion(tx, measures, measure.id, version, { isPrimary: true }, actor.id);
    const was = previous && previous.name !== measure.name ? ` (was ${previous.name})` : "";
    return { value: { changed: true }, summary: `Made ${measure.name} the primary measure${was}` };
  });
}

/** Soft delete at `version`: the measure leaves every page but keeps its data. */
export function deleteMeasure(db: Db, actor: Actor, input: Versioned): CommandResult<{ id: number }, Conflict> {
  const { measure, version } = input;
  return measureCommand<{ id: number }, Conflict>(db, actor, measure, "deleted", (tx) => {
    const values = { deletedAt: new Date(nowMs()), isPrimary: false };
    if (!updateIfVersion(tx, measures, measure.id, version, values, actor.id)) {
      return conflict(changedSince(measure, "it has not been deleted. Check the latest version, then delete it again if you still want to."));
    }
    const was = measure.isPrimary ? " (it was the primary measure)" : "";
    return { value: { id: measure.id }, summary: `Deleted measure: ${measure.name}${was}` };
  });
}

export const NOT_FOUND = (what: string): Refused => refused(`We could not find that ${what}.`, 404);
