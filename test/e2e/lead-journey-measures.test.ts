// A project lead defines a measure, pastes 30 weeks of data (fixing two bad rows), sees the
// chart signal a special cause, and recalculates the limits from the week the process changed.
import { afterAll, beforeAll, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { openDatabase } from "../../db/client";
import { measures, projectTeam, users } from "../../db/schema";
import { launchBrowser, signIn, startApp, watchForPageErrors, type RunningApp } from "./support";
import { fillDate } from "./form-helpers";

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

const leadProjectId = () =>
  withDb(
    (db) =>
      db
        .select({ projectId: projectTeam.projectId })
        .from(projectTeam)
        .innerJoin(users, eq(users.id, projectTeam.userId))
        .where(and(eq(users.email, "lead@example.org"), eq(projectTeam.role, "project_lead"), isNull(projectTeam.endedAt)))
        .get()!.projectId,
  );

const NAME = "Minutes from arrival to triage (majors)";

/** 30 weeks from Monday 6 Jan 2025: about 30 minutes, then about 18 from week 16 (21 Apr 2025). */
function rows(): string[] {
  const lines = ["Week starting\tMinutes"];
  for (let i = 0; i < 30; i++) {
    const d = new Date(Date.UTC(2025, 0, 6 + 7 * i));
    const uk = `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`;
    lines.push(`${uk}\t${i < 15 ? 30 + (i % 3) : 18 + (i % 3)}`);
  }
  return lines;
}

it("lead defines a measure, pastes data with two bad rows, fixes them, sees a signal and rebases the limits", async () => {
  const projectId = leadProjectId();
  const page = await browser.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, "lead@example.org");

  // Define the measure.
  await page.goto(`${app.url}/projects/${projectId}`);
  await page.getByRole("navigation", { name: "Project workbook" }).getByRole("link", { name: "Measures" }).click();
  await page.waitForURL(`${app.url}/projects/${projectId}/measures`);
  await page.getByRole("link", { name: "Add a measure" }).first().click();
  await page.waitForURL(/\/measures\/new$/);
  await page.getByRole("button", { name: "Add the measure" }).click();
  await page.getByRole("alert").getByRole("link", { name: "Enter the name of the measure" }).waitFor();

  await page.getByLabel("Name of the measure").fill(NAME);
  await page.getByLabel("Type of measure").selectOption("process");
  await page.getByLabel("Operational definition").fill("Median minutes from registration to initial assessment, adults in majors, per week.");
  await page.getByLabel("Unit", { exact: true }).selectOption("minutes");
  await page.getByLabel("How often is the data collected?").selectOption("weekly");
  await page.getByLabel("Which direction is an improvement?").selectOption("decrease");
  await page.getByLabel("Target (optional)", { exact: true }).fill("20");
  await page.getByRole("button", { name: "Add the measure" }).click();
  await page.waitForURL(/\/measures\/\d+\?saved=created$/);
  await page.getByText("The measure is added").waitFor();
  await page.getByText("No data yet.").waitFor();
  const measurePath = new URL(page.url()).pathname;

  // Paste 30 rows, two of them bad. A slow answer shows the progress message.
  await page.getByRole("link", { name: "Paste or upload data" }).first().click();
  await page.waitForURL(/\/import$/);
  const bad = rows();
  bad[4] = bad[4].replace(/\t.*$/, "\tabc"); // line 5
  bad[11] = `${bad[10].split("\t")[0].replace(/^(\d\d)/, (d) => String(Number(d) + 2).padStart(2, "0"))}\t29`; // line 12: same week as line 11
  await page.getByLabel("Paste the data").fill(bad.join("\n"));
  await page.route("**/import.data*", async (route) => {
    await new Promise((r) => setTimeout(r, 600));
    await route.continue();
  });
  await page.getByRole("button", { name: "Check the data" }).click();
  await page.getByRole("status").getByText("Checking 30 rows…").waitFor();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await summary.getByRole("link", { name: "Line 5: 'abc' is not a number" }).waitFor();
  await page.unroute("**/import.data*");
  expect(await page.getByRole("status").textContent()).toBe("");
  await summary
    .getByRole("link", {
      name: /^Line 12: duplicate period: line 11 already has a value for week beginning 10 Mar 2025$/,
    })
    .waitFor();
  expect(await summary.textContent()).toContain("2 rows need correcting");
  expect(withDb((db) => db.select().from(measures).where(eq(measures.name, NAME)).get()!.spcPoints)).toBe(0);

  // Fix them in the same box and check again: a preview, nothing saved until confirmed.
  await page.getByLabel("Paste the data").fill(rows().join("\n"));
  await page.getByRole("button", { name: "Check the data again" }).click();
  await page.getByText("All 30 rows are correct").waitFor();
  expect(await page.locator('[data-measure="preview"] tbody tr').count()).toBe(30);
  await page.getByRole("button", { name: "Save 30 values" }).click();
  await page.waitForURL((u) => u.pathname === measurePath && u.searchParams.get("saved") === "imported");
  await page.getByText("30 values are saved").waitFor();

  // The chart shows the special cause, with both icons and a reading.
  await page.getByRole("img", { name: "Special cause improvement (low)" }).first().waitFor();
  await page.getByRole("img", { name: "Consistently failing the target" }).first().waitFor();
  expect(await page.locator('[data-measure="reading"]').textContent()).toMatch(
    /^Special cause improvement: the latest week \(20 minutes\) is below the lower process limit/,
  );
  expect(await page.locator(".app-spc-point--improvement").count()).toBeGreaterThan(0);
  const upperLimit = () => page.locator(".app-spc-chart__label--limit:visible", { hasText: "Upper limit" }).textContent();
  const before = await upperLimit();
  expect(before).toMatch(/^Upper limit \d/);

  // Recalculate the limits from the week the new process started.
  await page.getByRole("link", { name: "Recalculate the limits", exact: true }).click();
  await page.waitForURL(/\/rebases$/);
  await fillDate(page, "Recalculate the limits from", "2025-04-23");
  await page.getByRole("button", { name: "Recalculate the limits" }).click();
  await page
    .getByRole("alert")
    .getByRole("link", { name: /Enter why the limits are recalculated/ })
    .waitFor();
  await page.getByLabel("Reason").fill("New triage process started");
  await page.getByRole("button", { name: "Recalculate the limits" }).click();
  await page.waitForURL((u) => u.pathname === measurePath && u.searchParams.get("saved") === "rebased");
  await page.getByText("The limits are recalculated").waitFor();
  const after = await upperLimit();
  expect(after).toMatch(/^Upper limit \d/);
  expect(after).not.toBe(before);
  expect(await page.locator('[data-measure="rebases"]').textContent()).toContain("From week beginning 21 Apr 2025: New triage process started");
  expect(await page.locator(".app-spc-chart__rebase title").textContent()).toBe("New limits from 21 Apr 2025: New triage process started");
  await page.getByRole("img", { name: "Hit and miss: the target may or may not be met" }).first().waitFor();

  // The chart's table lists the latest 24 points; its link lists all 30, in an open table (ADR 117).
  await page.getByText("Show data as a table").click();
  const tableRows = page.locator(".app-spc-chart__table tbody tr");
  expect(await tableRows.count()).toBe(24);
  await page.getByRole("link", { name: "Show all 30 points in the table" }).click();
  await page.waitForURL((u) => u.pathname === measurePath && u.searchParams.get("table") === "all");
  expect(await tableRows.count()).toBe(30);
  expect(await page.locator("#measure-data-table").getAttribute("open")).not.toBeNull();
  // The limits in the chart's table changed at the rebase.
  const upperCell = (row: number) => tableRows.nth(row).locator("td").nth(5).textContent();
  expect(await upperCell(0)).not.toBe(await upperCell(29));

  expect(errors).toEqual([]);
  await page.close();
});

