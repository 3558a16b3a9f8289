// Drag and drop on the driver diagram's list (ADR 102), with a mouse in Chromium: a change idea dragged
// to a new place among its siblings and a secondary driver dragged under another primary are saved
// (seen again after a reload and in the database), and a drop on a row someone changed meanwhile is
// refused with the 409's message, leaving the order as it was. Without JavaScript there is no handle.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { launchBrowser, signIn, startApp, watchForPageErrors, type RunningApp } from "./support";
import { dbRow, dbRows } from "./form-helpers";
import { hydrated } from "./js-on";
import { axeViolations } from "./axe";

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

const LEAD = "lead@example.org";

function leadProject(): number {
  return dbRow<{ projectId: number }>(
    app,
    `select t.project_id as projectId from project_team t join users u on u.id = t.user_id
     where u.email = ? and t.role = 'project_lead' and t.ended_at is null order by t.project_id`,
    LEAD,
  )!.projectId;
}

const driverId = (projectId: number, title: string) =>
  dbRow<{ id: number }>(app, "select id from drivers where project_id = ? and title = ? and deleted_at is null", projectId, title)!.id;
const ideaId = (projectId: number, title: string) =>
  dbRow<{ id: number }>(app, "select id from change_ideas where project_id = ? and title = ?", projectId, title)!.id;

/** The change ideas under a secondary driver, in the saved order. */
const ideasUnder = (secondary: number) =>
  dbRows<{ title: string }>(
    app,
    `select c.title from change_ideas c join change_idea_drivers l on l.change_idea_id = c.id
     where l.driver_id = ? and c.deleted_at is null order by c.position, c.created_at, c.id`,
    secondary,
  ).map((r) => r.title);

/** Adds drivers and change ideas with plain form posts (the forms' own fields), as another tab would; `n` keeps titles apart. */
async function build(page: Page, projectId: number, n = "") {
  const url = `${app.url}/projects/${projectId}/drivers`;
  const post = async (form: Record<string, string>) => expect((await page.request.post(url, { form, maxRedirects: 0 })).status()).toBe(302);
  const t = {
    alder: `Alder${n}: safe handovers`,
    birch: `Birch${n}: confident staff`,
    cedar: `Cedar${n}: a handover sheet`,
    damson: `Damson${n}: protected time`,
    elm: `Elm${n}: training`,
    ideas: [`Fig${n}: SBAR at the bedside`, `Gorse${n}: huddle at 8am`, `Holly${n}: bleep-free handover`],
  };
  await post({ intent: "add-primary", title: t.alder, description: "" });
  await post({ intent: "add-primary", title: t.birch, description: "" });
  const alder = driverId(projectId, t.alder);
  const birch = driverId(projectId, t.birch);
  await post({ intent: "add-secondary", title: t.cedar, description: "", parentId: String(alder) });
  await post({ intent: "add-secondary", title: t.damson, description: "", parentId: String(alder) });
  await post({ intent: "add-secondary", title: t.elm, description: "", parentId: String(birch) });
  const cedar = driverId(projectId, t.cedar);
  for (const title of t.ideas) await post({ intent: "add-idea", title, description: "", driverId: String(cedar) });
  return { url, titles: t, alder, birch, cedar, damson: driverId(projectId, t.damson) };
}

