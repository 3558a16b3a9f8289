// The scheduled work (docs/decisions/067): a list of tasks the server runs every hour by itself, under
// one database lock so that two processes never both run them, and that `npm run notify:due` (or cron)
// can run too. Add a task (like retention or the monthly wins digest) to SCHEDULED_TASKS; each must be safe
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

export type JobsRun = { ran: false } | { ran: true; results: Record<string, unknown>; failed: string[] };

/** Runs the tasks (all, or those named) if this process gets the lock; `byHand` ignores each task's `due`. */
export function runScheduledTasks(db: Db, options: { holder?: string; only?: string[]; byHand?: boolean; tasks?: ScheduledTask[] } = {}): JobsRun {
  const holder = options.holder ?? processHolder();
  if (!acquireLock(db, JOBS_LOCK, holder, JOBS_LOCK_MS, nowMs())) return { ran: false };
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

type JobsHolder = { __steppingUpJobs?: { stop: () => void } };

/** Starts the hourly run in the server (once per process); the first run comes soon after start. */
export function startScheduledJobs(db: Db): (() => void) | null {
  const env = getEnv();
  if (env.SCHEDULED_JOBS === "0") return null;
  const holder = globalThis as JobsHolder;
  holder.__steppingUpJobs?.stop();
  const everyMs = env.JOBS_EVERY_SECONDS * 1000;
  const me = processHolder();
  const tick = () => {
    try {
      runScheduledTasks(db, { holder: me });
    } catch (error) {
      console.error("The scheduled jobs failed", error);
    }
  };
  const first = setTimeout(tick, Math.min(everyMs, 10 * 60_000));
  const timer = setInterval(tick, everyMs);
  first.unref();
  timer.unref();
  const stop = () => {
    clearTimeout(first);
    clearInterval(timer);
    if (holder.__steppingUpJobs?.stop === stop) holder.__steppingUpJobs = undefined;
  };
  holder.__steppingUpJobs = { stop };
  return stop;
}
