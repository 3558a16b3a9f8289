// The forms of a measure in Chromium with JavaScript on: each valid submission is saved (checked
// in the database) and shown; each invalid one shows the message the server gives, including the
// checks only the server can make (a period that already has a value, a date in the future).
// Adding a measure, pasting data and adding a rebase are covered by lead-journey-measures.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, startApp, type RunningApp } from "./support";
import { open } from "./js-on";
import { dbRow, dbRows, errorSummary, expectNoMissingValues, signedInPage, fillDate } from "./form-helpers";

let app: RunningApp;
let browser: Browser;
let lead: Page;
let errors: string[];
/** A weekly measure entered as single values, with data; and another measure of the same project. */
const ids = { project: 0, measure: 0, other: 0 };

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  ids.project = dbRow<{ id: number }>(
    app,
    `select p.id from projects p join project_team t on t.project_id = p.id and t.ended_at is null and t.role = 'project_lead'
       join users u on u.id = t.user_id and u.email = 'lead@example.org' where p.stage = 'active' order by p.id`,
  )!.id;
  ids.measure = dbRow<{ id: number }>(
    app,
    `select id from measures where project_id = ? and deleted_at is null and uses_ratio = 0 and frequency = 'weekly'
       and is_primary = 0 and spc_points >= 12 order by id`,
    ids.project,
  )!.id;
  ids.other = dbRow<{ id: number }>(
    app,
    "select id from measures where project_id = ? and deleted_at is null and id <> ? and is_primary = 0 order by id desc",
    ids.project,
    ids.measure,
  )!.id;
  ({ page: lead, errors } = await signedInPage(browser, app, "lead@example.org"));
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const measureUrl = (path = "", measureId = ids.measure) => `${app.url}/projects/${ids.project}/measures/${measureId}${path}`;
const button = (name: string | RegExp) => lead.getByRole("button", { name, exact: typeof name === "string" });
const banner = (message: string) => lead.locator(".nhsuk-notification-banner", { hasText: message }).waitFor();
const savedAs = (saved: string) => lead.waitForURL((u) => u.searchParams.get("saved") === saved);

