// The project workbook's forms in Chromium with JavaScript on: each valid submission is saved
// (checked in the database) and shown; each invalid one shows the message the server gives.
// Forms already covered this way by a journey (charter, PDSA plan, progress score, status report's
// amber reason) are not repeated here: see the lead-journey files.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { E2E_TODAY, launchBrowser, startApp, type RunningApp } from "./support";
import { open } from "./js-on";
import { dbRow, dbRows, errorSummary, expectNoMissingValues, signedInPage, fillDate } from "./form-helpers";
import { choosePerson, clearPerson } from "./people";

let app: RunningApp;
let browser: Browser;
let lead: Page;
let leadErrors: string[];
let admin: Page;
let adminErrors: string[];
const ids = { project: 0, teamProject: 0, closeProject: 0, cycle: 0 };

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const ledByLead = (where: string) =>
    dbRow<{ id: number }>(
      app,
      `select p.id from projects p join project_team t on t.project_id = p.id and t.ended_at is null and t.role = 'project_lead'
         join users u on u.id = t.user_id and u.email = 'lead@example.org' where ${where} order by p.id`,
    )!.id;
  ids.project = ledByLead("p.stage = 'active'");
  ids.closeProject = ledByLead(`p.stage in ('active', 'sustaining') and p.id <> ${ids.project}`);
  ids.teamProject = dbRow<{ id: number }>(
    app,
    `select p.id from projects p where p.stage = 'active' and p.id <> ? and exists (select 1 from project_team t where t.project_id = p.id
       and t.role = 'member' and t.ended_at is null) order by p.id`,
    ids.project,
  )!.id;
  ids.cycle = dbRow<{ id: number }>(
    app,
    "select id from pdsa_cycles where project_id = ? and deleted_at is null and act_decision is null and study_results = '' order by id",
    ids.project,
  )!.id;
  ({ page: lead, errors: leadErrors } = await signedInPage(browser, app, "lead@example.org"));
  ({ page: admin, errors: adminErrors } = await signedInPage(browser, app, "admin@example.org"));
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const projectUrl = (path = "", projectId = ids.project) => `${app.url}/projects/${projectId}${path}`;
const button = (page: Page, name: string | RegExp) => page.getByRole("button", { name, exact: typeof name === "string" });
const userId = (email: string) => dbRow<{ id: number }>(app, "select id from users where email = ?", email)!.id;
const teamRole = (projectId: number, email: string) =>
  dbRows<{ role: string }>(
    app,
    "select t.role from project_team t join users u on u.id = t.user_id where t.project_id = ? and u.email = ? and t.ended_at is null",
    projectId,
    email,
  ).map((r) => r.role);

it("team: assign a lead, stand them down, add and remove a member; a missing person is refused", async () => {
  const projectId = ids.teamProject;
  await open(admin, projectUrl("/team", projectId));
  const status = admin.getByRole("status");

  // Assign a senior manager: first with nobody chosen, then with a person.
  await clearPerson(admin, "Senior manager");
  await button(admin, /^(Assign|Change) the senior manager$/).click();
  expect(await errorSummary(admin)).toEqual(["Choose a person from the list"]);
  await choosePerson(admin, "Senior manager", "Karen Holt");
  await button(admin, /^(Assign|Change) the senior manager$/).click();
  await status.getByText("Karen Holt is now the senior manager.").waitFor();
  expect(teamRole(projectId, "karen.holt@riverside.example.nhs.uk")).toContain("senior_manager");

  // Stand them down.
  await button(admin, "Remove Karen Holt as senior manager").click();
  await status.getByText("Karen Holt is no longer the senior manager.").waitFor();
  expect(teamRole(projectId, "karen.holt@riverside.example.nhs.uk")).not.toContain("senior_manager");

  // Add a member: nobody chosen is refused, then Lee Lead joins.
  await button(admin, "Add to the team").click();
  expect(await errorSummary(admin)).toEqual(["Choose a person from the list"]);
  await admin.locator("#person-member-error", { hasText: "Choose a person from the list" }).waitFor();
  await choosePerson(admin, "Add a team member", "Lee Lead");
  await button(admin, "Add to the team").click();
  await status.getByText("Lee Lead has joined the team.").waitFor();
  expect(teamRole(projectId, "lead@example.org")).toContain("member");

  // Remove a member.
  await button(admin, "Remove Lee Lead from the team").click();
  await status.getByText("Lee Lead has left the team.").waitFor();
  expect(teamRole(projectId, "lead@example.org")).not.toContain("member");
  await expectNoMissingValues(admin);
  expect(adminErrors).toEqual([]);
});

