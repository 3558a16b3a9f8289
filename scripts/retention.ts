// npm run retention
// Deletes from DATABASE_URL what is past its retention period (docs/decisions/082); the hourly job does the same.
import { getEnv } from "../app/env.server";
import { openDatabase } from "../db/client";
import { applyRetention, describeCounts, retentionSettings } from "../app/models/retention.server";

try {
  const settings = retentionSettings();
  const db = openDatabase(getEnv().DATABASE_URL);
  try {
    const counts = applyRetention(db, new Date(), settings);
    console.log(`Retention applied to ${getEnv().DATABASE_URL}: deleted ${describeCounts(counts)}.`);
    console.log(
      `  kept: audit events ${settings.auditDays} days, sign-in records ${settings.sessionDays} days, read notifications ${settings.notificationDays} days, sent emails ${settings.outboxDays} days`,
    );
  } finally {
    db.$client.close();
  }
} catch (error) {
  console.error(`Retention failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
