// The board's forms, proposals, wins and the SPC calculator, in Chromium with JavaScript on: a
// valid submission is saved and shown; an invalid one shows the server's message; where the form
// has the patient-data guard, text that trips it is warned about, the box is ticked, and it saves.
// Each page is hydrated before it is used, and a plain (non-JavaScript) form post fails the test.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { openDatabase } from "../../db/client";
import { suggestWins } from "~/domain/win-suggestions";
import { getWinEvidence } from "~/models/win.server";
import { E2E_TODAY, launchBrowser, signIn, startApp, type RunningApp } from "./support";
import { choosePerson } from "./people";
import { hydrated, open, watchPage, type PageWatch } from "./js-on";
import { fillDate } from "./form-helpers";
import { makeReadyToClose } from "./meeting-helpers";

let app: RunningApp;
let browser: Browser;
let board: { context: BrowserContext; page: Page; watch: PageWatch };
let lead: { context: BrowserContext; page: Page; watch: PageWatch };

async function signedIn(email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const watch = watchPage(page);
  await signIn(page, app, email);
  await hydrated(page);
  return { context, page, watch };
}

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  board = await signedIn("board@example.org");
  lead = await signedIn("lead@example.org");
});
afterAll(async () => {
  for (const { watch } of [board, lead]) {
    expect(watch.errors).toEqual([]);
    expect(watch.documentPosts, "form posts sent without JavaScript").toEqual([]);
  }
  await browser?.close();
  await app?.stop();
});

function query<T>(sql: string, ...args: unknown[]): T | undefined {
  const db = new Database(app.databaseFile, { readonly: true });
  try {
    return db.prepare(sql).get(...args) as T | undefined;
  } finally {
    db.close();
  }
}
const count = (sql: string, ...args: unknown[]) => query<{ n: number }>(sql, ...args)!.n;

/** Text that looks like a date of birth beside a name: the patient-data guard warns about it. */
const PATIENT_LIKE = "Jane Smith 03/04/1950";
const WARNING = "This looks like patient-identifiable data (a date of birth beside a name)";
const CONFIRM = "I have checked: this text does not identify a patient";

const problem = (scope: Page | Locator, message: string) => scope.locator(".nhsuk-error-summary", { hasText: message }).first().waitFor();

/** Submits, expects the guard's warning and tick box, ticks it and submits again. */
async function tripTickAndSave(scope: Page | Locator, submit: () => Promise<void>) {
  await submit();
  await problem(scope, WARNING);
  await scope.getByLabel(CONFIRM).check();
  await submit();
}

