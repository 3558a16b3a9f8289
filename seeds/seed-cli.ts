// npm run db:seed — seeds the demo portfolio into an empty database (never touches a non-empty one).
import { getEnv } from "../app/env.server";
import { hashPassword } from "../app/auth/password.server";
import { loadDemoPassword } from "../app/auth/secrets.server";
import { today } from "../app/today.server";
import { refreshAllMeasureSummaries } from "../app/models/measure-summary.server";
import { openDatabase } from "../db/client";
import { defaultMigrationsFolder, runMigrations } from "../db/migrate";
import { isDatabaseEmpty, seedDemo } from "./demo";

export async function seedIfEmpty(file: string): Promise<boolean> {
  const db = openDatabase(file);
  try {
    runMigrations(db, defaultMigrationsFolder);
    if (!isDatabaseEmpty(db)) return false;
    seedDemo(db, { today: today(), passwordHash: await hashPassword(loadDemoPassword()) });
    refreshAllMeasureSummaries(db);
    return true;
  } finally {
    db.$client.close();
  }
}

if (process.argv[1]?.endsWith("seed-cli.ts")) {
  process.umask(0o077); // the database is readable by its owner only
  const file = getEnv().DATABASE_URL;
  const seeded = await seedIfEmpty(file);
  console.log(seeded ? `Seeded the demo portfolio into ${file}` : `${file} is not empty: left untouched`);
}
