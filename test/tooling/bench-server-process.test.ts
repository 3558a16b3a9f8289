// The benchmark's view of a server that is a process tree (a primary and its workers): memory summed over
// every process, and stopping the group leaves no process behind. A stand-in tree of plain Node processes.
import { describe, expect, it } from "vitest";
import { processTree, spawnGroup, treeMemory, treeRssSampler } from "../../bench/server-process";
import type { Load } from "../../bench/http-load";
import type { PassFigures } from "../../bench/pages";
import { targetRows } from "../../bench/report";

const WORKER = "const b = Buffer.alloc(48 * 1024 * 1024, 1); setInterval(() => b[0]++, 1000);";
const PRIMARY = `
const { spawn } = require("node:child_process");
for (let i = 0; i < 2; i++) spawn(process.execPath, ["-e", ${JSON.stringify(WORKER)}], { stdio: "ignore" });
setInterval(() => {}, 1000);
`;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until<T>(read: () => T, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the benchmark's server process tree", () => {
  it("sums peak memory over the primary and every worker, and stopping the group ends them all", async () => {
    const group = spawnGroup(process.execPath, ["-e", PRIMARY], { quiet: true });
    try {
      // Both workers up and holding their 48 MB.
      const memory = await until(
        () => treeMemory(group.pid),
        (m) => m.length === 3 && m.filter((p) => p.role === "worker").every((p) => p.peakMb > 48),
      );
      expect(memory.map((m) => m.role).sort()).toEqual(["server", "worker", "worker"]);
      expect(processTree(group.pid)[0]).toBe(group.pid);

      const sampler = treeRssSampler(group.pid, 20);
      await sampler.during(() => new Promise((r) => setTimeout(r, 100)));
      const rss = sampler.finish();
      expect(rss.processes).toHaveLength(3);
      const server = rss.processes.find((p) => p.role === "server")!;
      expect(rss.processes[0]).toBe(server);
      expect(rss.peakSumMb).toBeCloseTo(
        rss.processes.reduce((n, p) => n + p.peakMb, 0),
        5,
      );
      expect(rss.peakSumMb).toBeGreaterThan(server.peakMb + 96);
      expect(rss.sampledSumMb).toBeGreaterThan(server.rssMb + 96);
      expect(rss.samples).toBeGreaterThan(2);

      const pids = rss.processes.map((p) => p.pid);
      await group.stop();
      expect(
        await until(
          () => pids.filter(alive),
          (left) => left.length === 0,
        ),
      ).toEqual([]);
    } finally {
      await group.stop();
    }
  });

  it("a single-process server is a tree of one", async () => {
    const group = spawnGroup(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { quiet: true });
    try {
      const memory = await until(
        () => treeMemory(group.pid),
        (m) => m.length === 1 && m[0].peakMb > 0,
      );
      expect(memory.map((m) => m.role)).toEqual(["server"]);
    } finally {
      await group.stop();
    }
    expect(alive(group.pid)).toBe(false);
  });
});

describe("the benchmark's targets table", () => {
  const load = (p95: number, over: Partial<Load> = {}): Load => ({
    p50: p95 / 2,
    p95,
    p99: p95 * 1.2,
    rps: 100,
    errors: 0,
    non2xx: 0,
    ok: 100,
    requests: 100,
    ...over,
  });
  const pass = (pageP95: number, c50: Partial<Load>, peakSumMb: number): PassFigures => ({
    kind: "warm",
    env: {},
    processes: 3,
    health10: load(10),
    health50: load(40),
    pages: [
      { id: "board", label: "/board", path: "/board", probe: { status: 200, kb: 100, cache: "hit" }, c10: load(pageP95), c50: load(100, c50) },
      { id: "measure", label: "measure page", path: "/m", probe: { status: 200, kb: 100, cache: "—" }, c10: load(20), c50: load(50) },
    ],
    pdsa: load(30),
    rss: { peakSumMb, sampledSumMb: peakSumMb, processes: [], samples: 1 },
  });

  it("marks each page met when its p95 is within 3× the /healthz p95 of the same run", () => {
    const rows = targetRows(2000, pass(30, {}, 300), undefined, "warm");
    expect(rows.map((r) => [r.target.split(",")[0], r.ratio, r.met])).toEqual([
      ["/board", 3, true],
      ["measure page", 2, true],
      ["50 conns", 120 / 48, true],
      ["peak RSS", null, true],
    ]);
    const over = targetRows(2000, pass(31, {}, 300), undefined, "warm");
    expect(over[0].met).toBe(false);
  });

  it("fails the 50-connection row on any error or non-2xx answer, or a p99 over 500 ms, and the memory row over 400 MB", () => {
    expect(targetRows(2000, pass(10, { errors: 1 }, 300), undefined, "cold")[2].met).toBe(false);
    expect(targetRows(2000, pass(10, { non2xx: 1 }, 300), undefined, "cold")[2].met).toBe(false);
    expect(targetRows(2000, pass(10, { p99: 501 }, 300), undefined, "cold")[2]).toMatchObject({ met: false, figure: "501.0 ms" });
    expect(targetRows(2000, pass(10, {}, 401), undefined, "cold")[3].met).toBe(false);
    // A row in which no request finished before it ended (all still waiting) is the worst, and not met.
    expect(targetRows(2000, pass(10, { requests: 0, p99: NaN }, 300), undefined, "cold")[2]).toMatchObject({
      met: false,
      figure: "no answer",
      target: expect.stringContaining("(/board)"),
    });
  });

  it("adds the in-process board row against its raw-SQL floor", () => {
    const rows = targetRows(1000, undefined, { startupMs: 1, loaderRenderMs: 9, floorMs: 3, projectMs: 1, projectFloorMs: 1 }, "cold");
    expect(rows).toMatchObject([{ target: "board loader+render in-process", ratio: 3, met: true }]);
  });
});
