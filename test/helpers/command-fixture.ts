// A seeded demo database for command tests, and the few reads they assert on.
import { afterAll } from "vitest";
import { eq } from "drizzle-orm";
import { auditEvents, users } from "../../db/schema";
import type { Db } from "../../db/client";
import { seedDemo } from "../../seeds/demo";
import type { Actor } from "~/models/command.server";
import { createTestDb } from "./db";

export const TODAY = "2026-03-11";
const HASH = "$argon2id$v=19$m=19456,t=2,p=1$ZGVtby1zYWx0$ZGVtby1oYXNo";
const opened: Db[] = [];
afterAll(() => opened.forEach((db) => db.$client.close()));

/** A fresh database holding the demo portfolio. */
export function seededDb(): { db: Db; programmeId: number } {
  const { db } = createTestDb();
  opened.push(db);
  const { programmeId } = seedDemo(db, { today: TODAY, passwordHash: HASH });
  return { db, programmeId };
}

export function actorFor(db: Db, email: string): Actor {
  const row = db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, email)).get();
  if (!row) throw new Error(`no demo user ${email}`);
  return { ...row, ip: "192.0.2.7" };
}

/** Audit rows written after `since` (an audit id), oldest first. */
export function auditSince(db: Db, since: number) {
  return db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      summary: auditEvents.summary,
      actorEmail: auditEvents.actorEmail,
      ip: auditEvents.ip,
      entityId: auditEvents.entityId,
      projectId: auditEvents.projectId,
    })
    .from(auditEvents)
    .all()
    .filter((r) => r.id > since);
}

export const lastAuditId = (db: Db) => db.$client.prepare("select coalesce(max(id), 0) as n from audit_events").get() as { n: number };

/** Row count of a table, by its SQL name. */
export const rows = (db: Db, table: string) => (db.$client.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
