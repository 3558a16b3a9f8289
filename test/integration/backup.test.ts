// `npm run backup -- FILE` against a running server with writes in flight, then a restore:
// the copy is a consistent snapshot (every write saved before it began, none after it ended,
// nothing half-written) and a server started on it shows the data.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2E_PASSWORD, startApp, type RunningApp } from "../e2e/support";
import { projectRoot } from "../helpers/build";
import { tempDir } from "../helpers/db";
import { readPage } from "../helpers/html";
import { Client, TEST_TODAY } from "../helpers/server";

const running: RunningApp[] = [];
afterAll(async () => {
  await Promise.all(running.map((app) => app.stop()));
});

async function start(env: Record<string, string> = {}) {
  const app = await startApp({ STEPPING_UP_TODAY: TEST_TODAY, ...env });
  running.push(app);
  return app;
}

/** Runs `npm run backup -- FILE` exactly as an operator would; bounded at 60 s. */
function backup(databaseFile: string, file?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", "backup", ...(file === undefined ? [] : ["--", file])], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseFile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const sha = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

let app: RunningApp;
let client: Client;
let projectId: number;

beforeAll(async () => {
  app = await start();
  client = new Client(app.url);
  await client.signIn("admin@example.org", E2E_PASSWORD);
  const look = new Database(app.databaseFile, { readonly: true });
  projectId = (look.prepare("select min(id) as id from projects where stage = 'active'").get() as { id: number }).id;
  look.close();
});

type Sent = { n: number; sentAt: number; ackAt?: number; id?: number };

describe("npm run backup", () => {
  it("copies the live database with writes in flight, and a server started on the copy shows the data", { timeout: 90_000 }, async () => {
    const sent: Sent[] = [];
    let writing = true;
    const loop = (async () => {
      for (let n = 1; writing && n <= 2000; n++) {
        const s: Sent = { n, sentAt: Date.now() };
        sent.push(s);
        const res = await client.post(`/projects/${projectId}/status/new`, {
          reportDate: TEST_TODAY,
          rag: "green",
          progress: `Backup report ${n}`,
          nextSteps: "Keep going",
          "asks[0].what": `Backup ask ${n}`,
          "asks[0].addressee": "board",
        });
        const id = res.headers.get("location")?.match(/\/status\/(\d+)\?written=1$/)?.[1];
        expect(res.status, `write ${n}`).toBe(302);
        Object.assign(s, { ackAt: Date.now(), id: Number(id) });
      }
    })();

    // Some writes saved before the backup begins (counted, not timed: the machine may be busy).
    while (sent.filter((x) => x.ackAt !== undefined).length < 4) await new Promise((r) => setTimeout(r, 20));
    const file = path.join(tempDir("stepping-up-backup-"), "backup.sqlite");
    const backupStarted = Date.now();
    const result = await backup(app.databaseFile, file);
    const backupEnded = Date.now();
    // And some begun after it ended.
    while (!sent.some((x) => x.sentAt > backupEnded && x.ackAt !== undefined)) await new Promise((r) => setTimeout(r, 20));
    writing = false;
    await loop;

    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`to ${file}`);
    expect(result.stdout).toMatch(/size: [\d.]+ (KB|MB)/);
    expect(result.stdout).toContain("integrity check: ok");
    expect(result.stdout).toMatch(/status_reports\s+\d+/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["backup.sqlite"]); // no partial file left beside it

    // A consistent snapshot: everything saved before it began, nothing begun after it ended, nothing half-written.
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(copy.pragma("foreign_key_check")).toEqual([]);
    const inCopy = copy
      .prepare(
        `select r.id, r.progress, (select group_concat(what) from asks a where a.status_report_id = r.id) as asks,
           (select count(*) from audit_events e where e.action = 'status_report.created' and e.entity_id = r.id) as audits
         from status_reports r where r.progress like 'Backup report %'`,
      )
      .all() as { id: number; progress: string; asks: string; audits: number }[];
    const copied = new Set(inCopy.map((r) => Number(r.progress.replace("Backup report ", ""))));
    const before = sent.filter((s) => s.ackAt !== undefined && s.ackAt < backupStarted);
    const after = sent.filter((s) => s.sentAt > backupEnded);
    expect(before.length).toBeGreaterThan(3);
    expect(after.length).toBeGreaterThan(0);
    expect(before.filter((s) => !copied.has(s.n))).toEqual([]);
    expect(after.filter((s) => copied.has(s.n))).toEqual([]);
    expect(inCopy.filter((r) => r.asks !== r.progress.replace("report", "ask") || r.audits !== 1)).toEqual([]);
    const counted = Number(result.stdout.match(/status_reports\s+(\d+)/)![1]);
    expect(counted).toBe((copy.prepare("select count(*) as n from status_reports").get() as { n: number }).n);
    copy.close();

    // Never overwrites: a second backup to the same name fails and leaves the file as it was.
    const hash = sha(file);
    const again = await backup(app.databaseFile, file);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists");
    expect(sha(file)).toBe(hash);

    // Restore as docs/backups.md says: stop, replace the file, remove -wal/-shm, start.
    await app.stop();
    const restoredFile = path.join(tempDir("stepping-up-restored-"), "app.sqlite");
    fs.copyFileSync(file, restoredFile);
    for (const suffix of ["-wal", "-shm"]) fs.rmSync(restoredFile + suffix, { force: true });
    const restored = await start({ DATABASE_URL: restoredFile });
    expect(restored.output()).not.toContain("Seeded the demo portfolio");
    const reader = new Client(restored.url);
    await reader.signIn("admin@example.org", E2E_PASSWORD);
    const kept = before.at(-1)!;
    const page = await reader.get(`/projects/${projectId}/status/${kept.id}`);
    expect(page.status).toBe(200);
    const report = await readPage(page);
    expect(report.text).toContain(`Backup report ${kept.n}`);
    expect(report.text).toContain(`Backup ask ${kept.n}`);
    const lost = after.find((s) => s.id !== undefined)!;
    expect((await reader.get(`/projects/${projectId}/status/${lost.id}`)).status).toBe(404);
  });

  it("refuses to run without a database, and explains how to call it", async () => {
    const dir = tempDir("stepping-up-backup-");
    const missing = await backup(path.join(dir, "nothing-here.sqlite"), path.join(dir, "copy.sqlite"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Backup failed: There is no database at");
    expect(fs.readdirSync(dir)).toEqual([]);

    const usage = await backup(app.databaseFile);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("Usage: npm run backup -- FILE");
  });
});
