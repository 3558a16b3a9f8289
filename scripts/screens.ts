// Pictures of the demo for the README: the board, a project page, a measure chart and a presentation slide,
// at a desktop (1280 × 800) and a phone (390 × 844) width, into docs/screens/ (or the folder given).
// Runs the built app exactly as the browser tests do (`node server.js` on a fresh demo database, a fixed
// today) and drives Debian's Chromium with playwright-core. `npm run screens` builds first.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { chromium, type Page } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.resolve(process.argv[2] ?? path.join(root, "docs", "screens"));
const TODAY = "2026-11-26";
const PASSWORD = "demo-password-for-screens";

export const SIZES = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function startDemo() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepping-up-screens-"));
  const databaseFile = path.join(dir, "demo.sqlite");
  const port = await freePort();
  const child = spawn(process.execPath, ["server.js"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseFile,
      STEPPING_UP_TODAY: TODAY,
      STEPPING_UP_DEMO: "1",
      DEMO_PASSWORD: PASSWORD,
      WEB_CONCURRENCY: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        fs.rmSync(dir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null) return done();
      child.once("exit", done);
      child.kill("SIGTERM");
    });
  return { url, databaseFile, stop };
}

/** The demo project with the most points of data on one measure: its measure makes the best chart. */
function pickShowcase(databaseFile: string): { projectId: number; measureId: number } {
  const db = new Database(databaseFile, { readonly: true });
  try {
    const row = db
      .prepare(
        `select m.project_id as projectId, m.id as measureId, count(v.id) as points
         from measures m join measure_points v on v.measure_id = m.id
         where m.deleted_at is null
         group by m.id order by points desc, m.id limit 1`,
      )
      .get() as { projectId: number; measureId: number } | undefined;
    if (!row) throw new Error("the demo has no measure with data");
    return row;
  } finally {
    db.close();
  }
}

type Shot = { name: string; path: string; ready: (page: Page) => Promise<void> };

async function main() {
  const app = await startDemo();
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  });
  try {
    const { projectId, measureId } = pickShowcase(app.databaseFile);
    const shots: Shot[] = [
      { name: "board", path: "/board", ready: (p) => p.getByRole("heading", { level: 1 }).first().waitFor() },
      { name: "project", path: `/projects/${projectId}`, ready: (p) => p.getByRole("heading", { name: "Charter", exact: true }).waitFor() },
      {
        name: "measure",
        path: `/projects/${projectId}/measures/${measureId}`,
        ready: async (p) => {
          // The chart, scrolled to the top of the screen.
          await p.locator("figure.app-spc-chart").first().waitFor();
          await p
            .locator("figure.app-spc-chart")
            .first()
            .evaluate((el) => el.scrollIntoView());
        },
      },
      {
        name: "slide",
        path: `/projects/${projectId}/present`,
        ready: async (p) => {
          await p.locator("dialog.app-deck--live[open]").waitFor();
          // The first measure's chart: step until a slide with a chart shows.
          for (let i = 0; i < 12; i++) {
            if (await p.locator('section[aria-roledescription="slide"]:not([hidden]) svg').count()) break;
            await p.keyboard.press("ArrowRight");
          }
        },
      },
    ];
    fs.mkdirSync(outDir, { recursive: true });
    for (const [size, viewport] of Object.entries(SIZES)) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.goto(`${app.url}/login`);
      await page.getByLabel("Email address").fill("lead@example.org");
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      for (const shot of shots) {
        await page.goto(`${app.url}${shot.path}`);
        await shot.ready(page);
        await page.waitForLoadState("networkidle");
        const file = path.join(outDir, `${shot.name}-${size}.png`);
        await page.screenshot({ path: file });
        console.log(`wrote ${path.relative(root, file)} (${Math.round(fs.statSync(file).size / 1024)} KiB)`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