it("add a milestone: the missing fields are named, then it is added", async () => {
  const title = "Sepsis e-learning module live";
  await open(lead, projectUrl("/milestones"));
  await button(lead, "Add milestone").click();
  expect(await errorSummary(lead)).toEqual(["Enter the milestone", "Enter the baseline date"]);
  await lead.getByLabel("Milestone", { exact: true }).fill(title);
  await fillDate(lead, "Baseline date", "2027-01-29");
  await button(lead, "Add milestone").click();
  await lead.getByRole("status").getByText(`Milestone added: ${title}.`).waitFor();
  expect(dbRow(app, "select baseline_date, forecast_date from milestones where project_id = ? and title = ?", ids.project, title)).toEqual({
    baseline_date: "2027-01-29",
    forecast_date: "2027-01-29",
  });
  expect(leadErrors).toEqual([]);
});

it("a milestone's page: update, re-baseline and delete, each refusing what the server refuses", async () => {
  const title = "Sepsis audit tool in the EPR";
  await open(lead, projectUrl("/milestones"));
  await lead.getByLabel("Milestone", { exact: true }).fill(title);
  await fillDate(lead, "Baseline date", "2026-12-04");
  await button(lead, "Add milestone").click();
  await lead.getByRole("status").getByText(`Milestone added: ${title}.`).waitFor();
  const id = dbRow<{ id: number }>(app, "select id from milestones where project_id = ? and title = ?", ids.project, title)!.id;

  // Update: an empty title and a completion date in the future are refused; then it is completed today.
  await open(lead, projectUrl(`/milestones/${id}`));
  await lead.getByLabel("Milestone", { exact: true }).fill("");
  await fillDate(lead, "Completed on (optional)", "2026-12-01");
  await button(lead, "Save milestone").click();
  expect(await errorSummary(lead)).toEqual(["Enter the milestone", "The completed date must be today or in the past"]);
  await lead.getByLabel("Milestone", { exact: true }).fill(title);
  await fillDate(lead, "Completed on (optional)", E2E_TODAY);
  await button(lead, "Save milestone").click();
  await lead.getByRole("status").getByText("Milestone saved.").waitFor();
  expect(dbRow(app, "select completed_on from milestones where id = ?", id)).toEqual({ completed_on: E2E_TODAY });
  expect(await lead.locator(".nhsuk-summary-list__row", { hasText: "Completed" }).first().textContent()).toContain("26 Nov 2026");

  // Re-baseline: the same date and no reason are refused; then it moves with a reason.
  await lead.getByText("Re-baseline this milestone").click();
  await fillDate(lead, "New baseline date", "2026-12-04");
  await button(lead, "Re-baseline").click();
  expect(await errorSummary(lead)).toEqual(["The baseline is already 4 Dec 2026: enter a different date", "Give the reason for re-baselining"]);
  await fillDate(lead, "New baseline date", "2026-11-20");
  await lead.getByLabel("Reason for re-baselining").fill("The board agreed an earlier date at its October meeting.");
  await button(lead, "Re-baseline").click();
  await lead.getByRole("status").getByText("Milestone re-baselined.").waitFor();
  expect(dbRow(app, "select baseline_date from milestones where id = ?", id)).toEqual({ baseline_date: "2026-11-20" });
  expect(await lead.locator("#history ~ .app-table-wrap").textContent()).toContain("The board agreed an earlier date");

  // Delete, after the confirmation step.
  await lead.getByRole("link", { name: "Delete this milestone" }).click();
  await button(lead, "Yes, delete this milestone").click();
  await lead.getByRole("status").getByText("The milestone was deleted.").waitFor();
  expect(dbRow<{ deleted: number }>(app, "select deleted_at is not null as deleted from milestones where id = ?", id)).toEqual({ deleted: 1 });
  expect(await lead.getByRole("link", { name: title }).count()).toBe(0);
  expect(leadErrors).toEqual([]);
});

