// Adopting a change idea in the browser, JavaScript on: a spread candidate in /changes → "Adopt in my
// project" → choose the project → confirm; the copy is on the team's diagram with a link to its origin,
// and the origin's diagram says "Spread to 1 project".
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { openDatabase } from "../../db/client";
import { hydrated, watchPage } from "./js-on";
import { launchBrowser, signIn, startApp, type RunningApp } from "./support";

let app: RunningApp;
let browser: Browser;
let origin: { id: number; projectId: number; projectTitle: string };
let target: { id: number; title: string };

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const db = openDatabase(app.databaseFile);
  // An adopted idea of lead@'s first project, marked ready to spread by its team (as the idea page does).
  origin = db.$client
    .prepare(
      "select c.id, c.project_id as projectId, p.title as projectTitle from change_ideas c join projects p on p.id = c.project_id where c.title = 'Sepsis grab bags'",
    )
    .get() as typeof origin;
  db.$client.prepare("update change_ideas set spread_summary = 'A sealed grab bag in every resus bay', spread_ready_at = 1 where id = ?").run(origin.id);
  target = db.$client.prepare("select id, title from projects where title = 'Hand hygiene and clean commodes on Ward 12'").get() as typeof target;
  db.$client.close();
  expect(origin.id).toBeGreaterThan(0);
  expect(target.id).toBeGreaterThan(0);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it("adopts a spread candidate from /changes into another project, and the origin shows Spread to 1 project", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const watch = watchPage(page);
  await signIn(page, app, "lead@example.org");
  await page.goto(`${app.url}/changes?spread=ready`);
  await hydrated(page);
  const row = page.locator("#change-package tbody tr").filter({ hasText: "Sepsis grab bags" });
  await row.getByRole("link", { name: /^Adopt in my project/ }).click();
  await page.getByRole("heading", { level: 1, name: "Sepsis grab bags" }).waitFor();
  await hydrated(page);
  await page.getByLabel(target.title).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: `Adopt it in ${target.title}` }).waitFor();
  await hydrated(page);
  await page.getByRole("button", { name: "Adopt change idea" }).click();
  await page.getByText("Change idea adopted").first().waitFor();
  expect(new URL(page.url()).pathname).toBe(`/projects/${target.id}/drivers`);
  const copy = page.locator(".app-driver-list__idea").filter({ hasText: "Sepsis grab bags" });
  expect(await copy.textContent()).toContain(`Adopted from ${origin.projectTitle} — Sepsis grab bags`);
  await copy.getByRole("link", { name: `${origin.projectTitle} — Sepsis grab bags` }).click();
  await page.waitForURL(`${app.url}/projects/${origin.projectId}/drivers#node-idea-${origin.id}`);
  await page.locator(`#node-idea-${origin.id}`).getByText("Spread to 1 project").waitFor();
  expect(
    await page
      .locator(`#node-idea-${origin.id}`)
      .getByRole("link", { name: new RegExp(target.title) })
      .count(),
  ).toBe(1);
  expect(watch.documentPosts).toEqual([]);
  expect(watch.fetchPosts).toContain(`/changes/${origin.id}/adopt.data`);
  expect(watch.errors).toEqual([]);
  await context.close();
});