describe("proposals and decisions", () => {
  it("a proposal with patient-looking text is saved once ticked; the board declines it after a missing reason and the guard", async () => {
    const title = "Discharge letters that reach the GP the same day";
    const { page } = lead;
    await open(page, `${app.url}/projects/new`);
    await page.getByLabel("Project title").fill(title);
    await page.getByLabel("What is the problem?").fill(`Letters arrive days late, as for ${PATIENT_LIKE} last winter.`);
    await page.getByLabel("What is your idea?").fill("Send the letter from the ward before the patient leaves.");
    await tripTickAndSave(page, () => page.getByRole("button", { name: "Send proposal" }).click());
    await page.waitForURL(/\/projects\/\d+$/);
    const projectId = Number(new URL(page.url()).pathname.split("/").pop());
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(query("select stage, problem from projects where id = ?", projectId)).toEqual({
      stage: "proposed",
      problem: `Letters arrive days late, as for ${PATIENT_LIKE} last winter.`,
    });

    const b = board.page;
    await open(b, `${app.url}/projects/${projectId}/decision`);
    const decline = b.locator("section", { has: b.getByRole("heading", { name: "Decline the proposal" }) });
    await decline.getByRole("button", { name: "Decline" }).click();
    await problem(decline, "Enter the reason for declining the proposal");
    await decline.getByLabel("Reason").fill(`Already covered by the discharge project; ${PATIENT_LIKE} was a one-off.`);
    await tripTickAndSave(decline, () => decline.getByRole("button", { name: "Decline" }).click());
    await b.waitForURL(`${app.url}/projects/${projectId}`);
    await b.locator(".nhsuk-tag", { hasText: "Declined" }).first().waitFor();
    expect(query<{ stage: string }>("select stage from projects where id = ?", projectId)?.stage).toBe("declined");
  });

  it("the board starts an approved project, moves an active one to sustaining, and stops one after a missing reason", async () => {
    const b = board.page;
    const approved = query<{ id: number }>("select id from projects where stage = 'approved' order by id")!.id;
    await open(b, `${app.url}/projects/${approved}/decision`);
    await b.getByRole("button", { name: "Start the project" }).click();
    await b.waitForURL(`${app.url}/projects/${approved}`);
    await b.locator(".nhsuk-tag", { hasText: "Active" }).first().waitFor();
    expect(query<{ stage: string }>("select stage from projects where id = ?", approved)?.stage).toBe("active");

    await open(b, `${app.url}/projects/${approved}/decision`);
    await b.getByRole("button", { name: "Move to sustaining" }).click();
    await b.waitForURL(`${app.url}/projects/${approved}`);
    await b.locator(".nhsuk-tag", { hasText: "Sustaining" }).first().waitFor();
    expect(query<{ stage: string }>("select stage from projects where id = ?", approved)?.stage).toBe("sustaining");

    const active = query<{ id: number }>("select id from projects where stage = 'active' order by id")!.id;
    await open(b, `${app.url}/projects/${active}/decision`);
    await b.getByRole("button", { name: "Stop the project" }).click();
    await problem(b, "Enter the reason for stopping the project");
    expect(query<{ stage: string }>("select stage from projects where id = ?", active)?.stage).toBe("active");
    await b.getByLabel("Reason for stopping").fill("The ward is closing; the theatre team takes the checklist on.");
    await b.getByRole("button", { name: "Stop the project" }).click();
    await b.waitForURL(`${app.url}/projects/${active}`);
    await b.locator(".nhsuk-tag", { hasText: "Stopped" }).first().waitFor();
    expect(query("select stage, stage_reason from projects where id = ?", active)).toEqual({
      stage: "stopped",
      stage_reason: "The ward is closing; the theatre team takes the checklist on.",
    });
  });
});

describe("the board's view and asks", () => {
  it("records the board's view of a project: a missing rating is refused, patient-looking text is saved once ticked", async () => {
    const b = board.page;
    const projectId = query<{ id: number }>("select id from projects where stage = 'active' order by id desc")!.id;
    await open(b, `${app.url}/board/assess/${projectId}`);
    await b.getByRole("button", { name: "Save the board's view" }).click();
    await problem(b, "Choose the board's RAG rating");
    await b.getByLabel("Amber").check();
    await b.getByLabel("Reason", { exact: true }).fill(`Audit shows gaps; the team cited ${PATIENT_LIKE}.`);
    await tripTickAndSave(b, () => b.getByRole("button", { name: "Save the board's view" }).click());
    await b.waitForURL((u) => u.pathname === "/board");
    expect(query("select rag, reason from board_assessments where project_id = ? order by id desc", projectId)).toEqual({
      rag: "amber",
      reason: `Audit shows gaps; the team cited ${PATIENT_LIKE}.`,
    });
  });

  it("answers an ask: a missing answer is refused, patient-looking text is saved once ticked", async () => {
    const b = board.page;
    const ask = query<{ id: number; what: string }>("select id, what from asks where state = 'open' and addressee = 'board' order by id")!;
    await open(b, `${app.url}/asks?to=board`);
    const article = b.locator("article", { hasText: ask.what });
    await article.getByText("Answer this ask").click();
    await article.getByRole("button", { name: "Save answer" }).click();
    await problem(article, "Choose your answer");
    await problem(article, "Enter your response: what will be done, what was done, or why not");
    await article.getByLabel("Accept", { exact: true }).check();
    const response = `Accepted. The case raised (${PATIENT_LIKE}) goes to the safety team.`;
    await article.getByLabel("Response", { exact: true }).fill(response);
    await tripTickAndSave(article, () => article.getByRole("button", { name: "Save answer" }).click());
    await b
      .getByRole("status")
      .getByText(/^You accepted the ask/)
      .waitFor();
    expect(query("select state, response from asks where id = ?", ask.id)).toEqual({ state: "accepted", response });
    await article.locator(".nhsuk-tag", { hasText: "Accepted" }).waitFor();
  });
});

