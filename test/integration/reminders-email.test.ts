// Reminders and digests for real: `npm run notify:due` as its own process and the server's hourly run in two
// server processes, on one database, delivering to a real SMTP server on a random port. One digest per
// person per day with all their reminders; weekly and off respected; disabled accounts get nothing; a
// second run sends nothing; reminders stop once fixed; with the relay down the digest waits and goes once.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { emailOutbox, meetingActions, meetings, notificationPreferences, users } from "../../db/schema";
import { allReminders } from "~/models/reminder.server";
import { userIdOf } from "../helpers/db";
import { projectRoot } from "../helpers/build";
import { freePort } from "../helpers/net";
import { startTestServer, TEST_TODAY, DEMO_PASSWORD, type TestServer } from "../helpers/server";
import { eventually, startSmtp } from "../helpers/smtp";

const PUBLIC_URL = "https://qi.example.nhs.uk";
const SECRET = "test-session-secret-0123456789abcdef0123456789";
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let server: TestServer;
let env: Record<string, string>;

beforeAll(async () => {
  smtp = await startSmtp();
  env = { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: "Stepping Up <qi@example.nhs.uk>", PUBLIC_URL, SESSION_SECRET: SECRET };
  // The in-process server is the sender: it delivers what the runs below queue.
  server = await startTestServer({ env });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await smtp?.stop();
});

const run = promisify(execFile);
/** `npm run notify:due` for one day, as its own process. */
async function notifyDue(today: string) {
  const { stdout } = await run(path.join(projectRoot, "node_modules", ".bin", "tsx"), ["scripts/notify-due.ts"], {
    cwd: projectRoot,
    env: { ...process.env, ...env, NODE_ENV: "production", DATABASE_URL: server.databaseFile, STEPPING_UP_TODAY: today, STEPPING_UP_DEMO: "1" },
  });
  return stdout;
}
const settle = (ms = 2500) => new Promise((r) => setTimeout(r, ms));
const digestsFor = (today: string) =>
  server.db
    .select({ userId: emailOutbox.userId, to: emailOutbox.toAddress, state: emailOutbox.state, dedupeKey: emailOutbox.dedupeKey })
    .from(emailOutbox)
    .all()
    .filter((m) => m.dedupeKey?.startsWith("digest:") && m.dedupeKey.endsWith(`:${today}`));
const receivedFor = (today: string, address?: string) =>
  smtp.received.filter((r) => (r.mail.subject ?? "").startsWith(`Stepping Up for ${today}`) && (!address || r.to.includes(address)));
const emailOf = (id: number) => server.db.select({ email: users.email }).from(users).where(eq(users.id, id)).get()!.email;
const prefer = (userId: number, mode: "weekly" | "off") =>
  server.db
    .insert(notificationPreferences)
    .values({ userId, kind: "reminders", mode })
    .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { mode } })
    .run();

