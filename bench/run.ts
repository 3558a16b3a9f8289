// npm run bench [-- --sizes 1000,2000,10000 --duration 10 --search-projects 10000 --search-cycles 30 --outbox-messages 100
//                   --import-people 1000 --import-projects 1000 --json FILE]
// Synthetic portfolios in temporary databases; every figure is printed beside a floor
// measured in the same run, with the ratio. Benchmarks report; they never fail on timing.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import autocannon from "autocannon";
import { hashPassword } from "../app/auth/password.server";
import { benchmarkAnalyse, syntheticAttributeSeries, syntheticSeries } from "./spc-engine";
import Database from "better-sqlite3";
import { BOARD_SHAPE, LARGE_PROJECT, generatePortfolio } from "./generate";
import { measurePageLoad } from "./page-load";
import { benchSearch, printSearchFigures } from "./search";
import { benchOutbox, printOutboxFigures } from "./outbox";
import { benchImport, printImportFigures } from "./import";

const root = path.resolve(import.meta.dirname, "..");
const TODAY = "2026-11-26";
const PASSWORD = "bench-password-123";
const SECRET = "bench-session-secret-0123456789abcdef0123456789";

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,2000,10000" },
    duration: { type: "string", default: "10" },
    json: { type: "string" },
    "search-projects": { type: "string", default: "10000" },
    "search-cycles": { type: "string", default: "30" },
    // How many series of 100 points the SPC engine figures analyse (the attribute charts as many as XmR).
    "spc-series": { type: "string", default: "10000" },
    // Queued emails the outbox sender delivers to a local SMTP server (kept small: each is a real SMTP session).
    "outbox-messages": { type: "string", default: "100" },
    // Day one at a trust: people from the HR export, then the portfolio with its history.
    "import-people": { type: "string", default: "1000" },
    "import-projects": { type: "string", default: "1000" },
  },
});
const sizes = args.sizes!.split(",").map(Number);
const duration = Number(args.duration);

const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function serverEnv(file: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: file,
    STEPPING_UP_DEMO: "0",
    STEPPING_UP_TODAY: TODAY,
    SESSION_SECRET: SECRET,
  };
}

async function startServer(file: string) {
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
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* starting */
    }
    if (child.exitCode !== null) throw new Error(log);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, child, log: () => log };
}

/** Peak resident memory of a process, from the kernel (VmHWM). */
function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function signIn(url: string, email = "board@bench.example") {
  const res = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ email, password: PASSWORD, redirectTo: "/board" }),
  });
  const cookie = res.headers.getSetCookie()[0]?.split(";")[0];
  if (!cookie) throw new Error(`sign-in failed with ${res.status}`);
  return cookie;
}

type Load = { p50: number; p95: number; p99: number; rps: number; errors: number; non2xx: number; ok: number };

/** autocannon against one URL; `okStatus` says which answers count as a success (302 for a saved form). */
async function load(
  url: string,
  cookie: string,
  connections: number,
  seconds: number,
  options: { method?: "GET" | "POST"; body?: string; okStatus?: number } = {},
): Promise<Load> {
  const times: number[] = [];
  let ok = 0;
  const okStatus = options.okStatus ?? 200;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        method: options.method ?? "GET",
        body: options.body,
        headers: {
          Cookie: cookie,
          ...(options.body ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
        },
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client, status, _bytes, responseTime) => {
      times.push(responseTime);
      if (status === okStatus) ok++;
    });
  });
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    rps: result.requests.average,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    ok,
  };
}

function boardJavaScriptKb() {
  const dir = path.join(root, "public", "build");
  const manifestFile = fs.readdirSync(dir).find((f) => /^manifest-.*\.js$/.test(f));
  if (!manifestFile) return NaN;
  const manifest = JSON.parse(
    fs
      .readFileSync(path.join(dir, manifestFile), "utf8")
      .replace(/^window\.__remixManifest=/, "")
      .replace(/;$/, ""),
  );
  const files = new Set<string>([manifest.url, manifest.entry.module, ...manifest.entry.imports]);
  for (const id of ["root", "routes/board"]) {
    const route = manifest.routes[id];
    files.add(route.module);
    for (const f of route.imports ?? []) files.add(f);
  }
  let bytes = 0;
  for (const f of files) bytes += zlib.gzipSync(fs.readFileSync(path.join(root, "public", f))).length;
  return bytes / 1024;
}

const spcSeries = Number(args["spc-series"]);

/** A plain pass summing the same numbers: the floor every engine figure is printed beside. */
function summingFloor(series: { values: number[] }[], rounds: number) {
  const start = performance.now();
  let sum = 0;
  for (let r = 0; r < rounds; r++) for (const s of series) for (let i = 0; i < s.values.length; i++) sum += s.values[i];
  const floorMs = performance.now() - start;
  const points = series.reduce((n, s) => n + s.values.length, 0) * rounds;
  return { pointsPerSecond: points / (floorMs / 1000), checksum: sum };
}

