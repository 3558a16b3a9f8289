// Writes to a project's driver diagram: adding, renaming and describing drivers and change ideas,
// ordering them, linking and unlinking them, moving one from a parent to another, removing one, and
// rating a change idea on the PICK chart. Drivers and change ideas are versioned (an edit made on an
// old version is a 409) and soft-deleted; removing a driver never touches a change idea or a cycle:
// they just lose that link (and show as unlinked when it was their only one).
import { and, eq, isNull, max, sql } from "drizzle-orm";
import { changeIdeaDrivers, changeIdeaPicks, changeIdeas, driverLinks, driverMeasures, drivers, measures, pdsaCycles } from "~/db.server";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";
import { buildConflict, describeChanges, type Conflict } from "~/domain/conflict";
import { DRIVER_LEVEL_LABELS, linkProblem, passing, PICK_LABELS, pickCategory, placeBeside, swapWith, type Edge, type Node } from "~/domain/driver-rules";
import type { DriverLevel, PickEase, PickImpact } from "~/domain/enums";
import { conflict, ok, record, refused, runCommand, type Actor, type CommandResult } from "~/models/command.server";
import { createOnce } from "~/models/form-token.server";
import { getDriver, getIdea, listDriverLinks, listDrivers, listIdeaLinks, listIdeas } from "~/models/driver.server";
import { updateIfVersion } from "~/models/versioned.server";

export type NodeKind = "driver" | "idea";
export type NodeRef = { projectId: number; kind: NodeKind; id: number; version: number };
type Result<T = { id: number }> = CommandResult<T, Conflict>;

const LABELS = { title: "Title", description: "Description" };
const NOT_FOUND = (kind: NodeKind) => refused(kind === "idea" ? "We could not find that change idea." : "We could not find that driver.", 404);
const nodeName = (kind: NodeKind, level?: DriverLevel) => (kind === "idea" ? "change idea" : DRIVER_LEVEL_LABELS[level ?? "primary"].toLowerCase());

function current(db: Db, ref: Pick<NodeRef, "projectId" | "kind" | "id">) {
  if (ref.kind === "idea") {
    const idea = getIdea(db, ref.projectId, ref.id);
    return idea ? { ...idea, level: undefined } : undefined;
  }
  return getDriver(db, ref.projectId, ref.id);
}

type Current = NonNullable<ReturnType<typeof current>>;

function nodeConflict(now: Current, submitted: Record<string, unknown>): Conflict {
  return buildConflict({
    changedBy: now.updatedByName,
    changedAt: now.updatedAt,
    currentVersion: now.version,
    current: now,
    submitted,
    labels: LABELS,
  });
}

/** Bumps the node's version at `version` (with any column changes); false when someone saved since. */
function touch(db: Db, actor: Actor, ref: NodeRef, values: Record<string, unknown> = {}) {
  return updateIfVersion(db, ref.kind === "idea" ? changeIdeas : drivers, ref.id, ref.version, values, actor.id);
}

function titleTaken(db: Db, projectId: number, kind: NodeKind, title: string, exceptId?: number) {
  if (kind === "idea") {
    const same = db
      .select({ id: changeIdeas.id, deletedAt: changeIdeas.deletedAt })
      .from(changeIdeas)
      .where(and(eq(changeIdeas.projectId, projectId), sql`lower(${changeIdeas.title}) = lower(${title})`))
      .get();
    return same && same.id !== exceptId ? same : undefined;
  }
  return undefined;
}

const TAKEN = "There is already a change idea with this title in this project";

export type AddDriver = { projectId: number; level: DriverLevel; title: string; description: string; parentId: number | null; formToken?: string };

