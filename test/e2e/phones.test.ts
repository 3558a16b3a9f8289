// Phones (390 × 844) and print: no page scrolls sideways, the header stays small with its "More" menu,
// chart labels neither overlap nor get cut, and the one-page print is one A4 landscape sheet with no text
// under 8pt and nothing cut off.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { openDatabase } from "../../db/client";
import { launchBrowser, signIn, startApp, watchForPageErrors, type RunningApp } from "./support";

let app: RunningApp;
let browser: Browser;
let ids: { projectId: number; measureId: number; cycleId: number; waveId: number };
let more: { eventId: number; campaignId: number };

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  // The measure with the most data, in a project with PDSA cycles.
  const db = openDatabase(app.databaseFile);
  ids = db.$client
    .prepare(
      `select m.project_id as projectId, m.id as measureId,
         (select c.id from pdsa_cycles c where c.project_id = m.project_id and c.deleted_at is null order by c.number limit 1) as cycleId
       from measures m join measure_points v on v.measure_id = m.id
       where m.deleted_at is null and exists (select 1 from pdsa_cycles c where c.project_id = m.project_id and c.deleted_at is null)
       group by m.id order by count(v.id) desc, m.id limit 1`,
    )
    .get() as typeof ids;
  more = db.$client
    .prepare(
      `select (select id from conversation_events where deleted_at is null order by id limit 1) as eventId,
         (select id from pulse_campaigns where kind = 'follow_up' order by id limit 1) as campaignId`,
    )
    .get() as typeof more;
  ids.waveId = (db.$client.prepare("select id from waves where number = 2").get() as { id: number }).id;
  db.$client.close();
  expect(ids.cycleId).toBeGreaterThan(0);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function signedIn(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, app, "lead@example.org");
  return { context, page, errors };
}

const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

it("at 390px no main page scrolls sideways: the board, a project, a measure, a PDSA cycle and the lists", async () => {
  const { context, page } = await signedIn(PHONE);
  const paths = [
    "/board",
    `/projects/${ids.projectId}`,
    `/projects/${ids.projectId}/measures/${ids.measureId}`,
    `/projects/${ids.projectId}/pdsa/${ids.cycleId}`,
    `/projects/${ids.projectId}/milestones`,
    "/",
    "/projects",
    "/meetings",
    "/asks",
    "/waves",
    "/waves/compare",
    "/capability",
    "/pulse",
    "/learning?q=falls",
    "/changes",
    "/accessibility",
    "/conversations",
    "/conversations/priorities",
    "/wins/newsletter?month=2026-10",
    "/conversations/you-said-we-did",
    `/conversations/${more.eventId}`,
    `/pulse/${more.campaignId}`,
    `/waves/${ids.waveId}`,
    `/waves/${ids.waveId}/pass-it-on`,
  ];
  for (const path of paths) {
    const res = await page.goto(`${app.url}${path}`);
    expect(res?.status(), path).toBe(200);
    expect(await sidewaysScroll(page), path).toBeLessThanOrEqual(0);
  }
  await context.close();
});

it("on a phone the board shows each project's RAG and flags without scrolling, and wide tables scroll in a labelled region", async () => {
  const { context, page } = await signedIn(PHONE);
  await page.goto(`${app.url}/board`);
  const table = page.locator("table.app-board-table");
  const headers = (
    await table.locator("thead th").evaluateAll((ths) => ths.filter((th) => (th as HTMLElement).offsetParent !== null).map((th) => th.textContent?.trim()))
  ).map((t) => t?.replace(/\s+/g, " "));
  expect(headers.some((h) => h?.startsWith("Team's RAG"))).toBe(true);
  expect(headers.some((h) => h?.startsWith("Attention"))).toBe(true);
  for (const name of ["Team's RAG", "Attention"]) {
    const box = await table.locator("thead th", { hasText: name }).boundingBox();
    expect(box, name).not.toBeNull();
    expect(box!.x + box!.width, name).toBeLessThanOrEqual(PHONE.width);
  }
  const region = page.locator(".nhsuk-scroll__content").filter({ has: table });
  expect(await region.getAttribute("role")).toBe("region");
  expect(await region.getAttribute("tabindex")).toBe("0");
  expect(await region.getAttribute("aria-labelledby")).toBeTruthy();
  await context.close();
});

