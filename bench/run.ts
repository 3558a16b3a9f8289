// npm run bench [-- --sizes 1000,2000,10000 --duration 10 --skip SECTIONS --json FILE
//                   --search-projects 10000 --search-cycles 30 --spc-series 10000 --outbox-messages 100
//                   --import-people 1000 --import-projects 1000]
// Synthetic portfolios in temporary databases; every figure is printed beside a floor measured in the same run,
// with the ratio, and the closing table lists every target of issue 18 with met / not met. Benchmarks report;
// they never fail on timing.
//
// For each size: the board's loader+render in-process against its raw-SQL floor, then two HTTP passes, each on
// a fresh copy of the portfolio and its own server (`node server.js`, so cluster workers when it forks them):
//   cold — PAGE_CACHE_MB=0: every request renders;
//   warm — the page cache on (the default), after warm-up requests to each URL.
// Each pass: /healthz (the floor), /board, /board filtered and grouped, the project page, the measure page
// (200 points) and /learning?q= at 10 and 50 connections (p50/p95/p99, req/s, errors, non-2xx, p95 ÷ the
// /healthz p95 at the same connections), then PDSA writes; peak RSS (VmHWM) summed over the server and all its
// descendants, sampled during the 50-connection rows and read at the end.
//
// --sizes 1000,2000    portfolio sizes (projects)
// --duration 10        seconds per HTTP row (the /healthz rows take half, at least 3)
// --skip a,b           sections to leave out: cold, warm (the HTTP passes), inprocess, js, spc, pageload,
//                      outbox, import, search; e.g. a short run:
//                      npm run bench -- --sizes 1000 --duration 3 --skip search,outbox,import,spc,pageload
// --json FILE          writes every figure (and the targets table) as JSON
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import { hashPassword } from "../app/auth/password.server";
import { benchmarkAnalyse, syntheticAttributeSeries, syntheticSeries } from "./spc-engine";
import Database from "better-sqlite3";
import { BOARD_SHAPE, LARGE_PROJECT, generatePortfolio } from "./generate";
import { measurePageLoad } from "./page-load";
import { benchSearch, printSearchFigures } from "./search";
import { benchOutbox, printOutboxFigures } from "./outbox";
import { benchImport, printImportFigures } from "./import";
import { ms } from "./http-load";
import { PASS_ENV, runPass, type PassFigures, type PassKind } from "./pages";
import { printInProcess, printPass, printSummary, targetRows, type InProcess, type TargetRow } from "./report";
import { PASSWORD, TODAY, serverEnv, startServer } from "./server-process";
import { staleSources } from "../test/helpers/fresh-build";

const root = path.resolve(import.meta.dirname, "..");

const SECTIONS = ["cold", "warm", "inprocess", "js", "spc", "pageload", "outbox", "import", "search"] as const;
type Section = (typeof SECTIONS)[number];

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,2000,10000" },
    duration: { type: "string", default: "10" },
    skip: { type: "string", default: "" },
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
const skip = new Set(
  args
    .skip!.split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);
for (const s of skip) if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`--skip ${s}: not a section (${SECTIONS.join(", ")})`);
const runs = (section: Section) => !skip.has(section);
const PASSES = (["cold", "warm"] as const).filter(runs);

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

/** A copy of the generated portfolio (and its write-ahead log, if any), so each pass starts from the same data. */
function copyDatabase(from: string, to: string) {
  fs.copyFileSync(from, to);
  if (fs.existsSync(`${from}-wal`)) fs.copyFileSync(`${from}-wal`, `${to}-wal`);
}

function inProcess(file: string, kind: PassKind): InProcess {
  return JSON.parse(
    execFileSync(process.execPath, ["--import", "tsx", path.join(root, "bench", "inprocess.ts"), file, "30"], {
      cwd: root,
      env: serverEnv(file, 3999, PASS_ENV[kind]),
      encoding: "utf8",
    }),
  ) as InProcess;
}

type SizeFigures = {
  projects: number;
  generateS: number;
  inprocess: Partial<Record<PassKind, InProcess>>;
  passes: Partial<Record<PassKind, PassFigures>>;
};

