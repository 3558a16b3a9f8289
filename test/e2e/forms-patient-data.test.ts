// The patient-data guard on every workbook form that has it, in Chromium with JavaScript on:
// text that looks like a date of birth beside a name shows the warning and the tick box;
// once ticked, the save goes through and the text is stored as written. A date that cannot
// be a birth date (in the future) is not a warning at all.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { E2E_TODAY, launchBrowser, startApp, type RunningApp } from "./support";
import { open } from "./js-on";
import { confirmPatientData, dbRow, expectNoMissingValues, PATIENT_DATA, signedInPage, fillDate } from "./form-helpers";

let app: RunningApp;
let browser: Browser;
let lead: Page;
let leadErrors: string[];
let board: Page;
let boardErrors: string[];
const ids = { project: 0, other: 0, measure: 0, cycle: 0, milestone: 0 };

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const ledByLead = (sql: string) =>
    dbRow<{ id: number }>(
      app,
      `select p.id from projects p join project_team t on t.project_id = p.id and t.ended_at is null and t.role = 'project_lead'
         join users u on u.id = t.user_id and u.email = 'lead@example.org' where ${sql} order by p.id`,
    )!.id;
  ids.project = ledByLead("p.stage = 'active'");
  ids.other = ledByLead(`p.stage in ('active', 'sustaining') and p.id <> ${ids.project}`);
  ids.measure = dbRow<{ id: number }>(
    app,
    "select id from measures where project_id = ? and deleted_at is null and uses_ratio = 0 order by spc_points desc, id",
    ids.project,
  )!.id;
  ids.cycle = dbRow<{ id: number }>(app, "select id from pdsa_cycles where project_id = ? and deleted_at is null order by id", ids.project)!.id;
  ids.milestone = dbRow<{ id: number }>(
    app,
    "select id from milestones where project_id = ? and deleted_at is null and completed_on is null order by id",
    ids.project,
  )!.id;
  ({ page: lead, errors: leadErrors } = await signedInPage(browser, app, "lead@example.org"));
  ({ page: board, errors: boardErrors } = await signedInPage(browser, app, "board@example.org"));
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const projectUrl = (path = "") => `${app.url}/projects/${ids.project}${path}`;
const measureUrl = (path = "") => projectUrl(`/measures/${ids.measure}${path}`);
const click = (page: Page, name: string) => () => page.getByRole("button", { name, exact: true }).click();
const stored = (sql: string, ...args: unknown[]) => dbRow(app, sql, ...args);

it("the false positive is gone: a milestone with a future date beside a committee's name saves with no warning", async () => {
  const title = "PGD approval at Medicines Committee 14/01/2027";
  await open(lead, projectUrl("/milestones"));
  await lead.getByLabel("Milestone", { exact: true }).fill(title);
  await fillDate(lead, "Baseline date", "2027-01-14");
  await lead.getByRole("button", { name: "Add milestone" }).click();
  await lead.getByRole("status").getByText(`Milestone added: ${title}.`).waitFor();
  expect(await lead.locator(".nhsuk-warning-callout").count()).toBe(0);
  expect(stored("select baseline_date from milestones where project_id = ? and title = ?", ids.project, title)).toEqual({
    baseline_date: "2027-01-14",
  });
  expect(leadErrors).toEqual([]);
});

it("charter edit: a problem statement with patient data is saved once confirmed", async () => {
  await open(lead, projectUrl("/edit"));
  await lead.getByLabel("Problem statement").fill(PATIENT_DATA);
  await confirmPatientData(lead, click(lead, "Save the charter"));
  await lead.waitForURL(projectUrl());
  expect(stored("select problem from projects where id = ?", ids.project)).toEqual({ problem: PATIENT_DATA });
  expect(leadErrors).toEqual([]);
});

it("add a milestone: an owner not in Stepping Up, named with patient data, is saved once confirmed", async () => {
  const title = "Sepsis trolley restocked daily";
  await open(lead, projectUrl("/milestones"));
  await lead.getByLabel("Milestone", { exact: true }).fill(title);
  await lead.getByText("The owner is not in Stepping Up").click();
  await lead.getByLabel("Name of an owner not in Stepping Up (optional)").fill(PATIENT_DATA);
  await fillDate(lead, "Baseline date", "2026-12-10");
  await confirmPatientData(lead, click(lead, "Add milestone"));
  await lead.getByRole("status").getByText(`Milestone added: ${title}.`).waitFor();
  expect(stored("select owner from milestones where project_id = ? and title = ?", ids.project, title)).toEqual({
    owner: PATIENT_DATA,
  });
  expect(leadErrors).toEqual([]);
});

