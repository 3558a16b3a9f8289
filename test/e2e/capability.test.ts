// Recording a QI training level in Chromium with JavaScript on: the browser refuses an empty form with the
// same messages as the server, a person is chosen by typing part of their name, the date goes in the NHS
// date boxes, and the form posts through Remix (not a page load) and saves the record.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, startApp, type RunningApp } from "./support";
import { open, watchPage, type PageWatch } from "./js-on";
import { dbRow, errorSummary, fillDate, signedInPage } from "./form-helpers";
import { choosePerson } from "./people";

let app: RunningApp;
let browser: Browser;
let board: Page;
let watch: PageWatch;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  ({ page: board } = await signedInPage(browser, app, "board@example.org"));
  watch = watchPage(board);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it("records a training level with JavaScript on", async () => {
  await open(board, `${app.url}/capability`);
  const form = board.locator("#record-training");
  await form.getByRole("button", { name: "Record the level" }).click();
  expect(await errorSummary(board)).toEqual(["Choose the person", "Choose the training level", "Enter the date the level was achieved"]);
  expect(watch.documentPosts).toEqual([]);

  await choosePerson(form, "Person", "Vic Viewer", "Vic V");
  await form.getByLabel("Training level").selectOption({ label: "Improvement coach" });
  await fillDate(form, "Date achieved", "2026-10-14");
  await form.getByRole("button", { name: "Record the level" }).click();
  await board.getByText("The training level was recorded.").waitFor();
  const row = dbRow<{ name: string; achieved_on: string }>(
    app,
    `select l.name, r.achieved_on from training_records r join training_levels l on l.id = r.level_id join users u on u.id = r.user_id
      where u.email = 'viewer@example.org' and r.removed_at is null`,
  );
  expect(row).toEqual({ name: "Improvement coach", achieved_on: "2026-10-14" });
  expect(watch.documentPosts).toEqual([]);
  expect(watch.fetchPosts).toContain("/capability.data");
  expect(await board.locator("main").innerText()).toContain("Vic Viewer");
  expect(watch.errors).toEqual([]);
});
