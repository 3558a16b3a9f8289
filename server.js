// Starts Stepping Up: migrate, seed the demo on an empty database, then serve.
// In production it serves from one worker process per core but one (WEB_CONCURRENCY, docs/decisions/120 and 127):
// a small primary process, which never loads the app, forks the first worker to run start-up (migrations,
// seeding, summaries) alone, then the others, and replaces a worker that dies. One worker (the default on two
// cores, and WEB_CONCURRENCY=1) is a single process.
// Under `npm run dev` (NODE_ENV=development) it is always one process that re-imports each new build, so an
// edit is served within seconds of the compiler finishing, and tells the compiler it is ready.
import cluster from "node:cluster";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// The database, its backups and secrets are readable by their owner only.
process.umask(0o077);

const root = path.dirname(fileURLToPath(import.meta.url));
const BUILD = path.join(root, "build", "index.js");
const development = process.env.NODE_ENV === "development";
/** How long a graceful stop may take (a request may take 30 s, request-limits.js) before workers are killed. */
const STOP_GRACE_MS = 35_000;
/** A worker that dies sooner than this after starting counts towards the restart back-off. */
const QUICK_EXIT_MS = 60_000;
const RESTART_MIN_MS = 1000;
const RESTART_MAX_MS = 30_000;

async function importBuild() {
  // A query string makes Node load the rebuilt module instead of the cached one.
  const stamp = development ? `?t=${fs.statSync(BUILD).mtimeMs}` : "";
  return import(pathToFileURL(BUILD).href + stamp);
}

/**
 * WEB_CONCURRENCY: how many processes serve requests. By default one per core but one, which is left to V8's
 * garbage-collector threads, SQLite and the proxy: on two cores a second worker doubled the memory and did
 * not serve more pages (ADR 127).
 */
function workerCount() {
  const raw = (process.env.WEB_CONCURRENCY ?? "").trim();
  if (raw === "") return Math.max(1, os.availableParallelism() - 1);
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 64) {
    throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to 64 (got "${raw}")`);
  }
  return Number(raw);
}

/**
 * Loads the app and serves it. `prepare`: run the start-up work that writes (migrations, seeding,
 * summaries); a worker that joins a running server skips it.
 */
async function serve({ prepare }) {
  const { createApp, listen } = await import("./server/app.js");
  let build = await importBuild();
  const info = await build.entry.module.startup({ migrationsFolder: path.join(root, "db", "migrations"), prepare });
  const app = createApp(development ? () => build : build, {
    trustProxy: info.trustProxy,
    publicDir: path.join(root, "public"),
  });
  const server = await listen(app, { port: info.port });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  return { build, info, use: (next) => (build = next) };
}

function announce(info) {
  console.log(`Stepping Up is running on http://localhost:${info.port}`);
  if (info.seeded) console.log("Seeded the demo portfolio into an empty database.");
  console.log(info.signInHelp);
}

/** One process: `npm run dev`, WEB_CONCURRENCY=1. */
async function single() {
  const { build, info, use } = await serve({ prepare: true });
  announce(info);
  if (development) await watchBuilds(use, build);
}

/** A worker: serves, then tells the primary it is ready (or why it could not start). */
async function worker() {
  try {
    const { info } = await serve({ prepare: process.env.STEPPING_UP_PREPARE === "1" });
    process.send({ steppingUp: "ready", info: { port: info.port, seeded: info.seeded, signInHelp: info.signInHelp } });
  } catch (error) {
    process.send({ steppingUp: "failed", message: error instanceof Error ? error.message : String(error) }, () => process.exit(1));
  }
}

/** The primary: start-up once in the first worker, then `count` workers kept running until a signal stops them. */
function primary(count) {
  let started = false;
  let stopping = false;
  let quickExits = 0;
  const restarts = new Set();
  const bornAt = new Map();

  const fork = (prepare) => {
    // The worker count lets per-process limits take their share (the Pulse Check's, ADR 085).
    const w = cluster.fork({ STEPPING_UP_PREPARE: prepare ? "1" : "0", STEPPING_UP_WORKERS: String(count) });
    bornAt.set(w.id, Date.now());
    w.on("message", (message) => {
      if (message?.steppingUp === "failed" && !started) fail(message.message);
      else if (message?.steppingUp === "failed") console.error(`A worker could not start: ${message.message}`);
      else if (message?.steppingUp === "ready" && !started) {
        started = true;
        announce(message.info);
        if (count > 1) console.log(`Serving from ${count} worker processes (WEB_CONCURRENCY).`);
        for (let i = 1; i < count; i++) fork(false);
      }
    });
    return w;
  };

  const fail = (message) => {
    stopping = true;
    console.error(`Stepping Up could not start: ${message}`);
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGKILL");
    process.exit(1);
  };

  cluster.on("exit", (w, code, signal) => {
    const lived = Date.now() - (bornAt.get(w.id) ?? 0);
    bornAt.delete(w.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    if (!started) return fail(`the first worker stopped (${signal ?? `exit code ${code}`}) before it was ready`);
    quickExits = lived < QUICK_EXIT_MS ? quickExits + 1 : 0;
    // A crash loop waits longer each time (1 s, 2 s, 4 s … 30 s); a signal to the whole group lands here first.
    const delay = Math.min(RESTART_MAX_MS, RESTART_MIN_MS * 2 ** Math.max(0, quickExits - 1));
    console.error(`Worker ${w.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another in ${delay / 1000} s.`);
    const timer = setTimeout(() => {
      restarts.delete(timer);
      if (!stopping) fork(false);
    }, delay);
    restarts.add(timer);
  });

  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const timer of restarts) clearTimeout(timer);
    const alive = Object.values(cluster.workers ?? {});
    if (alive.length === 0) process.exit(0);
    for (const w of alive) w?.process.kill("SIGTERM");
    setTimeout(() => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGKILL");
      process.exit(1);
    }, STOP_GRACE_MS).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);

  fork(true);
}

/** Development only: load each build the compiler writes and report it ready. */
async function watchBuilds(use, first) {
  const { broadcastDevReady } = await import("@remix-run/node");
  await broadcastDevReady(first);
  // The compiler writes version.txt after the whole server build, so it is safe to load then.
  fs.watch(path.dirname(BUILD), async (_event, file) => {
    if (file !== "version.txt") return;
    try {
      const next = await importBuild();
      use(next);
      await broadcastDevReady(next);
    } catch (error) {
      console.error("Could not load the new build:", error);
    }
  });
}

async function main() {
  if (cluster.isWorker) return worker();
  const count = development ? 1 : workerCount();
  if (count === 1) return single();
  primary(count);
}

main().catch((error) => {
  console.error(`Stepping Up could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