it("update a milestone: a slip reason with patient data is saved once confirmed", async () => {
  await open(lead, projectUrl(`/milestones/${ids.milestone}`));
  const forecast = stored("select forecast_date from milestones where id = ?", ids.milestone) as {
    forecast_date: string;
  };
  const later = new Date(`${forecast.forecast_date}T00:00:00Z`);
  later.setUTCDate(later.getUTCDate() + 21);
  await fillDate(lead, "Forecast date", later.toISOString().slice(0, 10));
  await lead.getByLabel("Reason for moving the forecast").fill(PATIENT_DATA);
  await confirmPatientData(lead, click(lead, "Save milestone"));
  await lead.getByRole("status").getByText("Milestone saved.").waitFor();
  expect(stored("select reason from milestone_changes where milestone_id = ? and kind = 'forecast' order by id desc", ids.milestone)).toEqual({
    reason: PATIENT_DATA,
  });
  expect(await lead.getByRole("table").textContent()).toContain(PATIENT_DATA);
  expect(leadErrors).toEqual([]);
});

it("re-baseline a milestone: a reason with patient data is saved once confirmed", async () => {
  await open(lead, projectUrl(`/milestones/${ids.milestone}`));
  await lead.getByText("Re-baseline this milestone").click();
  await fillDate(lead, "New baseline date", "2027-02-26");
  await lead.getByLabel("Reason for re-baselining").fill(PATIENT_DATA);
  await confirmPatientData(lead, click(lead, "Re-baseline"));
  await lead.getByRole("status").getByText("Milestone re-baselined.").waitFor();
  expect(stored("select to_date, reason from milestone_changes where milestone_id = ? and kind = 'rebaseline'", ids.milestone)).toEqual({
    to_date: "2027-02-26",
    reason: PATIENT_DATA,
  });
  expect(leadErrors).toEqual([]);
});

it("write a status report: progress with patient data is saved once confirmed", async () => {
  await open(lead, projectUrl("/status/new"));
  await lead.getByLabel("Green", { exact: true }).check();
  await lead.getByLabel("Progress since the last report").fill(PATIENT_DATA);
  await lead.getByLabel("Next steps").fill("Audit the next 50 red-flag patients.");
  await confirmPatientData(lead, click(lead, "Save status report"));
  await lead.waitForURL(/\/status\/\d+\?written=1$/);
  await lead.getByText(PATIENT_DATA).first().waitFor();
  expect(stored("select rag, progress from status_reports where project_id = ? order by id desc", ids.project)).toEqual({
    rag: "green",
    progress: PATIENT_DATA,
  });
  expect(leadErrors).toEqual([]);
});

it("raise an ask on the project: an ask with patient data is saved once confirmed", async () => {
  await open(lead, projectUrl("/asks"));
  await lead.getByLabel("What do you need?").fill(PATIENT_DATA);
  await lead.getByLabel("The programme board").check();
  await confirmPatientData(lead, click(lead, "Raise ask"));
  await lead.getByRole("status").getByText("Ask raised.").waitFor();
  expect(stored("select addressee, state from asks where project_id = ? and what = ?", ids.project, PATIENT_DATA)).toEqual({
    addressee: "board",
    state: "open",
  });
  expect(leadErrors).toEqual([]);
});

it("progress score: evidence with patient data is saved once confirmed", async () => {
  await open(lead, projectUrl("/progress"));
  await lead.getByLabel("3.0 Modest improvement").check();
  await lead.getByLabel("Evidence").fill(PATIENT_DATA);
  await confirmPatientData(lead, click(lead, "Save the score"));
  await lead.locator("p", { hasText: "Current score:" }).getByText("3.0 Modest improvement").waitFor();
  expect(stored("select score, evidence from progress_scores where project_id = ? order by id desc", ids.project)).toEqual({
    score: 3,
    evidence: PATIENT_DATA,
  });
  expect(leadErrors).toEqual([]);
});

