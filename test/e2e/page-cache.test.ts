// A page sent from the page cache in Chromium: it hydrates without an error, and its forms work —
// each load carries a new form token, so two comments posted from two kept copies are two comments.
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appAndBrowser } from "./support";
import { open, watchPage } from "./js-on";
import { dbRow, dbRows, signedInPage } from "./form-helpers";

const e2e = appAndBrowser();

/** Opens the page until the server answers it from the cache (a read after a write may refresh summaries first). */
async function openKept(page: Page, url: string) {
  for (let i = 0; i < 4; i++) {
    const response = await open(page, url);
    if (response?.headers()["x-page-cache"] === "hit") return;
  }
  throw new Error(`${url} was never answered from the page cache`);
}

it("a kept measure page hydrates cleanly and two comments posted from two kept copies both save", async () => {
  const { app, browser } = e2e;
  const measure = dbRow<{ id: number; projectId: number }>(
    app,
    `select m.id, m.project_id as projectId from measures m join project_team t on t.project_id = m.project_id and t.ended_at is null
       join users u on u.id = t.user_id and u.email = 'lead@example.org' where m.deleted_at is null order by m.id`,
  )!;
  const url = `${app.url}/projects/${measure.projectId}/measures/${measure.id}`;
  const { page } = await signedInPage(browser, app, "lead@example.org");
  const watch = watchPage(page);

  for (const text of ["First comment from a kept page", "Second comment from a kept page"]) {
    await openKept(page, url);
    await page.getByRole("textbox", { name: "Add a comment" }).fill(text);
    await page.getByRole("button", { name: "Add comment" }).click();
    await page.locator(".app-comment", { hasText: text }).waitFor();
  }
  const saved = dbRows<{ body: string }>(app, "select body from comments where body like '% from a kept page' order by id");
  expect(saved.map((c) => c.body)).toEqual(["First comment from a kept page", "Second comment from a kept page"]);
  expect(watch.documentPosts).toEqual([]);
  expect(watch.errors).toEqual([]);
});

it("a kept board hydrates cleanly in the browser", async () => {
  const { app, browser } = e2e;
  const { page } = await signedInPage(browser, app, "board@example.org");
  const watch = watchPage(page);
  await openKept(page, `${app.url}/board`);
  const rows = page.locator("main table tbody tr");
  expect(await rows.count()).toBeGreaterThan(0);
  expect(watch.errors).toEqual([]);
});
