import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { openDatabase } from "../../db/client";
import { launchBrowser, signIn, startApp, watchForPageErrors, type RunningApp } from "./support";

let app: RunningApp;
let browser: Browser;
let projectId: number;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  // The demo project with the most measures (at most 4), then the most PDSA cycles (at most 6).
  const db = openDatabase(app.databaseFile);
  const row = db.$client
    .prepare(
      `select p.id,
         (select count(*) from measures m where m.project_id = p.id and m.deleted_at is null) as measures,
         (select count(*) from pdsa_cycles c where c.project_id = p.id and c.deleted_at is null) as cycles
       from projects p
       where measures <= 4 and cycles <= 6
       order by measures desc, cycles desc, p.id
       limit 1`,
    )
    .get() as { id: number; measures: number; cycles: number };
  db.$client.close();
  projectId = row.id;
  expect(row.measures).toBeGreaterThan(0);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it("a lead presents a project with the keyboard alone, offline after loading, and Esc leaves", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, "lead@example.org");
  await page.goto(`${app.url}/projects/${projectId}/present`);
  await page.locator("dialog.app-deck--live[open]").waitFor();

  const slides = page.locator('section[aria-roledescription="slide"]');
  const n = await slides.count();
  expect(n).toBeGreaterThanOrEqual(7);
  const current = page.locator('section[aria-roledescription="slide"]:not([hidden])');
  const counter = page.locator(".app-deck__counter");

  // The network drops: every slide is already in the page.
  await context.setOffline(true);
  for (let i = 1; i <= n; i++) {
    expect(await counter.textContent()).toBe(`${i} of ${n}`);
    expect(await current.count()).toBe(1);
    expect(await current.getAttribute("aria-label")).toMatch(new RegExp(`^${i} of ${n}: .+`));
    expect(await current.locator("h2").first().isVisible(), `heading of slide ${i}`).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-roledescription"))).toBe("slide");
    await page.keyboard.press("ArrowRight");
  }
  expect(await counter.textContent()).toBe(`${n} of ${n}`); // stays on the last slide
  expect(await current.getAttribute("aria-label")).toContain("Next steps");

  await page.keyboard.press("Home");
  expect(await counter.textContent()).toBe(`1 of ${n}`);
  await page.keyboard.press("Space");
  expect(await counter.textContent()).toBe(`2 of ${n}`);
  await page.keyboard.press("End");
  expect(await counter.textContent()).toBe(`${n} of ${n}`);
  await page.keyboard.press("ArrowLeft");
  expect(await counter.textContent()).toBe(`${n - 1} of ${n}`);
  expect(await page.locator('[aria-live="polite"]').textContent()).toMatch(new RegExp(`^Slide ${n - 1} of ${n}: `));

  await context.setOffline(false);
  await page.keyboard.press("Escape");
  await page.waitForURL(`${app.url}/projects/${projectId}`);
  await page.getByRole("heading", { name: "Charter", exact: true }).waitFor();
  await expect.poll(() => page.locator("dialog.app-deck--live").count()).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});

it("Space advances, and F and the Full screen button put the deck full screen through the Fullscreen API", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, "lead@example.org");
  await page.goto(`${app.url}/projects/${projectId}/present`);
  await page.locator("dialog.app-deck--live[open]").waitFor();
  const counter = page.locator(".app-deck__counter");
  const n = await page.locator('section[aria-roledescription="slide"]').count();
  const fullScreen = () => page.evaluate(() => document.fullscreenElement?.tagName ?? null);
  // The deck is what shows at the centre of the screen, above the full-screen page.
  const deckOnTop = () => page.evaluate(() => Boolean(document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.closest("dialog.app-deck--live")));

  expect(await counter.textContent()).toBe(`1 of ${n}`);
  await page.keyboard.press("Space");
  expect(await counter.textContent()).toBe(`2 of ${n}`);

  expect(await fullScreen()).toBeNull();
  await page.keyboard.press("f");
  await expect.poll(fullScreen).toBe("HTML");
  expect(await deckOnTop()).toBe(true);
  expect(await page.locator("dialog.app-deck--live[open]").count()).toBe(1);
  await page.keyboard.press("Space");
  expect(await counter.textContent()).toBe(`3 of ${n}`);
  await page.keyboard.press("F");
  await expect.poll(fullScreen).toBeNull();

  // A click on the button goes full screen and hands focus back to the slide, so Space still advances.
  await page.getByRole("button", { name: /Full screen/ }).click();
  await expect.poll(fullScreen).toBe("HTML");
  expect(await deckOnTop()).toBe(true);
  await page.keyboard.press("Space");
  expect(await counter.textContent()).toBe(`4 of ${n}`);
  await page.getByRole("button", { name: /Next/ }).click();
  await page.keyboard.press("Space");
  expect(await counter.textContent()).toBe(`6 of ${n}`);
  // Leaving the deck leaves full screen.
  await page.getByRole("link", { name: /Leave the presentation/ }).click();
  await page.waitForURL(`${app.url}/projects/${projectId}`);
  await expect.poll(fullScreen).toBeNull();
  expect(errors).toEqual([]);
  await context.close();
});

it("prints the project on a page as exactly one A4 landscape page", async () => {
  const page = await browser.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, "lead@example.org");
  await page.goto(`${app.url}/projects/${projectId}/one-page`);
  await page.locator("article.app-one-page").waitFor();
  await page.emulateMedia({ media: "print" });
  // Nothing but the page itself is printed, and its content fits its box without being cut off.
  expect(await page.locator(".nhsuk-header").isVisible()).toBe(false);
  expect(await page.getByRole("heading", { name: "Project on a page" }).isVisible()).toBe(false);
  const fit = await page.locator("article.app-one-page").evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
  expect(fit.scroll).toBeLessThanOrEqual(fit.client + 1);
  expect(await page.locator(".app-one-page .app-spc-chart__svg").count()).toBeGreaterThan(0);

  const pdf = await page.pdf({ format: "A4", landscape: true, preferCSSPageSize: true });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? [];
  expect(pages).toHaveLength(1);
  expect(errors).toEqual([]);
  await page.close();
});
