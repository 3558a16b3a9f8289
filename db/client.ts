// The one place that opens SQLite. Pragmas are set here, once per connection.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * A trust's data is readable by its owner only, whatever the umask of whoever started the
 * process; SQLite creates later -wal and -shm files with the database file's permissions.
 */
function ownerOnly(file: string) {
  for (const suffix of ["", "-wal", "-shm"]) {
    try {
      fs.chmodSync(`${file}${suffix}`, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}

export function openDatabase(file: string): Db {
  const onDisk = file !== ":memory:" && file !== "";
  if (onDisk) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const sqlite = new Database(file);
  // WAL for concurrent readers; FULL so a commit survives power loss
  // (better-sqlite3 leaves WAL at NORMAL, which can lose the last commits).
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  if (onDisk) ownerOnly(file);
  return drizzle(sqlite, { schema }) as Db;
}

/**
 * Write transactions take the write lock when they begin. A deferred one that reads first cannot wait for
 * another process's write: SQLite refuses its upgrade at once (SQLITE_BUSY), whatever the busy timeout.
 */
export const IMMEDIATE = { behavior: "immediate" } as const;

export { schema };
