// A project lead's whole journey on one new project, in one run: lead@ proposes, board@ approves
// (naming the three leads) and makes lead@ the project lead, lead@ writes the charter and team,
// runs two PDSA cycles, slips a milestone, reports amber with an ask, raises the progress score,
// and finds all of it on the project page.
import { afterAll, beforeAll, expect, it } from "vitest";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { openDatabase } from "../../db/client";
import { asks, milestoneChanges, milestones, pdsaCycles, progressScores, projectTeam, projects, statusReports, users } from "../../db/schema";
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

const TITLE = "Falls prevention bundle on Ward 12";
const CYCLE_1 = "Bed rails check on the night round";
const CYCLE_2 = "Bed rails and call bell check on the night round";
const MILESTONE = "Falls bundle in the nursing e-record";
const SLIP_REASON = "The e-record team cannot start until December.";
const ASK = "Ask the e-record team to add the falls bundle before the winter freeze.";

/** Each user in their own browser context: separate cookies, separate session. */
async function signedIn(email: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, email);
  return { page, errors };
}

/** What the database holds for the project at the end of the journey. */
function projectState(projectId: number) {
  const db = openDatabase(app.databaseFile);
  try {
    return {
      project: db.select().from(projects).where(eq(projects.id, projectId)).get(),
      team: db
        .select({ email: users.email, role: projectTeam.role })
        .from(projectTeam)
        .innerJoin(users, eq(users.id, projectTeam.userId))
        .where(and(eq(projectTeam.projectId, projectId), isNull(projectTeam.endedAt)))
        .all(),
      cycles: db.select().from(pdsaCycles).where(eq(pdsaCycles.projectId, projectId)).orderBy(asc(pdsaCycles.number)).all(),
      slips: db
        .select({
          kind: milestoneChanges.kind,
          fromDate: milestoneChanges.fromDate,
          toDate: milestoneChanges.toDate,
          reason: milestoneChanges.reason,
        })
        .from(milestoneChanges)
        .innerJoin(milestones, eq(milestones.id, milestoneChanges.milestoneId))
        .where(eq(milestones.projectId, projectId))
        .all(),
      reports: db.select().from(statusReports).where(eq(statusReports.projectId, projectId)).all(),
      asks: db.select().from(asks).where(eq(asks.projectId, projectId)).all(),
      scores: db.select().from(progressScores).where(eq(progressScores.projectId, projectId)).orderBy(asc(progressScores.at)).all(),
    };
  } finally {
    db.$client.close();
  }
}

