// A fresh, migrated database file per test file: the real migrations, never a copy of the schema.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase, type Db } from "../../db/client";
import { defaultMigrationsFolder, runMigrations } from "../../db/migrate";
import { users } from "../../db/schema";

export function tempDir(prefix = "stepping-up-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function createTestDb(): { db: Db; file: string } {
  const file = path.join(tempDir(), "test.sqlite");
  const db = openDatabase(file);
  runMigrations(db, defaultMigrationsFolder);
  return { db, file };
}

/** The id of the user with this email; throws (failing the test) when there is none. */
export function userIdOf(db: Db, email: string): number {
  const user = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (!user) throw new Error(`no user has the email ${email}`);
  return user.id;
}
