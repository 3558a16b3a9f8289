// `npm run dev` serves what a developer just edited: a copy of the project runs under the dev
// command, a route is edited, and the new answer is served without restarting anything.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { projectRoot } from "../helpers/build";
import { tempDir } from "../helpers/db";

const COPY = ["app", "db", "seeds", "server", "scripts", "styles", "public", "server.js", "remix.config.js", "package.json", "tsconfig.json", "remix.env.d.ts"];
let child: ChildProcess | undefined;

afterAll(() => {
  // remix dev runs the app server as its own child: end the whole group.
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function poll<T>(what: string, fn: () => Promise<T | undefined>, ms: number, log: () => string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (child?.exitCode !== null) throw new Error(`npm run dev exited. Output:\n${log()}`);
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${ms / 1000} s. Output:\n${log()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

it("serves an edited route within seconds under npm run dev", async () => {
  const dir = tempDir("stepping-up-dev-");
  for (const entry of COPY) {
    fs.cpSync(path.join(projectRoot, entry), path.join(dir, entry), {
      recursive: true,
      filter: (src) => src !== path.join(projectRoot, "public", "build") && !src.endsWith(".sqlite"),
    });
  }
  fs.symlinkSync(path.join(projectRoot, "node_modules"), path.join(dir, "node_modules"));
  const port = await freePort();
  let output = "";
  child = spawn("npm", ["run", "dev"], {
    cwd: dir,
    detached: true,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: path.join(dir, "dev.sqlite"),
      STEPPING_UP_DEMO: "1",
      DEMO_PASSWORD: "demo-password-for-dev-test",
      STEPPING_UP_TODAY: "2026-11-26",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const health = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return res.ok ? ((await res.json()) as { status: string }) : undefined;
  };

  expect(await poll("the dev server did not start", health, 90_000, () => output)).toEqual({
    status: "ok",
    database: "ok",
  });

  const route = path.join(dir, "app", "routes", "healthz.tsx");
  fs.writeFileSync(route, fs.readFileSync(route, "utf8").replace('status: "ok"', 'status: "edited under npm run dev"'));
  const edited = Date.now();
  const seen = await poll(
    "the edit was not served",
    async () => ((await health())?.status === "edited under npm run dev" ? true : undefined),
    30_000,
    () => output,
  );
  expect(seen).toBe(true);
  console.log(`npm run dev served the edit ${((Date.now() - edited) / 1000).toFixed(1)} s after saving`);
}, 150_000);
