// npm run notify:due — today's reminders and digests (ADR 066), as the server does hourly: each person's
// digest at most once a day, so running it again (or beside the server) sends nothing twice.
// Today is STEPPING_UP_TODAY when set. For cron: 0 7 * * * cd /srv/stepping-up && npm run notify:due
import { getEnv } from "../app/env.server";
import { getDb, closeDb } from "../app/db.server";
import { loadSessionSecret } from "../app/auth/secrets.server";
import { isDemoProgramme } from "../app/models/programme.server";
import { runScheduledTasks } from "../app/models/scheduled-jobs.server";
import { today } from "../app/today.server";

process.umask(0o077);

const env = getEnv();
const db = getDb();
loadSessionSecret(isDemoProgramme(db));
const run = runScheduledTasks(db, { only: ["notify-due"], byHand: true });
if (!run.ran) {
  console.log("Another process is running the scheduled work now; nothing was done.");
} else if (run.failed.length) {
  console.error(`notify:due failed for ${today()} (see above).`);
  process.exitCode = 1;
} else {
  const r = run.results["notify-due"] as { reminders: number; notified: number; emails: number; resolved: number };
  console.log(
    `Reminders and digests for ${today()} in ${env.DATABASE_URL}: ${r.reminders} reminders due, ${r.notified} new in the app, ` +
      `${r.emails} emails queued, ${r.resolved} reminders resolved.`,
  );
}
closeDb();
