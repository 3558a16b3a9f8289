// The learning search's figures (ADR 050): /learning?q= and the similar-projects fetcher at 10 connections,
// each beside the /healthz floor of the same run with the ratio, and the full reindex time.
// Run alone: npx tsx bench/search.ts [--projects 10000 --cycles 30 --duration 10]; npm run bench runs it last.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { hashPassword } from "../app/auth/password.server";
import { rebuildLearningIndex } from "../app/models/learning-index.server";
import { openDatabase } from "../db/client";
import { BOARD_SHAPE, generatePortfolio } from "./generate";
import { TODAY, freePort, serverEnv } from "./server-process";

const root = path.resolve(import.meta.dirname, "..");
const PASSWORD = "bench-password-123";
const ms = (x: number) => `${x.toFixed(1)} ms`;

type Load = { p50: number; p95: number; rps: number; ok: number; bad: number };

/** `nextPath`, when given, names each request's path and query: a new one every time, so nothing kept can answer. */
async function load(url: string, cookie: string, seconds: number, nextPath?: () => string): Promise<Load> {
  const times: number[] = [];
  let ok = 0;
  let bad = 0;
  const requests = nextPath ? [{ setupRequest: (req: autocannon.Request) => ({ ...req, path: nextPath() }) }] : undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: 10, duration: seconds, headers: { Cookie: cookie }, requests }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    instance.on("response", (_client, status, _bytes, responseTime) => {
      times.push(responseTime);
      if (status === 200) ok++;
      else bad++;
    });
  });
  const sorted = times.sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return { p50: at(50), p95: at(95), rps: result.requests.average, ok, bad: bad + result.errors + result.timeouts };
}

/** The proposal the fetcher is asked about; with `n`, one more word no project uses, new for each n. */
function similarQuery(n?: number) {
  const extra = n === undefined ? "" : ` ${n.toString(26).replace(/./g, (d) => String.fromCharCode(97 + parseInt(d, 26)))}zq`;
  return new URLSearchParams({
    title: `Fewer falls at night on the ward${extra}`,
    problem: "Patients fall at night when the bedside checklist is missed at handover",
  });
}

export type SearchFigures = {
  projects: number;
  cycles: number;
  entries: number;
  generateS: number;
  reindexS: number;
  /** CPU time of the reindex: steadier than the wall time on a machine other work shares. */
  reindexCpuS: number;
  health: Load;
  search: Load;
  similar: Load;
  /** A new address (search) or new words (fetcher) every request: what a first question costs. */
  searchNew: Load;
  similarNew: Load;
};

export async function benchSearch(opts: { projects: number; cycles: number; duration: number }): Promise<SearchFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepping-up-bench-search-"));
  const file = path.join(dir, "bench.sqlite");
  try {
    const t0 = performance.now();
    generatePortfolio(file, { ...BOARD_SHAPE, projects: opts.projects, cyclesPerProject: opts.cycles }, TODAY, await hashPassword(PASSWORD)).$client.close();
    const generateS = (performance.now() - t0) / 1000;

    const db = openDatabase(file);
    const t1 = performance.now();
    const cpu = process.cpuUsage();
    const entries = rebuildLearningIndex(db);
    const reindexS = (performance.now() - t1) / 1000;
    const used = process.cpuUsage(cpu);
    const reindexCpuS = (used.user + used.system) / 1e6;
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    db.$client.close();

    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, ["server.js"], {
      cwd: root,
      env: serverEnv(file, port),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout!.on("data", (d) => (log += d));
    child.stderr!.on("data", (d) => (log += d));
    const url = `http://127.0.0.1:${port}`;
    try {
      for (let i = 0; i < 600; i++) {
        try {
          if ((await fetch(`${url}/healthz`)).ok) break;
        } catch {
          /* starting */
        }
        if (child.exitCode !== null) throw new Error(log);
        await new Promise((r) => setTimeout(r, 100));
      }
      const res = await fetch(`${url}/login`, {
        method: "POST",
        redirect: "manual",
        body: new URLSearchParams({ email: "board@bench.example", password: PASSWORD, redirectTo: "/board" }),
      });
      const cookie = res.headers.getSetCookie()[0]?.split(";")[0];
      if (!cookie) throw new Error(`sign-in failed with ${res.status}`);
      const searchUrl = `${url}/learning?q=${encodeURIComponent("falls night")}`;
      const similarUrl = `${url}/learning/similar?${similarQuery()}`;
      for (const u of [searchUrl, similarUrl]) for (let i = 0; i < 3; i++) await (await fetch(u, { headers: { Cookie: cookie } })).text();
      // Each load starts once the server has answered every request of the one before: autocannon stops
      // sending at the end of its time, but the server still works through what it had queued.
      const drained = async () => (await fetch(`${url}/healthz`)).text();
      const health = await load(`${url}/healthz`, cookie, Math.max(3, Math.round(opts.duration / 2)));
      await drained();
      const search = await load(searchUrl, cookie, opts.duration);
      await drained();
      const similar = await load(similarUrl, cookie, opts.duration);
      // The same two with a new question every request: the search page rendered each time (an unused
      // parameter makes each address new to the page cache), and the fetcher asked about new words.
      let n = 0;
      await drained();
      const searchNew = await load(url, cookie, opts.duration, () => `/learning?q=${encodeURIComponent("falls night")}&v=${++n}`);
      await drained();
      const similarNew = await load(url, cookie, opts.duration, () => `/learning/similar?${similarQuery(++n)}`);
      return { projects: opts.projects, cycles: opts.cycles, entries, generateS, reindexS, reindexCpuS, health, search, similar, searchNew, similarNew };
    } finally {
      child.kill("SIGTERM");
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function printSearchFigures(f: SearchFigures) {
  console.log(
    `Learning search: ${f.projects.toLocaleString("en-GB")} projects × ${f.cycles} PDSA cycles (${f.entries.toLocaleString("en-GB")} index entries, generated in ${f.generateS.toFixed(1)} s)`,
  );
  console.log(`  full reindex (npm run db:reindex): ${f.reindexS.toFixed(2)} s (CPU ${f.reindexCpuS.toFixed(2)} s)  [target ≤ 10 s]`);
  console.log(`  floor /healthz at 10 connections: p50 ${ms(f.health.p50)}, p95 ${ms(f.health.p95)}, ${f.health.rps.toFixed(0)} req/s`);
  for (const [label, l] of [
    ["/learning?q=falls night", f.search],
    ["  each request rendered", f.searchNew],
    ["similar-projects fetcher", f.similar],
    ["  new words each request", f.similarNew],
  ] as const) {
    console.log(
      `  ${label.padEnd(26)} p50 ${ms(l.p50).padStart(9)}  p95 ${ms(l.p95).padStart(9)}  ${l.rps.toFixed(0).padStart(5)} req/s  ${l.ok} ok, ${l.bad} not  → p95 ${(l.p95 / f.health.p95).toFixed(1)}× the floor  [target ≤ 3×]`,
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { values } = parseArgs({
    options: { projects: { type: "string", default: "10000" }, cycles: { type: "string", default: "30" }, duration: { type: "string", default: "10" } },
  });
  benchSearch({ projects: Number(values.projects), cycles: Number(values.cycles), duration: Number(values.duration) })
    .then(printSearchFigures)
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
