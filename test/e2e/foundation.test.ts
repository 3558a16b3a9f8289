import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, signIn, startApp, watchForPageErrors, type RunningApp } from "./support";

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

it("prints how to sign in to the demo when it starts on an empty database", () => {
  expect(app.output()).toContain("Seeded the demo portfolio");
  expect(app.output()).toContain("admin@example.org");
  expect(app.output()).toContain("password: demo-password-for-browser-tests");
});

it("a signed-out visitor is sent to sign in, then back to the page they asked for", async () => {
  const page = await browser.newPage();
  const errors = watchForPageErrors(page);
  await page.goto(`${app.url}/projects`);
  await expect.poll(() => new URL(page.url()).pathname).toBe("/login");
  await page.getByLabel("Email address").fill("viewer@example.org");
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("Email or password is incorrect").first().waitFor();
  await page.getByLabel("Password").fill("demo-password-for-browser-tests");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${app.url}/projects`);
  await page.getByRole("heading", { level: 1, name: "Projects" }).waitFor();
  expect(await page.getByRole("region", { name: "Demo notice" }).textContent()).toContain("Demo");
  expect(errors).toEqual([]);
  await page.close();
});

it("lists the demo portfolio and opens a project with its charter, team, cycles, milestones and measures", async () => {
  const page = await browser.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, "board@example.org");
  await page.goto(`${app.url}/projects`);
  const rows = page.locator("table.nhsuk-table tbody tr");
  expect(await rows.count()).toBeGreaterThanOrEqual(15);

  await page.getByLabel("Stage").selectOption("active");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/stage=active/);
  await page.locator("#stage option:checked", { hasText: "Active" }).waitFor({ state: "attached" });
  const activeRows = await rows.count();
  expect(activeRows).toBeGreaterThan(0);
  for (const tag of await page.locator("tbody .nhsuk-tag").allTextContents()) expect(tag).toBe("Active");

  await rows.first().getByRole("link").click();
  await page.waitForURL(/\/projects\/\d+$/);
  await page.getByRole("heading", { name: "Charter", exact: true }).waitFor();
  for (const heading of ["Charter", "Team", "PDSA cycles", "Milestones", "Measures of improvement"]) {
    expect(await page.getByRole("heading", { name: heading, exact: true }).count(), heading).toBe(1);
  }
  expect(await page.getByText("Executive lead").count()).toBeGreaterThan(0);
  expect(await page.locator("text=/\\d{1,2} [A-Z][a-z]{2} \\d{4}/").count()).toBeGreaterThan(0); // UK dates
  expect(errors).toEqual([]);
  await page.close();
});

it("shows a styled page for an unknown address", async () => {
  const page = await browser.newPage();
  await signIn(page, app, "viewer@example.org");
  const res = await page.goto(`${app.url}/projects/424242`);
  expect(res?.status()).toBe(404);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Page not found");
  await page.close();
});

it("sets every kind of text in the NHS fallback stack (Arial), never the browser's serif", async () => {
  const page = await browser.newPage();
  await signIn(page, app, "lead@example.org");
  await page.goto(`${app.url}/projects`);
  await page.getByRole("heading", { level: 1, name: "Projects" }).waitFor();
  const families = await page.evaluate(() =>
    ["body", "h1", "p", "label", "select", "button", "th", "td", "a"].map((selector) => {
      const element = document.querySelector(selector);
      return [selector, element ? getComputedStyle(element).fontFamily : "missing"];
    }),
  );
  expect(families.length).toBe(9);
  for (const [selector, family] of families) expect(family, selector).toMatch(/^arial, sans-serif$/i);
  await page.close();
});

it("every main page of the demo sets its text in the NHS fallback stack", async () => {
  const page = await browser.newPage();
  await signIn(page, app, "admin@example.org");
  await page.goto(`${app.url}/projects`);
  const project = await page.locator("table.nhsuk-table tbody tr a").first().getAttribute("href");
  expect(project).toMatch(/^\/projects\/\d+$/);
  await page.goto(`${app.url}${project}/measures`);
  const measure = await page.locator('main a[href*="/measures/"]').first().getAttribute("href");
  const paths = [
    "/",
    "/board",
    "/meetings",
    "/projects",
    "/waves",
    "/asks",
    "/cqc",
    "/spc",
    "/admin",
    "/admin/audit",
    "/accessibility",
    project!,
    `${project}/pdsa`,
    `${project}/milestones`,
    `${project}/status`,
    `${project}/measures`,
    measure!,
    `${project}/asks`,
    `${project}/wins`,
    `${project}/progress`,
    `${project}/one-page`,
  ];
  for (const path of paths) {
    await page.goto(`${app.url}${path}`);
    const off = await page.evaluate(() =>
      Array.from(document.querySelectorAll("body, main *"))
        .filter((el) => el.textContent?.trim() && !(el instanceof SVGElement && !(el instanceof SVGTextElement)))
        .map((el) => getComputedStyle(el).fontFamily)
        .filter((family) => !/^arial, sans-serif$/i.test(family) && !/monospace/i.test(family)),
    );
    expect(off, path).toEqual([]);
  }
  await page.close();
});