describe("board meetings", () => {
  it("plans a meeting whose attendees look like patient data, saved once ticked", async () => {
    const b = board.page;
    await open(b, `${app.url}/meetings/new`);
    await fillDate(b, "Date of the meeting", "2027-01-14");
    await b.getByLabel("Attendees").fill(`Catherine Moore; ${PATIENT_LIKE}`);
    await tripTickAndSave(b, () => b.getByRole("button", { name: "Save the meeting" }).click());
    await b.waitForURL(/\/meetings\/\d+\?saved=created/);
    const meetingId = Number(new URL(b.url()).pathname.split("/").pop());
    expect(query<{ attendees: string }>("select attendees from meetings where id = ?", meetingId)?.attendees).toContain(PATIENT_LIKE);
  });

  it("every form of a planned meeting: details, agenda (add, move, remove), view and decision, programme action, mark done, close", async () => {
    const b = board.page;
    await open(b, `${app.url}/meetings/new`);
    await fillDate(b, "Date of the meeting", "2027-02-11");
    await b.getByRole("button", { name: "Save the meeting" }).click();
    await b.waitForURL(/\/meetings\/\d+\?saved=created/);
    const meetingId = Number(new URL(b.url()).pathname.split("/").pop());
    await hydrated(b);
    const saved = (message: string) => b.getByRole("status").getByText(message).waitFor();

    // Details.
    const details = b.locator("section[aria-labelledby=details-title]");
    await details.getByText("Change the title, date or attendees").click();
    await details.getByLabel("Title").fill("");
    await details.getByRole("button", { name: "Save the details" }).click();
    await problem(details, "Enter the meeting's title");
    await details.getByLabel("Title").fill("February programme board");
    await details.getByLabel("Attendees").fill(`Helen Whitfield\n${PATIENT_LIKE}`);
    await tripTickAndSave(details, () => details.getByRole("button", { name: "Save the details" }).click());
    await saved("The meeting's details are saved.");
    expect(query("select title, attendees from meetings where id = ?", meetingId)).toEqual({
      title: "February programme board",
      attendees: expect.stringContaining(PATIENT_LIKE),
    });
    await b.getByRole("heading", { level: 1, name: "February programme board" }).waitFor();

    // Agenda: add a project, move it up, remove it.
    const agenda = () =>
      new Database(app.databaseFile, { readonly: true })
        .prepare("select p.title from meeting_items i join projects p on p.id = i.project_id where i.meeting_id = ? order by i.position")
        .all(meetingId)
        .map((r) => (r as { title: string }).title);
    const before = agenda();
    expect(before.length).toBeGreaterThan(1);
    const addSelect = b.getByRole("combobox", { name: "Add a project to the agenda" });
    await b.getByRole("button", { name: "Add to the agenda" }).click();
    await problem(b, "Choose a project to add to the agenda");
    const added = (await addSelect.locator("option:not([value=''])").first().textContent())!;
    await addSelect.selectOption({ label: added });
    await b.getByRole("button", { name: "Add to the agenda" }).click();
    await saved("The agenda is updated.");
    expect(agenda()).toEqual([...before, added]);
    await b.locator("button", { hasText: `Move up: ${added}` }).click();
    await expect.poll(agenda).toEqual([...before.slice(0, -1), added, before.at(-1)]);
    await b.locator("button", { hasText: `Move down: ${added}` }).waitFor();
    await b.locator("button", { hasText: `Remove from the agenda: ${added}` }).click();
    await expect.poll(agenda).toEqual(before);
    await expect.poll(() => b.locator("button", { hasText: `Remove from the agenda: ${added}` }).count()).toBe(0);

    // The board's view and decision on the first item.
    const item = b.locator(".app-meeting-item").first();
    const projectTitle = (await item.locator("h3 a").textContent())!;
    await item.getByText("Record the board's view and decision").click();
    await item.getByLabel("Green").check();
    await item.getByRole("button", { name: /Save the view and decision/ }).click();
    await problem(item, "Give the reason for the board's rating");
    await problem(item, "Choose the board's decision");
    await item.getByLabel("Reason for the rating").fill("Data on target for six months.");
    await item.getByLabel("Decision", { exact: true }).selectOption({ label: "Continue" });
    await item.getByLabel("Notes of the discussion").fill(`The team's example: ${PATIENT_LIKE}.`);
    await tripTickAndSave(item, () => item.getByRole("button", { name: /Save the view and decision/ }).click());
    await saved("The board's view and decision are saved.");
    expect(
      query(
        "select i.decision, i.notes from meeting_items i join projects p on p.id = i.project_id where i.meeting_id = ? and p.title = ?",
        meetingId,
        projectTitle,
      ),
    ).toEqual({ decision: "continue", notes: `The team's example: ${PATIENT_LIKE}.` });
    expect(count("select count(*) as n from board_assessments where meeting_id = ? and rag = 'green'", meetingId)).toBe(1);

    // A programme-wide action, then marked done.
    const programmeActions = b.locator("section[aria-labelledby=programme-actions]");
    await programmeActions.getByText("Add a programme-wide action").click();
    const actionForm = b.getByRole("form", { name: "New programme action" });
    await actionForm.getByRole("button", { name: "Add the action" }).click();
    await problem(actionForm, "Enter the action");
    await problem(actionForm, "Choose who owns the action");
    const text = `Write to the family of ${PATIENT_LIKE} about the review.`;
    await actionForm.getByLabel("Action", { exact: true }).fill(text);
    await choosePerson(actionForm, "Owner", "Helen Whitfield");
    await fillDate(actionForm, "Due date", "2027-03-11");
    await tripTickAndSave(actionForm, () => actionForm.getByRole("button", { name: "Add the action" }).click());
    await saved("Action added.");
    expect(query("select project_id, due_on, completed_on from meeting_actions where meeting_id = ? and text = ?", meetingId, text)).toEqual({
      project_id: null,
      due_on: "2027-03-11",
      completed_on: null,
    });
    await programmeActions.locator("button", { hasText: `Mark done: ${text}` }).click();
    await saved("Action marked done.");
    expect(query<{ completed_on: string }>("select completed_on from meeting_actions where text = ?", text)?.completed_on).toBe(E2E_TODAY);

    // Close: the meeting must have happened and every item be decided or deferred; the tick is required.
    await makeReadyToClose(b, E2E_TODAY);
    await b.getByRole("button", { name: "Close the meeting" }).click();
    await problem(b, "Confirm that the board has finished this meeting");
    expect(query<{ state: string }>("select state from meetings where id = ?", meetingId)?.state).toBe("planned");
    await b.getByLabel("The board has finished this meeting").check();
    await b.getByRole("button", { name: "Close the meeting" }).click();
    await saved("The meeting is closed.");
    expect(query<{ state: string }>("select state from meetings where id = ?", meetingId)?.state).toBe("closed");
  });
});

