// Export everything (ADR 080): every table of the trust's database as CSV in one zip, with a
// manifest, so a trust is never locked in. Secrets are left out: the rows of tables that are
// credentials themselves, and the secret columns of the others.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { strToU8, zipSync } from "fflate";
import type { Db } from "~/db.server";
import { backupDatabase, type BackupCheck } from "~/models/backup.server";

/** Tables derived from the others and rebuilt by the database itself (the learning index's triggers). */
const DERIVED_TABLES = new Set(["learning_entries"]);

/** Tables whose rows are credentials: exported as a header with no rows. */
const CREDENTIAL_TABLES = new Set(["sessions", "form_tokens", "recovery_codes", "invitations"]);
/** Any other table holding a token hash is treated as a credential table too (e.g. a future invitations table). */
const CREDENTIAL_COLUMN = /(^token$|_token$|token_hash$|^id_hash$|^code_hash$)/;
/** Tables with a token that is not a credential: a Pulse Check's answer link is shown to every signed-in person. */
const PUBLIC_TOKEN_TABLES = new Set(["pulse_campaigns"]);

/** Columns blanked in every row: password hashes, two-factor secrets, links that carry a token. */
const BLANKED_COLUMNS: Record<string, string[]> = {
  users: ["password_hash"],
  two_factors: ["secret"],
  email_outbox: ["unsubscribe_url", "text_body", "html_body"],
};
const SECRET_COLUMN = /(password_hash|secret)$/;

export type ColumnInfo = { name: string; notNull: boolean };
export type ExportTable = { name: string; columns: ColumnInfo[]; rows: number; rowsLeftOut: boolean; blanked: string[] };

export type ExportManifest = {
  format: "stepping-up-export";
  formatVersion: 1;
  exportedAt: string;
  schema: { migrations: number; latestMigration: string | null };
  tables: { name: string; file: string; rows: number; rowsLeftOut: boolean; blankedColumns: string[] }[];
  derivedTables: string[];
};

function columnsOf(db: Db, table: string): ColumnInfo[] {
  const info = db.$client.prepare(`pragma table_info("${table}")`).all() as { name: string; notnull: number }[];
  return info.map((c) => ({ name: c.name, notNull: c.notnull === 1 }));
}

/** The tables an export holds: every ordinary table but SQLite's own, the migrations journal, full-text indexes and derived tables. */
export function exportableTables(db: Db): string[] {
  const all = db.$client.prepare("select name, sql from sqlite_master where type = 'table' order by name").all() as { name: string; sql: string | null }[];
  const virtual = all.filter((t) => /^create virtual table/i.test(t.sql ?? "")).map((t) => t.name);
  return all
    .map((t) => t.name)
    .filter((name) => !name.startsWith("sqlite_") && name !== "__drizzle_migrations" && !DERIVED_TABLES.has(name))
    .filter((name) => !virtual.some((v) => name === v || name.startsWith(`${v}_`)));
}

/** What the export holds, table by table: the page lists it and the zip is built from it. */
export function describeExport(db: Db): ExportTable[] {
  return exportableTables(db).map((name) => {
    const columns = columnsOf(db, name);
    const rowsLeftOut = CREDENTIAL_TABLES.has(name) || (!PUBLIC_TOKEN_TABLES.has(name) && columns.some((c) => CREDENTIAL_COLUMN.test(c.name)));
    const blanked = rowsLeftOut ? [] : columns.filter((c) => (BLANKED_COLUMNS[name] ?? []).includes(c.name) || SECRET_COLUMN.test(c.name)).map((c) => c.name);
    const rows = rowsLeftOut ? 0 : (db.$client.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n;
    return { name, columns, rows, rowsLeftOut, blanked };
  });
}

export function schemaVersion(db: Db) {
  const has = db.$client.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
  if (!has) return { migrations: 0, latestMigration: null };
  const row = db.$client.prepare("select count(*) as n, max(created_at) as latest from __drizzle_migrations").get() as { n: number; latest: number | null };
  return { migrations: row.n, latestMigration: row.latest == null ? null : String(row.latest) };
}

function cell(value: unknown): string {
  if (value == null) return "";
  if (Buffer.isBuffer(value)) return value.toString("base64");
  return String(value);
}

const README = `Stepping Up: export of the whole trust's data

manifest.json   the tables, their row counts, the database's schema (migration) version and the export time
tables/*.csv    one file per table, UTF-8, a header row of the database's column names

An empty cell is an empty value (NULL). Dates and times are as the database keeps them: days as
YYYY-MM-DD, times as milliseconds since 1970-01-01 UTC. Boolean values are 1 or 0.
Password hashes, two-factor secrets, session tokens, recovery codes, invitation tokens and the
links in queued emails are not exported (see rowsLeftOut and blankedColumns in the manifest).
The cells are exported as they are: a spreadsheet may treat a cell starting with = + - or @ as a
formula, so open these files as text (Data > From Text) rather than double-clicking them.
Load an export into a new Stepping Up database with: npm run db:import-export -- FILE.zip
`;

/** The zip: manifest.json, README.txt and tables/<table>.csv. Read in one transaction, so it is consistent. */
export function buildExportZip(db: Db, now: Date): { zip: Uint8Array; manifest: ExportManifest } {
  return db.transaction(() => {
    const files: Record<string, Uint8Array> = {};
    const tables = describeExport(db);
    for (const t of tables) {
      const names = t.columns.map((c) => c.name);
      const data = t.rowsLeftOut
        ? []
        : (db.$client.prepare(`select * from "${t.name}"`).raw().all() as unknown[][]).map((row) =>
            row.map((value, i) => (t.blanked.includes(names[i]) ? "" : cell(value))),
          );
      files[`tables/${t.name}.csv`] = strToU8(Papa.unparse({ fields: names, data }, { newline: "\r\n", escapeFormulae: false }));
    }
    const manifest: ExportManifest = {
      format: "stepping-up-export",
      formatVersion: 1,
      exportedAt: now.toISOString(),
      schema: schemaVersion(db),
      tables: tables.map((t) => ({ name: t.name, file: `tables/${t.name}.csv`, rows: t.rows, rowsLeftOut: t.rowsLeftOut, blankedColumns: t.blanked })),
      derivedTables: [...DERIVED_TABLES],
    };
    files["manifest.json"] = strToU8(JSON.stringify(manifest, null, 2));
    files["README.txt"] = strToU8(README);
    return { zip: zipSync(files, { level: 6, mtime: now }), manifest };
  });
}

/** A checked SQLite copy of the live database (the backup's own check), read into memory and its file removed. */
export function sqliteCopy(source: string): { bytes: Buffer; check: BackupCheck } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepping-up-export-"));
  try {
    const check = backupDatabase(source, path.join(dir, "copy.sqlite"));
    return { bytes: fs.readFileSync(check.file), check };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