it("write a correction to a status report, with an ask to a named person; the missing person is refused", async () => {
  const original = dbRow<{ id: number; report_date: string }>(
    app,
    "select id, report_date from status_reports where project_id = ? order by id desc",
    ids.project,
  )!;
  await open(lead, projectUrl(`/status/new?correct=${original.id}`));
  await lead.getByRole("heading", { name: "Write a correction" }).waitFor();
  await fillDate(lead, "Reporting date", "2026-12-01");
  await lead.getByLabel("Red", { exact: true }).check();
  await lead.getByLabel("Reason for the rating").fill("");
  await button(lead, "Add an ask").click();
  await lead.getByLabel("What do you need?").fill("Ask the chief pharmacist to fund a second stewardship pharmacist.");
  await lead.getByLabel("A named person").check();
  await button(lead, "Save status report").click();
  expect(await errorSummary(lead)).toEqual([
    "The reporting date must be today or in the past",
    "Give the reason for the red rating",
    "Choose the person the ask is for",
  ]);
  await fillDate(lead, "Reporting date", original.report_date);
  await lead.getByLabel("Reason for the rating").fill("The antibiotic audit was paused for four weeks.");
  await choosePerson(lead, "Named person", "Blake Board");
  await button(lead, "Save status report").click();
  await lead.waitForURL(/\/status\/\d+\?written=1$/);
  const saved = dbRow<{ id: number; rag: string; rag_reason: string }>(
    app,
    "select id, rag, rag_reason from status_reports where project_id = ? order by id desc",
    ids.project,
  )!;
  expect(saved).toMatchObject({ rag: "red", rag_reason: "The antibiotic audit was paused for four weeks." });
  expect(saved.id).not.toBe(original.id);
  expect(dbRow(app, "select addressee, addressee_user_id from asks where status_report_id = ?", saved.id)).toEqual({
    addressee: "person",
    addressee_user_id: userId("board@example.org"),
  });
  await lead.getByText("The antibiotic audit was paused for four weeks.").first().waitFor();
  await expectNoMissingValues(lead);
  expect(leadErrors).toEqual([]);
});

it("raise an ask on the project: missing text, person and a past date are refused, then it is raised", async () => {
  const what = "Ask the estates team to fit a second sepsis trolley bay in majors.";
  await open(lead, projectUrl("/asks"));
  await lead.getByLabel("A named person").check();
  await fillDate(lead, "Answer needed by (optional)", "2026-11-01");
  await button(lead, "Raise ask").click();
  expect(await errorSummary(lead)).toEqual([
    "Enter what you need",
    "Choose the person the ask is for",
    "The date you need an answer by must be today or in the future",
  ]);
  await lead.getByLabel("What do you need?").fill(what);
  await choosePerson(lead, "Named person", "Blake Board");
  await fillDate(lead, "Answer needed by (optional)", "2026-12-18");
  await button(lead, "Raise ask").click();
  await lead.getByRole("status").getByText("Ask raised. Blake Board will see it").waitFor();
  expect(dbRow(app, "select addressee, addressee_user_id, due_on, state from asks where project_id = ? and what = ?", ids.project, what)).toEqual({
    addressee: "person",
    addressee_user_id: userId("board@example.org"),
    due_on: "2026-12-18",
    state: "open",
  });
  expect(await lead.locator("article", { hasText: what }).textContent()).toContain("answer needed by 18 Dec 2026");
  expect(leadErrors).toEqual([]);
});

