// A project from idea to a scored charter: lead@ proposes, board@ approves naming the leads,
// lead@ writes a SMART charter and raises the progress score with evidence, then sees it all.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signIn, startApp, watchForPageErrors, type RunningApp } from "./support";
import { fillDate } from "./form-helpers";
import { choosePerson } from "./people";

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

const TITLE = "Hydration rounds for older patients on Ward 7";

async function newPage(email: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, email);
  return { page, errors };
}

it("lead@ proposes, board@ approves with leads, lead@ fills the charter and scores progress", async () => {
  // 1. lead@ proposes a project; a missing field is caught first and their text is kept.
  const { page: lead, errors: leadErrors } = await newPage("lead@example.org");
  await lead.goto(`${app.url}/projects/new`);
  await lead.getByLabel("Project title").fill(TITLE);
  await lead.getByLabel("What is the problem?").fill("A third of patients over 75 on Ward 7 are dehydrated by mid-afternoon.");
  await lead.getByRole("button", { name: "Send proposal" }).click();
  await lead.getByRole("link", { name: "Describe your idea for improving it" }).waitFor();
  expect(await lead.getByLabel("Project title").inputValue()).toBe(TITLE);
  await lead.getByLabel("What is your idea?").fill("Protected drinks rounds at 10:00, 14:00 and 18:00 with a coloured jug lid for anyone at risk.");
  await lead.getByLabel("Division (optional)").selectOption({ label: "Medicine" });
  await lead.getByRole("button", { name: "Send proposal" }).click();
  await lead.waitForURL(/\/projects\/\d+$/);
  const projectUrl = lead.url();
  await lead.getByRole("heading", { level: 1, name: TITLE }).waitFor();
  expect(await lead.locator(".nhsuk-tag", { hasText: "Proposed" }).count()).toBeGreaterThan(0);
  expect(await lead.getByText("Protected drinks rounds at 10:00").count()).toBe(1);

  // 2. board@ approves it, naming the three required leads in the same step.
  const { page: board, errors: boardErrors } = await newPage("board@example.org");
  await board.goto(projectUrl);
  await board.getByRole("link", { name: "Approve or decline the proposal" }).click();
  await board.getByRole("heading", { name: "Approve the proposal" }).waitFor();
  await board.getByRole("button", { name: "Approve", exact: true }).click();
  await board.getByRole("link", { name: "Choose an executive lead" }).waitFor();
  await choosePerson(board, "Executive lead", "Helen Whitfield, Chief Nurse");
  await choosePerson(board, "Operational lead", "David Singh, Divisional Director of Operations, Medicine");
  await choosePerson(board, "Clinical lead", "Dr Hannah Lewis, Consultant Geriatrician", "hannah");
  await board.getByRole("button", { name: "Approve", exact: true }).click();
  await board.waitForURL(projectUrl);
  // The address changes before the new page is drawn: wait until the decision page has gone.
  await board.getByRole("heading", { name: "Decisions", exact: true }).waitFor({ state: "detached" });
  await board.locator(".nhsuk-tag", { hasText: "Approved" }).first().waitFor();
  expect(await board.getByText("Helen Whitfield, Chief Nurse").count()).toBe(1);

  // 3. lead@ (on the team as the proposer) writes a SMART aim and picks the CQC domains.
  await lead.goto(projectUrl);
  await lead.getByRole("link", { name: "Edit the charter" }).click();
  await lead.getByRole("heading", { name: "Edit the charter" }).waitFor();
  await lead.getByLabel("What will improve", { exact: true }).fill("Patients drinking enough by mid-afternoon");
  await lead.getByLabel("For whom", { exact: true }).fill("patients over 75 on Ward 7");
  await lead.getByLabel("The measure", { exact: true }).fill("Patients dehydrated on the 15:00 audit");
  await lead.getByLabel("Baseline value", { exact: true }).fill("33");
  await lead.getByLabel("Target value", { exact: true }).fill("10");
  await fillDate(lead, "Date to reach the target", "2027-06-30");
  await lead.getByLabel("Safe", { exact: true }).check();
  await lead.getByLabel("Caring", { exact: true }).check();
  await fillDate(lead, "Planned start", "2027-01-04");
  await fillDate(lead, "Planned end", "2026-12-01");
  await lead.getByRole("button", { name: "Save the charter" }).click();
  await lead.getByRole("link", { name: "The planned end date must be on or after the planned start date" }).waitFor();
  expect(await lead.getByLabel("Target value", { exact: true }).inputValue()).toBe("10");
  expect(await lead.getByLabel("Caring", { exact: true }).isChecked()).toBe(true);
  await fillDate(lead, "Planned end", "2027-07-30");
  await lead.getByRole("button", { name: "Save the charter" }).click();
  await lead.waitForURL(projectUrl);
  await lead.getByRole("heading", { name: "Charter", exact: true }).waitFor();
  const aim = lead.locator(".nhsuk-summary-list__row", { hasText: "SMART aim" });
  expect((await aim.textContent())?.replace(/\s+/g, " ")).toContain(
    "Patients drinking enough by mid-afternoon for patients over 75 on Ward 7: from 33 to 10 by 30 Jun 2027.",
  );
  expect(await aim.textContent()).toContain("Measured by: Patients dehydrated on the 15:00 audit");
  await expect.poll(() => lead.getByText("not yet SMART").count()).toBe(0);
  expect(await lead.locator(".nhsuk-summary-list__row", { hasText: "CQC domains" }).textContent()).toContain("Safe, Caring");

  // 4. lead@ raises the progress score with evidence.
  await lead.getByRole("link", { name: "Update the progress score" }).click();
  await lead.waitForURL(/\/progress$/);
  await lead.getByRole("heading", { name: "Record a new score" }).waitFor();
  expect(await lead.getByText("Charter reviewed, team assigned, no work yet").count()).toBe(1);
  await lead.getByLabel("1.0 Charter and team established").check();
  await lead.getByRole("button", { name: "Save the score" }).click();
  await lead.getByRole("link", { name: "Describe the evidence for this score" }).waitFor();
  await lead.getByLabel("Evidence").fill("Charter approved by the board; leads named; first team meeting booked.");
  await lead.getByRole("button", { name: "Save the score" }).click();
  await lead.getByText("Current score:").waitFor();
  expect(await lead.locator("p", { hasText: "Current score:" }).textContent()).toContain("1.0 Charter and team established");

  // 5. The project page shows it all: stage, leads, aim, domains, score and its chart.
  await lead.goto(projectUrl);
  await lead.getByRole("heading", { name: "Progress score", exact: true }).waitFor();
  expect(await lead.locator("svg[role=img] title", { hasText: "IHI progress score over time" }).count()).toBe(1);
  expect(await lead.getByText("Charter approved by the board; leads named").count()).toBeGreaterThan(0);
  expect(await lead.getByText("Dr Hannah Lewis, Consultant Geriatrician").count()).toBe(1);
  expect(await lead.getByText("1.0 Charter and team established").count()).toBeGreaterThan(0);
  expect(await lead.locator(".nhsuk-tag", { hasText: "Approved" }).count()).toBeGreaterThan(0);

  expect(leadErrors).toEqual([]);
  expect(boardErrors).toEqual([]);
});
