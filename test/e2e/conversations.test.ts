// Big Conversations in Chromium with JavaScript on: every form of the journey goes through Remix's fetch
// (the strict schemas are checked in the browser first, so a field missing from one would silently stop
// the form): log an event, edit it, record themes, correct and remove one, adopt a priority from themes,
// edit it, move a theme into it, plan an action with its owner and due date, mark it done, and read it on
// "You said, we did"; a second event is removed after its confirmation.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { launchBrowser, startApp, type RunningApp } from "./support";
import { open, watchPage } from "./js-on";
import { dbRow, dbRows, expectNoMissingValues, fillDate, signedInPage } from "./form-helpers";
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

const nameOf = (email: string) => dbRow<{ name: string }>(app, "select name from users where email = ?", email)!.name;
const formWith = (page: Page, button: string): Locator => page.locator("form", { has: page.getByRole("button", { name: button, exact: true }) });

async function logEvent(page: Page, site: string, facilitator: string) {
  await open(page, `${app.url}/conversations`);
  const form = formWith(page, "Log the event");
  await fillDate(form, "Date of the event", "2026-11-19");
  await form.getByLabel("Site", { exact: true }).fill(site);
  await form.getByLabel("Staff group", { exact: true }).fill("Theatre nurses");
  await choosePerson(form, "Facilitator", facilitator);
  await form.getByLabel("Attendance", { exact: true }).fill("23");
  await form.getByLabel("Notes (optional)").fill("Lunchtime session in the theatre coffee room");
  await form.getByRole("button", { name: "Log the event" }).click();
  await page.waitForURL(/\/conversations\/\d+\?done=logged/);
  return Number(/\/conversations\/(\d+)/.exec(page.url())![1]);
}

async function recordTheme(page: Page, text: string, mentions: string) {
  const form = formWith(page, "Record the theme");
  await form.getByLabel("Theme", { exact: true }).fill(text);
  await form.getByLabel("Mentions (optional)").fill(mentions);
  await form.getByRole("button", { name: "Record the theme" }).click();
  await page.getByRole("cell", { name: text, exact: true }).waitFor();
}

