// The production server with two worker processes (WEB_CONCURRENCY=2, ADR 120): `node server.js` as a child
// process on a temporary database. Requests are served by both workers; sign-in throttling, kept in the
// database, holds across them; the hourly run, tried by both workers at the start of each period, runs once
// per period and queues one set of emails; a killed worker is replaced while the other keeps answering.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import { projectRoot } from "../helpers/build";
import { tempDir } from "../helpers/db";
import { freePort, waitUntilHealthy } from "../helpers/net";
import { DEMO_PASSWORD } from "../helpers/server";

const TODAY = "2026-12-02";
const JOBS_EVERY_SECONDS = 2;
const THRESHOLD = 10; // MAX_FAILURES_PER_ACCOUNT (app/models/sign-in-attempt.server.ts)

let child: ChildProcess;
let output = "";
let port: number;
let db: Db;

beforeAll(async () => {
  port = await freePort();
  const databaseFile = path.join(tempDir("stepping-up-cluster-"), "app.sqlite");
  child = spawn(process.execPath, ["server.js"], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseFile,
      STEPPING_UP_DEMO: "1",
      STEPPING_UP_TODAY: TODAY,
      DEMO_PASSWORD,
      SESSION_SECRET: "cluster-test-session-secret-0123456789abcdef",
      WEB_CONCURRENCY: "2",
      // Every worker tries the scheduled run at the start of each 2-second period; digests go out at any hour.
      SCHEDULED_JOBS: "1",
      JOBS_EVERY_SECONDS: String(JOBS_EVERY_SECONDS),
      NOTIFY_HOUR: "0",
      SMTP_URL: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  await waitUntilHealthy(`http://127.0.0.1:${port}`, { exited: () => child.exitCode !== null, output: () => output, timeoutMs: 90_000 });
  // Both workers listening: new connections are answered by two different ones.
  await eventually(async () => expect(new Set(await workersOf(4)).size, output).toBe(2), 90_000);
  db = openDatabase(databaseFile);
}, 150_000);

afterAll(async () => {
  db?.$client.close();
  if (!child || child.exitCode !== null) return;
  const workers = workerPids();
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
  // A graceful stop takes the workers with it.
  for (const pid of workers) expect(alive(pid), `worker ${pid} outlived the server`).toBe(false);
}, 60_000);

/** The server's worker processes: the children of the primary, from /proc. */
function workerPids(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis.
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(ppid) === child.pid && state !== "Z") pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids.sort((a, b) => a - b);
}

function alive(pid: number) {
  try {
    return !/^\S+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

async function eventually(check: () => void | Promise<void>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

type Answer = { status: number; body: string; reusedSocket: boolean };

/** One TCP connection, so one worker: requests on it go to whichever worker the primary dealt it to. */
function connection() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const request = (method: string, pathname: string, form?: Record<string, string>) =>
    new Promise<Answer>((resolve, reject) => {
      const body = form ? new URLSearchParams(form).toString() : undefined;
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          method,
          path: pathname,
          agent,
          headers: body ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) } : {},
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (d) => (text += d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, reusedSocket: req.reusedSocket }));
        },
      );
      req.on("error", reject);
      req.setTimeout(20_000, () => req.destroy(new Error(`${method} ${pathname} got no answer in 20 s`)));
      req.end(body);
    });
  /** The number of the worker that holds this connection. */
  const worker = async () => {
    const res = await request("GET", "/healthz");
    expect(res.status).toBe(200);
    return (JSON.parse(res.body) as { worker: number }).worker;
  };
  return { request, worker, close: () => agent.destroy() };
}

/** Which worker answers each of `n` new connections. */
async function workersOf(n: number) {
  const seen: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = connection();
    try {
      seen.push(await c.worker());
    } finally {
      c.close();
    }
  }
  return seen;
}

