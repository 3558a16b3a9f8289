// npm run db:migrate — applies committed migrations to DATABASE_URL.
import { getEnv } from "../app/env.server";
import { openDatabase } from "./client";
import { defaultMigrationsFolder, runMigrations } from "./migrate";

// The database, its backups and secrets are readable by their owner only.
process.umask(0o077);

const file = getEnv().DATABASE_URL;
const db = openDatabase(file);
runMigrations(db, defaultMigrationsFolder);
db.$client.close();
console.log(`Migrated ${file}`);