async function main() {
  // Never measure yesterday's build: rebuild when a source file is newer than build/ (as the tests do).
  const stale = staleSources(root);
  if (stale.length) {
    console.log(`Building first: ${stale.length} source file(s) newer than build/ (e.g. ${stale.slice(0, 3).join(", ")})`);
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  }
  const passwordHash = await hashPassword(PASSWORD);
  const results: SizeFigures[] = [];
  const targets: TargetRow[] = [];
  console.log(
    `Stepping Up benchmark — ${os.cpus().length} cores, Node ${process.version}, today pinned to ${TODAY}, ${duration} s a row` +
      `${skip.size ? `, skipping ${[...skip].join(", ")}` : ""}\n`,
  );

  for (const size of sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepping-up-bench-"));
    try {
      const file = path.join(dir, "bench.sqlite");
      const t0 = performance.now();
      generatePortfolio(file, { projects: size, ...BOARD_SHAPE }, TODAY, passwordHash).$client.close();
      const generateS = (performance.now() - t0) / 1000;
      console.log(`${size.toLocaleString("en-GB")} projects (generated in ${generateS.toFixed(1)} s)`);
      const row: SizeFigures = { projects: size, generateS, inprocess: {}, passes: {} };
      results.push(row);

      if (runs("inprocess"))
        for (const kind of ["cold", "warm"] as const) {
          const inproc = inProcess(file, kind);
          row.inprocess[kind] = inproc;
          if (kind === "cold") console.log(`  start-up on a fresh database (migrate, compute every board summary): ${ms(inproc.startupMs)}`);
          printInProcess(kind, inproc);
        }

      const sqlite = new Database(file, { readonly: true });
      const measureId = (
        sqlite.prepare("select id from measures where project_id = ? order by id limit 1").get(LARGE_PROJECT.id) as {
          id: number;
        }
      ).id;
      const ideaId = (sqlite.prepare("select id from change_ideas where project_id = ? limit 1").get(LARGE_PROJECT.id) as { id: number }).id;
      sqlite.close();

      for (const kind of PASSES) {
        const passFile = path.join(dir, `${kind}.sqlite`);
        copyDatabase(file, passFile);
        const pass = await runPass(kind, passFile, { duration, measureId, ideaId });
        row.passes[kind] = pass;
        printPass(pass);
      }
      for (const kind of ["cold", "warm"] as const) targets.push(...targetRows(size, row.passes[kind], row.inprocess[kind], kind));
      console.log("");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  const boardP50 = (n: number) => {
    const r = results.find((x) => x.projects === n);
    return r?.passes.cold?.pages.find((p) => p.id === "board")?.c10.p50;
  };
  const small = boardP50(1000);
  const large = boardP50(10000);
  if (small && large) console.log(`Scaling (cold): /board p50 at 10,000 ÷ p50 at 1,000 = ${(large / small).toFixed(2)}×  [target ≤ 2×]`);
  const js = runs("js") ? boardJavaScriptKb() : null;
  if (js !== null) console.log(`Board JavaScript (entry, root and board route, gzipped): ${js.toFixed(1)} KB  [target ≤ 150 KB]`);
  let spc: ReturnType<typeof spcThroughput> | null = null;
  let attribute: ReturnType<typeof attributeThroughput> | null = null;
  if (runs("spc")) {
    spc = spcThroughput();
    console.log(
      `SPC engine: ${(spc.engine / 1e6).toFixed(2)} M points/s on ${spcSeries.toLocaleString("en-GB")} series of 100 points; floor (plain summing pass) ${(spc.floor / 1e6).toFixed(0)} M points/s; ratio ${(spc.floor / spc.engine).toFixed(1)}×  [target ≥ 4 M points/s]`,
    );
    attribute = attributeThroughput();
    for (const a of attribute) {
      console.log(
        `  ${a.chart.padEnd(2)} chart: ${(a.engine / 1e6).toFixed(2)} M points/s on the same number of points; floor (plain summing pass) ${(a.floor / 1e6).toFixed(0)} M points/s; ratio ${(a.floor / a.engine).toFixed(1)}×; ${(spc.engine / a.engine).toFixed(2)}× the XmR time`,
      );
    }
  }
  // The demo's /board in Chromium: largest contentful paint and JavaScript transferred.
  let pageLoad: Awaited<ReturnType<typeof measurePageLoad>> | null = null;
  if (runs("pageload")) {
    const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), "stepping-up-bench-demo-"));
    try {
      const demo = await startServer(path.join(demoDir, "demo.sqlite"), { STEPPING_UP_DEMO: "1", DEMO_PASSWORD: PASSWORD }, true);
      try {
        pageLoad = await measurePageLoad(`${demo.url}/board`, { email: "board@example.org", password: PASSWORD });
        console.log(
          `Demo /board in Chromium: largest contentful paint ${ms(pageLoad.lcpMs)}, JavaScript transferred ${pageLoad.jsTransferredKb.toFixed(1)} KB in ${pageLoad.scripts} scripts`,
        );
      } finally {
        await demo.stop();
      }
    } catch (error) {
      console.log(`Demo /board in Chromium: not measured (${error instanceof Error ? error.message : error})`);
    } finally {
      fs.rmSync(demoDir, { recursive: true, force: true });
    }
  }
  // The email outbox: queued messages delivered to a local SMTP server, beside the bare transport.
  let outbox: Awaited<ReturnType<typeof benchOutbox>> | null = null;
  if (runs("outbox")) {
    outbox = await benchOutbox(Number(args["outbox-messages"]));
    printOutboxFigures(outbox);
  }
  // Importing people and projects with history, beside the same rows inserted raw.
  let imports: ReturnType<typeof benchImport> | null = null;
  if (runs("import")) {
    imports = benchImport({ people: Number(args["import-people"]), projects: Number(args["import-projects"]) });
    printImportFigures(imports);
  }
  // The learning search: its own portfolio, with 30 PDSA cycles a project.
  let search: Awaited<ReturnType<typeof benchSearch>> | null = null;
  if (runs("search")) {
    search = await benchSearch({ projects: Number(args["search-projects"]), cycles: Number(args["search-cycles"]), duration });
    printSearchFigures(search);
  }
  printSummary(targets);
  if (args.json)
    fs.writeFileSync(
      args.json,
      JSON.stringify(
        {
          today: TODAY,
          cores: os.cpus().length,
          duration,
          skipped: [...skip],
          sizes: results,
          targets,
          boardJavaScriptKb: js,
          spc,
          attribute,
          pageLoad,
          outbox,
          imports,
          search,
        },
        null,
        2,
      ),
    );
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