describe("two worker processes", () => {
  it("print the sign-in help once and serve requests from two different processes", async () => {
    expect(output.match(/Stepping Up is running on/g)).toHaveLength(1);
    expect(output.match(/Sign in with any of/g)).toHaveLength(1);
    expect(output.match(/Seeded the demo portfolio/g)).toHaveLength(1);
    const seen = await workersOf(8);
    expect(new Set(seen).size).toBe(2);
  });

  it("lock an account after exactly the configured number of wrong passwords, spread across both workers", async () => {
    const served: number[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < THRESHOLD + 2; i++) {
      const c = connection();
      try {
        served.push(await c.worker());
        const res = await c.request("POST", "/login", { email: "staff@example.org", password: `wrong password ${i}` });
        // The sign-in went to the worker that answered /healthz on the same connection.
        expect(res.reusedSocket).toBe(true);
        statuses.push(res.status);
      } finally {
        c.close();
      }
    }
    expect(statuses).toEqual([...Array<number>(THRESHOLD).fill(401), 429, 429]);
    // Both workers counted failures towards the one limit.
    const attemptsBy = (w: number) => served.slice(0, THRESHOLD).filter((x) => x === w).length;
    expect(new Set(served).size).toBe(2);
    for (const w of new Set(served)) expect(attemptsBy(w)).toBeGreaterThan(0);
    // Locked on both: the right password is refused too, whichever worker takes it.
    for (let i = 0; i < 2; i++) {
      const c = connection();
      try {
        await c.worker();
        const res = await c.request("POST", "/login", { email: "staff@example.org", password: DEMO_PASSWORD });
        expect(res.status).toBe(429);
      } finally {
        c.close();
      }
    }
    const failures = db.$client.prepare("select count(*) as n from sign_in_attempts where email = 'staff@example.org' and succeeded = 0").get() as {
      n: number;
    };
    expect(failures.n).toBe(THRESHOLD);
  }, 120_000);

  it("run the hourly job once per period although both workers try it at the same moment: one set of emails", async () => {
    const runs = () => [...output.matchAll(/Scheduled jobs ran for (\S+) in process (\d+)/g)].map((m) => ({ period: m[1], pid: Number(m[2]) }));
    // Several periods, each tried by both workers at its start.
    await eventually(() => expect(runs().length).toBeGreaterThanOrEqual(4), 60_000);
    const all = runs();
    const periods = all.map((r) => r.period);
    expect(new Set(periods).size, `a period ran twice:\n${output}`).toBe(periods.length);
    const workers = new Set(workerPids());
    for (const r of all) expect(workers.has(r.pid) || !alive(r.pid)).toBe(true);

    const digests = () =>
      db.$client.prepare("select dedupe_key as key, to_address as address from email_outbox where dedupe_key like 'digest:%'").all() as {
        key: string;
        address: string;
      }[];
    const first = digests();
    expect(first.length).toBeGreaterThan(1);
    expect(first.every((d) => d.key.endsWith(`:${TODAY}`))).toBe(true);
    expect(new Set(first.map((d) => d.address)).size).toBe(first.length);
    // Later periods add nothing: one digest per person per day.
    const ranSoFar = runs().length;
    await eventually(() => expect(runs().length).toBeGreaterThanOrEqual(ranSoFar + 2), 60_000);
    expect(digests()).toEqual(first);
  }, 150_000);

  it("replace a killed worker, and the other keeps answering meanwhile", async () => {
    const before = workerPids();
    expect(before, output).toHaveLength(2);
    const [victim, survivor] = before;
    process.kill(victim, "SIGKILL");
    // Once the primary has seen it go (a connection dealt in the moment before is lost, as with any crash)…
    await eventually(() => expect(output).toContain(`Worker ${victim} stopped (SIGKILL)`), 30_000);
    expect(alive(victim)).toBe(false);
    // …every new connection is answered, by the survivor until the replacement is ready.
    const answered = await workersOf(6);
    expect(answered).toHaveLength(6);
    await eventually(() => {
      const now = workerPids();
      expect(now, output).toHaveLength(2);
      expect(now).toContain(survivor);
      expect(now).not.toContain(victim);
    }, 60_000);
    // The replacement serves too: two workers answer again.
    await eventually(async () => expect(new Set(await workersOf(6)).size).toBe(2), 90_000);
    expect(child.exitCode).toBeNull();
  }, 180_000);
});
