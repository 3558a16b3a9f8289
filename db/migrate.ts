import fs from "node:fs";
import path from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { Db } from "./client";

type Journal = { entries: { idx: number; when: number; tag: string }[] };

export class NewerSchemaError extends Error {}

/** Applies the committed migrations; refuses a database written by a newer Stepping Up. */
export function runMigrations(db: Db, migrationsFolder: string) {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as Journal;
  const known = new Set(journal.entries.map((e) => e.when));
  const hasTable = db.$client.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
  if (hasTable) {
    const applied = db.$client.prepare("select created_at from __drizzle_migrations").all() as {
      created_at: number;
    }[];
    const unknown = applied.filter((row) => !known.has(Number(row.created_at)));
    if (unknown.length > 0) {
      throw new NewerSchemaError(
        `This database has ${unknown.length} migration(s) this version of Stepping Up does not know: ` +
          "it was written by a newer version. Upgrade Stepping Up, or restore a backup made by this version.",
      );
    }
  }
  migrate(db, { migrationsFolder });
}

export const defaultMigrationsFolder = path.resolve(path.dirname(new URL(import.meta.url).pathname), "migrations");
