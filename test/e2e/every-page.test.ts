// Every page of the demo, with JavaScript on: once React has hydrated, no page logs a console error
// (a hydration mismatch is one: React #418/#423/#425) and none throws. The addresses come from the
// seeded database, so every kind of record (project, measure, cycle, report, milestone, meeting, wave)
// is visited with a real id.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { openDatabase } from "../../db/client";
import { launchBrowser, signIn, startApp, type RunningApp } from "./support";
import { hydrated } from "./js-on";

let app: RunningApp;
let browser: Browser;
const pages: { who: string; path: string }[] = [];

type Row = Record<string, number>;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const db = openDatabase(app.databaseFile);
  const one = (sql: string) => db.$client.prepare(sql).get() as Row | undefined;
  const all = (sql: string) => db.$client.prepare(sql).all() as Row[];
  // The lead's first project with measures, cycles, reports and milestones: every project sub-page.
  const project = one(
    `select p.id from projects p
     where exists (select 1 from measures m where m.project_id = p.id and m.deleted_at is null)
       and exists (select 1 from pdsa_cycles c where c.project_id = p.id and c.deleted_at is null)
       and exists (select 1 from status_reports s where s.project_id = p.id)
       and exists (select 1 from milestones ms where ms.project_id = p.id and ms.deleted_at is null)
     order by p.id limit 1`,
  )!;
  const p = project.id;
  const measure = one(`select id from measures where project_id = ${p} and deleted_at is null order by id limit 1`)!;
  const cycle = one(`select id from pdsa_cycles where project_id = ${p} and deleted_at is null order by id limit 1`)!;
  const report = one(`select id from status_reports where project_id = ${p} order by id limit 1`)!;
  const milestone = one(`select id from milestones where project_id = ${p} and deleted_at is null order by id limit 1`)!;
  const meetings = all(`select id from meetings order by id`);
  const waves = all(`select id from waves order by id`);
  const cqcAction = one(`select id from cqc_actions order by id limit 1`)!;
  // A spread candidate and an open project of lead@'s that has not adopted it (the adopt page's two steps).
  const spread = one(`select id from change_ideas where spread_summary is not null and deleted_at is null order by id limit 1`)!;
  const adopter = one(
    `select p.id from projects p join project_team t on t.project_id = p.id and t.ended_at is null join users u on u.id = t.user_id and u.email = 'lead@example.org'
     where p.stage in ('approved', 'active', 'sustaining') and not exists (select 1 from change_ideas c where c.project_id = p.id and c.origin_change_idea_id = ${spread.id})
     order by p.id limit 1`,
  )!;
  const event = one(`select id from conversation_events where deleted_at is null order by id limit 1`)!;
  const theme = one(`select id from conversation_themes where event_id = ${event.id} and deleted_at is null order by id limit 1`)!;
  const campaigns = all(`select id from pulse_campaigns order by id`);
  const tokens = db.$client.prepare(`select token from pulse_campaigns order by id`).all() as { token: string }[];
  db.$client.close();
  expect(meetings.length).toBeGreaterThan(0);
  expect(waves.length).toBeGreaterThan(0);

  const admin = (path: string) => pages.push({ who: "admin@example.org", path });
  const lead = (path: string) => pages.push({ who: "lead@example.org", path });
  for (const path of [
    "/",
    "/board",
    "/projects",
    "/projects/new",
    "/asks",
    "/wins",
    "/wins/newsletter",
    "/wins/newsletter?month=2026-10&by=theme",
    "/learning",
    "/learning?q=falls",
    "/changes",
    "/changes?status=adopted&sort=cycles",
    "/cqc",
    "/actions",
    "/conversations",
    "/conversations/priorities",
    "/conversations/you-said-we-did",
    "/spc",
    "/waves",
    "/waves/compare",
    "/capability",
    "/capability/levels",
    "/pulse",
    "/pulse/new",
    "/meetings",
    "/meetings/new",
    "/admin",
    "/admin/audit",
    "/admin/audit?page=2",
    "/admin/outbox",
    "/notifications",
    "/notifications/settings",
    "/admin/users",
    "/admin/programme",
    "/admin/setup",
    "/admin/import/people",
    "/admin/export",
    "/admin/import/projects",
    `/cqc/${cqcAction.id}`,
    "/account/password",
    "/accessibility",
    `/board/assess/${p}`,
    `/projects/${p}/decision`,
    `/projects/${p}/close`,
  ])
    admin(path);
  for (const m of meetings) {
    admin(`/meetings/${m.id}`);
    admin(`/meetings/${m.id}/pack`);
  }
  for (const w of waves) {
    admin(`/waves/${w.id}`);
    admin(`/admin/waves/${w.id}`);
    admin(`/waves/${w.id}/cohort`);
    admin(`/waves/${w.id}/pass-it-on`);
  }
  admin("/admin/users/1/data"); // a person's data (the first demo account)
  admin("/admin/users/2/leaving"); // what a leaver hands over
  lead(`/changes/${spread.id}/adopt`);
  lead(`/changes/${spread.id}/adopt?project=${adopter.id}`);
  expect(campaigns.length).toBeGreaterThan(0);
  for (const c of campaigns) {
    admin(`/pulse/${c.id}`);
    admin(`/pulse/${c.id}/edit`);
  }
  admin(`/pulse/answer/${tokens[0].token}`);
  admin(`/conversations/${event.id}`);
  admin(`/conversations/${event.id}?remove=1`);
  admin(`/conversations/${event.id}/themes/${theme.id}`);
  admin(`/conversations/${event.id}/themes/${theme.id}?remove=1`);
  const base = `/projects/${p}`;
  const m = `${base}/measures/${measure.id}`;
  for (const path of [
    "/",
    base,
    `${base}/edit`,
    `${base}/team`,
    `${base}/asks`,
    `${base}/wins`,
    `${base}/wave`,
    `${base}/progress`,
    `${base}/measures`,
    `${base}/measures/new`,
    m,
    `${m}/edit`,
    `${m}/data`,
    `${m}/import`,
    `${m}/annotations`,
    `${m}/rebases`,
    `${m}/delete`,
    `${base}/drivers`,
    `${base}/drivers/pick`,
    `${base}/pdsa`,
    `${base}/pdsa/new`,
    `${base}/pdsa/${cycle.id}`,
    `${base}/comments?target=pdsa&targetId=${cycle.id}`,
    `${base}/status`,
    `${base}/status/new`,
    `${base}/status/${report.id}`,
    `${base}/milestones`,
    `${base}/milestones/${milestone.id}`,
    `${base}/present`,
    `${base}/present/settings`,
    `${base}/one-page`,
  ])
    lead(path);
  pages.push({ who: "board@example.org", path: "/" }, { who: "staff@example.org", path: "/" }, { who: "viewer@example.org", path: "/" });
  pages.push({ who: "viewer@example.org", path: `${base}/edit` });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Console errors and page errors a page logs (the status of a page the test meant to open is checked apart). */