it("edit a PDSA worksheet: a decision without results is refused by the server; delete a cycle after confirming", async () => {
  await open(lead, projectUrl(`/pdsa/${ids.cycle}?edit`));
  await fillDate(lead, "End date (optional)", "2020-01-01");
  await button(lead, "Save the worksheet").click();
  expect(await errorSummary(lead)).toEqual(["The end date must be on or after the start date"]);
  await fillDate(lead, "End date (optional)", "");
  await lead.getByRole("radio", { name: "Adopt" }).check();
  await button(lead, "Save the worksheet").click();
  // A check across the parts of the worksheet that only the server makes.
  expect(await errorSummary(lead)).toEqual(["Enter the results before you choose adopt, adapt or abandon"]);
  await lead.getByLabel("Results against the prediction").fill("Screening rose from 61% to 78% over the fortnight.");
  await button(lead, "Save the worksheet").click();
  await lead.waitForURL(/\?saved=updated$/);
  await lead.getByText(/Cycle \d+ is saved/).waitFor();
  expect(dbRow(app, "select act_decision, study_results from pdsa_cycles where id = ?", ids.cycle)).toEqual({
    act_decision: "adopt",
    study_results: "Screening rose from 61% to 78% over the fortnight.",
  });

  const { number } = dbRow<{ number: number }>(app, "select number from pdsa_cycles where id = ?", ids.cycle)!;
  await lead.getByRole("link", { name: /^Delete this cycle/ }).click();
  await button(lead, "Yes, delete this cycle").click();
  await lead.waitForURL(/\/pdsa\?deleted=\d+$/);
  await lead.getByText(`Cycle ${number} is deleted`).waitFor();
  expect(dbRow(app, "select deleted_at is not null as deleted from pdsa_cycles where id = ?", ids.cycle)).toEqual({
    deleted: 1,
  });
  expect(leadErrors).toEqual([]);
});

it("presentation settings: two measures in one position are refused, then slides are hidden and reordered", async () => {
  const measures = dbRows<{ id: number; name: string }>(
    app,
    "select id, name from measures where project_id = ? and deleted_at is null order by id",
    ids.project,
  );
  expect(measures.length).toBeGreaterThan(1);
  await open(lead, projectUrl("/present/settings"));
  await lead.getByLabel(`Position of ${measures[0].name}`).selectOption("2");
  await button(lead, "Save the presentation").click();
  expect(await errorSummary(lead)).toEqual([`Give each measure a different position, from 1 to ${measures.length}`]);

  await lead.getByLabel(`Position of ${measures[0].name}`).selectOption("2");
  await lead.getByLabel(`Position of ${measures[1].name}`).selectOption("1");
  await lead.getByLabel("The PDSA journey").uncheck();
  await button(lead, "Save the presentation").click();
  await lead.getByText("The presentation is saved").waitFor();
  const settings = JSON.parse(dbRow<{ s: string }>(app, "select presentation_settings as s from projects where id = ?", ids.project)!.s) as {
    hidden: string[];
    measureOrder: number[];
  };
  expect(settings.hidden).toEqual(["pdsa"]);
  expect(settings.measureOrder.slice(0, 2)).toEqual([measures[1].id, measures[0].id]);
  expect(await lead.getByLabel("The PDSA journey").isChecked()).toBe(false);
  expect(await lead.getByLabel(`Position of ${measures[1].name}`).inputValue()).toBe("1");
  expect(leadErrors).toEqual([]);
});

