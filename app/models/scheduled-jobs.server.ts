// The scheduled work (docs/decisions/067): a list of tasks the server runs every hour by itself, under
// one database lock so that two processes never both run them, and that `npm run notify:due` (or cron)
// can run too. Every worker of the server tries at each hour; a claim on the hour lets one run (ADR 120). Add a task (like retention or the monthly wins digest) to SCHEDULED_TASKS; each must be safe
// to run any number of times (the outbox's dedupe keys make an email at most once).
import crypto from "node:crypto";
import os from "node:os";
import type { Db } from "~/db.server";
import { getEnv } from "~/env.server";
import { nowMs } from "~/clock.server";
import { londonHour } from "~/domain/digest";
import { today as getToday } from "~/today.server";
import { acquireLock, releaseLock } from "~/models/job-lock.server";
import { notifyDue } from "~/models/notify-due.server";
import { applyRetention } from "~/models/retention.server";
import { isWinsDigestDay, monthOf, previousMonth } from "~/domain/wins-month";
import { queueWinsDigest } from "~/models/wins-digest.server";

export type TaskContext = { db: Db; today: string; nowMs: number };

export type ScheduledTask = {
  name: string;
  /** Whether the hourly run should do it now (e.g. not before the morning); a run by hand always does it. */
  due?: (ctx: TaskContext) => boolean;
  run: (ctx: TaskContext) => unknown;
};

export const SCHEDULED_TASKS: ScheduledTask[] = [
  {
    name: "notify-due",
    // Digests go out from NOTIFY_HOUR (07:00 UK time by default), once a day.
    due: (ctx) => londonHour(ctx.nowMs) >= getEnv().NOTIFY_HOUR,
    run: (ctx) => notifyDue(ctx.db, ctx.today),
  },
  {
    // Last month's wins digest (docs/decisions/100), on the first days of a month from NOTIFY_HOUR; once per month.
    name: "wins-digest",
    due: (ctx) => isWinsDigestDay(ctx.today) && londonHour(ctx.nowMs) >= getEnv().NOTIFY_HOUR,
    run: (ctx) => queueWinsDigest(ctx.db, { month: previousMonth(monthOf(ctx.today)) }),
  },
  {
    // Deletes what is past its retention period (docs/decisions/082); safe to run every hour.
    name: "retention",
    run: (ctx) => applyRetention(ctx.db, new Date(ctx.nowMs)),
  },
];

export const JOBS_LOCK = "scheduled-jobs";
/** Longer than any run takes; a process that dies holding the lock frees it after this. */
export const JOBS_LOCK_MS = 15 * 60_000;

/** This process, as the lock's holder. */
export const processHolder = () => `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;

/** The claim on the current period of the server's own run: taken by the first process to try, kept until the period ends. */
export const JOBS_PERIOD_LOCK = "scheduled-jobs:period";

export type JobsRun = { ran: false } | { ran: true; results: Record<string, unknown>; failed: string[] };

/**
 * Runs the tasks (all, or those named) if this process gets the lock; `byHand` ignores each task's `due`.
 * `claim`, taken while the lock is held, must also succeed (the server's once-per-period claim).
 */
export function runScheduledTasks(
  db: Db,
  options: { holder?: string; only?: string[]; byHand?: boolean; tasks?: ScheduledTask[]; claim?: () => boolean } = {},
): JobsRun {
  const holder = options.holder ?? processHolder();
  if (!acquireLock(db, JOBS_LOCK, holder, JOBS_LOCK_MS, nowMs())) return { ran: false };
  if (options.claim && !options.claim()) {
    releaseLock(db, JOBS_LOCK, holder);
    return { ran: false };
  }
  const results: Record<string, unknown> = {};
  const failed: string[] = [];
  try {
    for (const task of options.tasks ?? SCHEDULED_TASKS) {
      if (options.only && !options.only.includes(task.name)) continue;
      const ctx: TaskContext = { db, today: getToday(), nowMs: nowMs() };
      if (!options.byHand && task.due && !task.due(ctx)) continue;
      try {
        results[task.name] = task.run(ctx);
      } catch (error) {
        failed.push(task.name);
        console.error(`The scheduled task ${task.name} failed`, error);
      }
    }
  } finally {
    releaseLock(db, JOBS_LOCK, holder);
  }
  return { ran: true, results, failed };
}

/**
 * The server's run for the period of `everyMs` (counted from the epoch, so every process agrees) that holds
 * `atMs`: at most one process runs it, however many try — the first claims the period until it ends.
 */
export function runScheduledPeriod(db: Db, holder: string, everyMs: number, atMs = nowMs(), tasks?: ScheduledTask[]): JobsRun {
  const periodEnd = (Math.floor(atMs / everyMs) + 1) * everyMs;
  const run = runScheduledTasks(db, { holder, tasks, claim: () => acquireLock(db, JOBS_PERIOD_LOCK, holder, periodEnd - atMs, atMs) });
  // One line per period in the server's log, from the process that ran it.
  if (run.ran) console.log(`Scheduled jobs ran for ${new Date(periodEnd - everyMs).toISOString()} in process ${process.pid}`);
  return run;
}

type JobsHolder = { __steppingUpJobs?: { stop: () => void } };

/**
 * Starts the hourly run in the server (once per process): the first try comes soon after start, then one at the
 * start of every period, so the workers of a server all try at the same moment and one of them runs it.
 */
export function startScheduledJobs(db: Db): (() => void) | null {
  const env = getEnv();
  if (env.SCHEDULED_JOBS === "0") return null;
  const holder = globalThis as JobsHolder;
  holder.__steppingUpJobs?.stop();
  const everyMs = env.JOBS_EVERY_SECONDS * 1000;
  const me = processHolder();
  let timer: ReturnType<typeof setTimeout>;
  const schedule = (delayMs: number) => {
    timer = setTimeout(tick, delayMs);
    timer.unref();
  };
  function tick() {
    try {
      runScheduledPeriod(db, me, everyMs);
    } catch (error) {
      console.error("The scheduled jobs failed", error);
    }
    // The next period's start (a little after, so a clock read a moment early still falls in it).
    schedule(everyMs - (Date.now() % everyMs) + 20);
  }
  schedule(Math.min(everyMs, 10 * 60_000));
  const stop = () => {
    clearTimeout(timer);
    if (holder.__steppingUpJobs?.stop === stop) holder.__steppingUpJobs = undefined;
  };
  holder.__steppingUpJobs = { stop };
  return stop;
}
