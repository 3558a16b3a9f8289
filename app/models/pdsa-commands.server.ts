// Writes to a project's PDSA cycles: planning one, saving its worksheet and deleting it. A new
// change idea named on the form is created (and audited) with the cycle that tests it.
import { and, eq, isNull, sql } from "drizzle-orm";
import { changeIdeaDrivers, changeIdeas, drivers, pdsaCycles } from "~/db.server";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";
import { describeChanges, type Conflict } from "~/domain/conflict";
import { formatDateTime, formatDay } from "~/domain/calendar";
import { CYCLE_LABELS } from "~/domain/pdsa-fields";
import { doneBeforeStartProblem, nextCycleNumber } from "~/domain/pdsa-rules";
import type { CycleValues } from "~/forms/pdsa-form";
import { conflict, ok, record, refused, runCommand, type Actor, type CommandResult } from "~/models/command.server";
import { spendFormToken, spentFormToken, type Created } from "~/models/form-token.server";
import { cycleConflict, getCycle, linkMeasures, readableStored, readableSubmitted, worksheetColumns } from "~/models/pdsa.server";
import { updateIfVersion } from "~/models/versioned.server";

/** An existing change idea, one of the same name (any case), or a new one (audited). */
function resolveChangeIdea(db: Db, actor: Actor, projectId: number, values: CycleValues) {
  if (values.changeIdea !== "new") {
    const id = Number(values.changeIdea);
    const idea = db.select({ title: changeIdeas.title }).from(changeIdeas).where(eq(changeIdeas.id, id)).get();
    return { id, title: idea?.title ?? "" };
  }
  const title = (values.newChangeIdea ?? "").trim();
  const same = db
    .select({ id: changeIdeas.id, title: changeIdeas.title })
    .from(changeIdeas)
    .where(and(eq(changeIdeas.projectId, projectId), sql`lower(${changeIdeas.title}) = lower(${title})`))
    .get();
  const driver =
    values.newChangeIdeaDriver === undefined
      ? undefined
      : db
          .select({ id: drivers.id, title: drivers.title })
          .from(drivers)
          .where(and(eq(drivers.id, values.newChangeIdeaDriver), eq(drivers.projectId, projectId), eq(drivers.level, "secondary"), isNull(drivers.deletedAt)))
          .get();
  if (same) return same;
  const created = db
    .insert(changeIdeas)
    .values({ projectId, title, createdAt: new Date(nowMs()) })
    .returning({ id: changeIdeas.id })
    .get();
  if (driver) db.insert(changeIdeaDrivers).values({ changeIdeaId: created.id, driverId: driver.id }).run();
  record(db, actor, {
    action: "change_idea.created",
    entityType: "change_idea",
    entityId: created.id,
    projectId,
    summary: driver ? `Added change idea: ${title}, under ${driver.title}` : `Added change idea: ${title}`,
  });
  return { id: created.id, title };
}

export type CreateCycle = { projectId: number; values: CycleValues; formToken?: string };

/** Plans a cycle with the next number, once per form token: a replay answers the first cycle's page. */
export function createCycle(db: Db, actor: Actor, input: CreateCycle): CommandResult<Created> {
  const { projectId, values, formToken } = input;
  const once = { userId: actor.id, kind: "pdsa_cycle", token: formToken };
  return runCommand<Created>(db, (tx) => {
    const replay = spentFormToken(tx, once);
    if (replay) return ok({ replayed: true, location: replay, id: null });
    const idea = resolveChangeIdea(tx, actor, projectId, values);
    const numbers = tx
      .select({ number: pdsaCycles.number })
      .from(pdsaCycles)
      .where(eq(pdsaCycles.projectId, projectId))
      .all()
      .map((r) => r.number);
    const number = nextCycleNumber(numbers);
    const at = new Date(nowMs());
    const cycle = tx
      .insert(pdsaCycles)
      .values({
        projectId,
        number,
        changeIdeaId: idea.id,
        previousCycleId: values.previousCycleId ?? null,
        ...worksheetColumns(values),
        createdBy: actor.id,
        updatedBy: actor.id,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: pdsaCycles.id })
      .get();
    linkMeasures(tx, projectId, cycle.id, values.measureIds);
    record(tx, actor, {
      action: "pdsa.created",
      entityType: "pdsa_cycle",
      entityId: cycle.id,
      projectId,
      summary: `Planned PDSA cycle ${number}: ${values.title} (change idea: ${idea.title})`,
    });
    const location = `/projects/${projectId}/pdsa/${cycle.id}?saved=created`;
    spendFormToken(tx, once, location);
    return ok({ replayed: false, location, id: cycle.id });
  });
}

