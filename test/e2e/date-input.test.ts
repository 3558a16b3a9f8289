// Dates are typed into the NHS date input (day, month and year boxes), never the browser's date
// picker: in an en-US Chromium, 01042027 typed into <input type="date"> was saved as 4 January.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signIn, startApp, type RunningApp } from "./support";
import { hydrated, open, watchPage } from "./js-on";
import { dbRow } from "./form-helpers";

let app: RunningApp;
let browser: Browser;
const ids = { project: 0, cycle: 0, milestone: 0, measure: 0, meeting: 0 };

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  ids.project = dbRow<{ id: number }>(
    app,
    `select p.id from projects p join project_team t on t.project_id = p.id and t.ended_at is null and t.role = 'project_lead'
       join users u on u.id = t.user_id and u.email = 'lead@example.org' where p.stage = 'active' order by p.id`,
  )!.id;
  ids.cycle = dbRow<{ id: number }>(app, "select id from pdsa_cycles where project_id = ? and deleted_at is null order by id", ids.project)!.id;
  ids.milestone = dbRow<{ id: number }>(app, "select id from milestones where project_id = ? and deleted_at is null order by id", ids.project)!.id;
  ids.measure = dbRow<{ id: number }>(app, "select id from measures where project_id = ? and deleted_at is null order by id", ids.project)!.id;
  ids.meeting = dbRow<{ id: number }>(app, "select id from meetings where closed_at is null order by id")!.id;
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A signed-in page in an American English browser: the locale whose date picker reads 01/04 as January 4. */
async function signedIn(email: string): Promise<Page> {
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, app, email);
  return page;
}

const boxes = (page: Page, legend: string) => {
  const group = page.getByRole("group", { name: legend, exact: true });
  return { day: group.getByLabel("Day", { exact: true }), month: group.getByLabel("Month", { exact: true }), year: group.getByLabel("Year", { exact: true }) };
};

it("01 / 04 / 2027 typed in an en-US browser is saved as 1 April 2027", async () => {
  const page = await signedIn("lead@example.org");
  const watch = watchPage(page);
  expect(await page.evaluate(() => navigator.language)).toBe("en-US");
  await open(page, `${app.url}/projects/${ids.project}/milestones`);
  const title = "Ward 7 go-live typed the NHS way";
  await page.getByLabel("Milestone", { exact: true }).fill(title);
  const date = boxes(page, "Baseline date");
  for (const box of [date.day, date.month, date.year]) {
    expect(await box.getAttribute("type")).toBe("text");
    expect(await box.getAttribute("inputmode")).toBe("numeric");
  }
  await date.day.pressSequentially("01");
  await date.month.pressSequentially("04");
  await date.year.pressSequentially("2027");
  await page.getByRole("button", { name: "Add milestone" }).click();
  await page.getByRole("status").getByText(`Milestone added: ${title}.`).waitFor();
  expect(dbRow(app, "select baseline_date from milestones where project_id = ? and title = ?", ids.project, title)).toEqual({ baseline_date: "2027-04-01" });
  expect(await page.locator("main").innerText()).toContain("1 Apr 2027");
  expect(watch.documentPosts).toEqual([]);
  expect(watch.errors).toEqual([]);
});

it("a date without a year is refused in the browser, before anything is sent, with the NHS message and the year box marked", async () => {
  const page = await signedIn("lead@example.org");
  const watch = watchPage(page);
  await open(page, `${app.url}/projects/${ids.project}/pdsa/new`);
  await page.getByLabel("Change being tested").fill("Checklist on the morning round");
  const start = boxes(page, "Start date");
  await start.day.fill("1");
  await start.month.fill("4");
  await start.year.fill(""); // the form opens with today's date
  await page.getByRole("button", { name: "Save the plan" }).click();
  const summary = page.locator(".nhsuk-error-summary");
  const link = summary.getByRole("link", { name: "Start date must include a year" });
  await link.waitFor();
  expect(await link.getAttribute("href")).toBe(`#${await start.year.getAttribute("id")}`);
  const group = page.locator(".nhsuk-form-group--error", { has: page.getByRole("group", { name: "Start date", exact: true }) });
  await group.locator(".nhsuk-error-message", { hasText: "Start date must include a year" }).waitFor();
  expect(await start.year.getAttribute("class")).toContain("nhsuk-input--error");
  expect(await start.day.getAttribute("class")).not.toContain("nhsuk-input--error");
  expect(await start.month.getAttribute("class")).not.toContain("nhsuk-input--error");
  expect(watch.fetchPosts).toEqual([]); // refused in the browser: nothing was posted
  expect(watch.documentPosts).toEqual([]);

  // A two-number year is not guessed; the page keeps what was typed.
  await start.year.fill("27");
  await page.getByRole("button", { name: "Save the plan" }).click();
  await summary.getByRole("link", { name: "Year must include 4 numbers" }).waitFor();
  expect(await start.day.inputValue()).toBe("1");
  expect(watch.fetchPosts).toEqual([]);
  expect(watch.errors).toEqual([]);
});

it("no form in the demo uses the browser's date picker: every date is the NHS date input", async () => {
  const lead = await signedIn("lead@example.org");
  const admin = await signedIn("admin@example.org");
  const project = `/projects/${ids.project}`;
  const measure = `${project}/measures/${ids.measure}`;
  // Every page with a form that takes a date, and how many date inputs it has.
  const pages: [Page, string, number][] = [
    [lead, "/projects/new", 1],
    [lead, `${project}/edit`, 3],
    [lead, `${project}/pdsa/new`, 2],
    [lead, `${project}/pdsa/${ids.cycle}?edit`, 2],
    [lead, `${project}/milestones`, 1],
    [lead, `${project}/milestones/${ids.milestone}`, 3],
    [lead, `${project}/status/new`, 1],
    [lead, `${project}/asks`, 1],
    [lead, `${project}/measures/new`, 1],
    [lead, `${measure}/edit`, 1],
    [lead, `${measure}/data`, 1],
    [lead, `${measure}/annotations`, 1],
    [lead, `${measure}/rebases`, 1],
    [admin, "/meetings/new", 1],
    [admin, `/meetings/${ids.meeting}`, 2],
    [admin, "/admin/programme", 2],
    [admin, "/admin/audit", 2],
  ];
  const found: string[] = [];
  for (const [page, path, expected] of pages) {
    await page.goto(`${app.url}${path}`);
    await hydrated(page);
    expect(await page.locator("input[type=date]").count(), path).toBe(0);
    const dateInputs = await page.locator(".nhsuk-date-input").count();
    found.push(`${path}: ${dateInputs}`);
    expect(dateInputs, path).toBeGreaterThanOrEqual(expected);
    expect(await page.locator(".nhsuk-date-input input:not([inputmode=numeric])").count(), path).toBe(0);
  }
  expect(found).toHaveLength(pages.length);
}, 180_000); // seventeen pages, each hydrated
