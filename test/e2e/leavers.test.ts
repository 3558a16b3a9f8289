// The hand-over form in Chromium with JavaScript on (ADR 106): an empty choice is refused on the picker, a successor
// found by part of their name takes over everything through Remix's fetch, and the page then shows nothing left.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, startApp, type RunningApp } from "./support";
import { open, watchPage, type PageWatch } from "./js-on";
import { dbRow, errorSummary, signedInPage } from "./form-helpers";
import { choosePerson, personBox } from "./people";

let app: RunningApp;
let browser: Browser;
let admin: Page;
let watch: PageWatch;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  ({ page: admin } = await signedInPage(browser, app, "admin@example.org"));
  watch = watchPage(admin);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const userId = (email: string) => dbRow<{ id: number }>(app, "select id from users where email = ?", email)!.id;
const leads = (id: number) =>
  dbRow<{ n: number }>(
    app,
    `select count(*) as n from project_team t join projects p on p.id = t.project_id
     where t.user_id = ? and t.ended_at is null and t.role <> 'member' and p.stage not in ('closed', 'stopped', 'declined')`,
    id,
  )!.n;

it("hands a leaver's projects to a successor chosen in the picker and disables the account", async () => {
  const leaver = userId("david.singh@riverside.example.nhs.uk");
  const successor = userId("karen.holt@riverside.example.nhs.uk");
  const held = leads(leaver);
  expect(held).toBeGreaterThan(1);
  const before = leads(successor);

  await open(admin, `${app.url}/admin/users/${leaver}/leaving`);
  const box = personBox(admin, "Successor");
  await box.waitFor();
  await admin.getByRole("button", { name: "Hand over" }).click();
  expect(await errorSummary(admin)).toEqual(["Choose who takes over from the list"]);
  expect(await box.getAttribute("aria-invalid")).toBe("true");
  expect(leads(leaver)).toBe(held);

  await choosePerson(admin, "Successor", "Karen Holt", "Karen");
  await admin.getByRole("button", { name: "Hand over" }).click();
  await admin
    .getByRole("status")
    .getByText(/Karen Holt now holds \d+ project lead roles/)
    .waitFor();
  await admin.getByText("They hold nothing that needs handing over").waitFor();
  expect(leads(leaver)).toBe(0);
  expect(leads(successor)).toBe(before + held);
  expect(dbRow<{ d: number | null }>(app, "select disabled_at as d from users where id = ?", leaver)!.d).toEqual(expect.any(Number));
  expect(dbRow<{ n: number }>(app, "select count(*) as n from audit_events where action = 'user.handed_over' and entity_id = ?", leaver)!.n).toBe(1);
  expect(watch.documentPosts).toEqual([]);
  expect(watch.fetchPosts.length).toBeGreaterThan(0);
  expect(watch.errors).toEqual([]);
});
