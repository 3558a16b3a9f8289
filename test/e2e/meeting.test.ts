import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { E2E_TODAY, launchBrowser, signIn, startApp, watchForPageErrors, type RunningApp } from "./support";
import { fillDate } from "./form-helpers";
import { choosePerson } from "./people";
import { makeReadyToClose } from "./meeting-helpers";

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

it("a board member runs a meeting from the suggested agenda, closes it, and later finds the frozen view", async () => {
  const page = await browser.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, "board@example.org");

  await page.goto(`${app.url}/meetings`);
  await page.getByRole("link", { name: "Plan a meeting" }).click();
  await page.getByRole("heading", { level: 1, name: "Plan a board meeting" }).waitFor();
  const suggested = page.locator(".nhsuk-checkboxes__input[name='projectIds']");
  expect(await suggested.count()).toBeGreaterThan(2);
  // Only the most urgent few are ticked; the rest are offered.
  const ticked = await suggested.evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).checked).length);
  expect(ticked).toBeGreaterThan(0);
  expect(ticked).toBeLessThanOrEqual(3);
  expect(ticked).toBeLessThan(await suggested.count());
  // An invalid date is refused with a clear message, keeping what was typed.
  await page.getByLabel("Attendees").fill("Catherine Moore, Non-executive Director");
  await page.getByRole("button", { name: "Save the meeting" }).click();
  await page.getByText("Enter the date of the meeting").first().waitFor();
  expect(await page.getByLabel("Attendees").inputValue()).toBe("Catherine Moore, Non-executive Director");
  await fillDate(page, "Date of the meeting", "2026-12-03");
  await page.getByRole("button", { name: "Save the meeting" }).click();
  await page.waitForURL(/\/meetings\/\d+\?saved=created/);
  const meetingUrl = page.url().replace(/\?.*$/, "");

  const item = page.locator(".app-meeting-item").first();
  const projectHref = await item.locator("h3 a").getAttribute("href");
  const projectId = Number(projectHref!.split("/").pop());
  await item.getByText("Record the board's view and decision").click();
  await item.getByLabel("Red").check();
  await item.getByLabel("Reason for the rating").fill("Mortality above the upper limit; the Saturday list has slipped.");
  await item.getByLabel("Decision", { exact: true }).selectOption("escalate");
  await item.getByRole("button", { name: /Save the view and decision/ }).click();
  await page.getByText("The board's view and decision are saved.").waitFor();
  const saved = page.locator(".app-meeting-item").first();
  expect(await saved.textContent()).toContain("Escalate");

  await saved.getByText("Add an action").click();
  await saved.getByLabel("Action", { exact: true }).fill("Bring a costed option for a Saturday trauma list.");
  await choosePerson(saved, "Owner", "Helen Whitfield");
  await fillDate(saved, "Due date", "2026-11-30");
  await saved.getByRole("button", { name: /Add the action/ }).click();
  await page.getByText("The due date must be on or after the meeting (3 Dec 2026)").first().waitFor();
  await fillDate(page.locator(".app-meeting-item").first(), "Due date", "2027-01-07");
  await page
    .locator(".app-meeting-item")
    .first()
    .getByRole("button", { name: /Add the action/ })
    .click();
  await page.getByText("Action added.").waitFor();
  expect(await page.locator(".app-meeting-item").first().getByRole("table").textContent()).toContain("Helen Whitfield");

  // Before its date, with items undecided, the meeting cannot close: each problem links to its item.
  await page.getByLabel("The board has finished this meeting").check();
  await page.getByRole("button", { name: "Close the meeting" }).click();
  await page.locator(".nhsuk-error-summary", { hasText: "This meeting can't be closed yet" }).waitFor();
  expect(await page.locator(".nhsuk-error-summary").textContent()).toContain("The meeting is on 3 Dec 2026");
  await makeReadyToClose(page, E2E_TODAY);
  await page.getByLabel("The board has finished this meeting").check();
  await page.getByRole("button", { name: "Close the meeting" }).click();
  await page.getByText("The meeting is closed.").waitFor();
  const frozenRow = page.locator(`tr[data-project-id="${projectId}"]`);
  expect(await frozenRow.textContent()).toContain("Mortality above the upper limit");

  // Later the board takes a new view of the project; the closed meeting still shows what it saw.
  await page.goto(`${app.url}/board/assess/${projectId}`);
  await page.getByLabel("Green").check();
  await page.getByLabel("Reason").fill("Saturday list funded and running.");
  await page.getByRole("button", { name: "Save the board's view" }).click();
  await page.waitForURL(/\/board/);
  await page.goto(meetingUrl);
  const row = page.locator(`tr[data-project-id="${projectId}"]`);
  const text = (await row.textContent()) ?? "";
  expect(text).toContain("Red");
  expect(text).toContain("Mortality above the upper limit");
  expect(text).not.toContain("Saturday list funded and running.");
  await expect.poll(() => page.getByRole("button", { name: "Close the meeting" }).count()).toBe(0);

  await page.getByRole("link", { name: "Board pack (printable)" }).click();
  await page.getByRole("heading", { level: 1, name: /26 Nov 2026/ }).waitFor();
  expect(await page.locator(".app-pack-page").count()).toBeGreaterThan(2);
  expect(await page.locator(".app-pack-page").first().textContent()).toContain("Mortality above the upper limit");
  expect(errors).toEqual([]);
  await page.close();
});
