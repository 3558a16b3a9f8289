// A project lead slips a milestone and asks the board for help; the board answers;
// the team sees the answer on its project page ("you said, we did").
import { afterAll, beforeAll, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { openDatabase } from "../../db/client";
import { asks, projectTeam, users } from "../../db/schema";
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

function leadProjectId(): number {
  const db = openDatabase(app.databaseFile);
  try {
    const lead = db.select().from(users).where(eq(users.email, "lead@example.org")).get()!;
    return db
      .select({ projectId: projectTeam.projectId })
      .from(projectTeam)
      .where(and(eq(projectTeam.userId, lead.id), eq(projectTeam.role, "project_lead"), isNull(projectTeam.endedAt)))
      .get()!.projectId;
  } finally {
    db.$client.close();
  }
}

function askState(what: string) {
  const db = openDatabase(app.databaseFile);
  try {
    return db.select().from(asks).where(eq(asks.what, what)).get();
  } finally {
    db.$client.close();
  }
}

it("lead slips a milestone, reports amber with an ask; the board accepts and resolves it; the lead sees the answer", async () => {
  const projectId = leadProjectId();
  const title = "Sepsis screen on the paediatric e-form";
  const askText = "Ask the EPR team to build the paediatric screen before the winter freeze.";
  const resolution = "Done: the EPR team built it in the November release.";

  // The lead adds a milestone and slips it with a reason.
  const leadPage = await browser.newPage();
  const leadErrors = watchForPageErrors(leadPage);
  await signIn(leadPage, app, "lead@example.org");
  await leadPage.goto(`${app.url}/projects/${projectId}/milestones`);
  await leadPage.getByLabel("Milestone", { exact: true }).fill(title);
  await choosePerson(leadPage, "Owner (optional)", "Lee Lead");
  await fillDate(leadPage, "Baseline date", "2026-12-01");
  await leadPage.getByRole("button", { name: "Add milestone" }).click();
  await leadPage.getByText(`Milestone added: ${title}.`).waitFor();

  await leadPage.getByRole("link", { name: title }).click();
  await leadPage.getByRole("heading", { level: 2, name: title }).waitFor();
  await fillDate(leadPage, "Forecast date", "2026-12-15");
  await leadPage.getByRole("button", { name: "Save milestone" }).click();
  await leadPage.getByText("Give the reason the forecast is moving later than 1 Dec 2026").first().waitFor();
  await leadPage.getByLabel("Reason for moving the forecast").fill("The EPR team cannot start until December.");
  await leadPage.getByRole("button", { name: "Save milestone" }).click();
  await leadPage.getByText("Milestone saved.").waitFor();
  expect(await leadPage.getByRole("table").textContent()).toContain("The EPR team cannot start until December.");

  await leadPage.getByRole("link", { name: "All milestones" }).click();
  const row = leadPage.locator(".app-plan-strip__row", { hasText: title });
  expect(await row.locator(".app-plan-strip__status").textContent()).toBe("14 days late");
  expect(await leadPage.locator(".app-plan-strip__caption").textContent()).toContain("1 slipped");

  // An amber report with an ask of the board.
  await leadPage.getByRole("link", { name: "Status reports" }).click();
  await leadPage.getByRole("link", { name: "Write a status report" }).click();
  await leadPage.getByLabel("Amber", { exact: true }).check();
  await leadPage.getByRole("button", { name: "Save status report" }).click();
  await leadPage.getByText("Give the reason for the amber rating").first().waitFor();
  await leadPage.getByLabel("Reason for the rating").fill("The paediatric e-form milestone has slipped two weeks.");
  await leadPage.getByLabel("Progress since the last report").fill("Adult screen live; paediatric screen designed.");
  await leadPage.getByLabel("Next steps").fill("Test the paediatric screen on Puffin Ward.");
  await leadPage.getByRole("button", { name: "Add an ask" }).click();
  await leadPage.getByLabel("What do you need?").fill(askText);
  expect(await leadPage.getByLabel("The programme board").isChecked()).toBe(true);
  await leadPage.getByRole("button", { name: "Save status report" }).click();
  await leadPage.getByText("Status report saved, with 1 ask for the board to answer.").waitFor();
  expect(await leadPage.locator("article").textContent()).toContain(askText);
  expect(askState(askText)).toMatchObject({ state: "open", addressee: "board" });

  // The board accepts, then resolves, at /asks.
  const boardPage = await browser.newPage();
  const boardErrors = watchForPageErrors(boardPage);
  await signIn(boardPage, app, "board@example.org");
  await boardPage.goto(`${app.url}/asks?to=board`);
  const ask = boardPage.locator("article", { hasText: askText });
  await ask.getByText("Answer this ask").click();
  await ask.getByLabel("Accept", { exact: true }).check();
  await ask.getByLabel("Response", { exact: true }).fill("Accepted: the Chief Clinical Information Officer will raise it this week.");
  await ask.getByRole("button", { name: "Save answer" }).click();
  await boardPage.getByText(`You accepted the ask "${askText}"`).waitFor();
  await expect.poll(() => askState(askText)?.state).toBe("accepted");
  await ask.locator(".nhsuk-tag", { hasText: "Accepted" }).waitFor();

  await ask.getByText("Answer this ask").click();
  await ask.getByLabel("Resolve", { exact: true }).check();
  await ask.getByLabel("Response", { exact: true }).fill(resolution);
  await ask.getByRole("button", { name: "Save answer" }).click();
  await boardPage.getByText(`You resolved the ask "${askText}"`).waitFor();
  await expect.poll(() => boardPage.locator("article", { hasText: askText }).count()).toBe(0);
  expect(askState(askText)).toMatchObject({ state: "resolved", response: resolution });

  // The lead sees the answer on the project page.
  await leadPage.goto(`${app.url}/projects/${projectId}`);
  // The overview's "Asks of the board" list (each ask has a state tag; the activity list does not).
  const answered = leadPage.getByRole("listitem").filter({ hasText: askText, has: leadPage.locator(".nhsuk-tag") });
  expect(await answered.textContent()).toContain(`Response: ${resolution}`);
  expect(await answered.locator(".nhsuk-tag").textContent()).toBe("Resolved");

  expect(leadErrors).toEqual([]);
  expect(boardErrors).toEqual([]);
  await leadPage.close();
  await boardPage.close();
});