export type UpdateCycle = { projectId: number; cycleId: number; values: CycleValues & { version: number }; today: string };

/**
 * Saves the worksheet if nobody saved since `values.version`. A conflict hands back the 409 panel:
 * the current cycle beside the submitted values, or word that it was deleted.
 */
export function updateCycle(db: Db, actor: Actor, input: UpdateCycle): CommandResult<{ id: number }, Conflict> {
  const { projectId, cycleId: id, values } = input;
  return runCommand<{ id: number }, Conflict>(db, (tx) => {
    const before = getCycle(tx, projectId, id);
    if (!before) {
      return conflict({
        message: "Someone deleted this cycle since you opened it. Your changes have not been saved.",
        currentVersion: values.version,
        fields: [],
      });
    }
    const tooEarly = doneBeforeStartProblem(values, input.today, formatDay);
    if (tooEarly) return refused(tooEarly, 400);
    // The version check comes first, so a losing save writes nothing, not even a new change idea.
    if (!updateIfVersion(tx, pdsaCycles, id, values.version, worksheetColumns(values), actor.id)) {
      return conflict(cycleConflict(tx, before, values));
    }
    const idea = resolveChangeIdea(tx, actor, projectId, values);
    tx.update(pdsaCycles).set({ changeIdeaId: idea.id }).where(eq(pdsaCycles.id, id)).run();
    linkMeasures(tx, projectId, id, values.measureIds);
    const changes = describeChanges(readableStored(before), readableSubmitted(tx, values), {
      ...CYCLE_LABELS,
      status: "Status",
    });
    record(tx, actor, {
      action: "pdsa.updated",
      entityType: "pdsa_cycle",
      entityId: id,
      projectId,
      summary: `Updated PDSA cycle ${before.cycle.number} (${values.title}): ${changes}`,
    });
    return ok({ id });
  });
}

export type DeleteCycle = { projectId: number; cycleId: number; version: number };

/** Soft delete at `version`; a conflict says who changed the cycle since it was opened. */
export function deleteCycle(db: Db, actor: Actor, input: DeleteCycle): CommandResult<{ number: number }, Conflict> {
  const { projectId, cycleId, version } = input;
  return runCommand<{ number: number }, Conflict>(db, (tx) => {
    const current = getCycle(tx, projectId, cycleId);
    if (!current) return refused("We could not find that cycle.", 404);
    const { cycle } = current;
    if (!updateIfVersion(tx, pdsaCycles, cycle.id, version, { deletedAt: new Date(nowMs()) }, actor.id)) {
      const who = current.updatedByName ?? "someone else";
      return conflict({
        message: `This cycle was changed by ${who} at ${formatDateTime(cycle.updatedAt)} since you opened it, so it has not been deleted. Check the latest version, then delete it again if you still want to.`,
        currentVersion: cycle.version,
        fields: [],
      });
    }
    record(tx, actor, {
      action: "pdsa.deleted",
      entityType: "pdsa_cycle",
      entityId: cycle.id,
      projectId,
      summary: `Deleted PDSA cycle ${cycle.number}: ${cycle.title}`,
    });
    return ok({ number: cycle.number });
  });
}
