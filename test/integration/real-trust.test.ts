// Running for a real trust: no default accounts, a required secret, the first admin from the command line.
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditEvents, users } from "../../db/schema";
import { openDatabase } from "../../db/client";
import { projectRoot } from "../helpers/build";
import { tempDir } from "../helpers/db";
import { Client, startTestServer } from "../helpers/server";

const env = (file: string, extra: Record<string, string> = {}) => ({
  ...process.env,
  DATABASE_URL: file,
  STEPPING_UP_DEMO: "0",
  SESSION_SECRET: "a-real-trust-secret-0123456789abcdef0123",
  ...extra,
});

function createUser(file: string, args: string[], password: string) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/user-create.ts", ...args], {
    cwd: projectRoot,
    env: env(file),
    input: `${password}\n`,
    encoding: "utf8",
  });
}

describe("a real trust", () => {
  it("refuses to start without SESSION_SECRET outside demo mode", () => {
    const file = path.join(tempDir(), "real.sqlite");
    const run = spawnSync(process.execPath, ["server.js"], {
      cwd: projectRoot,
      env: { ...env(file), SESSION_SECRET: "", PORT: "3997" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("SESSION_SECRET is not set");
  });

  it("creates the first admin from the command line, password from standard input, and nothing else", () => {
    const file = path.join(tempDir(), "real.sqlite");
    const weak = createUser(file, ["--email", "Chief.Nurse@Trust.nhs.uk", "--role", "admin"], "password");
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain("too common");
    const bad = createUser(file, ["--email", "not-an-email", "--role", "admin"], "a long enough passphrase");
    expect(bad.status).toBe(1);
    const ok = createUser(file, ["--email", "Chief.Nurse@Trust.nhs.uk", "--role", "admin", "--name", "Chief Nurse"], "a long enough passphrase");
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("Created chief.nurse@trust.nhs.uk with role admin.");
    const again = createUser(file, ["--email", "chief.nurse@trust.nhs.uk", "--role", "admin"], "a long enough passphrase");
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("already exists");
    const db = openDatabase(file);
    const all = db.select().from(users).all();
    expect(all.map((u) => [u.email, u.role])).toEqual([["chief.nurse@trust.nhs.uk", "admin"]]);
    expect(all[0].passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "user.created")).all()).toHaveLength(1);
    db.$client.close();
    execFileSync(process.execPath, ["--import", "tsx", "db/migrate-cli.ts"], { cwd: projectRoot, env: env(file) });
  }, 60_000); // five command-line runs, each starting Node and tsx

  it("starts an empty trust with no accounts: nobody can sign in with the demo password", async () => {
    const server = await startTestServer({ demo: false });
    try {
      expect(server.db.select().from(users).all()).toHaveLength(0);
      const res = await new Client(server.url).post("/login", {
        email: "admin@example.org",
        password: "demo-password-for-tests",
      });
      expect(res.status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
