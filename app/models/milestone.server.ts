import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { milestoneChanges, milestones, users } from "~/db.server";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";
import { listEntityAudit } from "~/models/entity-audit.server";
import { updateIfVersion } from "~/models/versioned.server";

const changeCount = sql<number>`(select count(*) from milestone_changes c where c.milestone_id = ${milestones.id})`;

/** The owner: a person in Stepping Up (their name as it is now), or the free text kept for someone who is not. */
const ownerUser = alias(users, "owner_user");
const OWNER_COLUMNS = {
  owner: sql<string>`coalesce(${ownerUser.name}, ${milestones.owner})`,
  ownerUserId: milestones.ownerUserId,
  ownerText: milestones.owner,
};

/**
 * The project's live milestones (soft-deleted ones are left out), in plan order (baseline) or, for the
 * project's overview, in the order they are now expected (forecast).
 */
export function listMilestones(db: Db, projectId: number, order: "baseline" | "forecast" = "baseline") {
  return db
    .select({
      id: milestones.id,
      title: milestones.title,
      ...OWNER_COLUMNS,
      baselineDate: milestones.baselineDate,
      forecastDate: milestones.forecastDate,
      completedOn: milestones.completedOn,
      changes: changeCount,
    })
    .from(milestones)
    .leftJoin(ownerUser, eq(ownerUser.id, milestones.ownerUserId))
    .where(and(eq(milestones.projectId, projectId), isNull(milestones.deletedAt)))
    .orderBy(asc(order === "forecast" ? milestones.forecastDate : milestones.baselineDate), asc(milestones.id))
    .all();
}

/** One live milestone of this project, or undefined (another project's milestone is not found). */
export function getMilestone(db: Db, projectId: number, milestoneId: number) {
  return db
    .select({
      id: milestones.id,
      projectId: milestones.projectId,
      title: milestones.title,
      ...OWNER_COLUMNS,
      baselineDate: milestones.baselineDate,
      forecastDate: milestones.forecastDate,
      completedOn: milestones.completedOn,
      version: milestones.version,
      updatedAt: milestones.updatedAt,
      updatedByName: users.name,
    })
    .from(milestones)
    .leftJoin(users, eq(users.id, milestones.updatedBy))
    .leftJoin(ownerUser, eq(ownerUser.id, milestones.ownerUserId))
    .where(and(eq(milestones.id, milestoneId), eq(milestones.projectId, projectId), isNull(milestones.deletedAt)))
    .get();
}

export type MilestoneRow = NonNullable<ReturnType<typeof getMilestone>>;

export function insertMilestone(
  db: Db,
  values: { projectId: number; title: string; owner: string; ownerUserId: number | null; baselineDate: string; userId: number },
): number {
  const at = new Date(nowMs());
  return db
    .insert(milestones)
    .values({
      projectId: values.projectId,
      title: values.title,
      owner: values.owner,
      ownerUserId: values.ownerUserId,
      baselineDate: values.baselineDate,
      forecastDate: values.baselineDate,
      createdAt: at,
      updatedAt: at,
      updatedBy: values.userId,
    })
    .returning({ id: milestones.id })
    .get().id;
}

/** False when someone saved since `version` was read (nothing is written). */
export function updateMilestoneIfVersion(
  db: Db,
  milestoneId: number,
  version: number,
  values: Partial<{
    title: string;
    owner: string;
    ownerUserId: number | null;
    baselineDate: string;
    forecastDate: string;
    completedOn: string | null;
  }>,
  userId: number,
): boolean {
  return updateIfVersion(db, milestones, milestoneId, version, values, userId);
}

/** Soft delete: the row and its history stay for the audit trail. */
export function softDeleteMilestone(db: Db, milestoneId: number, version: number, userId: number): boolean {
  return updateIfVersion(db, milestones, milestoneId, version, { deletedAt: new Date(nowMs()) }, userId);
}

export function recordMilestoneChange(
  db: Db,
  change: {
    milestoneId: number;
    kind: "forecast" | "rebaseline";
    fromDate: string;
    toDate: string;
    reason: string;
    userId: number;
  },
) {
  db.insert(milestoneChanges)
    .values({
      milestoneId: change.milestoneId,
      kind: change.kind,
      fromDate: change.fromDate,
      toDate: change.toDate,
      reason: change.reason,
      byUserId: change.userId,
      at: new Date(nowMs()),
    })
    .run();
}

/** Forecast moves and re-baselines with their reasons, newest first. */
export function listMilestoneChanges(db: Db, milestoneIds: number[]) {
  if (milestoneIds.length === 0) return [];
  return db
    .select({
      id: milestoneChanges.id,
      milestoneId: milestoneChanges.milestoneId,
      kind: milestoneChanges.kind,
      fromDate: milestoneChanges.fromDate,
      toDate: milestoneChanges.toDate,
      reason: milestoneChanges.reason,
      at: milestoneChanges.at,
      byName: users.name,
    })
    .from(milestoneChanges)
    .leftJoin(users, eq(users.id, milestoneChanges.byUserId))
    .where(inArray(milestoneChanges.milestoneId, milestoneIds))
    .orderBy(desc(milestoneChanges.at), desc(milestoneChanges.id))
    .all();
}

/** Everything recorded about one milestone in the audit trail, newest first. */
export function listMilestoneAudit(db: Db, projectId: number, milestoneId: number) {
  return listEntityAudit(db, { type: "milestone", ids: [milestoneId], projectId }, "newest first").map(({ entityId: _entityId, ...line }) => line);
}
