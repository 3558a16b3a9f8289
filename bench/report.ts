// Printing the HTTP passes and the closing table of the issue's targets (every figure beside its floor, the
// ratio, and whether the target is met). Benchmarks report; nothing here fails on timing.
import { ms, type Load } from "./http-load";
import type { PassFigures, PassKind } from "./pages";

export const RATIO_TARGET = 3;
export const P99_TARGET_MS = 500;
export const RSS_TARGET_MB = 400;

export type InProcess = { startupMs: number; loaderRenderMs: number; floorMs: number; projectMs: number; projectFloorMs: number };

export type TargetRow = {
  projects: number;
  run: PassKind;
  target: string;
  figure: string;
  floor: string;
  ratio: number | null;
  goal: string;
  met: boolean;
};

const yes = (met: boolean) => (met ? "met" : "NOT met");
const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
const x = (r: number) => (Number.isFinite(r) ? `${r.toFixed(1)}×` : "—");

const PASS_TITLE: Record<PassKind, string> = {
  cold: "COLD: page cache off (PAGE_CACHE_MB=0), every request renders",
  warm: "WARM: page cache on (default), after warm-up requests to each URL",
};

function line(label: string, connections: number, l: Load, floor: Load, note: string, extra = "") {
  return (
    `    ${label.padEnd(26)} ${String(connections).padStart(3)} ${ms(l.p50).padStart(9)} ${ms(l.p95).padStart(9)} ${ms(l.p99).padStart(9)}` +
    ` ${l.rps.toFixed(0).padStart(6)} ${String(l.ok).padStart(7)} ${String(l.errors).padStart(6)} ${String(l.non2xx).padStart(7)}` +
    ` ${x(ratio(l.p95, floor.p95)).padStart(7)}  ${note.padEnd(34)} ${extra}`
  );
}

// A row in which no request finished (all still waiting when it ended) meets nothing.
const meets10 = (l: Load, floor: Load) => l.requests > 0 && ratio(l.p95, floor.p95) <= RATIO_TARGET && l.errors === 0;
const meets50 = (l: Load) => l.requests > 0 && l.errors === 0 && l.non2xx === 0 && l.p99 <= P99_TARGET_MS;

export function printPass(p: PassFigures) {
  console.log(`  ${PASS_TITLE[p.kind]} — server: ${p.processes} process${p.processes === 1 ? "" : "es"}`);
  console.log(
    "    what                      conns       p50       p95       p99  req/s      ok errors non-2xx  p95÷floor  target                             cache  KB",
  );
  console.log(line("/healthz (floor)", 10, p.health10, p.health10, "(floor)"));
  console.log(line("/healthz (floor)", 50, p.health50, p.health50, "(floor)"));
  for (const page of p.pages) {
    const extra = `${page.probe.cache.padEnd(6)} ${page.probe.kb.toFixed(0)}${page.probe.status === 200 ? "" : ` (answered ${page.probe.status})`}`;
    console.log(line(page.label, 10, page.c10, p.health10, `[target ≤ ${RATIO_TARGET}×] ${yes(meets10(page.c10, p.health10))}`, extra));
    console.log(line(page.label, 50, page.c50, p.health50, `[no errors; p99 ≤ ${P99_TARGET_MS} ms] ${yes(meets50(page.c50))}`, extra));
  }
  console.log(line("create a PDSA cycle (POST)", 10, p.pdsa, p.health10, "(saved = 302, so all are non-2xx)"));
  const split = p.rss.processes.map((m) => `${m.role} ${m.pid} ${m.peakMb.toFixed(0)} MB`).join(", ");
  console.log(
    `    peak RSS of the whole server: ${p.rss.peakSumMb.toFixed(0)} MB summed over ${p.rss.processes.length} process${p.rss.processes.length === 1 ? "" : "es"} (${split})` +
      `  [target ≤ ${RSS_TARGET_MB} MB] ${yes(p.rss.peakSumMb <= RSS_TARGET_MB)}`,
  );
  console.log(`    largest simultaneous RSS sampled during the 50-connection rows: ${p.rss.sampledSumMb.toFixed(0)} MB (${p.rss.samples} samples)`);
}

