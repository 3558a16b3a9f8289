// A project lead plans a PDSA cycle, completes it, adapts, and starts the next cycle from it.
import { afterAll, beforeAll, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { openDatabase } from "../../db/client";
import { projectTeam, users } from "../../db/schema";
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

function leadProjectId(): number {
  const db = openDatabase(app.databaseFile);
  try {
    const row = db
      .select({ projectId: projectTeam.projectId })
      .from(projectTeam)
      .innerJoin(users, eq(users.id, projectTeam.userId))
      .where(and(eq(users.email, "lead@example.org"), eq(projectTeam.role, "project_lead"), isNull(projectTeam.endedAt)))
      .get();
    return row!.projectId;
  } finally {
    db.$client.close();
  }
}

it("lead plans a cycle with a new change idea, adapts it, and starts the next cycle pre-filled", async () => {
  const projectId = leadProjectId();
  const page = await browser.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, "lead@example.org");
  await page.goto(`${app.url}/projects/${projectId}`);
  await page.getByRole("navigation", { name: "Project workbook" }).getByRole("link", { name: "PDSA cycles" }).click();
  await page.waitForURL(`${app.url}/projects/${projectId}/pdsa`);
  await page.getByRole("link", { name: "Plan a new PDSA cycle" }).click();
  await page.waitForURL(/\/pdsa\/new$/);
  await page.getByRole("heading", { level: 2, name: "Plan a PDSA cycle" }).waitFor();

  // Plan, with a new change idea. Saving without a title first shows the NHS error summary.
  const newIdea = page.getByRole("radio", { name: "A new change idea" });
  if (await newIdea.count()) await newIdea.check();
  await page.getByLabel(/^(Name of the new change idea|Change idea)$/).fill("Discharge checklist on the ward round");
  await page.getByRole("button", { name: "Save the plan" }).click();
  await page.getByRole("alert").getByRole("link", { name: "Enter the change being tested" }).waitFor();

  await page.getByLabel("Change being tested").fill("Checklist on Ward 20's morning round");
  await page.getByLabel("What question should this test answer?").fill("Does a checklist on the round get patients home before noon?");
  await page.getByLabel("Prediction").fill("Discharges before noon rise from 20% to 35%");
  const measures = page.getByRole("group", { name: "Measures" }).getByRole("checkbox");
  if (await measures.count()) await measures.first().check();
  await page.getByLabel("Who will carry out the test?").fill("Ward 20 consultant and nurse in charge");
  await page.getByLabel("What will they do?").fill("Go through the checklist for each patient on the morning round");
  await page.getByLabel("When?", { exact: true }).fill("Weekdays for two weeks");
  await page.getByLabel("Where?", { exact: true }).fill("Ward 20");
  await page.getByLabel("Data collection").fill("Discharge coordinator records discharge times daily");
  await fillDate(page, "Start date", "2026-11-02");
  await fillDate(page, "End date (optional)", "2026-11-13");
  await page.getByRole("button", { name: "Save the plan" }).click();
  await page.waitForURL(/\/pdsa\/\d+\?saved=created$/);
  const firstUrl = page.url().replace(/\?.*$/, "");
  await page.getByText(/Cycle \d+ is planned/).waitFor();
  expect(await page.getByRole("heading", { level: 2, name: /Cycle \d+: Checklist on Ward 20's morning round/ }).count()).toBe(1);
  await page.getByText("Planned", { exact: true }).first().waitFor();

  // Do, Study and Act: choosing "adapt" makes the cycle done.
  await page.getByRole("link", { name: "Edit the worksheet" }).click();
  await page.waitForURL(/\?edit$/);
  await page.getByLabel("What happened?").fill("Used on 9 of 10 weekdays");
  await page.getByLabel("Observations").fill("Pharmacy TTOs were the main wait");
  await page.getByLabel("Results against the prediction").fill("31% before noon against 35% predicted");
  await page.getByLabel("What was learned?").fill("The checklist works; TTOs must be written the day before");
  await page.getByRole("radio", { name: "Adapt" }).check();
  await page.getByLabel("Next step").fill("Add writing TTOs the day before to the checklist");
  await page.getByRole("button", { name: "Save the worksheet" }).click();
  await page.waitForURL(/\?saved=updated$/);
  await page.getByText(/Cycle \d+ is saved/).waitFor();
  expect(await page.getByText("Done", { exact: true }).count()).toBeGreaterThan(0);
  expect(await page.getByText("Adapt", { exact: true }).count()).toBeGreaterThan(0);

  // The next cycle starts pre-filled from this one.
  await page.getByRole("link", { name: "Start the next cycle" }).click();
  await page.waitForURL(/\/pdsa\/new\?from=\d+$/);
  await page.getByText("was adapted: test the changed version of the same change idea").waitFor();
  expect(await page.getByRole("radio", { name: "Discharge checklist on the ward round" }).isChecked()).toBe(true);
  expect(await page.getByLabel("What question should this test answer?").inputValue()).toBe("Does a checklist on the round get patients home before noon?");
  expect(await page.getByLabel("What will they do?").inputValue()).toBe("Add writing TTOs the day before to the checklist");
  await page.getByLabel("Change being tested").fill("Checklist with TTOs written the day before");
  await fillDate(page, "Start date", "2026-11-16");
  await page.getByRole("button", { name: "Save the plan" }).click();
  await page.waitForURL(/\/pdsa\/\d+\?saved=created$/);
  const follows = page.locator(".nhsuk-summary-list__row", { hasText: "Follows" });
  expect(await follows.getByRole("link").getAttribute("href")).toBe(firstUrl.replace(app.url, ""));

  // Both cycles on the project page and in one ramp on the timeline.
  await page.goto(`${app.url}/projects/${projectId}`);
  for (const title of ["Checklist on Ward 20's morning round", "Checklist with TTOs written the day before"]) {
    expect(await page.getByRole("cell", { name: new RegExp(title) }).count(), title).toBe(1);
  }
  await page.goto(`${app.url}/projects/${projectId}/pdsa`);
  const ramp = page.getByRole("region", { name: /Discharge checklist on the ward round/ });
  const steps = ramp.getByRole("listitem");
  expect(await steps.count()).toBe(2);
  expect(await steps.nth(0).textContent()).toContain("Checklist on Ward 20's morning round");
  expect(await steps.nth(0).textContent()).toContain("Adapt");
  expect(await steps.nth(0).textContent()).toContain("2 Nov 2026 to 13 Nov 2026");
  expect(await steps.nth(1).textContent()).toContain("Checklist with TTOs written the day before");
  expect(await steps.nth(1).textContent()).toContain("16 Nov 2026");
  expect(errors).toEqual([]);
  await page.close();
});
