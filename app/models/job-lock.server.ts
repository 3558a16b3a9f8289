// Named locks with an expiry in `job_locks` (docs/decisions/067), so only one process runs scheduled work
// at a time. Taking a lock is one SQL statement: it inserts the lock, or takes it over only when it has
// expired; SQLite runs one write at a time, so two processes can never both get it.
import { and, eq, sql } from "drizzle-orm";
import { jobLocks } from "~/db.server";
import type { Db } from "~/db.server";

/** True when `holder` now holds the lock `name` until `nowMs + ttlMs`. */
export function acquireLock(db: Db, name: string, holder: string, ttlMs: number, nowMs: number): boolean {
  const result = db.run(
    sql`insert into ${jobLocks} (name, holder, expires_at) values (${name}, ${holder}, ${nowMs + ttlMs})
        on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
        where ${jobLocks.expiresAt} <= ${nowMs}`,
  );
  return result.changes > 0;
}

/** Lets the lock go, if `holder` still holds it. */
export function releaseLock(db: Db, name: string, holder: string) {
  db.delete(jobLocks)
    .where(and(eq(jobLocks.name, name), eq(jobLocks.holder, holder)))
    .run();
}
