// The people picker in Chromium with JavaScript on: a colleague is found by typing part of their
// name and chosen with the keyboard, the form posts the chosen person (through Remix, not a page
// load), errors show on the text box, and the pages log no console error.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, startApp, type RunningApp } from "./support";
import { open, watchPage, type PageWatch } from "./js-on";
import { dbRow, errorSummary, signedInPage } from "./form-helpers";
import { choosePerson, personBox } from "./people";

let app: RunningApp;
let browser: Browser;
let admin: Page;
let lead: Page;
let adminWatch: PageWatch;
let leadWatch: PageWatch;
let projectId: number;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  projectId = dbRow<{ id: number }>(
    app,
    `select p.id from projects p join project_team t on t.project_id = p.id and t.ended_at is null and t.role = 'project_lead'
       join users u on u.id = t.user_id and u.email = 'lead@example.org' where p.stage = 'active' order by p.id`,
  )!.id;
  ({ page: admin } = await signedInPage(browser, app, "admin@example.org"));
  ({ page: lead } = await signedInPage(browser, app, "lead@example.org"));
  adminWatch = watchPage(admin);
  leadWatch = watchPage(lead);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const userId = (email: string) => dbRow<{ id: number }>(app, "select id from users where email = ?", email)!.id;
const onTeam = (email: string) =>
  dbRow(
    app,
    "select 1 from project_team t join users u on u.id = t.user_id where t.project_id = ? and u.email = ? and t.ended_at is null and t.role = 'member'",
    projectId,
    email,
  ) !== undefined;

it("team page: an empty choice is refused on the text box; a colleague found by part of their name joins the team", async () => {
  await open(admin, `${app.url}/projects/${projectId}/team`);
  const box = personBox(admin, "Add a team member");
  await box.waitFor();
  // The select is still in the form, hidden, under the same name.
  expect(await admin.locator("select[name='userId']#person-member-select").isHidden()).toBe(true);

  await admin.getByRole("button", { name: "Add to the team" }).click();
  expect(await errorSummary(admin)).toEqual(["Choose a person from the list"]);
  expect(await box.getAttribute("aria-invalid")).toBe("true");
  expect((await box.getAttribute("aria-describedby"))?.split(" ")).toContain("person-member-error");
  await admin.locator(".nhsuk-error-summary").getByRole("link", { name: "Choose a person from the list" }).click();
  await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);

  expect(onTeam("karen.holt@riverside.example.nhs.uk")).toBe(false);
  await choosePerson(admin, "Add a team member", "Karen Holt", "holt");
  expect(await admin.locator("#person-member-select").inputValue()).toBe(String(userId("karen.holt@riverside.example.nhs.uk")));
  await admin.getByRole("button", { name: "Add to the team" }).click();
  await admin.getByRole("status").getByText("Karen Holt has joined the team.").waitFor();
  await admin.locator("main li", { hasText: "Karen Holt" }).first().waitFor();
  expect(onTeam("karen.holt@riverside.example.nhs.uk")).toBe(true);
  expect(adminWatch.documentPosts).toEqual([]);
  expect(adminWatch.fetchPosts.length).toBeGreaterThan(0);
  expect(adminWatch.errors).toEqual([]);
});

it("milestone page: the owner becomes a person chosen with the keyboard, and the page shows their name", async () => {
  const milestone = dbRow<{ id: number }>(
    app,
    "select id from milestones where project_id = ? and deleted_at is null and completed_on is null order by id",
    projectId,
  )!;
  await open(lead, `${app.url}/projects/${projectId}/milestones/${milestone.id}`);
  // Free text is only for someone not in Stepping Up: it is emptied when a person is chosen instead.
  const fallback = lead.getByLabel("Name of an owner not in Stepping Up (optional)");
  if (await fallback.isVisible()) await fallback.fill("");
  await choosePerson(lead, "Owner (optional)", "Helen Whitfield", "whitf");
  await lead.getByRole("button", { name: "Save milestone" }).click();
  await lead.waitForURL(/\?saved=1$/);
  await lead.getByRole("status").getByText("Milestone saved.").waitFor();
  expect(dbRow(app, "select owner, owner_user_id as ownerUserId from milestones where id = ?", milestone.id)).toEqual({
    owner: "",
    ownerUserId: dbRow<{ id: number }>(app, "select id from users where name = 'Helen Whitfield'")!.id,
  });
  const ownerRow = lead.locator(".nhsuk-summary-list__row", { hasText: "Owner" }).first();
  expect((await ownerRow.locator("dd").first().innerText()).trim()).toBe("Helen Whitfield");
  // The form starts from the saved owner.
  expect(await personBox(lead, "Owner (optional)").inputValue()).toMatch(/^Helen Whitfield/);
  expect(leadWatch.documentPosts).toEqual([]);
  expect(leadWatch.errors).toEqual([]);
});

it("the asks page and the decision page load the picker without a console error", async () => {
  await open(lead, `${app.url}/projects/${projectId}/asks`);
  await personBox(lead, "Named person").waitFor();
  expect(leadWatch.errors).toEqual([]);
});