/** An ISO day `weeks` weeks before the measure's first value: a period with no value yet. */
function weeksBeforeFirst(weeks: number): string {
  const { d } = dbRow<{ d: string }>(app, "select min(period_date) as d from measure_points where measure_id = ?", ids.measure)!;
  const day = new Date(`${d}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 7 * weeks);
  return day.toISOString().slice(0, 10);
}
const ukDay = (iso: string) => iso.split("-").reverse().join("/");

it("make a measure the primary measure from its page", async () => {
  const primaryBefore = dbRow<{ id: number }>(app, "select id from measures where project_id = ? and is_primary = 1 and deleted_at is null", ids.project);
  await open(lead, measureUrl());
  await button("Make this the primary measure").click();
  await savedAs("primary");
  await banner("This is now the project's primary measure");
  expect(dbRow(app, "select is_primary from measures where id = ?", ids.measure)).toEqual({ is_primary: 1 });
  if (primaryBefore) expect(dbRow(app, "select is_primary from measures where id = ?", primaryBefore.id)).toEqual({ is_primary: 0 });
  expect(await button("Make this the primary measure").count()).toBe(0);
  expect(errors).toEqual([]);
});

it("edit the definition: a missing name, then a target date without a target (a server check), then saved", async () => {
  const name = "Minutes from arrival to initial assessment (median, majors)";
  await open(lead, measureUrl("/edit"));
  await lead.getByLabel("Name of the measure").fill("");
  await button("Save the definition").click();
  expect(await errorSummary(lead)).toEqual(["Enter the name of the measure"]);
  await lead.getByLabel("Name of the measure").fill(name);
  await lead.getByLabel("Target (optional)", { exact: true }).fill("");
  await fillDate(lead, "Date to reach the target (optional)", "2027-03-31");
  await button("Save the definition").click();
  expect(await errorSummary(lead)).toEqual(["Enter a target to go with the target date, or leave the date blank"]);
  await lead.getByLabel("Target (optional)", { exact: true }).fill("15");
  await button("Save the definition").click();
  await savedAs("updated");
  await banner("The definition is saved");
  expect(dbRow(app, "select name, target, target_date from measures where id = ?", ids.measure)).toEqual({
    name,
    target: 15,
    target_date: "2027-03-31",
  });
  await lead.getByRole("heading", { name }).first().waitFor();
  expect(errors).toEqual([]);
});

it("add, correct and delete a value; a missing value, a future week and a week that has a value are refused", async () => {
  const day = weeksBeforeFirst(3);
  const taken = dbRow<{ d: string; v: number }>(
    app,
    "select period_date as d, value as v from measure_points where measure_id = ? order by period_date desc",
    ids.measure,
  )!;

  await open(lead, measureUrl("/data"));
  await fillDate(lead, "Date", day);
  await button("Add the value").click();
  expect(await errorSummary(lead)).toEqual(["Enter the value"]);
  await lead.getByLabel(/^Value/).fill("27");
  await fillDate(lead, "Date", "2027-01-20");
  await button("Add the value").click();
  expect(await errorSummary(lead)).toEqual(["The date is in the future: add the value once the period has started"]);
  await fillDate(lead, "Date", taken.d);
  await button("Add the value").click();
  const [clash] = await errorSummary(lead);
  expect(clash).toMatch(/^There is already a value for week beginning \d{1,2} \w{3} \d{4} \(.+\): correct that value instead$/);
  await fillDate(lead, "Date", day);
  await button("Add the value").click();
  await savedAs("added");
  await banner("The value is added");
  const point = dbRow<{ id: number; value: number }>(app, "select id, value from measure_points where measure_id = ? and period_date = ?", ids.measure, day)!;
  expect(point.value).toBe(27);

  // Correct it: a value that is not a number is refused.
  await open(lead, measureUrl(`/data?point=${point.id}`));
  await lead.getByRole("heading", { name: "Correct a value" }).waitFor();
  expect(await lead.getByLabel(/^Value/).inputValue()).toBe("27");
  await lead.getByLabel(/^Value/).fill("twenty");
  await button("Save the correction").click();
  expect(await errorSummary(lead)).toEqual(["Enter the value as a number, like 12 or 92.5"]);
  await lead.getByLabel(/^Value/).fill("24.5");
  await lead.getByLabel("Note (optional)").fill("Two agency-staffed nights");
  await button("Save the correction").click();
  await savedAs("corrected");
  await banner("The value is corrected");
  expect(dbRow(app, "select value, note from measure_points where id = ?", point.id)).toEqual({
    value: 24.5,
    note: "Two agency-staffed nights",
  });

  // Delete it after the confirmation step.
  await open(lead, measureUrl(`/data?delete=${point.id}`));
  await button("Delete the value").click();
  await savedAs("deleted");
  await banner("The value is deleted");
  expect(dbRow(app, "select count(*) as n from measure_points where id = ?", point.id)).toEqual({ n: 0 });
  await expectNoMissingValues(lead);
  expect(errors).toEqual([]);
});

it("add a note to the chart (an empty note and a future date refused), then remove it after confirming", async () => {
  const text = "Second triage nurse on every late shift";
  await open(lead, measureUrl("/annotations"));
  await button("Add the note").click();
  expect(await errorSummary(lead)).toEqual(["Enter the note to show on the chart"]);
  await lead.getByLabel("Note", { exact: true }).fill(text);
  await fillDate(lead, "Date", "2027-02-01");
  await button("Add the note").click();
  expect(await errorSummary(lead)).toEqual(["The date is in the future: add the note once it has happened"]);
  await fillDate(lead, "Date", "2026-10-14");
  await button("Add the note").click();
  await savedAs("noted");
  await banner("The note is added to the chart");
  const note = dbRow<{ id: number; period_date: string }>(
    app,
    "select id, period_date from measure_annotations where measure_id = ? and text = ?",
    ids.measure,
    text,
  )!;
  expect(note.period_date).toBe("2026-10-12");

  await open(lead, measureUrl("/annotations"));
  await lead
    .locator("li", { hasText: text })
    .getByRole("link", { name: /^Remove/ })
    .click();
  await lead.getByRole("heading", { name: /^Remove the note for / }).waitFor();
  await button("Remove the note").click();
  await savedAs("note-removed");
  await banner("The note is removed");
  expect(dbRow(app, "select count(*) as n from measure_annotations where id = ?", note.id)).toEqual({ n: 0 });
  expect(errors).toEqual([]);
});

it("recalculate the limits from a period with no value (refused by the server), then from one with a value, then remove it", async () => {
  const points = dbRows<{ d: string }>(app, "select period_date as d from measure_points where measure_id = ? order by period_date", ids.measure);
  // Enough points after it for limits that are not trial limits (a shorter tail asks for a confirmation).
  const from = points[points.length - 14].d;
  await open(lead, measureUrl("/rebases"));
  await fillDate(lead, "Recalculate the limits from", weeksBeforeFirst(10));
  await lead.getByLabel("Reason").fill("Streaming nurse started");
  await button("Recalculate the limits").click();
  const [problem] = await errorSummary(lead);
  expect(problem).toMatch(/^There is no value for week beginning \d{1,2} \w{3} \d{4}: choose a period that has a value$/);
  await fillDate(lead, "Recalculate the limits from", from);
  await button("Recalculate the limits").click();
  await savedAs("rebased");
  await banner("The limits are recalculated");
  const rebase = dbRow<{ id: number }>(
    app,
    "select id from measure_rebases where measure_id = ? and period_date = ? and reason = ?",
    ids.measure,
    from,
    "Streaming nurse started",
  )!;
  expect(rebase).toBeDefined();

  await open(lead, measureUrl("/rebases"));
  await lead
    .locator("li", { hasText: "Streaming nurse started" })
    .getByRole("link", { name: /^Remove/ })
    .click();
  await button("Remove the rebase").click();
  await savedAs("rebase-removed");
  await banner("The rebase is removed");
  expect(dbRow(app, "select count(*) as n from measure_rebases where id = ?", rebase.id)).toEqual({ n: 0 });
  expect(errors).toEqual([]);
});

it("import: upload a CSV file with a bad row, upload it corrected, save; then replace a period after confirming", async () => {
  const [a, b] = [weeksBeforeFirst(6), weeksBeforeFirst(5)];
  const csv = (rows: string[]) => ({
    name: "triage.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(["Week,Minutes", ...rows].join("\n")),
  });
  await open(lead, measureUrl("/import"));
  await lead.getByLabel("Or upload a CSV file").setInputFiles(csv([`${ukDay(a)},33`, `${ukDay(b)},abc`]));
  await button("Check the file").click();
  await lead.getByRole("alert").getByRole("link", { name: "Line 3: 'abc' is not a number" }).waitFor();
  expect(await lead.getByLabel(/^The rows of triage\.csv/).inputValue()).toContain("abc");
  expect(dbRow(app, "select count(*) as n from measure_points where measure_id = ? and period_date in (?, ?)", ids.measure, a, b)).toEqual({ n: 0 });

  await lead.getByLabel("Or upload a CSV file").setInputFiles(csv([`${ukDay(a)},33`, `${ukDay(b)},31`]));
  await button("Check the file").click();
  await lead.getByText("All 2 rows are correct in triage.csv").waitFor();
  await button("Save 2 values").click();
  await savedAs("imported");
  await lead.getByText("2 values are saved").waitFor();
  expect(
    dbRows(app, "select period_date, value from measure_points where measure_id = ? and period_date in (?, ?) order by period_date", ids.measure, a, b),
  ).toEqual([
    { period_date: a, value: 33 },
    { period_date: b, value: 31 },
  ]);

  // Pasting a value for a week that has one asks before replacing it.
  await open(lead, measureUrl("/import"));
  await lead.getByLabel("Paste the data").fill(`${a},35`);
  await button("Check the data").click();
  await lead.getByText("1 period already has a value").waitFor();
  await button("Replace this period and save 1 value").click();
  await savedAs("imported");
  expect(dbRow(app, "select value from measure_points where measure_id = ? and period_date = ?", ids.measure, a)).toEqual({ value: 35 });
  await expectNoMissingValues(lead);
  expect(errors).toEqual([]);
});

it("delete a measure after the confirmation step", async () => {
  const { name } = dbRow<{ name: string }>(app, "select name from measures where id = ?", ids.other)!;
  await open(lead, measureUrl("/delete", ids.other));
  await lead.getByRole("heading", { name: `Delete the measure “${name}”?` }).waitFor();
  await button("Delete the measure").click();
  await lead.waitForURL((u) => u.pathname === `/projects/${ids.project}/measures` && u.searchParams.has("deleted"));
  await banner(`The measure “${name}” is deleted`);
  expect(dbRow(app, "select deleted_at is not null as deleted from measures where id = ?", ids.other)).toEqual({
    deleted: 1,
  });
  expect(errors).toEqual([]);
});
