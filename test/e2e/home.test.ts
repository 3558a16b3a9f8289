// A project lead confirms a win Stepping Up suggested, then sees it celebrated on the home page.
import { afterAll, beforeAll, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { openDatabase } from "../../db/client";
import { projectTeam, users, wins } from "../../db/schema";
import { suggestWins } from "~/domain/win-suggestions";
import { getWinEvidence } from "~/models/win.server";
import { E2E_TODAY, launchBrowser, signIn, startApp, watchForPageErrors, type RunningApp } from "./support";

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

function withDb<T>(fn: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(app.databaseFile);
  try {
    return fn(db);
  } finally {
    db.$client.close();
  }
}

/** One of lead@'s projects that has a suggested win in the demo data, and that suggestion. */
function leadProjectWithSuggestion() {
  return withDb((db) => {
    const lead = db.select().from(users).where(eq(users.email, "lead@example.org")).get()!;
    const ids = db
      .selectDistinct({ projectId: projectTeam.projectId })
      .from(projectTeam)
      .where(and(eq(projectTeam.userId, lead.id), isNull(projectTeam.endedAt)))
      .all()
      .map((r) => r.projectId);
    for (const projectId of ids) {
      const [suggestion] = suggestWins(getWinEvidence(db, projectId, E2E_TODAY)!);
      if (suggestion) return { projectId, suggestion };
    }
    throw new Error("none of lead@'s demo projects has a suggested win");
  });
}

it("a lead confirms a suggested win with their own title and sees it among the recent wins at home", async () => {
  const { projectId, suggestion } = leadProjectWithSuggestion();
  const title = "Our team did it: the change is here to stay";
  const page = await browser.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, "lead@example.org");

  await page.goto(`${app.url}/projects/${projectId}/wins`);
  await page.getByRole("heading", { name: "Suggested wins" }).waitFor();
  const card = page.locator(".app-win-suggestion").filter({ hasText: suggestion.title }).first();
  const titleInput = card.getByLabel("Title");
  expect(await titleInput.inputValue()).toBe(suggestion.title);

  // An empty title is refused in the browser, with the NHS error summary, and nothing is saved.
  await titleInput.fill("");
  await card.getByRole("button", { name: /Confirm this win/ }).click();
  await card.getByText("There is a problem").waitFor();
  expect(await card.locator(".nhsuk-error-summary").textContent()).toContain("Enter a title for the win");
  expect(withDb((db) => db.select().from(wins).where(eq(wins.evidenceRef, suggestion.evidenceRef)).all())).toEqual([]);

  await titleInput.fill(title);
  await card.getByRole("button", { name: /Confirm this win/ }).click();
  await page.waitForURL(/\?saved=recorded$/);
  await page.getByText("Win recorded.").waitFor();
  await expect.poll(() => page.locator(".app-win-suggestion").filter({ hasText: suggestion.title }).count()).toBe(0);
  await page.locator(".app-win__title", { hasText: title }).waitFor();

  const saved = withDb((db) => db.select().from(wins).where(eq(wins.evidenceRef, suggestion.evidenceRef)).get());
  expect(saved).toMatchObject({ projectId, title, evidenceKind: suggestion.evidenceKind });

  await page.getByRole("link", { name: /home/ }).first().click();
  await page.waitForURL(`${app.url}/`);
  const recent = page.locator("section", { has: page.getByRole("heading", { name: "Recent wins" }) });
  await recent.getByRole("heading", { name: title }).waitFor();
  expect(await recent.locator(".app-win__title").first().textContent()).toBe(title);
  expect(await page.getByRole("heading", { name: "My projects" }).count()).toBe(1);
  expect(errors).toEqual([]);
  await page.close();
});