it("on a phone the header takes a small part of the screen and the rest of the menu is under More", async () => {
  const { context, page, errors } = await signedIn(PHONE);
  await page.goto(`${app.url}/projects`);
  const header = await page.locator("header.nhsuk-header").boundingBox();
  expect(header!.height).toBeLessThanOrEqual(PHONE.height * 0.2);
  const menu = page.getByRole("navigation", { name: "Menu" });
  await expect.poll(() => menu.getByRole("link", { name: "Waves" }).isVisible()).toBe(false);
  await menu.locator("summary", { hasText: "More" }).click();
  await menu.getByRole("link", { name: "Waves" }).click();
  await page.waitForURL(/\/waves$/);
  await page.getByRole("heading", { level: 1, name: /waves/i }).waitFor();
  await expect.poll(() => menu.getByRole("link", { name: "Waves" }).isVisible()).toBe(false); // closed after following a link
  expect(errors).toEqual([]);
  await context.close();

  const desktop = await signedIn(DESKTOP);
  await desktop.page.goto(`${app.url}/projects`);
  const bar = desktop.page.getByRole("navigation", { name: "Menu" });
  for (const name of ["Board", "Meetings", "Projects", "Waves", "Pulse Check", "Big Conversations", "Asks", "CQC", "SPC calculator"])
    expect(await bar.getByRole("link", { name }).isVisible(), name).toBe(true);
  expect(await bar.locator("summary", { hasText: "More" }).isVisible()).toBe(false);
  await desktop.context.close();
});

it("a project page links back to Projects once: the breadcrumb on a desktop, the back link on a phone", async () => {
  for (const [viewport, shown] of [
    [DESKTOP, "nhsuk-breadcrumb__link"],
    [PHONE, "nhsuk-back-link"],
  ] as const) {
    const { context, page } = await signedIn(viewport);
    await page.goto(`${app.url}/projects/${ids.projectId}`);
    const crumbs = page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link");
    const visible = await crumbs.evaluateAll((links) => links.filter((a) => (a as HTMLElement).offsetParent !== null).map((a) => a.className));
    expect(visible, `${viewport.width}px`).toEqual([shown]);
    await context.close();
  }
});

it("wide pages and the header share one left edge", async () => {
  const { context, page } = await signedIn(DESKTOP);
  for (const path of ["/board", "/meetings", "/projects"]) {
    await page.goto(`${app.url}${path}`);
    const logo = await page.locator(".nhsuk-header__service-logo").boundingBox();
    const heading = await page.getByRole("heading", { level: 1 }).boundingBox();
    expect(Math.abs(logo!.x - heading!.x), path).toBeLessThanOrEqual(1);
  }
  await context.close();
});

/** Visible text of the page's charts: each label's box and whether it was cut with an ellipsis. */
function chartLabels(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<SVGTextElement>("svg.app-spc-chart__svg text"))
      .filter((t) => t.checkVisibility() && t.getClientRects().length > 0 && (t.textContent ?? "").trim())
      .map((t) => {
        const b = t.getBoundingClientRect();
        return {
          text: t.textContent ?? "",
          left: b.left,
          right: b.right,
          top: b.top,
          bottom: b.bottom,
          svg: Array.from(document.querySelectorAll("svg.app-spc-chart__svg")).indexOf(t.ownerSVGElement!),
        };
      }),
  );
}

it("chart labels are never cut and never overlap, on a desktop and on a phone", async () => {
  for (const viewport of [DESKTOP, PHONE]) {
    const { context, page } = await signedIn(viewport);
    await page.goto(`${app.url}/projects/${ids.projectId}/measures/${ids.measureId}`);
    const labels = await chartLabels(page);
    expect(labels.length, `${viewport.width}px`).toBeGreaterThan(5);
    for (const l of labels) expect(l.text, `${viewport.width}px`).not.toMatch(/…/);
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        const [a, b] = [labels[i], labels[j]];
        if (a.svg !== b.svg) continue;
        const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
        expect(overlap, `${viewport.width}px: "${a.text}" and "${b.text}"`).toBe(false);
      }
    }
    // Legible: no chart text under 10px on the screen.
    const smallest = await page.evaluate(() =>
      Math.min(
        ...Array.from(document.querySelectorAll<SVGTextElement>("svg.app-spc-chart__svg text"))
          .filter((t) => t.checkVisibility())
          .map((t) => (parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement!.getBoundingClientRect().width) / t.ownerSVGElement!.viewBox.baseVal.width),
      ),
    );
    expect(smallest, `${viewport.width}px`).toBeGreaterThanOrEqual(10);
    await context.close();
  }
});

