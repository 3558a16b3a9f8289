// The driver diagram issue's "done when", by keyboard alone: a project lead builds a diagram (the aim
// shown, 2 primary and 3 secondary drivers, 4 change ideas, links across them), plans a PDSA cycle from
// a change idea, records "adopt" and sees the idea's status change, then finds it on /changes.
// Every step is focus, Tab, typing, Space or Enter — no mouse. axe checks the pages on the way.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { launchBrowser, signIn, startApp, watchForPageErrors, type RunningApp } from "./support";
import { dbRow } from "./form-helpers";
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

/** Focus a control and type into it, replacing what it held. */
async function typeInto(page: Page, field: Locator, text: string) {
  await field.focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(text);
}

/** Choose an option of a closed select by typing the start of its label (type-ahead). */
async function choose(page: Page, select: Locator, start: string) {
  await select.focus();
  await page.keyboard.type(start);
  await expect.poll(() => select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text ?? "")).toMatch(new RegExp(`^${start}`));
}

/** Press Enter on a link or button, as a keyboard user follows it. */
async function activate(page: Page, target: Locator) {
  await target.focus();
  await page.keyboard.press("Enter");
}

async function expectNoAxeViolations(page: Page, what: string) {
  expect(await axeViolations(page), what).toEqual([]);
}