it("record a win by hand: a description with patient data is saved once confirmed", async () => {
  const title = "Thank-you card from the ED family liaison team";
  await open(lead, projectUrl("/wins"));
  await lead.getByText("Record another win").click();
  await lead.getByLabel("Title", { exact: true }).last().fill(title);
  await lead.getByLabel("What was achieved, and how you know").fill(PATIENT_DATA);
  await confirmPatientData(lead, click(lead, "Record the win"));
  await lead.getByRole("status").getByText("Win recorded. Well done to the team.").waitFor();
  expect(stored("select description, evidence_kind from wins where project_id = ? and title = ?", ids.project, title)).toEqual({
    description: PATIENT_DATA,
    evidence_kind: "other",
  });
  expect(leadErrors).toEqual([]);
});

it("confirm a suggested win: a description with patient data is saved once confirmed", async () => {
  await open(lead, projectUrl("/wins"));
  const card = lead.locator(".app-win-suggestion").first();
  const title = (await card.getByLabel("Title", { exact: true }).inputValue()).trim();
  await card.getByLabel("What was achieved", { exact: true }).fill(PATIENT_DATA);
  const confirm = () => card.getByRole("button", { name: /^Confirm this win/ }).click();
  await confirmPatientData(lead, confirm, card);
  await lead.getByRole("status").getByText("Win recorded. Well done to the team.").waitFor();
  const win = stored("select description, evidence_ref from wins where project_id = ? and title = ?", ids.project, title) as {
    description: string;
    evidence_ref: string;
  };
  expect(win.description).toBe(PATIENT_DATA);
  expect(win.evidence_ref).not.toBe("");
  expect(leadErrors).toEqual([]);
});

it("plan a PDSA cycle: a prediction with patient data is saved once confirmed", async () => {
  const title = "Grab bag check at handover";
  await open(lead, projectUrl("/pdsa/new"));
  const newIdea = lead.getByRole("radio", { name: "A new change idea" });
  if (await newIdea.count()) await newIdea.check();
  await lead.getByLabel(/^(Name of the new change idea|Change idea)$/).fill("Sepsis grab bags");
  await lead.getByLabel("Change being tested").fill(title);
  await lead.getByLabel("Prediction").fill(PATIENT_DATA);
  await fillDate(lead, "Start date", "2026-11-30");
  await confirmPatientData(lead, click(lead, "Save the plan"));
  await lead.waitForURL(/\/pdsa\/\d+\?saved=created$/);
  expect(stored("select prediction from pdsa_cycles where project_id = ? and title = ?", ids.project, title)).toEqual({
    prediction: PATIENT_DATA,
  });
  expect(leadErrors).toEqual([]);
});

it("edit a PDSA worksheet: observations with patient data are saved once confirmed", async () => {
  await open(lead, projectUrl(`/pdsa/${ids.cycle}?edit`));
  await lead.getByLabel("Observations").fill(PATIENT_DATA);
  await confirmPatientData(lead, click(lead, "Save the worksheet"));
  await lead.waitForURL(/\?saved=updated$/);
  await lead.getByText(PATIENT_DATA).waitFor();
  expect(stored("select do_observations from pdsa_cycles where id = ?", ids.cycle)).toEqual({
    do_observations: PATIENT_DATA,
  });
  expect(leadErrors).toEqual([]);
});

it("add a measure: an operational definition with patient data is saved once confirmed", async () => {
  const name = "Sepsis screens completed at triage";
  await open(lead, projectUrl("/measures/new"));
  await lead.getByLabel("Name of the measure").fill(name);
  await lead.getByLabel("Type of measure").selectOption("process");
  await lead.getByLabel("Operational definition").fill(PATIENT_DATA);
  await lead.getByLabel("Unit", { exact: true }).selectOption("count");
  await lead.getByLabel("How often is the data collected?").selectOption("weekly");
  await lead.getByLabel("Which direction is an improvement?").selectOption("increase");
  await confirmPatientData(lead, click(lead, "Add the measure"));
  await lead.waitForURL(/\/measures\/\d+\?saved=created$/);
  expect(stored("select definition from measures where project_id = ? and name = ?", ids.project, name)).toEqual({
    definition: PATIENT_DATA,
  });
  expect(leadErrors).toEqual([]);
});