function collect(page: Page, into: string[]) {
  page.on("pageerror", (e) => into.push(`pageerror: ${e.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") into.push(`console: ${msg.text()}`);
  });
}

/** The font families of text on the page outside the NHS fallback stack (Arial), code aside. */
const offStackFonts = (page: Page) =>
  page.evaluate(() => [
    ...new Set(
      Array.from(document.querySelectorAll("body, body *"))
        .filter((el) => el.textContent?.trim() && !(el instanceof SVGElement && !(el instanceof SVGTextElement)))
        .filter((el) => !["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"].includes(el.tagName))
        .map((el) => getComputedStyle(el).fontFamily)
        .filter((family) => !/^arial, sans-serif$/i.test(family) && !/monospace/i.test(family)),
    ),
  ]);

it("every page of the demo hydrates without a console error or a page error, its text in the Arial stack", async () => {
  expect(pages.length).toBeGreaterThan(50);
  const problems: string[] = [];
  const byWho = new Map<string, string[]>();
  for (const { who, path } of pages) byWho.set(who, [...(byWho.get(who) ?? []), path]);
  for (const [who, paths] of byWho) {
    // A browser set to another zone and locale shows a date formatted in its own zone or locale as a mismatch.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: "America/New_York", locale: "en-US" });
    const page = await context.newPage();
    await signIn(page, app, who);
    for (const path of paths) {
      const errors: string[] = [];
      collect(page, errors);
      const response = await page.goto(`${app.url}${path}`);
      // The viewer may not edit; that page answers 403 on purpose (and says who can).
      const expected = who === "viewer@example.org" && path.endsWith("/edit") ? 403 : 200;
      if (response?.status() !== expected) problems.push(`${who} ${path}: status ${response?.status()}`);
      await hydrated(page);
      await page.waitForTimeout(150); // effects after hydration (charts, the deck) run and may log
      page.removeAllListeners("console");
      page.removeAllListeners("pageerror");
      const own = errors.filter((e) => !(expected === 403 && /status of 403/.test(e)));
      for (const e of own) problems.push(`${who} ${path}: ${e.slice(0, 300)}`);
      for (const family of await offStackFonts(page)) problems.push(`${who} ${path}: text set in ${family}`);
    }
    await context.close();
  }
  expect(problems).toEqual([]);
}, 600_000);
