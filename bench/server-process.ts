// The server under test, started the way production starts it (`node server.js`) in its own process group,
// and the memory of its whole process tree: the server and every descendant (cluster workers, if any),
// found by scanning /proc/*/stat for parent ids, so one process and a primary with workers are measured alike.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
export const TODAY = "2026-11-26";
export const PASSWORD = "bench-password-123";
const SECRET = "bench-session-secret-0123456789abcdef0123456789";

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function serverEnv(file: string, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: file,
    STEPPING_UP_DEMO: "0",
    STEPPING_UP_TODAY: TODAY,
    SESSION_SECRET: SECRET,
    ...extra,
  };
}

export type Group = { pid: number; child: ChildProcess; log: () => string; stop: () => Promise<void> };
export type Server = Group & { url: string };

const running = new Set<Group>();
let handlersInstalled = false;

/** Whatever happens to the benchmark, the process groups it started (servers and their workers) go with it. */
function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const killAll = () => {
    for (const g of running) signalGroup(g.pid, "SIGKILL");
  };
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => {
      killAll();
      process.exit(130);
    });
}

function signalGroup(pgid: number, signal: NodeJS.Signals | 0) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // no process left in the group
  }
}

/**
 * A command in its own process group, so stopping it stops every process it forked (cluster workers) and
 * nothing else: SIGTERM to the group, SIGKILL to whatever is left after `graceMs`.
 */
export function spawnGroup(command: string, argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; quiet?: boolean; graceMs?: number } = {}): Group {
  installHandlers();
  const child = spawn(command, argv, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", options.quiet ? "ignore" : "pipe", options.quiet ? "ignore" : "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const pid = child.pid!;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const group: Group = {
    pid,
    child,
    log: () => log,
    stop: async () => {
      signalGroup(pid, "SIGTERM");
      const deadline = Date.now() + (options.graceMs ?? 5000);
      await Promise.race([exited, new Promise((r) => setTimeout(r, options.graceMs ?? 5000))]);
      // Workers may outlive a primary that exited first; give them the rest of the grace period.
      while (signalGroup(pid, 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      signalGroup(pid, "SIGKILL");
      await exited;
      running.delete(group);
    },
  };
  running.add(group);
  return group;
}

/** `node server.js` on a free port with the given extra environment, waiting until /healthz answers. */
export async function startServer(file: string, extra: Record<string, string> = {}, quiet = false): Promise<Server> {
  const port = await freePort();
  const group = spawnGroup(process.execPath, ["server.js"], { cwd: root, env: serverEnv(file, port, extra), quiet });
  const server: Server = { ...group, url: `http://127.0.0.1:${port}` };
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${server.url}/healthz`)).ok) return server;
    } catch {
      /* starting */
    }
    if (group.child.exitCode !== null) {
      await group.stop();
      throw new Error(`the server exited while starting:\n${group.log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await group.stop();
  throw new Error(`the server did not answer /healthz within 60 s:\n${group.log()}`);
}

/** Parent id of every process we can see: /proc/<pid>/stat, field 4 (after the command name in parentheses). */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      map.set(Number(entry), Number(rest[1]));
    } catch {
      /* exited while we looked */
    }
  }
  return map;
}

/** The process and all its descendants, root first. */
export function processTree(pid: number): number[] {
  const byParent = new Map<number, number[]>();
  for (const [child, parent] of parents()) byParent.set(parent, [...(byParent.get(parent) ?? []), child]);
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(byParent.get(tree[i]) ?? []));
  return tree;
}

export type ProcessMemory = { pid: number; role: string; peakMb: number; rssMb: number };

function memory(pid: number, rootPid: number): ProcessMemory | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
    return { pid, role: pid === rootPid ? "server" : "worker", peakMb: kb("VmHWM") / 1024, rssMb: kb("VmRSS") / 1024 };
  } catch {
    return null;
  }
}

/** Current and peak (VmHWM) resident memory of every process in the tree. */
export function treeMemory(pid: number): ProcessMemory[] {
  return processTree(pid)
    .map((p) => memory(p, pid))
    .filter((m): m is ProcessMemory => m !== null);
}

/** The tree once it stops growing (a primary may still be forking workers when the first one answers). */
export async function settledTree(pid: number, { stableMs = 1000, maxMs = 15_000 } = {}): Promise<number[]> {
  const end = Date.now() + maxMs;
  let tree = processTree(pid);
  let since = Date.now();
  while (Date.now() < end && Date.now() - since < stableMs) {
    await new Promise((r) => setTimeout(r, 100));
    const next = processTree(pid);
    if (next.length !== tree.length) since = Date.now();
    tree = next;
  }
  return tree;
}

export type TreeRss = {
  /** Sum over every process seen of its peak resident memory (VmHWM): the figure the target is checked against. */
  peakSumMb: number;
  /** The largest sum of current resident memory (VmRSS) over the tree in any one sample: the simultaneous peak. */
  sampledSumMb: number;
  processes: ProcessMemory[];
  samples: number;
};

/**
 * Samples the tree's memory every `everyMs` while `during(work)` runs (the 50-connection rows), keeping each
 * process's highest VmHWM, so a worker that exits before the end still counts; `finish()` takes a last reading
 * (VmHWM is the peak over each process's life, so it covers the whole run) and returns the sums.
 */
export function treeRssSampler(pid: number, everyMs = 250) {
  const seen = new Map<number, ProcessMemory>();
  let sampledSumMb = 0;
  let samples = 0;
  const take = () => {
    const now = treeMemory(pid);
    samples++;
    sampledSumMb = Math.max(
      sampledSumMb,
      now.reduce((n, m) => n + m.rssMb, 0),
    );
    for (const m of now) {
      const before = seen.get(m.pid);
      if (!before || m.peakMb >= before.peakMb) seen.set(m.pid, m);
    }
  };
  return {
    async during<T>(work: () => Promise<T>): Promise<T> {
      take();
      const timer = setInterval(take, everyMs);
      try {
        return await work();
      } finally {
        clearInterval(timer);
        take();
      }
    },
    finish(): TreeRss {
      take();
      const processes = [...seen.values()].sort((a, b) => (a.role === b.role ? a.pid - b.pid : a.role === "server" ? -1 : 1));
      return { peakSumMb: processes.reduce((n, m) => n + m.peakMb, 0), sampledSumMb, processes, samples };
    },
  };
}
