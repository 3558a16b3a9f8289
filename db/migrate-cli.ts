// npm run db:migrate — applies committed migrations to DATABASE_URL.
import { getEnv } from "../app/env.server";
import { openDatabase } from "./client";
import { defaultMigrationsFolder, runMigrations } from "./migrate";

const file = getEnv().DATABASE_URL;
const db = openDatabase(file);
runMigrations(db, defaultMigrationsFolder);
db.$client.close();
console.log(`Migrated ${file}`);
