// npm run backup -- FILE
// A consistent copy of DATABASE_URL, safe while the server runs; checked before it is kept.
// See docs/backups.md for restoring.
import { getEnv } from "../app/env.server";
import { backupDatabase, BackupError, formatBytes } from "../app/models/backup.server";

// The database, its backups and secrets are readable by their owner only.
process.umask(0o077);

function main(): number {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0].startsWith("-")) {
    console.error("Usage: npm run backup -- FILE\n  FILE is the new backup file, e.g. backups/stepping-up-2026-11-26.sqlite");
    return 2;
  }
  const source = getEnv().DATABASE_URL;
  const started = Date.now();
  const check = backupDatabase(source, args[0]);
  console.log(`Backed up ${source} to ${check.file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`  size: ${formatBytes(check.bytes)}`);
  console.log(`  integrity check: ${check.integrity}; foreign keys: ok; migrations applied: ${check.migrations}`);
  console.log("  rows:");
  for (const [table, n] of Object.entries(check.counts)) console.log(`    ${table.padEnd(16)} ${n}`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  const message = error instanceof BackupError || error instanceof Error ? error.message : String(error);
  console.error(`Backup failed: ${message}`);
  process.exitCode = 1;
}
