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

export type Server = { url: string; pid: number; child: ChildProcess; log: () => string; stop: () => Promise<void> };

const running = new Set<Server>();

/** Whatever happens to the benchmark, the servers it started (and their workers) go with it. */
function killAll() {
  for (const s of running) {
    try {
      process.kill(-s.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}
process.on("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });

/** `node server.js` on a free port with the given extra environment, waiting until /healthz answers. */
export async function startServer(file: string, extra: Record<string, string> = {}, quiet = false): Promise<Server> {
  const port = await freePort();
  // Its own process group, so stopping it stops every worker it forked and nothing else.
  const child = spawn(process.execPath, ["server.js"], {
    cwd: root,
    env: serverEnv(file, port, extra),
    stdio: ["ignore", quiet ? "ignore" : "pipe", quiet ? "ignore" : "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const pid = child.pid!;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const server: Server = {
    url,
    pid,
    child,
    log: () => log,
    stop: async () => {
      try {
        process.kill(-pid, "SIGTERM");
      } catch {
        /* already gone */
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          /* already gone */
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
      // Workers left behind by a primary that exited first.
      for (let i = 0; i < 50 && groupAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
      if (groupAlive(pid))
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          /* gone */
        }
      running.delete(server);
    },
  };
  running.add(server);
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return server;
    } catch {
      /* starting */
    }
    if (child.exitCode !== null) {
      running.delete(server);
      throw new Error(`the server exited while starting:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await server.stop();
  throw new Error(`the server did not answer /healthz within 60 s:\n${log}`);
}

function groupAlive(pgid: number) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
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
