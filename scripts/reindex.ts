// npm run db:reindex — rebuilds the learning index of DATABASE_URL from its records (ADR 050).
// Safe while the server runs: one transaction, so searches see the old index until it commits.
import { getEnv } from "../app/env.server";
import { openDatabase } from "../db/client";
import { rebuildLearningIndex } from "../app/models/learning-index.server";

process.umask(0o077);

const file = getEnv().DATABASE_URL;
const db = openDatabase(file);
const started = performance.now();
const entries = rebuildLearningIndex(db);
console.log(`Rebuilt the learning index of ${file}: ${entries} records in ${((performance.now() - started) / 1000).toFixed(1)} s`);
db.$client.close();
