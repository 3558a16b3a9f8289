// The audit trail pages with JavaScript on: once hydrated it still says "page 1 of 3" (it once said
// "page 1 of NaN", the page size having been read in the browser from a server-only module) and the
// Older and Newer links move through the pages.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { openDatabase } from "../../db/client";
import { launchBrowser, signIn, startApp, type RunningApp } from "./support";
import { hydrated, undefinedOrNaNShown, watchPage } from "./js-on";

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  // Enough sign-ins for three pages of 50 events, a month before the demo's today.
  const db = openDatabase(app.databaseFile);
  const admin = db.$client.prepare(`select id from users where email = 'admin@example.org'`).get() as { id: number };
  const insert = db.$client.prepare(
    `insert into audit_events (at, user_id, actor_email, action, summary, ip) values (?, ?, 'admin@example.org', 'auth.sign_in', 'Signed in', '192.0.2.1')`,
  );
  for (let i = 0; i < 110; i++) insert.run(Date.UTC(2026, 9, 26, 9, i), admin.id);
  db.$client.close();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it("pages through the audit trail after hydration: page 1 of 3, Older, Newer", async () => {
  const page = await browser.newPage();
  const watch = watchPage(page);
  await signIn(page, app, "admin@example.org");
  await page.goto(`${app.url}/admin/audit`);
  await hydrated(page);
  const status = page.getByText(/ events · page \d+ of /);
  expect(await status.textContent()).toMatch(/^\d{3} events · page 1 of 3$/);
  expect(await undefinedOrNaNShown(page)).toEqual([]);
  const older = page.getByRole("link", { name: /^Older/ });
  expect(await older.count()).toBe(1);
  expect(await page.getByRole("link", { name: /^Newer/ }).count()).toBe(0);

  await older.click();
  await page.waitForURL(/page=2/);
  await expect.poll(() => status.textContent()).toMatch(/page 2 of 3$/);
  expect(await page.getByRole("link", { name: /^Newer/ }).count()).toBe(1);
  await page.getByRole("link", { name: /^Older/ }).click();
  await expect.poll(() => status.textContent()).toMatch(/page 3 of 3$/);
  expect(await page.getByRole("link", { name: /^Older/ }).count()).toBe(0);
  await page.getByRole("link", { name: /^Newer/ }).click();
  await expect.poll(() => status.textContent()).toMatch(/page 2 of 3$/);
  expect(await page.locator("table tbody tr").count()).toBe(50);
  expect(await undefinedOrNaNShown(page)).toEqual([]);
  expect(watch.errors).toEqual([]);
  await page.close();
});
