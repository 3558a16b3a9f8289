// A team member switches a percentage measure from XmR to a p chart (ADR 030): the chart's
// limits then step with each month's denominator (read from the SVG), and the programme board's
// Making Data Count icons for the project follow the p chart.
import { afterAll, beforeAll, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { openDatabase } from "../../db/client";
import { measurePoints, measures, projects } from "../../db/schema";
import { launchBrowser, signIn, startApp, watchForPageErrors, type RunningApp } from "./support";

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

function withDb<T>(read: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(app.databaseFile);
  try {
    return read(db);
  } finally {
    db.$client.close();
  }
}

// The demo's primary measure of the deteriorating-patient project: a percentage entered as numerator and denominator.
const NAME = "Patients with NEWS2 5 or more escalated within 30 minutes";

const stored = () => withDb((db) => db.select().from(measures).where(eq(measures.name, NAME)).get()!);

/** The board's two icons (variation, assurance) in the project's row. */
async function boardIcons(page: Page, title: string) {
  await page.goto(`${app.url}/board`);
  const row = page.locator("table.app-board-table tbody tr").filter({ hasText: title });
  await row.first().waitFor();
  expect(await row.count()).toBe(1);
  return row.locator(".app-board-measure__icons [data-icon]").evaluateAll((els) => els.map((e) => e.getAttribute("data-icon")));
}

/** The distinct heights of the upper limit, read from the chart's SVG (stepped paths, or one line per segment). */
async function upperLimitHeights(page: Page) {
  return page.locator("svg .app-spc-chart__segments").evaluate((g) => {
    const ys = new Set<string>();
    for (const el of g.querySelectorAll(".app-spc-chart__limit--upper")) {
      if (el.tagName === "line") ys.add(el.getAttribute("y1") ?? "");
      else for (const [, y] of (el.getAttribute("d") ?? "").matchAll(/(?:M[\d.]+ |V)([\d.]+)/g)) ys.add(y);
    }
    return [...ys];
  });
}

it("switching a measure to a p chart draws limits that vary with the denominator and updates the board's icons", async () => {
  const before = stored();
  expect(before).toMatchObject({ chartType: "xmr", usesRatio: true, unit: "percent", isPrimary: true });
  const denominators = withDb((db) => db.select({ d: measurePoints.denominator }).from(measurePoints).where(eq(measurePoints.measureId, before.id)).all()).map(
    (r) => r.d,
  );
  expect(denominators.length).toBeGreaterThanOrEqual(12);
  expect(new Set(denominators).size).toBeGreaterThan(1);
  const title = withDb((db) => db.select({ title: projects.title }).from(projects).where(eq(projects.id, before.projectId)).get()!.title);

  const page = await browser.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, "staff@example.org");
  expect(await boardIcons(page, title)).toEqual([before.spcVariationIcon, before.spcAssuranceIcon]);

  // XmR: one upper limit for the segment.
  const base = `${app.url}/projects/${before.projectId}/measures/${before.id}`;
  await page.goto(`${base}?chart=xmr`);
  expect(await page.locator("svg [data-limits=per-point]").count()).toBe(0);
  expect(await upperLimitHeights(page)).toHaveLength(before.spcUcl === null ? 0 : 1);

  // Switch to a p chart on the definition form.
  await page.goto(`${base}/edit`);
  await page.getByLabel("Chart (optional)").selectOption("p");
  await page.getByRole("button", { name: "Save the definition" }).click();
  await page.waitForURL(/\?saved=updated$/);
  await page.getByText("The definition is saved").waitFor();

  const after = stored();
  expect(after.chartType).toBe("p");
  await page.goto(`${base}?chart=xmr`);
  await page.locator("svg [data-limits=per-point]").first().waitFor();
  const heights = await upperLimitHeights(page);
  // One height per distinct denominator, more or less: the limits move point by point.
  expect(heights.length).toBeGreaterThan(3);

  // The stored icons are the p chart's, and the board shows them.
  expect([after.spcVariationIcon, after.spcAssuranceIcon]).not.toEqual([before.spcVariationIcon, before.spcAssuranceIcon]);
  expect(await boardIcons(page, title)).toEqual([after.spcVariationIcon, after.spcAssuranceIcon]);
  expect(errors).toEqual([]);
  await page.close();
});