export function printInProcess(kind: PassKind, inproc: InProcess) {
  const r = ratio(inproc.loaderRenderMs, inproc.floorMs);
  console.log(
    `  /board loader+render in-process (${kind}): ${ms(inproc.loaderRenderMs)}  floor (raw SQL, same data): ${ms(inproc.floorMs)}  ratio ${r.toFixed(2)}×  [target ≤ ${RATIO_TARGET}×] ${yes(r <= RATIO_TARGET)}`,
  );
  console.log(
    `  project page (5 measures × 200 points, 30 PDSA cycles) loader+render in-process (${kind}): ${ms(inproc.projectMs)}  floor (raw SQL): ${ms(inproc.projectFloorMs)}  ratio ${ratio(inproc.projectMs, inproc.projectFloorMs).toFixed(2)}×`,
  );
}

/** The issue's targets table for one size and one pass. */
export function targetRows(projects: number, p: PassFigures | undefined, inproc: InProcess | undefined, run: PassKind): TargetRow[] {
  const rows: TargetRow[] = [];
  if (p) {
    for (const page of p.pages) {
      const r = ratio(page.c10.p95, p.health10.p95);
      rows.push({
        projects,
        run,
        target: `${page.label}, 10 conns, p95`,
        figure: ms(page.c10.p95),
        floor: ms(p.health10.p95),
        ratio: r,
        goal: `≤ ${RATIO_TARGET}× floor`,
        met: meets10(page.c10, p.health10),
      });
    }
    const slowness = (l: Load) => (l.requests > 0 ? l.p99 : Infinity);
    const worst = p.pages.reduce((a, b) => (slowness(b.c50) > slowness(a.c50) ? b : a));
    const failures = p.pages.reduce((n, page) => n + page.c50.errors + page.c50.non2xx, 0);
    rows.push({
      projects,
      run,
      target: `50 conns, every page: worst p99 (${worst.label}); ${failures} errors/non-2xx`,
      figure: worst.c50.requests > 0 ? ms(worst.c50.p99) : "no answer",
      floor: ms(p.health50.p99),
      ratio: ratio(worst.c50.p99, p.health50.p99),
      goal: `no errors; p99 ≤ ${P99_TARGET_MS} ms`,
      met: p.pages.every((page) => meets50(page.c50)),
    });
    rows.push({
      projects,
      run,
      target: `peak RSS, whole server (${p.rss.processes.length} proc), 50 conns`,
      figure: `${p.rss.peakSumMb.toFixed(0)} MB`,
      floor: "—",
      ratio: null,
      goal: `≤ ${RSS_TARGET_MB} MB`,
      met: p.rss.peakSumMb <= RSS_TARGET_MB,
    });
  }
  if (inproc) {
    const r = ratio(inproc.loaderRenderMs, inproc.floorMs);
    rows.push({
      projects,
      run,
      target: "board loader+render in-process",
      figure: ms(inproc.loaderRenderMs),
      floor: ms(inproc.floorMs),
      ratio: r,
      goal: `≤ ${RATIO_TARGET}× raw SQL`,
      met: r <= RATIO_TARGET,
    });
  }
  return rows;
}

export function printSummary(rows: TargetRow[]) {
  if (rows.length === 0) return;
  const w = Math.max(6, ...rows.map((r) => r.target.length));
  console.log("\nTargets (issue 18; the issue's reference size is 2,000 projects; ratios are to floors from the same run)");
  console.log(
    `  ${"projects".padStart(8)}  run   ${"target".padEnd(w)} ${"figure".padStart(10)} ${"floor".padStart(9)} ${"ratio".padStart(7)}  ${"goal".padEnd(26)} result`,
  );
  for (const r of rows)
    console.log(
      `  ${r.projects.toLocaleString("en-GB").padStart(8)}  ${r.run}  ${r.target.padEnd(w)} ${r.figure.padStart(10)} ${r.floor.padStart(9)} ${(r.ratio === null ? "—" : x(r.ratio)).padStart(7)}  ${r.goal.padEnd(26)} ${yes(r.met)}`,
    );
  const met = rows.filter((r) => r.met).length;
  console.log(`  ${met} of ${rows.length} met.`);
}