it("a project lead's journey from proposal to an amber report with an ask, all on the project page", async () => {
  // 1. lead@ proposes the project.
  const { page: lead, errors: leadErrors } = await signedIn("lead@example.org");
  await lead.goto(`${app.url}/projects/new`);
  await lead.getByLabel("Project title").fill(TITLE);
  await lead.getByLabel("What is the problem?").fill("Ward 12 has twice the trust's rate of falls at night.");
  await lead.getByLabel("What is your idea?").fill("A falls bundle checked on every night round.");
  await lead.getByLabel("Division (optional)").selectOption({ label: "Medicine" });
  await lead.getByRole("button", { name: "Send proposal" }).click();
  await lead.waitForURL(/\/projects\/\d+$/);
  const projectUrl = lead.url();
  const projectId = Number(new URL(projectUrl).pathname.split("/").pop());
  await lead.getByRole("heading", { level: 1, name: TITLE }).waitFor();
  await lead.locator(".nhsuk-tag", { hasText: "Proposed" }).first().waitFor();

  // 2. board@ approves it naming the three required leads (the approval form has no project lead),
  // then admin@ makes lead@ the project lead on the team page.
  const { page: board, errors: boardErrors } = await signedIn("board@example.org");
  await board.goto(projectUrl);
  await board.getByRole("link", { name: "Approve or decline the proposal" }).click();
  await board.getByRole("heading", { name: "Approve the proposal" }).waitFor();
  await choosePerson(board, "Executive lead", "Helen Whitfield, Chief Nurse");
  await choosePerson(board, "Operational lead", "David Singh, Divisional Director of Operations, Medicine");
  await choosePerson(board, "Clinical lead", "Dr Hannah Lewis, Consultant Geriatrician", "hannah");
  await board.getByRole("button", { name: "Approve", exact: true }).click();
  await board.waitForURL(projectUrl);
  // The address changes before the new page is drawn: wait until the decision page has gone.
  await board.getByRole("heading", { name: "Decisions", exact: true }).waitFor({ state: "detached" });
  await board.locator(".nhsuk-tag", { hasText: "Approved" }).first().waitFor();

  // Admins and a project's leads manage its team; a board member not on it cannot.
  const { page: admin, errors: adminErrors } = await signedIn("admin@example.org");
  await admin.goto(`${projectUrl}/team`);
  await choosePerson(admin, "Project lead", "Lee Lead, Improvement Advisor");
  await admin.getByRole("button", { name: "Assign the project lead" }).click();
  await admin.getByRole("status").getByText("Lee Lead is now the project lead.").waitFor();

  // 3. lead@ writes a SMART aim with numbers and a date, and picks the CQC domains.
  await lead.goto(projectUrl);
  await lead.getByRole("link", { name: "Edit the charter" }).click();
  await lead.getByRole("heading", { name: "Edit the charter" }).waitFor();
  await lead.getByLabel("What will improve", { exact: true }).fill("Fewer falls at night");
  await lead.getByLabel("For whom", { exact: true }).fill("inpatients on Ward 12");
  await lead.getByLabel("The measure", { exact: true }).fill("Falls per 1,000 bed days, 20:00 to 08:00");
  await lead.getByLabel("Baseline value", { exact: true }).fill("8");
  await lead.getByLabel("Target value", { exact: true }).fill("4");
  await fillDate(lead, "Date to reach the target", "2027-09-30");
  await lead.getByLabel("Safe", { exact: true }).check();
  await lead.getByLabel("Effective", { exact: true }).check();
  await fillDate(lead, "Planned start", "2026-11-02");
  await fillDate(lead, "Planned end", "2027-09-30");
  await lead.getByRole("button", { name: "Save the charter" }).click();
  await lead.waitForURL(projectUrl);
  await lead.getByRole("heading", { name: "Charter", exact: true }).waitFor();
  await expect.poll(() => lead.getByText("not yet SMART").count()).toBe(0);

  // ...and adds a team member.
  await lead.getByRole("link", { name: "Change the team" }).click();
  await lead.waitForURL(`${projectUrl}/team`);
  await choosePerson(lead, "Add a team member", "Sam Staff, Staff Nurse, Ward 7");
  await lead.getByRole("button", { name: "Add to the team" }).click();
  await lead.getByRole("status").getByText("Sam Staff has joined the team.").waitFor();

  // ...and records the first progress score, so there is one to raise later.
  await lead.goto(`${projectUrl}/progress`);
  await lead.getByLabel("1.0 Charter and team established").check();
  await lead.getByLabel("Evidence").fill("Charter approved by the board; leads and team named.");
  await lead.getByRole("button", { name: "Save the score" }).click();
  await lead.locator("p", { hasText: "Current score:" }).getByText("1.0 Charter and team established").waitFor();

  // 4. lead@ plans a PDSA cycle with a new change idea.
  await lead.goto(projectUrl);
  await lead.getByRole("navigation", { name: "Project workbook" }).getByRole("link", { name: "PDSA cycles" }).click();
  await lead.waitForURL(`${projectUrl}/pdsa`);
  await lead.getByRole("link", { name: "Plan a new PDSA cycle" }).click();
  await lead.waitForURL(/\/pdsa\/new$/);
  const newIdea = lead.getByRole("radio", { name: "A new change idea" });
  if (await newIdea.count()) await newIdea.check();
  await lead.getByLabel(/^(Name of the new change idea|Change idea)$/).fill("Night-round falls bundle");
  await lead.getByLabel("Change being tested").fill(CYCLE_1);
  await lead.getByLabel("What question should this test answer?").fill("Does checking bed rails on the night round cut falls?");
  await lead.getByLabel("Prediction").fill("Night falls drop from 8 to 6 per 1,000 bed days");
  await lead.getByLabel("Who will carry out the test?").fill("Night nurse in charge on Ward 12");
  await lead.getByLabel("What will they do?").fill("Check bed rails for every patient at 22:00 and 02:00");
  await lead.getByLabel("When?", { exact: true }).fill("Every night for two weeks");
  await lead.getByLabel("Where?", { exact: true }).fill("Ward 12");
  await lead.getByLabel("Data collection").fill("Falls from the incident system, nightly");
  await fillDate(lead, "Start date", "2026-11-02");
  await fillDate(lead, "End date (optional)", "2026-11-13");
  await lead.getByRole("button", { name: "Save the plan" }).click();
  await lead.waitForURL(/\/pdsa\/\d+\?saved=created$/);
  await lead.getByText(/Cycle \d+ is planned/).waitFor();

  // 5. Do, Study and Act, choosing "adapt".
  await lead.getByRole("link", { name: "Edit the worksheet" }).click();
  await lead.waitForURL(/\?edit$/);
  await lead.getByLabel("What happened?").fill("Checks done on 13 of 14 nights");
  await lead.getByLabel("Observations").fill("Most falls were on the way to the toilet");
  await lead.getByLabel("Results against the prediction").fill("7 per 1,000 bed days against 6 predicted");
  await lead.getByLabel("What was learned?").fill("Rails help; call bells must be in reach too");
  await lead.getByRole("radio", { name: "Adapt" }).check();
  await lead.getByLabel("Next step").fill("Add a call bell check to the night round");
  await lead.getByRole("button", { name: "Save the worksheet" }).click();
  await lead.waitForURL(/\?saved=updated$/);
  await lead.getByText(/Cycle \d+ is saved/).waitFor();

  // 6. The next cycle starts pre-filled from the first.
  await lead.getByRole("link", { name: "Start the next cycle" }).click();
  await lead.waitForURL(/\/pdsa\/new\?from=\d+$/);
  await lead.getByText("was adapted: test the changed version of the same change idea").waitFor();
  expect(await lead.getByRole("radio", { name: "Night-round falls bundle" }).isChecked()).toBe(true);
  expect(await lead.getByLabel("What question should this test answer?").inputValue()).toBe("Does checking bed rails on the night round cut falls?");
  expect(await lead.getByLabel("What will they do?").inputValue()).toBe("Add a call bell check to the night round");
  await lead.getByLabel("Change being tested").fill(CYCLE_2);
  await fillDate(lead, "Start date", "2026-11-16");
  await lead.getByRole("button", { name: "Save the plan" }).click();
  await lead.waitForURL(/\/pdsa\/\d+\?saved=created$/);
  await lead.locator(".nhsuk-summary-list__row", { hasText: "Follows" }).getByRole("link").waitFor();

  // 7. A milestone, slipped with a reason.
  await lead.goto(`${projectUrl}/milestones`);
  await lead.getByLabel("Milestone", { exact: true }).fill(MILESTONE);
  await choosePerson(lead, "Owner (optional)", "Lee Lead");
  await fillDate(lead, "Baseline date", "2026-12-01");
  await lead.getByRole("button", { name: "Add milestone" }).click();
  await lead.getByText(`Milestone added: ${MILESTONE}.`).waitFor();
  await lead.getByRole("link", { name: MILESTONE }).click();
  await lead.getByRole("heading", { level: 2, name: MILESTONE }).waitFor();
  await fillDate(lead, "Forecast date", "2026-12-15");
  await lead.getByRole("button", { name: "Save milestone" }).click();
  await lead.getByText("Give the reason the forecast is moving later than 1 Dec 2026").first().waitFor();
  await lead.getByLabel("Reason for moving the forecast").fill(SLIP_REASON);
  await lead.getByRole("button", { name: "Save milestone" }).click();
  await lead.getByText("Milestone saved.").waitFor();

  // 8. An amber status report with an ask of the board.
  await lead.getByRole("link", { name: "Status reports" }).click();
  await lead.getByRole("link", { name: "Write a status report" }).click();
  await lead.getByLabel("Amber", { exact: true }).check();
  await lead.getByLabel("Reason for the rating").fill("The e-record milestone has slipped two weeks.");
  await lead.getByLabel("Progress since the last report").fill("Two PDSA cycles run; the bundle now includes call bells.");
  await lead.getByLabel("Next steps").fill("Spread the night-round bundle to Ward 14.");
  await lead.getByRole("button", { name: "Add an ask" }).click();
  await lead.getByLabel("What do you need?").fill(ASK);
  expect(await lead.getByLabel("The programme board").isChecked()).toBe(true);
  await lead.getByRole("button", { name: "Save status report" }).click();
  await lead.getByText("Status report saved, with 1 ask for the board to answer.").waitFor();

  // 9. The progress score goes up, with evidence.
  await lead.goto(`${projectUrl}/progress`);
  await lead.getByLabel("2.5 Changes tested, but no improvement").check();
  await lead.getByLabel("Evidence").fill("Two PDSA cycles of the night-round bundle; falls charted against the target.");
  await lead.getByRole("button", { name: "Save the score" }).click();
  await lead.locator("p", { hasText: "Current score:" }).getByText("2.5 Changes tested, but no improvement").waitFor();

  // 10. The project page shows the whole journey.
  await lead.goto(projectUrl);
  await lead.getByRole("heading", { name: "Charter", exact: true }).waitFor();
  const text = async (locator: ReturnType<Page["locator"]>) => (await locator.textContent())?.replace(/\s+/g, " ") ?? "";
  const row = (label: string) => lead.locator(".nhsuk-summary-list__row", { hasText: label });

  expect(await text(row("SMART aim"))).toContain("Fewer falls at night for inpatients on Ward 12: from 8 to 4 by 30 Sep 2027.");
  expect(await text(row("SMART aim"))).toContain("Measured by: Falls per 1,000 bed days, 20:00 to 08:00");
  expect(await text(row("CQC domains"))).toContain("Safe, Effective");

  expect(await text(row("Executive lead"))).toContain("Helen Whitfield, Chief Nurse");
  expect(await text(row("Operational lead"))).toContain("David Singh");
  expect(await text(row("Clinical lead"))).toContain("Dr Hannah Lewis, Consultant Geriatrician");
  expect(await text(row("Project lead"))).toContain("Lee Lead, Improvement Advisor");
  expect(await text(row("Team members"))).toContain("Sam Staff");

  const cycleRows = lead.getByRole("table", { name: "PDSA cycles" }).locator("tbody tr");
  expect(await cycleRows.count()).toBe(2);
  expect(await text(cycleRows.nth(0))).toMatch(new RegExp(`1\\. ${CYCLE_1}.*Night-round falls bundle.*Done.*2 Nov 2026 to 13 Nov 2026.*Adapt`));
  expect(await text(cycleRows.nth(1))).toMatch(new RegExp(`2\\. ${CYCLE_2}.*Night-round falls bundle.*Planned.*16 Nov 2026`));

  const milestoneRow = lead.getByRole("table", { name: "Milestones" }).locator("tbody tr", { hasText: MILESTONE });
  expect(await text(milestoneRow)).toContain("1 Dec 2026");
  expect(await text(milestoneRow)).toContain("15 Dec 2026 (slipped 14 days)");

  expect(await text(lead.locator("p", { hasText: "Latest status report" }))).toBe("Latest status report Amber on 26 Nov 2026");
  const ask = lead.getByRole("listitem").filter({ hasText: ASK, has: lead.locator(".nhsuk-tag") });
  expect(await text(ask)).toContain("Open");
  expect(await text(ask)).toContain("to the programme board");

  const score = lead.locator("p", { hasText: "Two PDSA cycles of the night-round bundle" });
  expect(await text(score)).toContain("2.5 Changes tested, but no improvement");
  expect(await text(score)).toContain("by Lee Lead");
  expect(await lead.locator("svg[role=img] title", { hasText: "IHI progress score over time" }).count()).toBe(1);

  // 11. And the database agrees.
  const state = projectState(projectId);
  expect(state.project).toMatchObject({ stage: "approved", aimBaseline: 8, aimTarget: 4, aimTargetDate: "2027-09-30" });
  expect(state.team).toEqual(
    expect.arrayContaining([
      { email: "lead@example.org", role: "project_lead" },
      { email: "staff@example.org", role: "member" },
    ]),
  );
  expect(state.team.map((m) => m.role)).toEqual(expect.arrayContaining(["executive_lead", "operational_lead", "clinical_lead"]));
  expect(state.cycles.map((c) => [c.number, c.title, c.actDecision])).toEqual([
    [1, CYCLE_1, "adapt"],
    [2, CYCLE_2, null],
  ]);
  expect(state.cycles[1].previousCycleId).toBe(state.cycles[0].id);
  expect(state.cycles[1].changeIdeaId).toBe(state.cycles[0].changeIdeaId);
  expect(state.slips).toEqual([{ kind: "forecast", fromDate: "2026-12-01", toDate: "2026-12-15", reason: SLIP_REASON }]);
  expect(state.reports.map((r) => r.rag)).toEqual(["amber"]);
  expect(state.asks).toEqual([expect.objectContaining({ what: ASK, addressee: "board", state: "open", statusReportId: state.reports[0].id })]);
  expect(state.scores.map((s) => s.score)).toEqual([1, 2.5]);

  expect(leadErrors).toEqual([]);
  expect(boardErrors).toEqual([]);
  expect(adminErrors).toEqual([]);
}, 180_000);