it("builds a driver diagram, tests a change idea and finds it adopted in the change package, by keyboard alone", async () => {
  const { projectId } = dbRow<{ projectId: number }>(
    app,
    `select t.project_id as projectId from project_team t join users u on u.id = t.user_id join projects p on p.id = t.project_id
     where u.email = 'lead@example.org' and t.role = 'project_lead' and t.ended_at is null and p.aim_what <> '' order by t.project_id`,
  )!;
  const aimWhat = dbRow<{ aim: string }>(app, "select aim_what as aim from projects where id = ?", projectId)!.aim;
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } }); // axe is injected as a script
  const page = await context.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, "lead@example.org");
  const diagramUrl = `${app.url}/projects/${projectId}/drivers`;
  await page.goto(diagramUrl);

  // The aim from the charter heads the diagram.
  await page.locator(".app-driver-list--top").getByText(aimWhat.slice(0, 30), { exact: false }).first().waitFor();

  const list = page.locator(".app-driver-list-wrap");
  const addForm = (label: string) => page.locator("form", { has: page.getByLabel(label, { exact: true }) });
  async function add(label: string, title: string, under?: string) {
    const form = addForm(label);
    if (under) await choose(page, form.getByLabel("Goes under"), under);
    await typeInto(page, form.getByLabel(label, { exact: true }), title);
    await page.keyboard.press("Enter");
    await list.getByText(title, { exact: true }).first().waitFor();
  }

  await add("Primary driver", "Kestrel: reliable handovers");
  await add("Primary driver", "Osprey: confident staff");
  await add("Secondary driver", "Heron: a standard handover sheet", "Kestrel");
  await add("Secondary driver", "Egret: time protected for handover", "Kestrel");
  await add("Secondary driver", "Plover: training for new starters", "Osprey");
  await add("Change idea", "Wren: SBAR sheet at the bedside", "Heron");
  await add("Change idea", "Robin: handover huddle at 8am", "Egret");
  await add("Change idea", "Finch: buddy for the first week", "Plover");
  await add("Change idea", "Lark: bleep-free handover", "Egret");

  // Links beyond the tree: Heron also serves Osprey; Wren also serves Plover.
  async function linkUnder(title: string, parentStart: string) {
    await activate(page, list.getByRole("link", { name: `Change ${title}` }).first());
    await page.getByRole("heading", { level: 2, name: title }).waitFor();
    const form = page.locator("form", { has: page.locator("#link-parent") });
    await choose(page, form.locator("#link-parent"), parentStart);
    await activate(page, form.getByRole("button", { name: "Link" }));
    await page.locator(".app-driver-parent", { hasText: parentStart }).waitFor();
    await page.goto(diagramUrl);
  }
  await linkUnder("Heron: a standard handover sheet", "Osprey");
  await linkUnder("Wren: SBAR sheet at the bedside", "Plover");

  const ids = (title: string) => dbRow<{ id: number }>(app, "select id from change_ideas where project_id = ? and title = ?", projectId, title)!.id;
  const drivers = dbRow<{ n: number }>(
    app,
    "select count(*) as n from drivers where project_id = ? and deleted_at is null and title glob '[A-Z]*: *'",
    projectId,
  )!.n;
  expect(drivers).toBeGreaterThanOrEqual(5);
  const links = dbRow<{ primaries: number; ideas: number }>(
    app,
    `select (select count(*) from driver_links l join drivers d on d.id = l.secondary_id where d.title like 'Heron:%' and d.project_id = @p) as primaries,
            (select count(*) from change_idea_drivers cd join change_ideas c on c.id = cd.change_idea_id where c.title like 'Wren:%' and c.project_id = @p) as ideas`,
    { p: projectId },
  )!;
  expect(links).toEqual({ primaries: 2, ideas: 2 });
  await expectNoAxeViolations(page, "the driver diagram");

  // Plan a PDSA cycle to test Robin, from its place on the diagram.
  const robin = "Robin: handover huddle at 8am";
  const robinId = ids(robin);
  await expect.poll(() => page.locator(`#node-idea-${robinId}`).innerText()).toContain("Not yet tested");
  await activate(page, list.getByRole("link", { name: `Change ${robin}` }).first());
  await activate(page, page.getByRole("link", { name: "Plan a PDSA cycle to test it" }));
  await page.waitForURL(new RegExp(`/pdsa/new\\?changeIdea=${robinId}$`));
  expect(await page.getByRole("radio", { name: robin }).isChecked()).toBe(true);
  await typeInto(page, page.getByLabel("Change being tested"), "Huddle at 8am on Ward 20 for a week");
  await typeInto(page, page.getByLabel("What question should this test answer?"), "Does a huddle cut missed handover items?");
  await typeInto(page, page.getByLabel("Prediction"), "Missed items fall by half");
  await expectNoAxeViolations(page, "the new PDSA form");
  await activate(page, page.getByRole("button", { name: "Save the plan" }));
  await page.waitForURL(/\/pdsa\/\d+\?saved=created$/);

  // Do, Study, Act: adopt.
  await activate(page, page.getByRole("link", { name: "Edit the worksheet" }));
  await page.waitForURL(/\?edit$/);
  await typeInto(page, page.getByLabel("What happened?"), "Huddle held on 5 of 5 mornings");
  await typeInto(page, page.getByLabel("Results against the prediction"), "Missed items fell from 6 to 0 a day against half predicted");
  await typeInto(page, page.getByLabel("What was learned?"), "A short huddle at 8am caught every missed handover item");
  const adopt = page.getByRole("radio", { name: "Adopt" });
  await adopt.focus();
  await page.keyboard.press("Space");
  expect(await adopt.isChecked()).toBe(true);
  await activate(page, page.getByRole("button", { name: "Save the worksheet" }));
  await page.waitForURL(/\?saved=updated$/, { timeout: 10_000 }).catch(async (e) => {
    throw new Error(`${e}: ${(await page.locator("main").innerText()).slice(0, 1500)}`);
  });

  // The idea's status follows its latest cycle's decision, on the diagram and on the PDSA timeline.
  await page.goto(diagramUrl);
  await expect.poll(() => page.locator(`#node-idea-${robinId}`).innerText()).toContain("Adopted");
  expect(await page.locator(`#node-idea-${robinId}`).innerText()).toContain("1 PDSA cycle");
  await page.goto(`${app.url}/projects/${projectId}/pdsa`);
  const kestrel = page.getByRole("region", { name: /Kestrel: reliable handovers/ });
  await kestrel
    .getByRole("region", { name: /Egret: time protected for handover/ })
    .getByRole("region", { name: new RegExp(robin) })
    .waitFor();
  await expectNoAxeViolations(page, "the PDSA timeline by driver");

  // The change package: filter by status with the keyboard and find the idea, adopted.
  await page.goto(`${app.url}/changes`);
  await choose(page, page.getByLabel("Status"), "Adopted");
  await activate(page, page.getByRole("button", { name: "Apply filters" }));
  await page.waitForURL(/\/changes\?.*status=adopted/);
  const row = page.getByRole("row", { name: new RegExp(robin) });
  await row.waitFor();
  expect(await row.innerText()).toContain("Adopted");
  expect(await row.innerText()).toContain("A short huddle at 8am caught every missed handover item");
  expect(await row.innerText()).toContain("Egret: time protected for handover");
  await expectNoAxeViolations(page, "the change package");
  expect(errors).toEqual([]);
  await context.close();
}, 240_000);
