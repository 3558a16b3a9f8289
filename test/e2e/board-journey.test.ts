import fs from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
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

it("a board member filters, groups and sorts the board, opens a flagged project, returns, assesses it and downloads the CSV", async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, "board@example.org");
  await page.goto(`${app.url}/board`);
  await page.getByRole("heading", { name: "Programme board", level: 1 }).waitFor();

  // Filter to one theme and group by wave, with the keyboard-usable form.
  await page.getByText("Filter, group and choose columns").click();
  await page.getByLabel("Strategic theme").selectOption({ label: "Sepsis: timely recognition and treatment" });
  await page.getByLabel("Group by").selectOption("wave");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL(/theme=\d+/);
  await page.waitForURL(/group=wave/);
  const rows = page.locator("table.app-board-table tbody tr.nhsuk-table__row");
  await rows.first().waitFor();
  for (const theme of await rows.locator("td:nth-child(2)").allTextContents()) {
    expect(theme).toBe("Sepsis: timely recognition and treatment");
  }
  expect(await page.locator("tr.app-group-row").count()).toBeGreaterThan(1);

  // Sort by progress score.
  await page.getByRole("link", { name: /^Progress score/ }).click();
  await page.waitForURL(/sort=score/);
  await page.locator('th[aria-sort="ascending"]', { hasText: "Progress score" }).waitFor();
  const boardUrl = page.url();
  expect(boardUrl).toMatch(/theme=\d+/);
  expect(boardUrl).toMatch(/group=wave/);

  // Open a flagged project from the attention list, then come back.
  const attention = page.locator("ul.app-attention-list > li > a").first();
  const flaggedTitle = (await attention.textContent())!;
  await attention.click();
  await page.waitForURL(/\/projects\/\d+$/);
  await page.getByRole("heading", { name: flaggedTitle, level: 1 }).waitFor();
  await page.goBack();
  await page.waitForURL(boardUrl);
  expect(await page.getByLabel("Group by").inputValue()).toBe("wave");

  // Record the board's view of that project; the board keeps the filters after saving.
  const row = rows.filter({ hasText: flaggedTitle });
  await row.getByRole("link", { name: `Record view of ${flaggedTitle}` }).click();
  await page.getByRole("heading", { name: "Record the board's view" }).waitFor();
  await page.getByRole("button", { name: "Save the board's view" }).click();
  await page.getByText("Choose the board's RAG rating").first().waitFor();
  await page.getByLabel("Red").check();
  await page.getByLabel("Reason").fill("Two measures show special-cause concern; the team is asked to present next month.");
  await page.getByRole("button", { name: "Save the board's view" }).click();
  await page.waitForURL((u) => u.pathname === "/board");
  const back = new URL(page.url()).searchParams;
  const before = new URL(boardUrl).searchParams;
  for (const key of ["theme", "group", "sort"]) expect(back.get(key)).toBe(before.get(key));
  await row.locator(".nhsuk-tag--red", { hasText: "Red" }).first().waitFor();

  // Download every row of the filtered view.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /Download all \d+ projects? in this view as CSV/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("stepping-up-board-2026-11-26.csv");
  const csv = fs.readFileSync((await download.path())!, "utf8");
  const lines = csv.trim().split(/\r\n/);
  expect(lines[0]).toContain("Attention flags");
  expect(lines.length - 1).toBe(await rows.count());
  expect(csv).toContain(flaggedTitle);
  expect(errors).toEqual([]);
  await context.close();
});
