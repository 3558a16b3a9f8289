// The Pulse Check in Chromium with JavaScript on. The board sets up a campaign and changes its statements
// (both forms go through Remix's fetch); then, on a phone-width screen and without signing in, a member of
// staff opens the campaign's answer link, answers every statement and sees the thank-you; a second answer
// from the same browser is refused kindly, and nothing scrolls sideways.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, startApp, watchForPageErrors, type RunningApp } from "./support";
import { hydrated, open, watchPage } from "./js-on";
import { dbRow, dbRows, fillDate, signedInPage } from "./form-helpers";
import { axeViolations } from "./axe";

let app: RunningApp;
let browser: Browser;
/** The answer link of the campaign the first test sets up. */
let answerLink = "";
let campaignId = 0;

/** As phones.test.ts: a 390 × 844 phone. */
const PHONE = { width: 390, height: 844 };
const STATEMENT_1 = "I feel valued for the work I do on this ward";
const STATEMENT_15 = "I would recommend this team as a place to work";

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

it("the board sets up a Pulse Check and changes its statements, with JavaScript on", async () => {
  const { page } = await signedInPage(browser, app, "admin@example.org");
  const watch = watchPage(page);
  await open(page, `${app.url}/pulse/new`);
  await page.getByLabel("Name", { exact: true }).fill("Pulse Check: theatres, winter 2026");
  await page.getByRole("radio", { name: "The whole trust" }).check();
  await page.getByRole("radio", { name: "Baseline" }).check();
  await fillDate(page, "Opens on", "2026-11-20");
  await fillDate(page, "Closes on", "2026-12-11");
  await page.getByLabel("Statement 1", { exact: true }).fill(STATEMENT_1);
  await page.getByRole("button", { name: "Save the campaign" }).click();
  await page.waitForURL(/\/pulse\/\d+\?done=created/);
  campaignId = Number(/\/pulse\/(\d+)/.exec(page.url())![1]);
  await page.getByText("Pulse Check set up. Share its link below.").waitFor();

  await page.getByRole("link", { name: "Change the campaign" }).click();
  await page.getByRole("heading", { level: 1, name: /^Change / }).waitFor();
  await hydrated(page);
  await page.getByLabel("Statement 15", { exact: true }).fill(STATEMENT_15);
  await fillDate(page, "Closes on", "2026-12-18");
  await page.getByRole("button", { name: "Save the campaign" }).click();
  await page.waitForURL(/\/pulse\/\d+\?done=saved/);
  await page.getByText("Pulse Check saved.").waitFor();

  const statements = dbRows<{ position: number; wording: string }>(
    app,
    "select position, wording from pulse_statements where campaign_id = ? order by position",
    campaignId,
  );
  expect(statements.length).toBe(15);
  expect(statements[0].wording).toBe(STATEMENT_1);
  expect(statements[14].wording).toBe(STATEMENT_15);
  expect(dbRow(app, "select closes_on as closesOn, version from pulse_campaigns where id = ?", campaignId)).toEqual({ closesOn: "2026-12-18", version: 2 });

  answerLink = (await page.locator('main a[href*="/pulse/answer/"]').getAttribute("href")) ?? "";
  expect(answerLink).toMatch(/\/pulse\/answer\/[A-Za-z0-9_-]{16,64}$/);
  expect(watch.documentPosts).toEqual([]);
  expect(watch.fetchPosts).toEqual(["/pulse/new.data", `/pulse/${campaignId}/edit.data`]);
  expect(watch.errors).toEqual([]);
}, 120_000);

async function answerEveryStatement(page: Page) {
  const groups = page.locator("main fieldset", { has: page.getByRole("radio", { name: "Strongly agree" }) });
  await expect.poll(() => groups.count()).toBe(15);
  for (let i = 0; i < 15; i++) {
    await groups
      .nth(i)
      .getByRole("radio", { name: i % 3 === 0 ? "Strongly agree" : "Agree", exact: true })
      .check();
  }
}

it("on a phone, without signing in, staff answer through the link; a second answer from the same browser is refused kindly", async () => {
  expect(answerLink).not.toBe("");
  const context = await browser.newContext({ viewport: PHONE });
  const first = await context.newPage();
  const errors = watchForPageErrors(first);
  const watch = watchPage(first);
  // The same browser opens the link twice before answering (two tabs).
  const second = await context.newPage();
  const secondErrors = watchForPageErrors(second);
  await open(first, answerLink);
  await open(second, answerLink);
  expect(await first.getByRole("button", { name: "Sign out" }).count()).toBe(0);
  await first.getByRole("heading", { level: 1, name: "Pulse Check: theatres, winter 2026" }).waitFor();
  await first.getByText(STATEMENT_1).waitFor();
  expect(await sidewaysScroll(first)).toBeLessThanOrEqual(0);

  await answerEveryStatement(first);
  await first.getByRole("button", { name: "Send my answers" }).click();
  await first.getByRole("heading", { level: 1, name: "Thank you" }).waitFor();
  await first.getByText("They are anonymous").waitFor();
  expect(await sidewaysScroll(first)).toBeLessThanOrEqual(0);
  expect(dbRow(app, "select count(*) as n from pulse_answers where campaign_id = ?", campaignId)).toEqual({ n: 1 });
  expect(watch.documentPosts).toEqual([]);
  expect(watch.fetchPosts).toEqual([`${new URL(answerLink).pathname}.data`]);

  // The second tab still shows the form: sending it is refused, politely, and nothing is saved.
  await answerEveryStatement(second);
  await second.getByRole("button", { name: "Send my answers" }).click();
  await second.getByRole("heading", { level: 1, name: "You have already answered" }).waitFor();
  await second.getByText("Each person answers once. Thank you for taking part.").waitFor();
  expect(await sidewaysScroll(second)).toBeLessThanOrEqual(0);
  expect(dbRow(app, "select count(*) as n from pulse_answers where campaign_id = ?", campaignId)).toEqual({ n: 1 });

  // Opening the link again in the same browser says so straight away, with no form.
  await open(first, answerLink);
  await first.getByRole("heading", { level: 1, name: "You have already answered" }).waitFor();
  expect(await first.getByRole("button", { name: "Send my answers" }).count()).toBe(0);
  expect([...errors, ...secondErrors]).toEqual([]);
  await context.close();
}, 120_000);

it("axe finds no violations on the answer form at phone width, signed out", async () => {
  expect(answerLink).not.toBe("");
  // A fresh browser (no answered cookie) sees the form; the context bypasses the CSP for axe's script.
  const context = await browser.newContext({ viewport: PHONE, bypassCSP: true });
  const page = await context.newPage();
  await open(page, answerLink);
  await page.getByRole("button", { name: "Send my answers" }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  // The errors of an empty submission too.
  await page.getByRole("button", { name: "Send my answers" }).click();
  await page.locator(".nhsuk-error-summary").waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await context.close();
}, 120_000);
