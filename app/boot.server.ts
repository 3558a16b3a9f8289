// Start-up, run by server.js before it listens: parse the environment, migrate,
// seed the demo into an empty database, load secrets. Never at import time.
import { getEnv } from "~/env.server";
import { getDb } from "~/db.server";
import { runMigrations } from "../db/migrate";
import { isDatabaseEmpty, seedDemo } from "../seeds/demo";
import { hashPassword } from "~/auth/password.server";
import { loadDemoPassword, loadSessionSecret } from "~/auth/secrets.server";
import { loadSignInPolicy } from "~/auth/policy.server";
import { today } from "~/today.server";
import { ensureProgramme, getProgramme, isDemoProgramme } from "~/models/programme.server";
import { ensureSummariesFresh } from "~/models/summary.server";
import { countUsers } from "~/models/user.server";
import type { TrustProxy } from "~/auth/trust-proxy.server";
import { refreshAllMeasureSummaries } from "~/models/measure-summary.server";
import { ensureLearningIndex } from "~/models/learning-index.server";
import { ensureTrainingLevels } from "~/models/capability.server";
import { startMailSender } from "~/models/mail-sender.server";
import { startScheduledJobs } from "~/models/scheduled-jobs.server";

export type StartupInfo = {
  port: number;
  /** Passed to Express's `trust proxy` setting. */
  trustProxy: TrustProxy;
  demo: boolean;
  seeded: boolean;
  signInHelp: string;
};

export async function startup({
  migrationsFolder,
  background = true,
  prepare = true,
}: {
  migrationsFolder: string;
  /** Keep the board's summaries fresh in the background (off in tests, which control time). */
  background?: boolean;
  /**
   * Run the start-up work that writes: migrations, seeding, the learning index, the first summaries. A worker
   * that joins a running server (server.js, ADR 120) skips it: the first worker did it, once, before it started.
   */
  prepare?: boolean;
}): Promise<StartupInfo> {
  const env = getEnv();
  const db = getDb();
  if (prepare) runMigrations(db, migrationsFolder);

  let seeded = false;
  if (!prepare) {
    // Nothing to write: the first worker migrated and seeded before this one was started.
  } else if (env.STEPPING_UP_DEMO === "1" && isDatabaseEmpty(db)) {
    const password = loadDemoPassword();
    seedDemo(db, { today: today(), passwordHash: await hashPassword(password) });
    refreshAllMeasureSummaries(db);
    seeded = true;
  } else {
    ensureProgramme(db);
  }

  // The learning index is kept by triggers; rebuild it when it is missing or out of step (ADR 050).
  const indexProblem = prepare ? ensureLearningIndex(db) : null;
  if (indexProblem) console.warn(`Rebuilt the learning index (${indexProblem})`);

  const demo = isDemoProgramme(db);
  // The board's date-based flags change at midnight: recompute before the first visitor, not during.
  const programmeId = getProgramme(db).id;
  // A programme starts with the default QI training levels (ADR 114).
  if (prepare) {
    ensureTrainingLevels(db, programmeId);
    ensureSummariesFresh(db, programmeId, today());
  }
  // Every worker runs the background work: each piece is safe in several processes at once (ADR 120).
  if (background) {
    setInterval(() => {
      try {
        ensureSummariesFresh(db, programmeId, today());
      } catch (error) {
        console.error("Could not refresh the board's summaries", error);
      }
    }, 60_000).unref();
  }
  loadSessionSecret(demo);
  loadSignInPolicy(demo);
  // Email leaves only through SMTP_URL; without it, mail waits in the outbox (/admin/outbox).
  startMailSender(db);
  // Reminders and digests (and any later scheduled task) hourly, under a database lock (ADR 067).
  if (background) startScheduledJobs(db);

  let signInHelp: string;
  if (demo) {
    const password = loadDemoPassword();
    signInHelp = [
      "This is a demo portfolio (fictional data). Sign in with any of:",
      "  admin@example.org, board@example.org, staff@example.org, viewer@example.org, lead@example.org",
      `  password: ${password}`,
    ].join("\n");
  } else if (countUsers(db) === 0) {
    signInHelp = "No accounts yet. Create the first admin with:\n  npm run user:create -- --email you@trust.nhs.uk --role admin";
  } else {
    signInHelp = "Sign in with your Stepping Up account.";
  }
  return { port: env.PORT, trustProxy: env.TRUST_PROXY, demo, seeded, signInHelp };
}
