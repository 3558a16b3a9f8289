// One HTTP pass of the benchmark against one server: the /healthz floor and every main page of the targets
// table at 10 and 50 connections, then PDSA writes; the memory of the whole server process tree is sampled
// during the 50-connection rows. Run twice a size: cold (PAGE_CACHE_MB=0, every request renders) and warm
// (the page cache on, after warm-up requests to each URL).
import { load, signIn, type Load } from "./http-load";
import { TODAY, settledTree, startServer, treeRssSampler, type TreeRss } from "./server-process";
import { LARGE_PROJECT } from "./generate";

export type PassKind = "cold" | "warm";
export const PASS_ENV: Record<PassKind, Record<string, string>> = { cold: { PAGE_CACHE_MB: "0" }, warm: {} };

/** A common word of the generated learning text (bench/generate.ts WORDS). */
export const SEARCH_WORD = "falls";
/** A realistic board meeting view: active projects with an amber RAG, grouped by division, sorted by score. */
export const BOARD_FILTERED = "/board?stage=active&rag=amber&group=division&sort=score";

export type PageId = "board" | "boardFiltered" | "project" | "measure" | "learning";
export type Page = { id: PageId; label: string; path: string };

export function pages(measureId: number): Page[] {
  const project = `/projects/${LARGE_PROJECT.id}`;
  return [
    { id: "board", label: "/board", path: "/board" },
    { id: "boardFiltered", label: "/board filtered, grouped", path: BOARD_FILTERED },
    { id: "project", label: "project page", path: project },
    { id: "measure", label: "measure page (200 pts)", path: `${project}/measures/${measureId}` },
    { id: "learning", label: `/learning?q=${SEARCH_WORD}`, path: `/learning?q=${SEARCH_WORD}` },
  ];
}

/** What one page answered before the load: status, size of the body and the page-cache header (if any). */
export type Probe = { status: number; kb: number; cache: string };
export type PageFigures = Page & { probe: Probe; c10: Load; c50: Load };

export type PassFigures = {
  kind: PassKind;
  env: Record<string, string>;
  processes: number;
  health10: Load;
  health50: Load;
  pages: PageFigures[];
  pdsa: Load;
  rss: TreeRss;
};

async function probe(url: string, cookie: string): Promise<Probe> {
  const res = await fetch(url, { headers: { Cookie: cookie } });
  const body = await res.arrayBuffer();
  return { status: res.status, kb: body.byteLength / 1024, cache: res.headers.get("x-page-cache") ?? "—" };
}

async function healthzMs(url: string) {
  const t = performance.now();
  await (await fetch(`${url}/healthz`)).arrayBuffer();
  return performance.now() - t;
}

/**
 * autocannon stops counting when a row ends, but the server still works through the requests it had accepted; wait
 * until /healthz answers as fast as when idle (`needed` times running, so every worker is idle) before the next row,
 * or its figures would include the last row's backlog. Gives up after `maxMs`.
 */
async function drain(url: string, idleMs: number, needed: number, maxMs = 30_000) {
  const end = Date.now() + maxMs;
  let fast = 0;
  while (fast < needed && Date.now() < end) fast = (await healthzMs(url)) <= idleMs ? fast + 1 : 0;
}

export async function runPass(kind: PassKind, file: string, opts: { duration: number; measureId: number; ideaId: number }): Promise<PassFigures> {
  const server = await startServer(file, PASS_ENV[kind]);
  try {
    const { url } = server;
    const cookie = await signIn(url);
    const leadCookie = await signIn(url, "lead@bench.example");
    const processes = (await settledTree(server.pid)).length;
    const list = pages(opts.measureId);
    // Warm-up: enough requests to each URL that every worker has rendered it (and, warm, cached it).
    const warmups = Math.max(3, processes + 1);
    for (const page of list) for (let i = 0; i < warmups; i++) await probe(url + page.path, cookie);
    // Idle /healthz latency: the median of sequential requests, before any load.
    const idle: number[] = [];
    for (let i = 0; i < 15; i++) idle.push(await healthzMs(url));
    const idleMs = Math.max(5, 3 * idle.sort((a, b) => a - b)[7]);
    const settle = () => drain(url, idleMs, processes + 2);
    const sampler = treeRssSampler(server.pid);
    const healthSeconds = Math.max(3, Math.round(opts.duration / 2));
    const health10 = await load(`${url}/healthz`, cookie, 10, healthSeconds);
    await settle();
    const health50 = await sampler.during(() => load(`${url}/healthz`, cookie, 50, healthSeconds));
    const figures: PageFigures[] = [];
    for (const page of list) {
      await settle();
      // Twice: the page cache's generation includes the minute, so the first request of a new minute renders;
      // the second shows what the load meets.
      await probe(url + page.path, cookie);
      const before = await probe(url + page.path, cookie);
      const c10 = await load(url + page.path, cookie, 10, opts.duration);
      await settle();
      const c50 = await sampler.during(() => load(url + page.path, cookie, 50, opts.duration));
      figures.push({ ...page, probe: before, c10, c50 });
    }
    // Writes last: they change the data every page shows (and so empty the page cache).
    await settle();
    const pdsa = await load(`${url}/projects/${LARGE_PROJECT.id}/pdsa/new`, leadCookie, 10, opts.duration, {
      method: "POST",
      body: new URLSearchParams({ intent: "create", changeIdea: String(opts.ideaId), title: "Benchmark cycle", startDate: TODAY }).toString(),
      okStatus: 302,
    });
    return { kind, env: PASS_ENV[kind], processes, health10, health50, pages: figures, pdsa, rss: sampler.finish() };
  } finally {
    await server.stop();
  }
}
