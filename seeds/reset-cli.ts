// npm run db:reset — deletes the database file and recreates the demo portfolio.
import fs from "node:fs";
import { getEnv } from "../app/env.server";
import { seedIfEmpty } from "./seed-cli";

// The database, its backups and secrets are readable by their owner only.
process.umask(0o077);

const file = getEnv().DATABASE_URL;
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
await seedIfEmpty(file);
console.log(`Recreated ${file} with the demo portfolio`);