describe("reminders by email", () => {
  let leadId: number;
  let people: { weekly: number; off: number; disabled: number };

  it("sends each person one digest with all their reminders, respecting weekly, off and disabled accounts", async () => {
    leadId = userIdOf(server.db, "lead@example.org");
    const meetingId = server.db
      .insert(meetings)
      .values({ programmeId: 1, title: "Reminder test board", meetingDate: "2026-11-01" })
      .returning({ id: meetings.id })
      .get().id;
    server.db
      .insert(meetingActions)
      .values([
        { meetingId, text: "Reminder test: bring the run chart", ownerUserId: leadId, dueOn: "2026-11-20" },
        { meetingId, text: "Reminder test: circulate the notes", ownerUserId: leadId, dueOn: "2026-11-30" },
        { meetingId, text: "Reminder test: not yet", ownerUserId: leadId, dueOn: "2026-12-20" },
      ])
      .run();
    const reminders = allReminders(server.db, TEST_TODAY);
    const byPerson = new Map<number, number>();
    for (const r of reminders) for (const id of r.userIds) byPerson.set(id, (byPerson.get(id) ?? 0) + 1);
    const others = [...byPerson.keys()].filter((id) => id !== leadId);
    expect(others.length, "the demo has several people with reminders").toBeGreaterThanOrEqual(3);
    people = { weekly: others[0], off: others[1], disabled: others[2] };
    prefer(people.weekly, "weekly");
    prefer(people.off, "off");
    server.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, people.disabled)).run();

    const out = await notifyDue(TEST_TODAY);
    expect(out).toContain(`${reminders.length} reminders due`);
    const [digest] = await eventually(() => {
      const got = receivedFor("26 Nov 2026", "lead@example.org");
      expect(got).toHaveLength(1);
      return got;
    });
    expect(digest.mail.subject).toBe(`Stepping Up for 26 Nov 2026: ${byPerson.get(leadId)} reminders`);
    expect(digest.mail.text).toContain('Action "Reminder test: bring the run chart" is due 20 Nov 2026');
    expect(digest.mail.text).toContain("6 days overdue");
    expect(digest.mail.text).toContain('Action "Reminder test: circulate the notes" is due 30 Nov 2026');
    expect(digest.mail.text).not.toContain("Reminder test: not yet");
    expect(digest.mail.html || "").toContain(`${PUBLIC_URL}/actions`);
    const header = digest.mail.headerLines.find((h) => h.key === "list-unsubscribe")?.line ?? "";
    expect(header).toContain(`/notifications/unsubscribe?u=${leadId}&k=reminders&s=`);

    await eventually(() => expect(digestsFor(TEST_TODAY).every((m) => m.state === "sent")).toBe(true));
    const sentTo = receivedFor("26 Nov 2026").flatMap((r) => r.to);
    expect(new Set(sentTo).size).toBe(sentTo.length); // one each
    const expected = [...byPerson.keys()].filter((id) => id !== people.weekly && id !== people.off && id !== people.disabled).map(emailOf);
    expect(sentTo.sort()).toEqual(expected.sort());
  });

  it("sends nothing more when run again the same day", async () => {
    const before = smtp.received.length;
    const out = await notifyDue(TEST_TODAY);
    expect(out).toContain("0 emails queued");
    await settle();
    expect(smtp.received.length).toBe(before);
  });

  it("sends the weekly digest on Monday, still nothing to off or disabled, and stops a reminder once its cause is fixed", async () => {
    server.db.update(meetingActions).set({ completedOn: "2026-11-27" }).where(eq(meetingActions.text, "Reminder test: bring the run chart")).run();
    await notifyDue("2026-11-30");
    await eventually(() => expect(receivedFor("30 Nov 2026", emailOf(people.weekly))).toHaveLength(1));
    const [lead] = await eventually(() => {
      const got = receivedFor("30 Nov 2026", "lead@example.org");
      expect(got).toHaveLength(1);
      return got;
    });
    expect(lead.mail.text).not.toContain("Reminder test: bring the run chart");
    expect(lead.mail.text).toContain("Reminder test: circulate the notes");
    await settle();
    expect(receivedFor("30 Nov 2026", emailOf(people.off))).toEqual([]);
    expect(receivedFor("30 Nov 2026", emailOf(people.disabled))).toEqual([]);
  });

  it("keeps the digest in the outbox while the relay is down and delivers it once when it returns", async () => {
    await smtp.stop();
    await notifyDue("2026-12-01");
    const queued = digestsFor("2026-12-01").filter((m) => m.to === "lead@example.org");
    expect(queued).toHaveLength(1);
    await eventually(() => {
      const row = server.db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.dedupeKey, `digest:${leadId}:2026-12-01`))
        .get()!;
      expect(row.state).toBe("pending");
      expect(row.attempts).toBeGreaterThan(0);
      expect(row.lastError).not.toBe("");
    });
    await smtp.restart();
    await eventually(() => expect(receivedFor("1 Dec 2026", "lead@example.org")).toHaveLength(1), 60_000);
    await settle();
    expect(receivedFor("1 Dec 2026", "lead@example.org")).toHaveLength(1);
  }, 90_000);
});

describe("the hourly run in two server processes", () => {
  const children: ChildProcess[] = [];
  afterAll(async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
          }),
      ),
    );
  });

  async function serve(today: string) {
    const port = await freePort();
    let output = "";
    const child = spawn(process.execPath, ["server.js"], {
      cwd: projectRoot,
      env: {
        ...process.env,
        ...env,
        NODE_ENV: "production",
        PORT: String(port),
        DATABASE_URL: server.databaseFile,
        STEPPING_UP_TODAY: today,
        STEPPING_UP_DEMO: "1",
        DEMO_PASSWORD,
        JOBS_EVERY_SECONDS: "1",
        NOTIFY_HOUR: "0",
        // Two separate servers of one process each (cluster.test.ts has one server of two workers).
        WEB_CONCURRENCY: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    children.push(child);
    await eventually(async () => {
      expect(child.exitCode, output).toBeNull();
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).ok).toBe(true);
    }, 60_000);
  }

  it("sends each digest once, however many processes run the job", async () => {
    const day = "2026-12-02";
    await Promise.all([serve(day), serve(day)]);
    await eventually(() => expect(receivedFor("2 Dec 2026", "lead@example.org")).toHaveLength(1), 30_000);
    // Several hourly runs (one a second here) in each process: still one digest per person.
    await settle(5000);
    const sentTo = receivedFor("2 Dec 2026").flatMap((r) => r.to);
    expect(sentTo.length).toBeGreaterThan(1);
    expect(new Set(sentTo).size).toBe(sentTo.length);
    expect(
      server.db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.dedupeKey, `digest:${userIdOf(server.db, "lead@example.org")}:${day}`)))
        .all(),
    ).toHaveLength(1);
    // The lock is let go after each run.
    expect(server.db.$client.prepare("select count(*) as n from job_locks where expires_at > ?").get(Date.now() + 20 * 60_000)).toEqual({ n: 0 });
  }, 120_000);
});
