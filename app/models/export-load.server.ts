// Loads an export (ADR 080) into a new, migrated, empty database: the proof that an export is
// complete, and the way a trust moves its data to a new server. Refuses an export made by
// another schema version and a database that already holds data.
import Papa from "papaparse";
import { strFromU8, unzipSync } from "fflate";
import type { Db } from "~/db.server";
import { exportableTables, schemaVersion, type ExportManifest } from "~/models/export.server";

export class ExportLoadError extends Error {}

export function loadExportZip(db: Db, zip: Uint8Array): Record<string, number> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch {
    throw new ExportLoadError("The file is not a zip file.");
  }
  if (!files["manifest.json"]) throw new ExportLoadError("The zip has no manifest.json: it is not a Stepping Up export.");
  const manifest = JSON.parse(strFromU8(files["manifest.json"])) as ExportManifest;
  if (manifest.format !== "stepping-up-export") throw new ExportLoadError("The manifest is not a Stepping Up export's.");
  const here = schemaVersion(db);
  if (here.latestMigration !== manifest.schema.latestMigration) {
    throw new ExportLoadError(
      `The export was made by a database at migration ${manifest.schema.latestMigration} (${manifest.schema.migrations} migrations); ` +
        `this database is at ${here.latestMigration} (${here.migrations}). Load it with the same version of Stepping Up, then upgrade.`,
    );
  }
  const tables = new Set(exportableTables(db));
  for (const t of manifest.tables) if (!tables.has(t.name)) throw new ExportLoadError(`This database has no table ${t.name}.`);
  const busy = manifest.tables.filter((t) => (db.$client.prepare(`select count(*) as n from "${t.name}"`).get() as { n: number }).n > 0);
  if (busy.length > 0)
    throw new ExportLoadError(`This database already holds data (${busy.map((t) => t.name).join(", ")}): load an export into a new database only.`);

  const counts: Record<string, number> = {};
  db.$client.pragma("foreign_keys = off");
  try {
    db.$client.transaction(() => {
      for (const t of manifest.tables) {
        const file = files[t.file];
        if (!file) throw new ExportLoadError(`The zip has no ${t.file}.`);
        const parsed = Papa.parse<string[]>(strFromU8(file), { skipEmptyLines: true });
        const [header, ...rows] = parsed.data;
        const info = db.$client.prepare(`pragma table_info("${t.name}")`).all() as { name: string; notnull: number }[];
        const notNull = new Map(info.map((c) => [c.name, c.notnull === 1]));
        for (const name of header) if (!notNull.has(name)) throw new ExportLoadError(`${t.file} has a column ${name} the table ${t.name} does not have.`);
        const insert = db.$client.prepare(`insert into "${t.name}" (${header.map((h) => `"${h}"`).join(", ")}) values (${header.map(() => "?").join(", ")})`);
        for (const row of rows) insert.run(row.map((value, i) => (value === "" && !notNull.get(header[i]) ? null : value)));
        if (rows.length !== t.rows) throw new ExportLoadError(`${t.file} has ${rows.length} rows; the manifest says ${t.rows}.`);
        counts[t.name] = rows.length;
      }
      const problems = db.$client.pragma("foreign_key_check") as unknown[];
      if (problems.length > 0) throw new ExportLoadError(`${problems.length} row(s) point at rows that are not in the export.`);
    })();
  } finally {
    db.$client.pragma("foreign_keys = on");
  }
  return counts;
}
