// Learning across the portfolio in the browser: a proposal's title brings up the similar closed project
// (a fetcher, as the person types), which opens; the header's search box reaches a PDSA cycle.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { openDatabase } from "../../db/client";
import { hydrated } from "./js-on";
import { launchBrowser, signIn, startApp, watchForPageErrors, type RunningApp } from "./support";

let app: RunningApp;
let browser: Browser;
let closed: { id: number; title: string };
let cycle: { id: number; projectId: number; title: string };

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const db = openDatabase(app.databaseFile);
  closed = db.$client.prepare("select id, title from projects where stage = 'closed' and closure_lessons <> '' order by id limit 1").get() as typeof closed;
  cycle = db.$client
    .prepare("select id, project_id as projectId, title from pdsa_cycles where deleted_at is null and length(title) > 12 order by id limit 1")
    .get() as typeof cycle;
  db.$client.close();
  expect(closed.id).toBeGreaterThan(0);
  expect(cycle.id).toBeGreaterThan(0);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it("typing a proposal's title shows the similar closed project, with its stage and closure summary, and opens it", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, "staff@example.org");
  await page.goto(`${app.url}/projects/new`);
  await hydrated(page);
  await page.getByLabel("Project title").pressSequentially(closed.title, { delay: 10 });
  const item = page.locator(".app-similar-projects li").filter({ has: page.getByRole("link", { name: closed.title, exact: true }) });
  await item.waitFor();
  const link = item.getByRole("link", { name: closed.title, exact: true });
  expect(await item.locator(".nhsuk-tag").textContent()).toBe("Closed");
  expect((await item.locator("p").textContent())?.length).toBeGreaterThan(10);
  await link.click();
  await page.waitForURL(`${app.url}/projects/${closed.id}`);
  // The address changes as the navigation starts; the project's page follows.
  await page.getByRole("heading", { level: 1, name: closed.title }).waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

it("the header's search box finds a PDSA cycle and opens it", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, "viewer@example.org");
  await page.goto(`${app.url}/projects`);
  await hydrated(page);
  const box = page.getByRole("search", { name: "Search the learning" }).getByRole("searchbox");
  await box.fill(cycle.title);
  await box.press("Enter");
  await page.waitForURL(/\/learning\?q=/);
  const result = page.locator("li.app-learning-hit", { hasText: "PDSA cycle" }).getByRole("link", { name: cycle.title }).first();
  await result.click();
  await page.waitForURL(`${app.url}/projects/${cycle.projectId}/pdsa/${cycle.id}`);
  expect(await page.locator("main").textContent()).toContain(cycle.title);
  expect(errors).toEqual([]);
  await context.close();
});

it("on a phone the header's Search link opens the search, which reaches a PDSA cycle", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, "viewer@example.org");
  await page.goto(`${app.url}/projects`);
  await hydrated(page);
  expect(await page.locator("#search-field").isVisible()).toBe(false);
  await page.getByRole("link", { name: "Search the learning" }).click();
  await page.waitForURL(`${app.url}/learning`);
  await page.getByLabel("Words to search for").fill(cycle.title);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.waitForURL(/\/learning\?q=/);
  await page.locator("li.app-learning-hit", { hasText: "PDSA cycle" }).getByRole("link", { name: cycle.title }).first().click();
  await page.waitForURL(`${app.url}/projects/${cycle.projectId}/pdsa/${cycle.id}`);
  expect(errors).toEqual([]);
  await context.close();
});
