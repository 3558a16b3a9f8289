// Forms that stay on the page after a save start again empty (with JavaScript on), so the next entry
// is not the last one again: re-sending the emptied form shows the form's message, not a duplicate.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser, signIn, startApp, type RunningApp } from "./support";
import { hydrated, open, watchPage, type PageWatch } from "./js-on";
import { dbRow, dbRows, fillDate } from "./form-helpers";
import { choosePerson, personBox } from "./people";

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  context = await browser.newContext();
  page = await context.newPage();
  watch = watchPage(page);
  await signIn(page, app, "admin@example.org");
  await hydrated(page);
});
afterAll(async () => {
  expect(watch?.errors).toEqual([]);
  expect(watch?.documentPosts, "form posts sent without JavaScript").toEqual([]);
  await browser?.close();
  await app?.stop();
});

describe("forms reset after a successful save", () => {
  it("the team page: the person chosen is cleared, and sending again asks for a person", async () => {
    const project = dbRow<{ id: number }>(app, "select id from projects where stage = 'active' order by id")!;
    await open(page, `${app.url}/projects/${project.id}/team`);
    const person = dbRow<{ name: string }>(
      app,
      `select name from users where disabled_at is null and id not in
         (select user_id from project_team where project_id = ? and ended_at is null) order by name`,
      project.id,
    );
    expect(person, "someone not yet on the team").toBeDefined();
    await choosePerson(page, "Add a team member", person!.name);
    await page.getByRole("button", { name: "Add to the team" }).click();
    await page.getByText("has joined the team.").waitFor();
    await expect.poll(() => personBox(page, "Add a team member").inputValue()).toBe("");
    expect(
      await page
        .locator("form", { has: page.getByRole("button", { name: "Add to the team" }) })
        .locator("select[name=userId]")
        .inputValue(),
    ).toBe("");

    const members = () => dbRows(app, "select id from project_team where project_id = ? and ended_at is null", project.id).length;
    const before = members();
    await page.getByRole("button", { name: "Add to the team" }).click();
    await page.locator(".nhsuk-error-summary", { hasText: "Choose a person from the list" }).waitFor();
    expect(members()).toBe(before);
  });

  it("the meeting's 'Add an action': the fields are emptied, and sending again shows what is missing", async () => {
    const meeting = dbRow<{ id: number }>(app, "select id from meetings where state = 'planned' order by id")!;
    await open(page, `${app.url}/meetings/${meeting.id}`);
    const section = page.locator("section[aria-labelledby=programme-actions]");
    await section.getByText("Add a programme-wide action").click();
    const form = page.getByRole("form", { name: "New programme action" });
    const text = "Circulate the updated board view to the divisions.";
    await form.getByLabel("Action", { exact: true }).fill(text);
    await choosePerson(form, "Owner", "Helen Whitfield");
    await fillDate(form, "Due date", "2027-03-11");
    await form.getByRole("button", { name: "Add the action" }).click();
    await page.getByRole("status").getByText("Action added.").waitFor();
    const actions = () => dbRows(app, "select id from meeting_actions where meeting_id = ? and text = ?", meeting.id, text).length;
    expect(actions()).toBe(1);

    const again = page.getByRole("form", { name: "New programme action" });
    await expect.poll(() => again.getByLabel("Action", { exact: true }).inputValue()).toBe("");
    expect(await personBox(again, "Owner").inputValue()).toBe("");
    if (!(await again.isVisible())) await section.getByText("Add a programme-wide action").click();
    await again.getByRole("button", { name: "Add the action" }).click();
    await page.locator(".nhsuk-error-summary", { hasText: "Enter the action" }).first().waitFor();
    expect(actions()).toBe(1);
  });
});
