import { and, asc, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { IMMEDIATE, auditEvents, projects, users } from "~/db.server";
import type { Db } from "~/db.server";
import type { AuditAction } from "~/domain/enums";
import { nowMs } from "~/clock.server";

export type AuditInput = {
  actor?: { id: number; email: string } | null;
  actorEmail?: string;
  action: AuditAction;
  entityType?: string;
  entityId?: number | null;
  projectId?: number | null;
  summary: string;
  details?: unknown;
  ip?: string;
};

/** Append-only: there is no delete, and the only update is the count of a repeated event below. */
export function recordAudit(db: Db, event: AuditInput) {
  db.insert(auditEvents)
    .values({
      at: new Date(nowMs()),
      userId: event.actor?.id ?? null,
      actorEmail: event.actor?.email ?? event.actorEmail ?? "",
      action: event.action,
      entityType: event.entityType ?? "",
      entityId: event.entityId ?? null,
      projectId: event.projectId ?? null,
      summary: event.summary,
      details: event.details === undefined ? null : JSON.stringify(event.details),
      ip: event.ip ?? "",
    })
    .run();
}

/**
 * Repeated refusals (a flood of throttled sign-ins) make one row per key per window whose
 * count goes up, so an attacker cannot bury the audit trail or fill the disk with it.
 */
export function recordRepeatedAudit(
  db: Db,
  event: Omit<AuditInput, "summary" | "details"> & { summary: (count: number) => string },
  sameWhen: "actorEmail" | "ip",
  windowMs: number,
) {
  const now = nowMs();
  const key = sameWhen === "ip" ? (event.ip ?? "") : (event.actor?.email ?? event.actorEmail ?? "");
  db.transaction(() => {
    const previous = db
      .select({ id: auditEvents.id, details: auditEvents.details })
      .from(auditEvents)
      .where(
        and(
          gte(auditEvents.at, new Date(now - windowMs)),
          eq(auditEvents.action, event.action),
          eq(auditEvents.entityType, event.entityType ?? ""),
          eq(sameWhen === "ip" ? auditEvents.ip : auditEvents.actorEmail, key),
        ),
      )
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .get();
    if (!previous) {
      recordAudit(db, { ...event, summary: event.summary(1), details: { count: 1, lastAt: now } });
      return;
    }
    const count = ((JSON.parse(previous.details ?? "{}") as { count?: number }).count ?? 1) + 1;
    db.update(auditEvents)
      .set({ summary: event.summary(count), details: JSON.stringify({ count, lastAt: now }) })
      .where(eq(auditEvents.id, previous.id))
      .run();
  }, IMMEDIATE);
}

export type AuditFilter = { userId?: number; projectId?: number; from?: string; to?: string };

const AUDIT_PAGE_SIZE = 50;

export function listAuditEvents(db: Db, filter: AuditFilter, page = 1) {
  const where: SQL[] = [];
  if (filter.userId) where.push(eq(auditEvents.userId, filter.userId));
  if (filter.projectId) where.push(eq(auditEvents.projectId, filter.projectId));
  if (filter.from) where.push(gte(auditEvents.at, new Date(`${filter.from}T00:00:00Z`)));
  if (filter.to) where.push(lt(auditEvents.at, new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000)));
  const condition = where.length ? and(...where) : undefined;
  const rows = db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      summary: auditEvents.summary,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      projectId: auditEvents.projectId,
      actorEmail: auditEvents.actorEmail,
      userName: users.name,
      ip: auditEvents.ip,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .where(condition)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .all();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(auditEvents)
      .where(condition)
      .get()?.n ?? 0;
  return { rows, total, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

export function listProjectActivity(db: Db, projectId: number, limit = 20) {
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      summary: auditEvents.summary,
      userName: users.name,
      actorEmail: auditEvents.actorEmail,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .where(eq(auditEvents.projectId, projectId))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit)
    .all();
}

/** Every project by title, for the audit trail's project filter (closed and stopped ones too). */
export function listProjectsForAuditFilter(db: Db) {
  return db.select({ id: projects.id, title: projects.title }).from(projects).orderBy(asc(projects.title)).all();
}