it("the whole import works without JavaScript: paste, preview, confirm, and the explicit replace step", async () => {
  const projectId = leadProjectId();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, app, "lead@example.org");
  await page.goto(`${app.url}/projects/${projectId}/measures/new`);
  await page.getByLabel("Name of the measure").fill("Discharges before noon (no script)");
  await page.getByLabel("Type of measure").selectOption("outcome");
  await page.getByLabel("Operational definition").fill("Patients discharged before 12:00 as a share of all discharges, per month.");
  await page.getByLabel("Unit", { exact: true }).selectOption("percent");
  await page.getByLabel("How often is the data collected?").selectOption("monthly");
  await page.getByLabel("Enter each value as a numerator and a denominator").check();
  await page.getByLabel("Which direction is an improvement?").selectOption("increase");
  await page.getByRole("button", { name: "Add the measure" }).click();
  await page.getByText("The measure is added").waitFor();
  const measurePath = new URL(page.url()).pathname;

  await page.goto(`${app.url}${measurePath}/import`);
  await page.getByLabel("Paste the data").fill("Month,Before noon,Discharges\n15/01/2025,12,60\n15/02/2025,15,60\n15/03/2025,0,0");
  await page.getByRole("button", { name: "Check the data" }).click();
  await page.getByRole("link", { name: "Line 4: the denominator is 0: there is nothing to divide by" }).waitFor();
  await page.getByLabel("Paste the data").fill("Month,Before noon,Discharges\n15/01/2025,12,60\n15/02/2025,15,60\n15/03/2025,18,60");
  await page.getByRole("button", { name: "Check the data again" }).click();
  await page.getByText("All 3 rows are correct").waitFor();
  await page.getByRole("button", { name: "Save 3 values" }).click();
  await page.getByText("3 values are saved").waitFor();
  expect(await page.locator('[data-measure="values"] tbody tr').first().textContent()).toContain("March 2025");

  // A second paste for a month that has a value asks before replacing it.
  await page.goto(`${app.url}${measurePath}/import`);
  await page.getByLabel("Paste the data").fill("2025-03-31,21,60\n2025-04-30,24,60");
  await page.getByRole("button", { name: "Check the data" }).click();
  await page.getByText("1 period already has a value").waitFor();
  await page.getByRole("button", { name: "Replace this period and save 2 values" }).click();
  await page.getByText("2 values are saved").waitFor();
  const saved = withDb((db) => db.select().from(measures).where(eq(measures.name, "Discharges before noon (no script)")).get()!);
  expect(saved).toMatchObject({ spcPoints: 4, spcLatestValue: 40, spcLatestDate: "2025-04-01" });
  await context.close();
});