it("the one-page print is one A4 landscape sheet, with no text under 8pt and nothing cut off", async () => {
  const { context, page } = await signedIn(DESKTOP);
  // The fullest projects: most measures, cycles and milestones.
  const db = openDatabase(app.databaseFile);
  const projects = db.$client
    .prepare(
      `select p.id,
         (select count(*) from measures m where m.project_id = p.id and m.deleted_at is null) * 3
         + (select count(*) from pdsa_cycles c where c.project_id = p.id and c.deleted_at is null)
         + (select count(*) from milestones s where s.project_id = p.id and s.deleted_at is null) as fullness
       from projects p order by fullness desc, p.id limit 3`,
    )
    .all() as { id: number }[];
  db.$client.close();
  expect(projects.length).toBe(3);
  for (const { id } of projects) {
    await page.goto(`${app.url}/projects/${id}/one-page`);
    await page.emulateMedia({ media: "print" });
    const check = await page.evaluate(() => {
      const article = document.querySelector(".app-one-page")!;
      let smallestPt = Infinity;
      let smallestText = "";
      const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement!;
        if (!n.textContent?.trim() || !el.checkVisibility() || el.getClientRects().length === 0) continue;
        const box = el.getBoundingClientRect();
        if (box.width <= 1 && box.height <= 1) continue; // visually hidden
        let px = parseFloat(getComputedStyle(el).fontSize);
        if (el instanceof SVGElement && el.ownerSVGElement) px *= el.ownerSVGElement.getBoundingClientRect().width / el.ownerSVGElement.viewBox.baseVal.width;
        if (px * 0.75 < smallestPt) [smallestPt, smallestText] = [px * 0.75, n.textContent.trim()];
      }
      const cut = Array.from(article.querySelectorAll<HTMLElement>("*")).filter(
        (el) => getComputedStyle(el).overflow !== "visible" && el.scrollHeight > el.clientHeight + 1 && el.checkVisibility() && el.clientHeight > 1,
      );
      return { smallestPt, smallestText, cut: cut.map((el) => el.className) };
    });
    expect(check.smallestPt, `project ${id}: "${check.smallestText}"`).toBeGreaterThanOrEqual(8);
    expect(check.cut, `project ${id}`).toEqual([]);
    const pdf = (await page.pdf({ format: "A4", landscape: true, preferCSSPageSize: true, printBackground: true })).toString("latin1");
    expect(pdf.match(/\/Type\s*\/Page\b/g)?.length, `project ${id}`).toBe(1);
    await page.emulateMedia({ media: "screen" });
  }
  await context.close();
}, 180_000);

it("the wins newsletter prints on A4 portrait without the site's header, menus, footer or month chooser", async () => {
  const { context, page } = await signedIn(DESKTOP);
  await page.goto(`${app.url}/wins/newsletter?month=2026-10`);
  await page.locator(".app-newsletter__win").first().waitFor();
  for (const chrome of ["header.nhsuk-header", "footer", ".app-newsletter__chooser", 'nav[aria-label="Other months"]']) {
    expect(await page.locator(chrome).isVisible(), chrome).toBe(true);
  }
  await page.emulateMedia({ media: "print" });
  for (const chrome of ["header.nhsuk-header", "footer", ".app-newsletter__chooser", 'nav[aria-label="Other months"]', ".app-newsletter a.app-no-print"]) {
    expect(await page.locator(chrome).first().isVisible(), chrome).toBe(false);
  }
  await expect(page.locator("h1").textContent()).resolves.toBe("This month in Stepping Up — October 2026");
  expect(await page.locator(".app-newsletter__win").first().isVisible()).toBe(true);
  // Nothing wider than the A4 sheet inside its margins (180 mm at 96 px per inch).
  const widest = await page.evaluate(() =>
    Math.max(...Array.from(document.querySelectorAll(".app-newsletter *")).map((el) => el.getBoundingClientRect().right)),
  );
  expect(widest).toBeLessThanOrEqual((180 / 25.4) * 96 + 1);
  const pdf = (await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true })).toString("latin1");
  const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
  expect(boxes.length).toBeGreaterThan(0);
  for (const [width, height] of boxes) expect([width, height]).toEqual([595, 842]); // A4 portrait, in points
  await context.close();
}, 120_000);
