// Lighter pages in the browser (ADR 117): the board's Making Data Count icons, drawn once as symbols and
// used by reference, still show as named images in their colours; the measure page's data table lists the
// latest 24 points and, without JavaScript, its link opens the whole table.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { openDatabase } from "../../db/client";
import { launchBrowser, signIn, startApp, watchForPageErrors, type RunningApp } from "./support";

let app: RunningApp;
let browser: Browser;
let longest: { projectId: number; measureId: number; n: number };

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const db = openDatabase(app.databaseFile);
  longest = db.$client
    .prepare(
      `select m.project_id as projectId, m.id as measureId, count(v.id) as n from measures m join measure_points v on v.measure_id = m.id
       where m.deleted_at is null group by m.id order by count(v.id) desc, m.id limit 1`,
    )
    .get() as typeof longest;
  db.$client.close();
  expect(longest.n).toBeGreaterThan(24);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it("draws the board's icons from the page's symbols: named images, painted in the icon's colours", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, "board@example.org");
  await page.goto(`${app.url}/board?size=100`);
  const icons = page.locator(".app-board-table [data-icon] svg");
  expect(await icons.count()).toBeGreaterThan(0);
  const first = icons.first();
  const name = await first.getAttribute("aria-label");
  expect(name).toBeTruthy();
  await page.getByRole("img", { name: name! }).first().waitFor();
  const box = (await first.boundingBox())!;
  expect(box.width).toBe(32);
  expect(box.height).toBe(32);
  // The ring the symbol draws is painted with the page's styles (a white fill and a coloured stroke), not black.
  const ring = await page.evaluate(() => {
    const use = document.querySelector(".app-board-table [data-icon] svg use")!;
    const symbol = document.querySelector(use.getAttribute("href")!)!;
    const style = getComputedStyle(symbol.querySelector(".app-spc-icon__ring")!);
    return { fill: style.fill, stroke: style.stroke };
  });
  expect(ring.fill).toBe("rgb(255, 255, 255)");
  expect(ring.stroke).not.toBe("none");
  expect(errors).toEqual([]);
  await context.close();
});

it("lists the latest 24 points in the measure's data table; without JavaScript its link shows every point", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, app, "lead@example.org");
  await page.goto(`${app.url}/projects/${longest.projectId}/measures/${longest.measureId}`);
  await page.getByText("Show data as a table").click();
  const rows = page.locator(".app-spc-chart__table tbody tr");
  expect(await rows.count()).toBe(24);
  await page.getByRole("link", { name: `Show all ${longest.n} points in the table` }).click();
  await page.waitForURL((u) => u.searchParams.get("table") === "all" && u.hash === "#measure-data-table");
  expect(await rows.count()).toBe(longest.n);
  expect(await page.locator("#measure-data-table").getAttribute("open")).not.toBeNull();
  await page.locator("#measure-data-table tbody tr").last().waitFor({ state: "visible" });
  await context.close();
});
