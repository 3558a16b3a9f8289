// npm run bench [-- --sizes 1000,2000,10000 --duration 10 --json FILE]
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
import { hashPassword } from "../app/lib/password.server";
import { benchmarkAnalyse, syntheticSeries } from "../app/domain/spc";
import { BOARD_SHAPE, generatePortfolio } from "./generate";

const root = path.resolve(import.meta.dirname, "..");
const TODAY = "2026-11-26";
const PASSWORD = "bench-password-123";
const SECRET = "bench-session-secret-0123456789abcdef0123456789";

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,2000,10000" },
    duration: { type: "string", default: "10" },
    json: { type: "string" },
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
  const child: ChildProcess = spawn(process.execPath, ["server.js"], { cwd: root, env: serverEnv(file, port), stdio: ["ignore", "pipe", "pipe"] });
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

async function signIn(url: string) {
  const res = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ email: "board@bench.example", password: PASSWORD, redirectTo: "/board" }),
  });
  const cookie = res.headers.getSetCookie()[0]?.split(";")[0];
  if (!cookie) throw new Error(`sign-in failed with ${res.status}`);
  return cookie;
}

type Load = { p50: number; p95: number; p99: number; rps: number; errors: number; non2xx: number };

async function load(url: string, cookie: string, connections: number, seconds: number): Promise<Load> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, headers: { Cookie: cookie } }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    rps: result.requests.average,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

function boardJavaScriptKb() {
  const dir = path.join(root, "public", "build");
  const manifestFile = fs.readdirSync(dir).find((f) => /^manifest-.*\.js$/.test(f));
  if (!manifestFile) return NaN;
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, manifestFile), "utf8").replace(/^window\.__remixManifest=/, "").replace(/;$/, ""));
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

function spcThroughput() {
  const series = syntheticSeries(10_000, 100, 11);
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
    ) as { startupMs: number; loaderRenderMs: number; floorMs: number };

    const server = await startServer(file);
    const cookie = await signIn(server.url);
    for (let i = 0; i < 5; i++) await (await fetch(`${server.url}/board`, { headers: { Cookie: cookie } })).text();
    const health = await load(`${server.url}/healthz`, cookie, 10, Math.max(3, Math.round(duration / 2)));
    const board = await load(`${server.url}/board`, cookie, 10, duration);
    const rss = peakRssMb(server.child.pid!);
    server.child.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });

    const row = { projects: size, generateS, ...inproc, health, board, peakRssMb: rss };
    results.push(row);
    console.log(`${size.toLocaleString("en-GB")} projects (generated in ${generateS.toFixed(1)} s)`);
    console.log(`  start-up on a fresh database (migrate, compute every board summary): ${ms(inproc.startupMs)}`);
    console.log(
      `  /board loader+render in-process: ${ms(inproc.loaderRenderMs)}  floor (raw SQL, same data): ${ms(inproc.floorMs)}  ratio ${(inproc.loaderRenderMs / inproc.floorMs).toFixed(2)}×  [target ≤ 3×]`,
    );
    console.log(
      `  /board over HTTP, 10 connections: p50 ${ms(board.p50)}  p95 ${ms(board.p95)}  p99 ${ms(board.p99)}  ${board.rps.toFixed(0)} req/s  errors ${board.errors}, non-2xx ${board.non2xx}`,
    );
    console.log(
      `  floor /healthz over HTTP, 10 connections: p50 ${ms(health.p50)}  p95 ${ms(health.p95)}  ${health.rps.toFixed(0)} req/s  → /board p95 is ${(board.p95 / health.p95).toFixed(1)}× the floor  [target p95 ≤ 50 ms at 2,000]`,
    );
    console.log(`  server peak RSS: ${rss.toFixed(0)} MB\n`);
  }

  const by = (n: number) => results.find((r) => r.projects === n) as { board: Load } | undefined;
  const small = by(1000);
  const large = by(10000);
  if (small && large) {
    console.log(
      `Scaling: p50 at 10,000 / p50 at 1,000 = ${(large.board.p50 / small.board.p50).toFixed(2)}×  [target ≤ 2×]`,
    );
  }
  const js = boardJavaScriptKb();
  console.log(`Board JavaScript (entry, root and board route, gzipped): ${js.toFixed(1)} KB  [target ≤ 150 KB]`);
  const spc = spcThroughput();
  console.log(
    `SPC engine: ${(spc.engine / 1e6).toFixed(2)} M points/s on 10,000 series of 100 points; floor (plain summing pass) ${(spc.floor / 1e6).toFixed(0)} M points/s; ratio ${(spc.floor / spc.engine).toFixed(1)}×  [target ≥ 4 M points/s]`,
  );
  if (args.json) fs.writeFileSync(args.json, JSON.stringify({ today: TODAY, sizes: results, boardJavaScriptKb: js, spc }, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