/** Adds a driver at the end of its column; a secondary one may go straight under a primary. */
export function addDriver(db: Db, actor: Actor, input: AddDriver): CommandResult<{ id: number | null; location: string }> {
  const { projectId, level, title, description, parentId } = input;
  return runCommand(db, (tx) => {
    if (parentId !== null) {
      const parent = getDriver(tx, projectId, parentId);
      if (!parent || parent.level !== "primary") return refused("Choose a primary driver for this secondary driver to go under", 400);
      if (level !== "secondary") return refused("A primary driver goes straight under the aim", 400);
    }
    let id: number | null = null;
    const made = createOnce(tx, { userId: actor.id, kind: "driver", token: input.formToken }, () => {
      const last = tx
        .select({ n: max(drivers.position) })
        .from(drivers)
        .where(and(eq(drivers.projectId, projectId), eq(drivers.level, level)))
        .get();
      const at = new Date(nowMs());
      id = tx
        .insert(drivers)
        .values({ projectId, level, title, description, position: (last?.n ?? 0) + 1, createdAt: at, updatedAt: at, updatedBy: actor.id })
        .returning({ id: drivers.id })
        .get().id;
      if (parentId !== null) tx.insert(driverLinks).values({ primaryId: parentId, secondaryId: id }).run();
      record(tx, actor, {
        action: "driver.created",
        entityType: "driver",
        entityId: id,
        projectId,
        summary: `Added ${DRIVER_LEVEL_LABELS[level].toLowerCase()}: ${title}`,
      });
      return `/projects/${projectId}/drivers?saved=${id}#node-driver-${id}`;
    });
    return ok({ id, location: made.location });
  });
}

export type AddIdea = { projectId: number; title: string; description: string; driverId: number | null; formToken?: string };

/** Adds a change idea, under a secondary driver or unlinked; a removed idea of the same title comes back. */
export function addIdea(db: Db, actor: Actor, input: AddIdea): CommandResult<{ id: number | null; location: string }> {
  const { projectId, title, description, driverId } = input;
  return runCommand(db, (tx) => {
    if (driverId !== null) {
      const parent = getDriver(tx, projectId, driverId);
      if (!parent || parent.level !== "secondary") return refused("A change idea can only go under a secondary driver", 400);
    }
    const same = titleTaken(tx, projectId, "idea", title);
    if (same && !same.deletedAt) return refused(TAKEN, 400);
    let id: number | null = null;
    const made = createOnce(tx, { userId: actor.id, kind: "change_idea", token: input.formToken }, () => {
      const last = tx
        .select({ n: max(changeIdeas.position) })
        .from(changeIdeas)
        .where(eq(changeIdeas.projectId, projectId))
        .get();
      const at = new Date(nowMs());
      const values = { title, description, position: (last?.n ?? 0) + 1, updatedAt: at, updatedBy: actor.id, deletedAt: null };
      if (same) {
        tx.update(changeIdeas)
          .set({ ...values, version: sql`${changeIdeas.version} + 1` })
          .where(eq(changeIdeas.id, same.id))
          .run();
        id = same.id;
      } else {
        id = tx
          .insert(changeIdeas)
          .values({ projectId, ...values, createdAt: at })
          .returning({ id: changeIdeas.id })
          .get().id;
      }
      if (driverId !== null) tx.insert(changeIdeaDrivers).values({ changeIdeaId: id, driverId }).onConflictDoNothing().run();
      record(tx, actor, { action: "change_idea.created", entityType: "change_idea", entityId: id, projectId, summary: `Added change idea: ${title}` });
      return `/projects/${projectId}/drivers?saved=${id}#node-idea-${id}`;
    });
    return ok({ id, location: made.location });
  });
}

export type EditNode = NodeRef & { title: string; description: string };

/** Renames and describes a driver or change idea at `version`. */
export function editNode(db: Db, actor: Actor, input: EditNode): Result {
  return runCommand<{ id: number }, Conflict>(db, (tx) => {
    const before = current(tx, input);
    if (!before) return NOT_FOUND(input.kind);
    if (titleTaken(tx, input.projectId, input.kind, input.title, input.id)) return refused(TAKEN, 400);
    const values = { title: input.title, description: input.description };
    if (!touch(tx, actor, input, values)) return conflict(nodeConflict(before, values));
    const changes = describeChanges(before, values, LABELS);
    record(tx, actor, {
      action: input.kind === "idea" ? "change_idea.updated" : "driver.updated",
      entityType: input.kind === "idea" ? "change_idea" : "driver",
      entityId: input.id,
      projectId: input.projectId,
      summary: `Updated ${nodeName(input.kind, before.level)} ${before.title}: ${changes || "no change"}`,
    });
    return ok({ id: input.id });
  });
}