it("edit a measure's definition: a data owner with patient data is saved once confirmed", async () => {
  await open(lead, measureUrl("/edit"));
  await lead.getByLabel("Data owner (optional)").fill(PATIENT_DATA);
  await confirmPatientData(lead, click(lead, "Save the definition"));
  await lead.waitForURL((u) => u.searchParams.get("saved") === "updated");
  expect(stored("select data_owner from measures where id = ?", ids.measure)).toEqual({ data_owner: PATIENT_DATA });
  expect(leadErrors).toEqual([]);
});

it("add a value: a note with patient data is saved once confirmed", async () => {
  // A week before the series starts has no value yet.
  const first = stored("select min(period_date) as d from measure_points where measure_id = ?", ids.measure) as {
    d: string;
  };
  const earlier = new Date(`${first.d}T00:00:00Z`);
  earlier.setUTCDate(earlier.getUTCDate() - 7);
  const day = earlier.toISOString().slice(0, 10);
  await open(lead, measureUrl("/data"));
  await fillDate(lead, "Date", day);
  await lead.getByLabel(/^Value/).fill("41");
  await lead.getByLabel("Note (optional)").fill(PATIENT_DATA);
  await confirmPatientData(lead, click(lead, "Add the value"));
  await lead.waitForURL((u) => u.searchParams.get("saved") === "added");
  expect(stored("select value, note from measure_points where measure_id = ? and period_date = ?", ids.measure, day)).toEqual({
    value: 41,
    note: PATIENT_DATA,
  });
  expect(leadErrors).toEqual([]);
});

it("add a note to the chart: a note with patient data is saved once confirmed", async () => {
  await open(lead, measureUrl("/annotations"));
  await fillDate(lead, "Date", E2E_TODAY);
  await lead.getByLabel("Note", { exact: true }).fill(PATIENT_DATA);
  await confirmPatientData(lead, click(lead, "Add the note"));
  await lead.waitForURL((u) => u.searchParams.get("saved") === "noted");
  expect(stored("select text from measure_annotations where measure_id = ? order by id desc", ids.measure)).toEqual({
    text: PATIENT_DATA,
  });
  expect(leadErrors).toEqual([]);
});

it("recalculate the limits: a reason with patient data is saved once confirmed", async () => {
  // A period with a value that is not the first and has no rebase yet.
  const { period_date: day } = stored(
    `select period_date from measure_points p where measure_id = ? and period_date not in (select period_date from measure_rebases where measure_id = p.measure_id)
       order by period_date limit 1 offset 5`,
    ids.measure,
  ) as { period_date: string };
  await open(lead, measureUrl("/rebases"));
  await fillDate(lead, "Recalculate the limits from", day);
  await lead.getByLabel("Reason").fill(PATIENT_DATA);
  await confirmPatientData(lead, click(lead, "Recalculate the limits"));
  await lead.waitForURL((u) => u.searchParams.get("saved") === "rebased");
  expect(stored("select period_date, reason from measure_rebases where measure_id = ? order by id desc", ids.measure)).toEqual({
    period_date: day,
    reason: PATIENT_DATA,
  });
  await expectNoMissingValues(lead);
  expect(leadErrors).toEqual([]);
});

it("close a project: lessons with patient data are saved once confirmed", async () => {
  await open(board, `${app.url}/projects/${ids.other}/close`);
  await board.getByLabel("Yes", { exact: true }).check();
  await board.getByLabel("Evidence").fill("Sixteen weeks above the target on the run chart.");
  await board.getByLabel("What was adopted").fill("The stewardship ward round on every medical ward.");
  await board.getByLabel("How the gain will be sustained").fill("Monthly audit by the pharmacy team.");
  await board.getByLabel("Who owns it now").fill("Antimicrobial pharmacist");
  await board.getByLabel("Lessons for others").fill(PATIENT_DATA);
  await confirmPatientData(board, click(board, "Close the project"));
  await board.waitForURL(`${app.url}/projects/${ids.other}`);
  expect(stored("select stage, closure_lessons from projects where id = ?", ids.other)).toEqual({
    stage: "closed",
    closure_lessons: PATIENT_DATA,
  });
  expect(boardErrors).toEqual([]);
});