/** Presses the mouse on a row's handle, moves it over `target` (near its top or its bottom edge) and lets go. */
async function drag(page: Page, title: string, target: Locator, edge: "top" | "bottom") {
  const handle = page.getByRole("button", { name: `Drag to reorder or move: ${title}` });
  await target.scrollIntoViewIfNeeded();
  const from = (await handle.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  const to = (await target.boundingBox())!;
  await page.mouse.move(to.x + 60, edge === "top" ? to.y + 6 : to.y + to.height - 6, { steps: 10 });
  // The landing place is lit up before the drop.
  expect(await target.evaluate((el) => ["app-drop-before", "app-drop-after", "app-drop-into"].some((c) => el.classList.contains(c)))).toBe(true);
  await page.mouse.up();
}

const listedIdeas = (page: Page, cedar: number) => page.locator(`#node-driver-${cedar} .app-driver-list__idea > strong:first-of-type`).allInnerTexts();

it("drags a change idea to a new place and a secondary driver under another primary; both are saved", async () => {
  const projectId = leadProject();
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, LEAD);
  const { url, alder, birch, cedar, damson } = await build(page, projectId);
  await page.goto(url);
  await hydrated(page);

  expect(await listedIdeas(page, cedar)).toEqual(["Fig: SBAR at the bedside", "Gorse: huddle at 8am", "Holly: bleep-free handover"]);
  // Holly, third, goes above Fig: first of three.
  await drag(page, "Holly: bleep-free handover", page.locator(`#node-idea-${ideaId(projectId, "Fig: SBAR at the bedside")}`), "top");
  await page.getByRole("status").getByText("Moved Holly: bleep-free handover under Cedar: a handover sheet, position 1 of 3.").waitFor();
  expect(ideasUnder(cedar)).toEqual(["Holly: bleep-free handover", "Fig: SBAR at the bedside", "Gorse: huddle at 8am"]);
  const audit = dbRow<{ summary: string }>(app, "select summary from audit_events where action = 'change_idea.updated' order by id desc limit 1")!;
  expect(audit.summary).toBe("Moved change idea Holly: bleep-free handover up, above Fig: SBAR at the bedside");

  // Damson, under Alder, goes onto Birch.
  await drag(page, "Damson: protected time", page.locator(`#node-driver-${birch}`), "top");
  await page
    .getByRole("status")
    .getByText(/^Moved Damson: protected time under Birch: confident staff, position 1 of 2\.$/)
    .waitFor();
  const parents = dbRows<{ primaryId: number }>(app, "select primary_id as primaryId from driver_links where secondary_id = ?", damson).map((r) => r.primaryId);
  expect(parents).toEqual([birch]);

  // After a reload the page shows both as saved.
  await page.reload();
  await hydrated(page);
  expect(await listedIdeas(page, cedar)).toEqual(["Holly: bleep-free handover", "Fig: SBAR at the bedside", "Gorse: huddle at 8am"]);
  const under = (primary: number) => page.locator(`#node-driver-${primary} .app-driver-list__secondary > strong:first-of-type`).allInnerTexts();
  expect(await under(birch)).toEqual(["Damson: protected time", "Elm: training"]);
  expect(await under(alder)).toEqual(["Cedar: a handover sheet"]);
  expect(errors).toEqual([]);
  await context.close();

  // axe finds nothing wrong with the handles, the hint and the live regions.
  const axeContext = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 1000 } }); // axe is injected as a script
  const axePage = await axeContext.newPage();
  await signIn(axePage, app, LEAD);
  await axePage.goto(url);
  await hydrated(axePage);
  await axePage.getByRole("button", { name: "Drag to reorder or move: Fig: SBAR at the bedside" }).waitFor();
  expect(await axeViolations(axePage)).toEqual([]);
  await axeContext.close();

  // Without JavaScript the list has no handles; the forms are as they were.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await signIn(plain, app, LEAD);
  await plain.goto(url);
  expect(await plain.locator(".app-drag-handle").count()).toBe(0);
  expect(await plain.getByRole("link", { name: "Change Fig: SBAR at the bedside" }).count()).toBe(1);
  await noJs.close();
}, 180_000);

it("a drop on a change idea someone changed meanwhile is refused with the 409's message and moves nothing", async () => {
  const projectId = leadProject();
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, LEAD);
  const { url, cedar, titles } = await build(page, projectId, " 2");
  await page.goto(url);
  await hydrated(page);
  const before = ideasUnder(cedar);
  expect(before).toHaveLength(3);
  const [first, second] = before;

  // Someone else saves the second idea (a rename to the same title still makes a new version).
  const secondId = ideaId(projectId, second);
  const version = dbRow<{ version: number }>(app, "select version from change_ideas where id = ?", secondId)!.version;
  const other = await page.request.post(`${url}/idea-${secondId}`, {
    form: { intent: "edit", version: String(version), title: second, description: "" },
    maxRedirects: 0,
  });
  expect(other.status()).toBe(302);

  // This page still holds the old version: dragging the second above the first is a 409.
  await drag(page, second, page.locator(`#node-idea-${ideaId(projectId, first)}`), "top");
  const alert = page.getByRole("alert").filter({ hasText: "was not moved" });
  await alert.waitFor();
  expect(await alert.innerText()).toMatch(
    new RegExp(`^${second.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} was not moved\\. This was changed by .+ since you opened it\\.`),
  );
  expect(ideasUnder(cedar)).toEqual(before);
  await expect.poll(() => listedIdeas(page, cedar)).toEqual(before);

  // The page now holds the latest version, so dragging again works.
  await drag(page, second, page.locator(`#node-idea-${ideaId(projectId, first)}`), "top");
  await page.getByRole("status").getByText(`Moved ${second} under ${titles.cedar}, position 1 of 3.`).waitFor();
  expect(ideasUnder(cedar)).toEqual([second, first, before[2]]);
  expect(errors).toEqual([]);
  await context.close();
}, 180_000);