it("wins: record one (a missing title refused), dismiss a suggestion, and confirm another (an emptied title refused)", async () => {
  const title = "Sepsis nurse of the year at the trust awards";
  await open(lead, projectUrl("/wins"));
  const cards = lead.locator(".app-win-suggestion");
  expect(await cards.count()).toBeGreaterThan(1);

  // Record by hand.
  await lead.getByText("Record another win").click();
  await button(lead, "Record the win").click();
  expect(await errorSummary(lead)).toEqual(["Enter a title for the win"]);
  await lead.getByLabel("Title", { exact: true }).last().fill(title);
  await lead.getByLabel("What was achieved, and how you know").fill("Nominated by the ED matron for the sepsis work.");
  await button(lead, "Record the win").click();
  await lead.getByRole("status").getByText("Win recorded. Well done to the team.").waitFor();
  expect(dbRow(app, "select description from wins where project_id = ? and title = ?", ids.project, title)).toEqual({
    description: "Nominated by the ED matron for the sepsis work.",
  });

  // Dismiss the first suggestion.
  const dismissed = (await cards.first().locator(".nhsuk-card__heading").textContent())!;
  await cards
    .first()
    .getByRole("button", { name: /^Not a win: dismiss/ })
    .click();
  await lead.getByRole("status").getByText("Suggestion dismissed. It will not be suggested again.").waitFor();
  expect(await lead.locator(".app-win-suggestion .nhsuk-card__heading", { hasText: dismissed }).count()).toBe(0);
  expect(
    dbRow(app, "select count(*) as n from audit_events where project_id = ? and action = 'win.dismissed' and summary like ?", ids.project, `%${dismissed}%`),
  ).toEqual({ n: 1 });

  // Confirm the next one, after an emptied title is refused.
  const card = cards.first();
  await card.getByLabel("Title", { exact: true }).fill("");
  await card.getByRole("button", { name: /^Confirm this win/ }).click();
  await card.locator(".nhsuk-error-summary").getByText("Enter a title for the win").waitFor();
  await card.getByLabel("Title", { exact: true }).fill("Sepsis grab bags adopted in majors");
  await card.getByRole("button", { name: /^Confirm this win/ }).click();
  await lead.getByRole("status").getByText("Win recorded. Well done to the team.").waitFor();
  const win = dbRow<{ evidence_kind: string; evidence_ref: string }>(
    app,
    "select evidence_kind, evidence_ref from wins where project_id = ? and title = ?",
    ids.project,
    "Sepsis grab bags adopted in majors",
  )!;
  expect(win.evidence_kind).not.toBe("other");
  expect(win.evidence_ref).not.toBe("");
  await lead.getByRole("region", { name: "Wins recorded" }).getByRole("heading", { name: "Sepsis grab bags adopted in majors" }).waitFor();
  expect(leadErrors).toEqual([]);
});

it("close a project: every missing part is named, then the project is closed", async () => {
  const projectId = ids.closeProject;
  await open(admin, projectUrl("/close", projectId));
  await button(admin, "Close the project").click();
  expect(await errorSummary(admin)).toEqual([
    "Select whether the aim was achieved",
    "Describe the evidence that the aim was or was not achieved",
    "Describe what was adopted",
    "Describe how the gain will be sustained",
    "Enter who owns it now",
    "Describe the lessons for others",
  ]);
  await admin.getByLabel("No", { exact: true }).check();
  await admin.getByLabel("Evidence").fill("Rates fell but not to the target of 10 per 10,000 bed days.");
  await admin.getByLabel("What was adopted").fill("Weekly stewardship rounds on the medical wards.");
  await admin.getByLabel("How the gain will be sustained").fill("Quarterly audit by infection prevention.");
  await admin.getByLabel("Who owns it now").fill("Infection prevention and control team");
  await admin.getByLabel("Lessons for others").fill("Agree pharmacy cover before spreading to a new ward.");
  await button(admin, "Close the project").click();
  await admin.waitForURL(projectUrl("", projectId));
  await admin.locator(".nhsuk-tag", { hasText: "Closed" }).first().waitFor();
  expect(dbRow(app, "select stage, closure_aim_achieved, closure_owner from projects where id = ?", projectId)).toEqual({
    stage: "closed",
    closure_aim_achieved: 0,
    closure_owner: "Infection prevention and control team",
  });
  await expectNoMissingValues(admin);
  expect(adminErrors).toEqual([]);
});
