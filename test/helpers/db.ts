// A fresh, migrated database file per test file: the real migrations, never a copy of the schema.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "../../db/client";
import { defaultMigrationsFolder, runMigrations } from "../../db/migrate";

export function tempDir(prefix = "stepping-up-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function createTestDb(): { db: Db; file: string } {
  const file = path.join(tempDir(), "test.sqlite");
  const db = openDatabase(file);
  runMigrations(db, defaultMigrationsFolder);
  return { db, file };
}
