// A demo portfolio on a fresh database, with the counters the workbook command tests compare.
import { seedDemo } from "../../seeds/demo";
import type { Actor } from "~/models/command.server";
import { createTestDb } from "../helpers/db";

export const TODAY = "2026-03-11";
const HASH = "$argon2id$v=19$m=19456,t=2,p=1$ZGVtby1zYWx0$ZGVtby1oYXNo";

type Row = Record<string, unknown>;

export function workbook() {
  const { db } = createTestDb();
  seedDemo(db, { today: TODAY, passwordHash: HASH });
  const one = <T = Row>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).get(...params) as T;
  const all = <T = Row>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(...params) as T[];
  const count = (table: string, where = "1 = 1", ...params: unknown[]) => one<{ n: number }>(`select count(*) as n from ${table} where ${where}`, ...params).n;
  const lead = one<{ id: number; email: string }>("select id, email from users where role = 'staff' and disabled_at is null order by id");
  const actor: Actor = { id: lead.id, email: lead.email, ip: "192.0.2.1" };
  /** Audit rows with this action, newest last. */
  const audits = (action: string) =>
    all<{ summary: string; user_id: number; ip: string; entity_id: number | null }>(
      "select summary, user_id, ip, entity_id from audit_events where action = ? order by id",
      action,
    );
  return { db, one, all, count, actor, audits };
}
