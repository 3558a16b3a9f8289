// The lock that keeps scheduled work to one process at a time, and the run that honours it.
import { describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { acquireLock, releaseLock } from "~/models/job-lock.server";
import { JOBS_LOCK, runScheduledPeriod, runScheduledTasks, SCHEDULED_TASKS, type ScheduledTask } from "~/models/scheduled-jobs.server";
import { createTestDb } from "../helpers/db";

describe("job locks", () => {
  it("lets one holder in at a time, across two connections, until it is released or expires", () => {
    const { db, file } = createTestDb();
    const other = openDatabase(file);
    const now = 1_800_000_000_000;
    expect(acquireLock(db, "jobs", "a", 60_000, now)).toBe(true);
    expect(acquireLock(other, "jobs", "b", 60_000, now + 1)).toBe(false);
    expect(acquireLock(db, "jobs", "a", 60_000, now + 2)).toBe(false); // not re-entrant either
    expect(acquireLock(other, "other-job", "b", 60_000, now)).toBe(true);
    releaseLock(other, "jobs", "b"); // not b's to release
    expect(acquireLock(other, "jobs", "b", 60_000, now + 3)).toBe(false);
    releaseLock(db, "jobs", "a");
    expect(acquireLock(other, "jobs", "b", 60_000, now + 4)).toBe(true);
    // A holder that died: its lock expires and another takes it over.
    expect(acquireLock(db, "jobs", "a", 60_000, now + 60_004)).toBe(true);
    expect(db.$client.prepare("select holder from job_locks where name = 'jobs'").get()).toEqual({ holder: "a" });
    other.$client.close();
  });
});

describe("the scheduled run", () => {
  const counter = () => {
    const calls: string[] = [];
    const tasks: ScheduledTask[] = [
      { name: "one", run: () => calls.push("one") },
      { name: "later", due: () => false, run: () => calls.push("later") },
      {
        name: "broken",
        run: () => {
          throw new Error("boom");
        },
      },
    ];
    return { calls, tasks };
  };

  it("runs each due task under the lock, keeps going past a failure and lets the lock go", () => {
    const { db } = createTestDb();
    const { calls, tasks } = counter();
    const errors = console.error;
    console.error = () => {};
    try {
      const run = runScheduledTasks(db, { tasks });
      expect(run).toMatchObject({ ran: true, failed: ["broken"] });
      expect(calls).toEqual(["one"]);
      expect(runScheduledTasks(db, { tasks, byHand: true, only: ["later"] })).toMatchObject({ ran: true });
      expect(calls).toEqual(["one", "later"]);
    } finally {
      console.error = errors;
    }
    expect(db.$client.prepare("select count(*) as n from job_locks").get()).toEqual({ n: 0 });
  });

  it("does nothing while another process holds the lock", () => {
    const { db } = createTestDb();
    const { calls, tasks } = counter();
    expect(acquireLock(db, JOBS_LOCK, "elsewhere", 60_000, Date.now())).toBe(true);
    expect(runScheduledTasks(db, { tasks })).toEqual({ ran: false });
    expect(calls).toEqual([]);
  });

  it("runs the daily reminders and digests, the monthly wins digest and retention, every hour", () => {
    expect(SCHEDULED_TASKS.map((t) => t.name)).toEqual(["notify-due", "wins-digest", "retention"]);
  });
});

describe("the server's run in several worker processes", () => {
  it("runs once per period however many processes try, again in the next period, and leaves runs by hand alone", () => {
    const { db, file } = createTestDb();
    const other = openDatabase(file);
    const calls: string[] = [];
    const tasks: ScheduledTask[] = [{ name: "count", run: () => calls.push("count") }];
    const hour = 3_600_000;
    const start = 1_800_000_000_000 - (1_800_000_000_000 % hour);
    const logged = console.log;
    console.log = () => {};
    try {
      // Two workers at the start of the hour, a third late in it: one run.
      expect(runScheduledPeriod(db, "worker-1", hour, start + 5, tasks)).toMatchObject({ ran: true });
      expect(runScheduledPeriod(other, "worker-2", hour, start + 6, tasks)).toEqual({ ran: false });
      expect(runScheduledPeriod(other, "worker-2", hour, start + hour - 1, tasks)).toEqual({ ran: false });
      expect(calls).toEqual(["count"]);
      // The mutual-exclusion lock was let go: a run by hand still goes ahead in the same hour.
      expect(runScheduledTasks(db, { tasks, byHand: true })).toMatchObject({ ran: true });
      expect(calls).toEqual(["count", "count"]);
      // The next hour, whichever worker tries first runs it.
      expect(runScheduledPeriod(other, "worker-2", hour, start + hour + 20, tasks)).toMatchObject({ ran: true });
      expect(runScheduledPeriod(db, "worker-1", hour, start + hour + 21, tasks)).toEqual({ ran: false });
      expect(calls).toEqual(["count", "count", "count"]);
    } finally {
      console.log = logged;
    }
    other.$client.close();
  });

  it("does not use up the period while a run by hand holds the lock", () => {
    const { db } = createTestDb();
    const calls: string[] = [];
    const tasks: ScheduledTask[] = [{ name: "count", run: () => calls.push("count") }];
    const hour = 3_600_000;
    const start = 1_800_000_000_000 - (1_800_000_000_000 % hour);
    expect(acquireLock(db, JOBS_LOCK, "by-hand", 60_000, start)).toBe(true);
    expect(runScheduledPeriod(db, "worker-1", hour, start + 10, tasks)).toEqual({ ran: false });
    releaseLock(db, JOBS_LOCK, "by-hand");
    const logged = console.log;
    console.log = () => {};
    try {
      expect(runScheduledPeriod(db, "worker-1", hour, start + 20, tasks)).toMatchObject({ ran: true });
    } finally {
      console.log = logged;
    }
    expect(calls).toEqual(["count"]);
  });
});
