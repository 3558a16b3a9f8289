// Browser journeys: the built app as a child process (exactly `node server.js`),
// driven by playwright-core in Debian's Chromium. Never a downloaded browser.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { tempDir } from "../helpers/db";

const root = path.resolve(__dirname, "../..");
export const E2E_TODAY = "2026-11-26";
export const E2E_PASSWORD = "demo-password-for-browser-tests";

export function chromePath(): string {
  const candidate = process.env.CHROME_PATH || "/usr/bin/chromium";
  if (!fs.existsSync(candidate)) {
    throw new Error(
      `Chromium not found at ${candidate}. Install Debian's package (apt-get install -y chromium fonts-liberation) ` +
        "or set CHROME_PATH to a Chromium binary.",
    );
  }
  return candidate;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromePath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export type RunningApp = { url: string; databaseFile: string; output: () => string; stop: () => Promise<void> };

/** `port`: a port chosen beforehand (when the app's address must be known first, as an OpenID provider's redirect URI). */
export async function startApp(env: Record<string, string> = {}, opts: { port?: number } = {}): Promise<RunningApp> {
  const port = opts.port ?? (await freePort());
  const databaseFile = path.join(tempDir("stepping-up-e2e-"), "app.sqlite");
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["server.js"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseFile,
      STEPPING_UP_TODAY: E2E_TODAY,
      DEMO_PASSWORD: E2E_PASSWORD,
      STEPPING_UP_DEMO: "1",
      // The hourly run would add reminders mid-test; tests that want it turn it on.
      SCHEDULED_JOBS: "0",
      // One process keeps the browser tests light; test/integration/cluster.test.ts covers several workers.
      WEB_CONCURRENCY: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    databaseFile,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/**
 * The app and a Chromium for the tests of one file: both start before the file's first test and close after its last.
 * Read `app` and `browser` inside a test (they exist only once the start has run).
 */
export function appAndBrowser(env: Record<string, string> = {}): { readonly app: RunningApp; readonly browser: Browser } {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startApp(env);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} has not started: read it inside a test`);
    return value;
  };
  return {
    get app() {
      return started(app, "app");
    },
    get browser() {
      return started(browser, "browser");
    },
  };
}

/**
 * A real trust's first start (README, "Running it for a real trust"): no demo, a session secret of its own, and the
 * first admin created from the command line with `npm run user:create`, the password typed at its prompt.
 * Nothing else is in the database; the admin signs in with that password (and, as every admin, sets up a second factor).
 */
export async function startEmptyTrust(admin: { email: string; name: string; password: string }, env: Record<string, string> = {}): Promise<RunningApp> {
  const app = await startApp({ STEPPING_UP_DEMO: "0", SESSION_SECRET: "an-empty-trust-secret-0123456789abcdef0123", DEMO_PASSWORD: "", ...env });
  const created = spawnSync(process.execPath, ["--import", "tsx", "scripts/user-create.ts", "--email", admin.email, "--role", "admin", "--name", admin.name], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: app.databaseFile },
    input: `${admin.password}\n`,
    encoding: "utf8",
    timeout: 60_000,
  });
  if (created.status !== 0) {
    await app.stop();
    throw new Error(`could not create the first admin:\n${created.stdout}${created.stderr}`);
  }
  return app;
}

export async function signIn(page: Page, app: RunningApp, email: string) {
  await page.goto(`${app.url}/login`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

/** Fails the test on any uncaught page error or console error (CSP violations included). */
export function watchForPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    // A 4xx answer to a form post (validation, wrong password) is expected; anything else is not.
    if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return errors;
}
