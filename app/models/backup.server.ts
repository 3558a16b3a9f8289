// Online backups of the SQLite database: a consistent snapshot taken while the server
// runs (VACUUM INTO is one read transaction, so writers are never blocked and a busy
// server cannot make it restart), checked before it is given its final name.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { openDatabase } from "~/db.server";

/** The tables a restore is judged by: what people would miss first. */
export const KEY_TABLES = [
  "users",
  "projects",
  "project_team",
  "pdsa_cycles",
  "change_ideas",
  "measures",
  "measure_points",
  "milestones",
  "status_reports",
  "asks",
  "meetings",
  "audit_events",
] as const;

export class BackupError extends Error {}

export type BackupCheck = {
  file: string;
  bytes: number;
  integrity: string;
  foreignKeyProblems: number;
  migrations: number;
  counts: Record<string, number>;
};

/** Opens a database file read-only and says whether it is whole: integrity, foreign keys, row counts. */
export function checkDatabaseFile(file: string): BackupCheck {
  if (!fs.existsSync(file)) throw new BackupError(`There is no file at ${file}.`);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} could not be opened as a database: ${(error as Error).message}`);
  }
  try {
    const rows = sqlite.pragma("integrity_check") as { integrity_check: string }[];
    const integrity = rows.map((r) => r.integrity_check).join("; ");
    const foreignKeyProblems = (sqlite.pragma("foreign_key_check") as unknown[]).length;
    const tables = new Set((sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name));
    const count = (table: string) => (sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
    const counts = Object.fromEntries(KEY_TABLES.filter((t) => tables.has(t)).map((t) => [t, count(t)]));
    const migrations = tables.has("__drizzle_migrations") ? count("__drizzle_migrations") : 0;
    return { file, bytes: fs.statSync(file).size, integrity, foreignKeyProblems, migrations, counts };
  } catch (error) {
    throw new BackupError(`${file} could not be read as a database: ${(error as Error).message}`);
  } finally {
    sqlite.close();
  }
}

function fsyncFile(file: string) {
  const fd = fs.openSync(file, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Copies the live database at `source` to `destination`, which must not exist yet. The copy is
 * written beside the destination under a temporary name, checked, flushed to disk, and only then
 * linked to its final name (link refuses to overwrite, even against a race).
 */
export function backupDatabase(source: string, destination: string): BackupCheck {
  const from = path.resolve(source);
  const to = path.resolve(destination);
  if (!fs.existsSync(from)) throw new BackupError(`There is no database at ${from} (DATABASE_URL). Nothing was backed up.`);
  if (from === to) throw new BackupError("The backup file must not be the database itself.");
  if (fs.existsSync(to)) throw new BackupError(`${to} already exists. Choose a new file name: a backup never overwrites a file.`);
  const dir = path.dirname(to);
  if (!fs.existsSync(dir)) throw new BackupError(`The folder ${dir} does not exist. Create it first.`);

  const partial = path.join(dir, `.${path.basename(to)}.partial-${process.pid}-${Date.now()}`);
  const db = openDatabase(from);
  try {
    db.$client.prepare("vacuum into ?").run(partial);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw new BackupError(`The backup could not be written: ${(error as Error).message}`);
  } finally {
    db.$client.close();
  }
  try {
    const check = checkDatabaseFile(partial);
    if (check.integrity !== "ok") throw new BackupError(`The copy failed its integrity check: ${check.integrity}`);
    if (check.foreignKeyProblems > 0) {
      throw new BackupError(`The copy has ${check.foreignKeyProblems} row(s) pointing at rows that do not exist.`);
    }
    fs.chmodSync(partial, 0o600); // a copy of a trust's data: readable by its owner only
    fsyncFile(partial);
    try {
      fs.linkSync(partial, to);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new BackupError(
        code === "EEXIST"
          ? `${to} appeared while the backup ran. Choose a new file name: a backup never overwrites a file.`
          : `The backup could not be saved as ${to}: ${(error as Error).message}`,
      );
    }
    try {
      fsyncFile(dir); // makes the new name durable; not every platform can sync a folder
    } catch {
      // the file itself is already on disk
    }
    return { ...check, file: to };
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/** "3.2 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