/** Each attribute chart on as many series and points as the XmR figure, each beside its own floor from this run. */
function attributeThroughput() {
  return (["p", "pp", "u", "up", "c", "g", "t"] as const).map((chart) => {
    const series = syntheticAttributeSeries(spcSeries, 100, chart, 11);
    const engine = benchmarkAnalyse(series, 3);
    return { chart, engine: engine.pointsPerSecond, floor: summingFloor(series, 3).pointsPerSecond };
  });
}

function spcThroughput() {
  const series = syntheticSeries(spcSeries, 100, 11);
  const engine = benchmarkAnalyse(series, 3);
  // Floor: one plain pass summing the same numbers.
  const start = performance.now();
  let sum = 0;
  for (let r = 0; r < 3; r++) for (const s of series) for (let i = 0; i < s.values.length; i++) sum += s.values[i];
  const floorMs = performance.now() - start;
  const points = series.length * 100 * 3;
  return { engine: engine.pointsPerSecond, floor: points / (floorMs / 1000), checksum: sum };
}

async function main() {
  if (!fs.existsSync(path.join(root, "build", "index.js"))) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  const passwordHash = await hashPassword(PASSWORD);
  const results: Record<string, unknown>[] = [];
  console.log(`Stepping Up benchmark — ${os.cpus().length} cores, Node ${process.version}, today pinned to ${TODAY}\n`);

  for (const size of sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepping-up-bench-"));
    const file = path.join(dir, "bench.sqlite");
    const t0 = performance.now();
    generatePortfolio(file, { projects: size, ...BOARD_SHAPE }, TODAY, passwordHash).$client.close();
    const generateS = (performance.now() - t0) / 1000;

    const inproc = JSON.parse(
      execFileSync(process.execPath, ["--import", "tsx", path.join(root, "bench", "inprocess.ts"), file, "30"], {
        cwd: root,
        env: serverEnv(file, 3999),
        encoding: "utf8",
      }),
    ) as { startupMs: number; loaderRenderMs: number; floorMs: number; projectMs: number; projectFloorMs: number };

    const sqlite = new Database(file, { readonly: true });
    const measureId = (
      sqlite.prepare("select id from measures where project_id = ? order by id limit 1").get(LARGE_PROJECT.id) as {
        id: number;
      }
    ).id;
    const ideaId = (sqlite.prepare("select id from change_ideas where project_id = ? limit 1").get(LARGE_PROJECT.id) as { id: number }).id;
    sqlite.close();

    const server = await startServer(file);
    const cookie = await signIn(server.url);
    const leadCookie = await signIn(server.url, "lead@bench.example");
    const projectUrl = `${server.url}/projects/${LARGE_PROJECT.id}`;
    for (let i = 0; i < 5; i++) await (await fetch(`${server.url}/board`, { headers: { Cookie: cookie } })).text();
    const health = await load(`${server.url}/healthz`, cookie, 10, Math.max(3, Math.round(duration / 2)));
    const board = await load(`${server.url}/board`, cookie, 10, duration);
    const board50 = await load(`${server.url}/board`, cookie, 50, duration);
    const project = await load(projectUrl, cookie, 10, duration);
    const project50 = await load(projectUrl, cookie, 50, duration);
    const measure = await load(`${projectUrl}/measures/${measureId}`, cookie, 10, duration);
    const measure50 = await load(`${projectUrl}/measures/${measureId}`, cookie, 50, duration);
    const pdsaBody = new URLSearchParams({
      intent: "create",
      changeIdea: String(ideaId),
      title: "Benchmark cycle",
      startDate: TODAY,
    }).toString();
    const pdsa = await load(`${projectUrl}/pdsa/new`, leadCookie, 10, duration, {
      method: "POST",
      body: pdsaBody,
      okStatus: 302,
    });
    const rss = peakRssMb(server.child.pid!);
    server.child.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });

    const http = { board, board50, project, project50, measure, measure50, pdsa };
    const row = { projects: size, generateS, ...inproc, health, ...http, peakRssMb: rss };
    results.push(row);
    console.log(`${size.toLocaleString("en-GB")} projects (generated in ${generateS.toFixed(1)} s)`);
    console.log(`  start-up on a fresh database (migrate, compute every board summary): ${ms(inproc.startupMs)}`);
    console.log(
      `  /board loader+render in-process: ${ms(inproc.loaderRenderMs)}  floor (raw SQL, same data): ${ms(inproc.floorMs)}  ratio ${(inproc.loaderRenderMs / inproc.floorMs).toFixed(2)}×  [target ≤ 3×]`,
    );
    console.log(
      `  project page (5 measures × 200 points, 30 PDSA cycles) loader+render in-process: ${ms(inproc.projectMs)}  floor (raw SQL): ${ms(inproc.projectFloorMs)}  ratio ${(inproc.projectMs / inproc.projectFloorMs).toFixed(2)}×`,
    );
    console.log(`  over HTTP (floor /healthz at 10 connections: p50 ${ms(health.p50)}, p95 ${ms(health.p95)}, ${health.rps.toFixed(0)} req/s):`);
    console.log("    what                    conns     p50       p95       p99    req/s  ok      errors  non-2xx");
    const line = (label: string, c: number, l: Load) =>
      console.log(
        `    ${label.padEnd(22)} ${String(c).padStart(5)} ${ms(l.p50).padStart(9)} ${ms(l.p95).padStart(9)} ${ms(l.p99).padStart(9)} ${l.rps.toFixed(0).padStart(7)}  ${String(l.ok).padEnd(7)} ${String(l.errors).padStart(6)} ${String(l.non2xx).padStart(8)}`,
      );
    line("/board", 10, board);
    line("/board", 50, board50);
    line("project page", 10, project);
    line("project page", 50, project50);
    line("measure page", 10, measure);
    line("measure page", 50, measure50);
    line("create a PDSA cycle", 10, pdsa);
    console.log(
      `    → /board p95 at 10 connections is ${(board.p95 / health.p95).toFixed(1)}× the floor's p95; PDSA writes ${pdsa.rps.toFixed(0)}/s saved (302), p95 ${ms(pdsa.p95)}`,
    );
    console.log(`  server peak RSS: ${rss.toFixed(0)} MB\n`);
  }

  const by = (n: number) => results.find((r) => r.projects === n) as { board: Load } | undefined;
  const small = by(1000);
  const large = by(10000);
  if (small && large) {
    console.log(`Scaling: p50 at 10,000 / p50 at 1,000 = ${(large.board.p50 / small.board.p50).toFixed(2)}×  [target ≤ 2×]`);
  }
  const js = boardJavaScriptKb();
  console.log(`Board JavaScript (entry, root and board route, gzipped): ${js.toFixed(1)} KB  [target ≤ 150 KB]`);
  const spc = spcThroughput();
  console.log(
    `SPC engine: ${(spc.engine / 1e6).toFixed(2)} M points/s on ${spcSeries.toLocaleString("en-GB")} series of 100 points; floor (plain summing pass) ${(spc.floor / 1e6).toFixed(0)} M points/s; ratio ${(spc.floor / spc.engine).toFixed(1)}×  [target ≥ 4 M points/s]`,
  );
  const attribute = attributeThroughput();
  for (const a of attribute) {
    console.log(
      `  ${a.chart.padEnd(2)} chart: ${(a.engine / 1e6).toFixed(2)} M points/s on the same number of points; floor (plain summing pass) ${(a.floor / 1e6).toFixed(0)} M points/s; ratio ${(a.floor / a.engine).toFixed(1)}×; ${(spc.engine / a.engine).toFixed(2)}× the XmR time`,
    );
  }
  // The demo's /board in Chromium: largest contentful paint and JavaScript transferred.
  const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), "stepping-up-bench-demo-"));
  const demoPort = await freePort();
  const demo = spawn(process.execPath, ["server.js"], {
    cwd: root,
    env: { ...serverEnv(path.join(demoDir, "demo.sqlite"), demoPort), STEPPING_UP_DEMO: "1", DEMO_PASSWORD: PASSWORD },
    stdio: "ignore",
  });
  let pageLoad: Awaited<ReturnType<typeof measurePageLoad>> | null = null;
  try {
    const demoUrl = `http://127.0.0.1:${demoPort}`;
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${demoUrl}/healthz`)).ok) break;
      } catch {
        /* starting */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    pageLoad = await measurePageLoad(`${demoUrl}/board`, { email: "board@example.org", password: PASSWORD });
    console.log(
      `Demo /board in Chromium: largest contentful paint ${ms(pageLoad.lcpMs)}, JavaScript transferred ${pageLoad.jsTransferredKb.toFixed(1)} KB in ${pageLoad.scripts} scripts`,
    );
  } catch (error) {
    console.log(`Demo /board in Chromium: not measured (${error instanceof Error ? error.message : error})`);
  } finally {
    demo.kill("SIGTERM");
    fs.rmSync(demoDir, { recursive: true, force: true });
  }
  // The email outbox: queued messages delivered to a local SMTP server, beside the bare transport.
  const outbox = await benchOutbox(Number(args["outbox-messages"]));
  printOutboxFigures(outbox);
  // Importing people and projects with history, beside the same rows inserted raw.
  const imports = benchImport({ people: Number(args["import-people"]), projects: Number(args["import-projects"]) });
  printImportFigures(imports);
  // The learning search: its own portfolio, with 30 PDSA cycles a project.
  const search = await benchSearch({ projects: Number(args["search-projects"]), cycles: Number(args["search-cycles"]), duration });
  printSearchFigures(search);
  if (args.json)
    fs.writeFileSync(
      args.json,
      JSON.stringify({ today: TODAY, sizes: results, boardJavaScriptKb: js, spc, attribute, pageLoad, outbox, imports, search }, null, 2),
    );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
