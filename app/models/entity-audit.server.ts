// The audit trail of particular records (some asks, one milestone): each recorded change with who made it.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { auditEvents, users } from "~/db.server";
import type { Db } from "~/db.server";

export function listEntityAudit(db: Db, entity: { type: string; ids: number[]; projectId?: number }, order: "oldest first" | "newest first") {
  if (entity.ids.length === 0) return [];
  const by = order === "oldest first" ? asc : desc;
  return db
    .select({
      id: auditEvents.id,
      entityId: auditEvents.entityId,
      at: auditEvents.at,
      summary: auditEvents.summary,
      userName: users.name,
      actorEmail: auditEvents.actorEmail,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .where(
      and(
        entity.projectId === undefined ? undefined : eq(auditEvents.projectId, entity.projectId),
        eq(auditEvents.entityType, entity.type),
        inArray(auditEvents.entityId, entity.ids),
      ),
    )
    .orderBy(by(auditEvents.at), by(auditEvents.id))
    .all();
}
