// A trust's data and secrets are readable by their owner only (0600), even when whoever
// started the process has a permissive umask.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/build";
import { tempDir } from "../helpers/db";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
const previousUmask = process.umask(0o022);
beforeAll(async () => {
  // No SESSION_SECRET or DEMO_PASSWORD: the demo generates both beside the database.
  server = await startTestServer({ env: { SESSION_SECRET: "", DEMO_PASSWORD: "" } });
  await new Client(server.url).get("/login"); // a request, so the -wal and -shm files are in use
});
afterAll(async () => {
  await server?.close();
  process.umask(previousUmask);
});

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

function backup(databaseFile: string, file: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", "backup", "--", file], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseFile },
      stdio: "ignore",
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe("file modes", () => {
  it("creates the database, its -wal and -shm, and the generated secrets as 0600", () => {
    const dir = path.dirname(server.databaseFile);
    for (const file of [server.databaseFile, `${server.databaseFile}-wal`, `${server.databaseFile}-shm`]) {
      expect(modeOf(file).toString(8), path.basename(file)).toBe("600");
    }
    for (const secret of ["session-secret", "demo-password"]) {
      expect(modeOf(path.join(dir, secret)).toString(8), secret).toBe("600");
    }
  });

  it("writes a backup as 0600", async () => {
    const file = path.join(tempDir(), "backup.sqlite");
    expect(await backup(server.databaseFile, file)).toBe(0);
    expect(modeOf(file).toString(8)).toBe("600");
  }, 90_000);
});
