// Optimistic concurrency: an update names the version it read, and only succeeds if
// nobody saved in between. Nothing is ever overwritten silently.
import { and, eq, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";

type Versioned = SQLiteTable & {
  id: SQLiteColumn;
  version: SQLiteColumn;
  updatedAt: SQLiteColumn;
  updatedBy: SQLiteColumn;
};

/** True when the row was at `expectedVersion` and is now updated (version + 1); false on a conflict. */
export function updateIfVersion<T extends Versioned>(
  db: Db,
  table: T,
  id: number,
  expectedVersion: number,
  values: Record<string, unknown>,
  userId: number,
): boolean {
  const result = db
    .update(table)
    .set({ ...values, version: sql`${table.version} + 1`, updatedAt: new Date(nowMs()), updatedBy: userId } as never)
    .where(and(eq(table.id, id), eq(table.version, expectedVersion)))
    .run();
  return result.changes === 1;
}
