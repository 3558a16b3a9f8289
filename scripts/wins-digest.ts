// npm run wins:digest [-- --month YYYY-MM] — the monthly wins digest (ADR 100), as the server sends it on the
// first days of each month: last month's by default (today is STEPPING_UP_TODAY when set). A month is sent
// once, so running it again (or beside the server) sends nothing twice.
import { getEnv } from "../app/env.server";
import { getDb, closeDb } from "../app/db.server";
import { loadSessionSecret } from "../app/auth/secrets.server";
import { BAD_MONTH_MESSAGE, monthName, monthOf, parseMonth, previousMonth } from "../app/domain/wins-month";
import { isDemoProgramme } from "../app/models/programme.server";
import { runScheduledTasks } from "../app/models/scheduled-jobs.server";
import { queueWinsDigest, type WinsDigestResult } from "../app/models/wins-digest.server";
import { today } from "../app/today.server";

process.umask(0o077);

function monthArgument(args: string[]): string | null {
  const i = args.findIndex((a) => a === "--month" || a.startsWith("--month="));
  if (i === -1) return previousMonth(monthOf(today()));
  const value = args[i].includes("=") ? args[i].slice("--month=".length) : args[i + 1];
  return parseMonth(value);
}

const month = monthArgument(process.argv.slice(2));
if (!month) {
  console.error(`wins:digest: ${BAD_MONTH_MESSAGE} (--month 2026-11).`);
  process.exit(1);
}
const env = getEnv();
const db = getDb();
loadSessionSecret(isDemoProgramme(db));
const run = runScheduledTasks(db, { byHand: true, tasks: [{ name: "wins-digest", run: (ctx) => queueWinsDigest(ctx.db, { month }) }] });
if (!run.ran) {
  console.log("Another process is running the scheduled work now; nothing was done.");
} else if (run.failed.length) {
  console.error(`wins:digest failed for ${month} (see above).`);
  process.exitCode = 1;
} else {
  const r = run.results["wins-digest"] as WinsDigestResult;
  const what = r.alreadySent
    ? "already sent: nothing more queued"
    : r.wins === 0
      ? "no confirmed wins: nothing to send"
      : `${r.wins} confirmed ${r.wins === 1 ? "win" : "wins"}, ${r.emails} emails queued`;
  console.log(`Wins digest for ${monthName(month)} in ${env.DATABASE_URL}: ${what}.`);
}
closeDb();