describe("wins", () => {
  function projectWithSuggestion() {
    const db = openDatabase(app.databaseFile);
    try {
      const ids = db.$client.prepare("select id from projects order by id").all() as { id: number }[];
      for (const { id } of ids) {
        const evidence = getWinEvidence(db, id, E2E_TODAY);
        const [suggestion] = evidence ? suggestWins(evidence) : [];
        if (suggestion) return { projectId: id, suggestion };
      }
      throw new Error("no demo project has a suggested win");
    } finally {
      db.$client.close();
    }
  }

  it("records a win by hand (a missing title is refused, patient-looking text is saved once ticked) and it shows on the Wins page", async () => {
    const b = board.page;
    const projectId = query<{ id: number }>("select id from projects where stage = 'active' order by id")!.id;
    await open(b, `${app.url}/projects/${projectId}/wins`);
    await b.getByText("Record another win").click();
    const record = b.locator("form#win-record");
    await record.getByRole("button", { name: "Record the win" }).click();
    await problem(b, "Enter a title for the win");
    const title = "Patients thank the night team";
    await record.getByLabel("Title").fill(title);
    await record.getByLabel("What was achieved, and how you know").fill(`A card from ${PATIENT_LIKE}'s daughter.`);
    await tripTickAndSave(b, () => record.getByRole("button", { name: "Record the win" }).click());
    await b.waitForURL(/\?saved=recorded$/);
    await b.getByText("Win recorded.").waitFor();
    expect(query("select project_id, description, evidence_kind from wins where title = ?", title)).toMatchObject({
      project_id: projectId,
      description: `A card from ${PATIENT_LIKE}'s daughter.`,
    });
    await open(b, `${app.url}/wins`);
    await b.locator(".app-win__title", { hasText: title }).waitFor();
  });

  it("confirms a suggested win whose description looks like patient data, saved once ticked", async () => {
    const { projectId, suggestion } = projectWithSuggestion();
    const b = board.page;
    await open(b, `${app.url}/projects/${projectId}/wins`);
    const card = b.locator(".app-win-suggestion").filter({ hasText: suggestion.title }).first();
    const description = `Thanks to the ward, as ${PATIENT_LIKE} wrote in.`;
    await card.getByLabel("What was achieved").fill(description);
    await tripTickAndSave(card, () => card.getByRole("button", { name: /Confirm this win/ }).click());
    await b.waitForURL(/\?saved=recorded$/);
    expect(query("select project_id, title, description from wins where evidence_ref = ?", suggestion.evidenceRef)).toEqual({
      project_id: projectId,
      title: suggestion.title,
      description,
    });
  });

  it("dismisses a suggested win, which is not suggested again", async () => {
    const { projectId, suggestion } = projectWithSuggestion();
    const b = board.page;
    await open(b, `${app.url}/projects/${projectId}/wins`);
    const card = () => b.locator(".app-win-suggestion").filter({ hasText: suggestion.title });
    await card()
      .first()
      .getByRole("button", { name: /Not a win: dismiss/ })
      .click();
    await b.waitForURL(/\?saved=dismissed$/);
    await b.getByText("Suggestion dismissed. It will not be suggested again.").waitFor();
    expect(count("select count(*) as n from audit_events where action = 'win.dismissed' and project_id = ?", projectId)).toBe(1);
    await open(b, `${app.url}/projects/${projectId}/wins`);
    expect(await card().count()).toBe(0);
  });
});

describe("SPC calculator", () => {
  it("analyses a pasted series, and shows the server's message for a target that is not a number", async () => {
    const { page } = lead;
    await open(page, `${app.url}/spc?example=1`);
    await page.getByLabel("Target (optional)").fill("eight");
    await page.getByRole("button", { name: "Analyse" }).click();
    await problem(page, "Enter the target as a number, like 8 or 92.5");
    expect(await page.locator("main figure.app-spc-chart").count()).toBe(0);
    await page.getByLabel("Target (optional)").fill("8");
    await page.getByRole("button", { name: "Analyse" }).click();
    await page.locator("main figure.app-spc-chart").first().waitFor();
    expect(lead.watch.fetchPosts).toContain("/spc.data");
  });
});
