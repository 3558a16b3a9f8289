// Helpers for the browser tests of the project workbook's forms (JavaScript on).
import Database from "better-sqlite3";
import { expect } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { signIn, watchForPageErrors, type RunningApp } from "./support";

/** Text that trips the patient-data guard: a date of birth beside a name. */
export const PATIENT_DATA = "Reviewed with Jane Smith 03/04/1950";
export const PATIENT_DATA_MESSAGE =
  "This looks like patient-identifiable data (a date of birth beside a name). Remove it, or confirm below that it is not patient data";
export const CONFIRM_LABEL = "I have checked: this text does not identify a patient";

/** One signed-in page per person, in its own context, watched for page errors. */
export async function signedInPage(browser: Browser, app: RunningApp, email: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, email);
  return { page, errors };
}

/** A read-only look at the app's database: the saved rows, not what the page claims. */
export function dbRow<T = Record<string, unknown>>(app: RunningApp, sql: string, ...args: unknown[]): T | undefined {
  const db = new Database(app.databaseFile, { readonly: true });
  try {
    return db.prepare(sql).get(...args) as T | undefined;
  } finally {
    db.close();
  }
}

export function dbRows<T = Record<string, unknown>>(app: RunningApp, sql: string, ...args: unknown[]): T[] {
  const db = new Database(app.databaseFile, { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

/** The messages of the NHS error summary on the page, in order, once it shows. */
export async function errorSummary(page: Page): Promise<string[]> {
  const summary = page.locator(".nhsuk-error-summary").first();
  await summary.waitFor();
  return (await summary.locator("li").allTextContents()).map((t) => t.replace(/\s+/g, " ").trim());
}

/** Fails when the page shows "undefined" or "NaN" where a value belongs (issue 19's symptom). */
export async function expectNoMissingValues(page: Page) {
  const text = await page.locator("main").innerText();
  expect(text).not.toMatch(/\bundefined\b|\bNaN\b/);
}

/**
 * The warn-and-confirm guard end to end: the first save is refused with the warning beside the
 * field and in the error summary, the tick box appears; ticking it and saving again goes through.
 */
export async function confirmPatientData(page: Page, save: () => Promise<void>, scope = page.locator("main")) {
  await save();
  await scope.locator(".nhsuk-warning-callout", { hasText: "Check for patient data" }).waitFor();
  await scope.locator(".nhsuk-error-summary").getByText(PATIENT_DATA_MESSAGE).first().waitFor();
  await scope.locator(".nhsuk-error-message", { hasText: PATIENT_DATA_MESSAGE }).first().waitFor();
  await expectNoMissingValues(page);
  await scope.getByLabel(CONFIRM_LABEL).check();
  await save();
}

/**
 * Types a date into the NHS date input whose legend is `legend`, as a person would: the day,
 * month and year boxes ("2027-04-01" → 1, 4, 2027; "" empties them).
 */
export async function fillDate(scope: Page | Locator, legend: string, iso: string) {
  const group = scope.getByRole("group", { name: legend, exact: true });
  const [year, month, day] = iso ? iso.split("-") : ["", "", ""];
  await group.getByLabel("Day", { exact: true }).fill(day ? String(Number(day)) : "");
  await group.getByLabel("Month", { exact: true }).fill(month ? String(Number(month)) : "");
  await group.getByLabel("Year", { exact: true }).fill(year ?? "");
}

/** What the date input whose legend is `legend` holds, as YYYY-MM-DD ("" when a box is empty). */
export async function dateValue(scope: Page | Locator, legend: string): Promise<string> {
  const group = scope.getByRole("group", { name: legend, exact: true });
  const [day, month, year] = await Promise.all(["Day", "Month", "Year"].map((l) => group.getByLabel(l, { exact: true }).inputValue()));
  return day && month && year ? `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}` : "";
}