it("event → themes → priority → action with owner and due date → done → You said, we did, every form with JavaScript on", async () => {
  const { page } = await signedInPage(browser, app, "board@example.org");
  const watch = watchPage(page);
  const staff = nameOf("staff@example.org");
  const lead = nameOf("lead@example.org");
  const admin = nameOf("admin@example.org");

  // Log the event, then correct its attendance.
  const eventId = await logEvent(page, "Basildon theatres", staff);
  expect(dbRow(app, "select site, attendance, held_on as heldOn from conversation_events where id = ?", eventId)).toEqual({
    site: "Basildon theatres",
    attendance: 23,
    heldOn: "2026-11-19",
  });
  await page.getByText("Edit this event").click();
  const editEvent = formWith(page, "Save the event");
  await editEvent.getByLabel("Attendance", { exact: true }).fill("25");
  await editEvent.getByRole("button", { name: "Save the event" }).click();
  await page.waitForURL(/done=saved/);
  await page.getByText("Saved.").waitFor();
  expect(dbRow(app, "select attendance, version from conversation_events where id = ?", eventId)).toEqual({ attendance: 25, version: 2 });

  // Themes: three recorded, one corrected, one removed after its confirmation.
  await recordTheme(page, "Theatre lists change on the day", "9");
  await recordTheme(page, "Nobody tells us when kit is recalled", "4");
  await recordTheme(page, "Duplicate of lists", "");
  await page.getByRole("link", { name: "Edit the theme: Nobody tells us when kit is recalled" }).click();
  await page.getByRole("heading", { level: 1, name: "Edit a theme" }).waitFor();
  await page.getByLabel("Theme", { exact: true }).fill("Nobody tells us when equipment is recalled");
  await page.getByRole("button", { name: "Save the theme" }).click();
  await page.waitForURL(/done=theme-saved/);
  await page.getByRole("cell", { name: "Nobody tells us when equipment is recalled", exact: true }).waitFor();
  await page.getByRole("link", { name: "Edit the theme: Duplicate of lists" }).click();
  await page.getByRole("link", { name: /^Remove this theme/ }).click();
  await page.getByRole("heading", { name: 'Remove "Duplicate of lists"?' }).waitFor();
  await page.getByRole("button", { name: "Yes, remove this theme" }).click();
  await page.waitForURL(/done=theme-removed/);
  await page.getByText("Theme removed.").waitFor();
  expect(await page.getByRole("cell", { name: "Duplicate of lists", exact: true }).count()).toBe(0);
  const themes = dbRows<{ text: string; gone: number }>(
    app,
    "select text, deleted_at is not null as gone from conversation_themes where event_id = ? order by id",
    eventId,
  );
  expect(themes).toEqual([
    { text: "Theatre lists change on the day", gone: 0 },
    { text: "Nobody tells us when equipment is recalled", gone: 0 },
    { text: "Duplicate of lists", gone: 1 },
  ]);

  // Adopt a priority from the first theme, then change its assurance.
  await open(page, `${app.url}/conversations/priorities`);
  const adopt = formWith(page, "Adopt the priority");
  await adopt.getByLabel("Title", { exact: true }).fill("Stable theatre lists");
  await choosePerson(adopt, "Executive owner", admin);
  await adopt.getByLabel("Assurance level").selectOption("consistent_fail");
  await adopt.getByRole("checkbox", { name: "Theatre lists change on the day" }).check();
  await adopt.getByRole("button", { name: "Adopt the priority" }).click();
  await page.waitForURL(/done=created/);
  const priorityId = dbRow<{ id: number }>(app, "select id from conversation_priorities where title = 'Stable theatre lists'")!.id;
  const section = page.locator(`#priority-${priorityId}`);
  await section.locator(".nhsuk-tag", { hasText: "Not assured: consistently failing" }).waitFor();
  await section.getByText("Edit this priority").click();
  const editPriority = section.locator("form", { has: page.getByRole("button", { name: "Save the priority" }) });
  await editPriority.getByLabel("Assurance level").selectOption("inconsistent");
  await editPriority.getByRole("button", { name: "Save the priority" }).click();
  await page.waitForURL(/done=saved/);
  await page.locator(`#priority-${priorityId} .nhsuk-tag`, { hasText: "Partly assured: hit and miss" }).waitFor();

  // The board moves the second theme into the priority from the theme's own page.
  await open(page, `${app.url}/conversations/${eventId}`);
  await page.getByRole("link", { name: "Edit the theme: Nobody tells us when equipment is recalled" }).click();
  await page.getByLabel("Priority", { exact: true }).selectOption(String(priorityId));
  await page.getByRole("button", { name: "Save the theme" }).click();
  await page.waitForURL(/done=theme-saved/);
  await page.getByRole("link", { name: "Stable theatre lists" }).nth(1).waitFor();
  expect(dbRows<{ n: number }>(app, "select count(*) as n from conversation_themes where priority_id = ? and deleted_at is null", priorityId)).toEqual([
    { n: 2 },
  ]);

  // Plan an action with an owner and a due date, and mark it done.
  await open(page, `${app.url}/conversations/priorities`);
  const plan = formWith(page, "Add the action");
  await plan.getByLabel("Priority", { exact: true }).selectOption(String(priorityId));
  await plan.getByLabel("Action", { exact: true }).fill("Lists fixed 48 hours ahead, changes agreed with the theatre coordinator");
  await choosePerson(plan, "Owner", lead);
  await fillDate(plan, "Due date", "2026-12-18");
  await plan.getByRole("button", { name: "Add the action" }).click();
  await page.waitForURL(/done=action/);
  const action = dbRow<{ id: number; owner: string; dueOn: string; meetingId: number | null }>(
    app,
    "select a.id, u.email as owner, a.due_on as dueOn, a.meeting_id as meetingId from meeting_actions a join users u on u.id = a.owner_user_id where a.priority_id = ?",
    priorityId,
  );
  expect(action).toMatchObject({ owner: "lead@example.org", dueOn: "2026-12-18", meetingId: null });
  await page.locator(`#priority-${priorityId}`).getByText("1 open, 0 overdue, 0 closed").waitFor();
  await page
    .locator(`#priority-${priorityId}`)
    .getByRole("button", { name: /^Mark done/ })
    .click();
  await page.waitForURL(/done=completed/);
  await page.locator(`#priority-${priorityId}`).getByText("0 open, 0 overdue, 1 closed").waitFor();

  // You said, we did: the done action against both themes that asked for it.
  await open(page, `${app.url}/conversations/you-said-we-did`);
  const item = page.locator("section", { has: page.getByRole("heading", { name: "Stable theatre lists" }) });
  await item.waitFor();
  const said = await item.locator("li").allInnerTexts();
  expect(said).toContain("Theatre lists change on the day");
  expect(said).toContain("Nobody tells us when equipment is recalled");
  expect(said.some((t) => t.startsWith("Lists fixed 48 hours ahead"))).toBe(true);
  expect(said).not.toContain("Duplicate of lists");
  await expectNoMissingValues(page);

  // A second event is removed after its confirmation.
  const otherId = await logEvent(page, "Orsett outpatients", staff);
  await page.getByRole("link", { name: "Remove this event" }).click();
  await page.getByRole("button", { name: "Yes, remove this event" }).click();
  await page.waitForURL(/\/conversations\?done=removed/);
  await page.getByText("The event was removed.").waitFor();
  expect(dbRow(app, "select deleted_at is not null as gone from conversation_events where id = ?", otherId)).toEqual({ gone: 1 });

  expect(watch.documentPosts).toEqual([]);
  expect(watch.fetchPosts.length).toBeGreaterThanOrEqual(12);
  expect(watch.errors).toEqual([]);
}, 240_000);