/**
 * Moves a driver up or down within its column, or a change idea within the change ideas: one place, or
 * (a drag and drop) `past` another one of the column, to sit just above or below it.
 */
export function reorderNode(db: Db, actor: Actor, input: NodeRef & { direction: "up" | "down"; past?: number | null }): Result {
  return runCommand<{ id: number }, Conflict>(db, (tx) => {
    const before = current(tx, input);
    if (!before) return NOT_FOUND(input.kind);
    const column = input.kind === "idea" ? listIdeas(tx, input.projectId) : listDrivers(tx, input.projectId).filter((d) => d.level === before.level);
    const other = input.past ? passing(column, input.id, input.past, input.direction) : swapWith(column, input.id, input.direction);
    if (!other && input.past)
      return refused(`That is not ${input.direction === "up" ? "above" : "below"} it any more: the diagram has changed, so try again`, 400);
    if (!other) return refused(`This is already the ${input.direction === "up" ? "first" : "last"} one`, 400);
    // Positions are renumbered in order so equal positions (from before ordering existed) still move.
    const order = placeBeside(
      column.map((x) => x.id),
      input.id,
      other.id,
      input.direction,
    );
    if (!touch(tx, actor, input)) return conflict(nodeConflict(before, before));
    const table = input.kind === "idea" ? changeIdeas : drivers;
    order.forEach((id, n) =>
      tx
        .update(table)
        .set({ position: n + 1 })
        .where(eq(table.id, id))
        .run(),
    );
    record(tx, actor, {
      action: input.kind === "idea" ? "change_idea.updated" : "driver.updated",
      entityType: input.kind === "idea" ? "change_idea" : "driver",
      entityId: input.id,
      projectId: input.projectId,
      summary: `Moved ${nodeName(input.kind, before.level)} ${before.title} ${input.direction}, ${input.direction === "up" ? "above" : "below"} ${other.title}`,
    });
    return ok({ id: input.id });
  });
}

/** The child as a link rule sees it, with the edges the rule checks (driver links, or this project's idea links). */
function linkContext(db: Db, projectId: number, kind: NodeKind, childId: number, parentId: number) {
  const parent = getDriver(db, projectId, parentId);
  const child = current(db, { projectId, kind, id: childId });
  const parentNode: Node | null = parent ? { id: parent.id, kind: parent.level } : null;
  const childNode: Node | null = child ? { id: child.id, kind: kind === "idea" ? "idea" : (child.level ?? "primary") } : null;
  const edges: Edge[] =
    kind === "idea"
      ? listIdeaLinks(db, projectId).map((l) => ({ parent: l.driverId, child: l.changeIdeaId }))
      : listDriverLinks(db, projectId).map((l) => ({ parent: l.primaryId, child: l.secondaryId }));
  return { parent, child, parentNode, childNode, edges };
}

function insertLink(db: Db, kind: NodeKind, parentId: number, childId: number) {
  if (kind === "idea") db.insert(changeIdeaDrivers).values({ changeIdeaId: childId, driverId: parentId }).run();
  else db.insert(driverLinks).values({ primaryId: parentId, secondaryId: childId }).run();
}

function deleteLink(db: Db, kind: NodeKind, parentId: number, childId: number) {
  const r =
    kind === "idea"
      ? db
          .delete(changeIdeaDrivers)
          .where(and(eq(changeIdeaDrivers.changeIdeaId, childId), eq(changeIdeaDrivers.driverId, parentId)))
          .run()
      : db
          .delete(driverLinks)
          .where(and(eq(driverLinks.primaryId, parentId), eq(driverLinks.secondaryId, childId)))
          .run();
  return r.changes > 0;
}

export type LinkInput = NodeRef & { parentId: number };

