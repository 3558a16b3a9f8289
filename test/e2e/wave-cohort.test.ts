// A wave run from launch to Pass it On in Chromium with JavaScript on: the board sets the sponsor
// and a champion and logs the launch with its attendance, a team records its mission, a quick win
// and an outcome story, the board logs the Pass it On event, and the Pass it On booklet shows the
// team's summary and names the next wave's teams. Every form posts through Remix, with no console error.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, startApp, type RunningApp } from "./support";
import { open, watchPage, type PageWatch } from "./js-on";
import { dbRow, dbRows, fillDate, signedInPage } from "./form-helpers";
import { choosePerson } from "./people";

let app: RunningApp;
let browser: Browser;
let admin: Page;
let watch: PageWatch;
let wave: { id: number; startsOn: string; endsOn: string };
let project: { id: number; title: string };

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  wave = dbRow<typeof wave>(app, "select id, starts_on as startsOn, ends_on as endsOn from waves where number = 2")!;
  project = dbRow<typeof project>(app, "select id, title from projects where wave_id = ? order by id", wave.id)!;
  ({ page: admin } = await signedInPage(browser, app, "admin@example.org"));
  watch = watchPage(admin);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const notice = (page: Page, text: string) => page.getByRole("status").filter({ hasText: text }).waitFor();

async function logEvent(page: Page, kind: string, heldOn: string, title: string, attendance: string) {
  await page.getByRole("group", { name: "What kind of event" }).getByLabel(kind, { exact: true }).check();
  await fillDate(page, "Date of the event", heldOn);
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Attendance (optional)").fill(attendance);
  await page.getByRole("button", { name: "Log the event" }).click();
  await notice(page, "Event logged.");
}

it("runs a wave from its launch to its Pass it On", async () => {
  const base = `${app.url}/waves/${wave.id}`;
  await open(admin, `${base}/cohort`);

  await choosePerson(admin, "Executive sponsor", "Sam Staff");
  await admin.getByRole("button", { name: "Save the sponsor" }).click();
  await notice(admin, "Executive sponsor saved.");
  expect(dbRow(app, "select u.email from waves w join users u on u.id = w.sponsor_user_id where w.id = ?", wave.id)).toEqual({ email: "staff@example.org" });

  await choosePerson(admin, "Add a champion", "Lee Lead");
  await admin.getByRole("button", { name: "Add the champion" }).click();
  await notice(admin, "Champion added.");
  await admin.getByRole("row", { name: /Lee Lead/ }).waitFor();

  await admin.getByRole("group", { name: "Named attendees (optional)" }).getByLabel("Lee Lead").check();
  await logEvent(admin, "Launch", wave.startsOn, "Wave 2 launch for the new teams", "57");
  const launch = dbRow<{ id: number; attendance: number }>(app, "select id, attendance from wave_events where title = 'Wave 2 launch for the new teams'");
  expect(launch?.attendance).toBe(57);
  expect(dbRows(app, "select u.name from wave_event_attendees a join users u on u.id = a.user_id where a.event_id = ?", launch?.id)).toEqual([
    { name: "Lee Lead" },
  ]);

  // The team: its mission, a new win counted as a quick win, and an outcome story.
  await open(admin, `${app.url}/projects/${project.id}/wave`);
  await admin.getByText("Edit the mission").click();
  await admin.getByLabel("The team's mission").fill("No child on Puffin Ward waits for sepsis treatment.");
  await admin.getByRole("button", { name: "Save the mission" }).click();
  await notice(admin, "Mission saved.");

  await admin.getByRole("link", { name: "Record a new win" }).click();
  await admin.getByText("Record another win").click();
  const record = admin.locator("form#win-record");
  await record.getByLabel("Title", { exact: true }).fill("Sepsis champions on every shift");
  await record.getByLabel("What was achieved, and how you know").fill("A named sepsis champion on every shift since the launch.");
  await record.getByRole("button", { name: "Record the win" }).click();
  await admin.getByText("Win recorded").first().waitFor();

  await open(admin, `${app.url}/projects/${project.id}/wave`);
  const win = dbRow<{ id: number }>(app, "select id from wins where title = 'Sepsis champions on every shift'")!;
  await admin.getByLabel("Count a win as a quick win").selectOption(String(win.id));
  await admin.getByRole("button", { name: "Add the quick win" }).click();
  await notice(admin, "Quick win added.");

  await admin.getByRole("textbox", { name: "Title" }).last().fill("Every shift knows who to call");
  await admin.getByLabel("The story").last().fill("Nurses now call the sepsis champion first; the time to antibiotics halved.");
  await admin.getByRole("button", { name: "Add the story" }).click();
  await notice(admin, "Outcome story added.");

  // The Pass it On event, then the booklet.
  await open(admin, `${base}/cohort`);
  await logEvent(admin, "Pass it On", wave.endsOn, "Wave 2 showcase", "140");
  await open(admin, `${base}/pass-it-on`);
  const text = await admin.locator("main").innerText();
  const nextTeams = dbRows<{ title: string }>(app, "select p.title from projects p join waves w on w.id = p.wave_id where w.number = 3 order by p.title");
  expect(nextTeams.length).toBeGreaterThan(0);
  for (const expected of [
    project.title,
    "No child on Puffin Ward waits for sepsis treatment.",
    "Sepsis champions on every shift",
    "Every shift knows who to call",
    "Executive sponsor Sam Staff",
    "Wave 2 showcase",
    "140 people attended",
    "Handing the baton to",
    ...nextTeams.map((t) => t.title),
  ]) {
    expect(text).toContain(expected);
  }
  // The wave's page shows the timeline beside the clock.
  await open(admin, base);
  await admin.getByRole("list", { name: "The wave's events, in date order" }).getByText("Wave 2 showcase").waitFor();

  expect(watch.errors).toEqual([]);
  expect(watch.documentPosts).toEqual([]);
  expect(watch.fetchPosts.length).toBeGreaterThanOrEqual(7);
});
