// npm run db:import-export -- FILE.zip
// Loads an export made at /admin/export into DATABASE_URL, which must be new: migrated, with no data.
import fs from "node:fs";
import { getEnv } from "../app/env.server";
import { openDatabase } from "../db/client";
import { defaultMigrationsFolder, runMigrations } from "../db/migrate";
import { loadExportZip } from "../app/models/export-load.server";

process.umask(0o077);

function main(): number {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0].startsWith("-")) {
    console.error("Usage: npm run db:import-export -- FILE.zip\n  FILE.zip is an export downloaded from Admin → Export; DATABASE_URL must be a new database.");
    return 2;
  }
  if (!fs.existsSync(args[0])) {
    console.error(`There is no file at ${args[0]}.`);
    return 1;
  }
  const target = getEnv().DATABASE_URL;
  const db = openDatabase(target);
  try {
    runMigrations(db, defaultMigrationsFolder);
    const counts = loadExportZip(db, fs.readFileSync(args[0]));
    console.log(`Loaded ${args[0]} into ${target}:`);
    for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(28)} ${n}`);
    console.log("People sign in with single sign-on or after an admin resets their password: passwords are not in an export.");
    return 0;
  } finally {
    db.$client.close();
  }
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`Import failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