/** Links a secondary driver under a primary, or a change idea under a secondary driver (at the child's version). */
export function linkNode(db: Db, actor: Actor, input: LinkInput): Result {
  return runCommand<{ id: number }, Conflict>(db, (tx) => {
    const { parent, child, parentNode, childNode, edges } = linkContext(tx, input.projectId, input.kind, input.id, input.parentId);
    if (!child || !childNode) return NOT_FOUND(input.kind);
    if (!parent || !parentNode) return refused("We could not find that driver.", 404);
    const problem = linkProblem(parentNode, childNode, edges);
    if (problem) return refused(problem, 400);
    if (!touch(tx, actor, input)) return conflict(nodeConflict(child, child));
    insertLink(tx, input.kind, parent.id, child.id);
    record(tx, actor, {
      action: "driver.linked",
      entityType: input.kind === "idea" ? "change_idea" : "driver",
      entityId: child.id,
      projectId: input.projectId,
      summary: `Linked ${nodeName(input.kind, child.level)} ${child.title} under ${parent.title}`,
    });
    return ok({ id: child.id });
  });
}

/** Takes a child from under one parent (the child and its cycles stay). */
export function unlinkNode(db: Db, actor: Actor, input: LinkInput): Result {
  return runCommand<{ id: number }, Conflict>(db, (tx) => {
    const child = current(tx, input);
    const parent = getDriver(tx, input.projectId, input.parentId);
    if (!child) return NOT_FOUND(input.kind);
    if (!parent) return refused("We could not find that driver.", 404);
    if (!touch(tx, actor, input)) return conflict(nodeConflict(child, child));
    if (!deleteLink(tx, input.kind, parent.id, child.id)) return refused(`${child.title} is not under ${parent.title}`, 400);
    record(tx, actor, {
      action: "driver.unlinked",
      entityType: input.kind === "idea" ? "change_idea" : "driver",
      entityId: child.id,
      projectId: input.projectId,
      summary: `Took ${nodeName(input.kind, child.level)} ${child.title} from under ${parent.title}`,
    });
    return ok({ id: child.id });
  });
}

/** Moves a child from under one parent to under another, in one step. */
export function moveNode(db: Db, actor: Actor, input: LinkInput & { fromId: number }): Result {
  return runCommand<{ id: number }, Conflict>(db, (tx) => {
    const { parent, child, parentNode, childNode, edges } = linkContext(tx, input.projectId, input.kind, input.id, input.parentId);
    const from = getDriver(tx, input.projectId, input.fromId);
    if (!child || !childNode) return NOT_FOUND(input.kind);
    if (!parent || !parentNode || !from) return refused("We could not find that driver.", 404);
    if (!touch(tx, actor, input)) return conflict(nodeConflict(child, child));
    if (!deleteLink(tx, input.kind, from.id, child.id)) return refused(`${child.title} is not under ${from.title}`, 400);
    const remaining = edges.filter((e) => !(e.parent === from.id && e.child === child.id));
    const problem = linkProblem(parentNode, childNode, remaining);
    if (problem) return refused(problem, 400);
    insertLink(tx, input.kind, parent.id, child.id);
    record(tx, actor, {
      action: "driver.linked",
      entityType: input.kind === "idea" ? "change_idea" : "driver",
      entityId: child.id,
      projectId: input.projectId,
      summary: `Moved ${nodeName(input.kind, child.level)} ${child.title} from ${from.title} to ${parent.title}`,
    });
    return ok({ id: child.id });
  });
}

/**
 * Removes a driver or change idea (soft delete) with its links. Change ideas and cycles under a removed
 * driver stay; a change idea that has PDSA cycles cannot be removed, only unlinked, so no ramp loses its idea.
 */
export function removeNode(db: Db, actor: Actor, input: NodeRef): CommandResult<{ title: string; unlinked: number }, Conflict> {
  return runCommand<{ title: string; unlinked: number }, Conflict>(db, (tx) => {
    const before = current(tx, input);
    if (!before) return NOT_FOUND(input.kind);
    let unlinked = 0;
    if (input.kind === "idea") {
      const cycles = tx
        .select({ id: pdsaCycles.id })
        .from(pdsaCycles)
        .where(and(eq(pdsaCycles.changeIdeaId, input.id), isNull(pdsaCycles.deletedAt)))
        .all().length;
      if (cycles > 0) return refused("This change idea has PDSA cycles, so it stays. Take it from under its drivers instead if it no longer fits.", 400);
    }
    if (!touch(tx, actor, input, { deletedAt: new Date(nowMs()) })) return conflict(nodeConflict(before, before));
    if (input.kind === "idea") {
      tx.delete(changeIdeaDrivers).where(eq(changeIdeaDrivers.changeIdeaId, input.id)).run();
    } else {
      unlinked += tx.delete(changeIdeaDrivers).where(eq(changeIdeaDrivers.driverId, input.id)).run().changes;
      unlinked += tx.delete(driverLinks).where(eq(driverLinks.primaryId, input.id)).run().changes;
      tx.delete(driverLinks).where(eq(driverLinks.secondaryId, input.id)).run();
      tx.delete(driverMeasures).where(eq(driverMeasures.driverId, input.id)).run();
    }
    record(tx, actor, {
      action: input.kind === "idea" ? "change_idea.removed" : "driver.removed",
      entityType: input.kind === "idea" ? "change_idea" : "driver",
      entityId: input.id,
      projectId: input.projectId,
      summary: `Removed ${nodeName(input.kind, before.level)} ${before.title}${unlinked ? ` (${unlinked} link${unlinked === 1 ? "" : "s"} under it taken away; nothing else deleted)` : ""}`,
    });
    return ok({ title: before.title, unlinked });
  });
}

export type RateIdea = { projectId: number; ideaId: number; impact: PickImpact; ease: PickEase; reason: string };

/** Adds a PICK rating to a change idea's history (the latest is its category). */
export function rateIdea(db: Db, actor: Actor, input: RateIdea): CommandResult<{ id: number }> {
  return runCommand(db, (tx) => {
    const idea = getIdea(tx, input.projectId, input.ideaId);
    if (!idea) return refused("We could not find that change idea.", 404);
    tx.insert(changeIdeaPicks)
      .values({ changeIdeaId: idea.id, impact: input.impact, ease: input.ease, reason: input.reason, createdBy: actor.id, createdAt: new Date(nowMs()) })
      .run();
    const category = PICK_LABELS[pickCategory(input.impact, input.ease)];
    record(tx, actor, {
      action: "change_idea.picked",
      entityType: "change_idea",
      entityId: idea.id,
      projectId: input.projectId,
      summary: `Rated change idea ${idea.title}: ${category} (${input.impact} impact, ${input.ease})${input.reason ? ` — ${input.reason}` : ""}`,
    });
    return ok({ id: idea.id });
  });
}

export type AttachMeasure = { projectId: number; driverId: number; version: number; measureId: number; attach: boolean };

/** Attaches a process measure to a driver, or takes it off (at the driver's version). */
export function attachMeasure(db: Db, actor: Actor, input: AttachMeasure): Result {
  return runCommand<{ id: number }, Conflict>(db, (tx) => {
    const driver = getDriver(tx, input.projectId, input.driverId);
    if (!driver) return NOT_FOUND("driver");
    const measure = tx
      .select({ id: measures.id, name: measures.name })
      .from(measures)
      .where(and(eq(measures.id, input.measureId), eq(measures.projectId, input.projectId), isNull(measures.deletedAt)))
      .get();
    if (!measure) return refused("Choose one of this project's measures", 400);
    if (!touch(tx, actor, { projectId: input.projectId, kind: "driver", id: driver.id, version: input.version })) return conflict(nodeConflict(driver, driver));
    const key = and(eq(driverMeasures.driverId, driver.id), eq(driverMeasures.measureId, measure.id));
    if (input.attach) tx.insert(driverMeasures).values({ driverId: driver.id, measureId: measure.id }).onConflictDoNothing().run();
    else tx.delete(driverMeasures).where(key).run();
    record(tx, actor, {
      action: "driver.updated",
      entityType: "driver",
      entityId: driver.id,
      projectId: input.projectId,
      summary: `${input.attach ? "Attached" : "Took off"} measure ${measure.name} ${input.attach ? "to" : "from"} ${driver.title}`,
    });
    return ok({ id: driver.id });
  });
}
