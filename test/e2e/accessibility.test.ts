// Accessibility of the main journeys: axe-core (WCAG 2.0/2.1 A and AA, 2.2 AA) on every page,
// and key forms completed by keyboard alone with a visible focus indicator at every stop.
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { E2E_PASSWORD, launchBrowser, signIn, startApp, type RunningApp } from "./support";
import { hydrated, undefinedOrNaNShown } from "./js-on";
import { dateValue } from "./form-helpers";

const AXE = path.resolve(__dirname, "../../node_modules/axe-core/axe.min.js");
const OPEN_TOKEN = "axe-open-campaign-token-0001";
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

let app: RunningApp;
let browser: Browser;
let ids: Record<string, number>;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const db = new Database(app.databaseFile, { readonly: true });
  const one = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { id: number }).id;
  const project = one(
    `select p.id from projects p where exists (select 1 from pdsa_cycles c where c.project_id = p.id and c.deleted_at is null)
       and exists (select 1 from measures m where m.project_id = p.id and m.deleted_at is null and m.spc_points > 0)
       and exists (select 1 from milestones m where m.project_id = p.id and m.deleted_at is null)
       and exists (select 1 from status_reports s where s.project_id = p.id) order by p.id`,
  );
  ids = {
    project,
    cycle: one("select id from pdsa_cycles where project_id = ? and deleted_at is null order by id", project),
    milestone: one("select id from milestones where project_id = ? and deleted_at is null order by id", project),
    measure: one("select id from measures where project_id = ? and deleted_at is null order by spc_points desc, id", project),
    report: one("select id from status_reports where project_id = ? order by id desc", project),
    wave: one("select id from waves order by number"),
    conversation: one("select id from conversation_events where deleted_at is null order by id"),
    leadUser: one("select id from users where email = 'lead@example.org'"),
    spreadIdea: one("select id from change_ideas where spread_summary is not null and deleted_at is null order by id"),
    // A closed campaign with results shown (its follow-up compares it with its baseline).
    campaign: one("select id from pulse_campaigns where kind = 'follow_up' order by id"),
    waveEvent: one("select e.id from wave_events e join waves w on w.id = e.wave_id where w.number = 1 and e.deleted_at is null order by e.id"),
    waveProject: one("select p.id from projects p join waves w on w.id = p.wave_id where w.number = 2 order by p.id"),
  };
  ids.theme = one("select id from conversation_themes where event_id = ? and deleted_at is null order by id", ids.conversation);
  db.close();
  // The demo's campaigns have closed: one open campaign shows its answer link and its answer form.
  const rw = new Database(app.databaseFile);
  rw.pragma("busy_timeout = 5000");
  rw.transaction(() => {
    const id = rw
      .prepare(
        `insert into pulse_campaigns (programme_id, name, audience, kind, opens_on, closes_on, token, created_at, updated_at, version)
         select programme_id, 'Pulse Check open for answers', 'trust', 'baseline', '2026-11-01', '2026-12-31', '${OPEN_TOKEN}', created_at, updated_at, 1
         from pulse_campaigns order by id limit 1`,
      )
      .run().lastInsertRowid;
    rw.prepare("insert into pulse_statements (campaign_id, position, wording) select ?, position, wording from pulse_statements where campaign_id = ?").run(
      id,
      ids.campaign,
    );
    ids.openCampaign = Number(id);
  })();
  rw.close();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A campaign's answer-link token, read from the database. */
function dbToken(campaignId: number): string {
  const db = new Database(app.databaseFile, { readonly: true });
  try {
    return (db.prepare("select token from pulse_campaigns where id = ?").get(campaignId) as { token: string }).token;
  } finally {
    db.close();
  }
}

type Violation = { rule: string; impact: string | null; help: string; nodes: string[] };

/** axe-core on the page as it stands. The context bypasses the CSP so the script can be injected. */
async function axeViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    type AxeViolation = {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[]; failureSummary?: string }[];
    };
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(" ")} — ${(n.failureSummary ?? "").replace(/\s+/g, " ")}`),
    }));
  }, TAGS);
}

const describeViolations = (vs: Violation[]) => vs.map((v) => `${v.rule} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).join("\n    ")}`).join("\n");

async function newContext(): Promise<BrowserContext> {
  return browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
}

describe("axe-core finds no WCAG 2.2 AA violations", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await newContext();
    page = await context.newPage();
    await signIn(page, app, "admin@example.org");
  });
  afterAll(async () => {
    await context?.close();
  });

  async function check(url: string, status = 200, prepare?: (p: Page) => Promise<void>) {
    const res = await page.goto(`${app.url}${url}`);
    expect(res?.status(), url).toBe(status);
    await page.waitForLoadState("networkidle");
    await hydrated(page);
    if (prepare) await prepare(page);
    const violations = await axeViolations(page);
    expect(violations, `${url}\n${describeViolations(violations)}`).toEqual([]);
    // A value the browser could not compute shows as "undefined" or "NaN" once the page hydrates.
    expect(await undefinedOrNaNShown(page), url).toEqual([]);
  }

  it("would catch a violation (an image without alternative text)", async () => {
    await page.goto(`${app.url}/accessibility`);
    await hydrated(page); // appended before hydration, React would take the image away again
    await page.evaluate(() => document.querySelector("main")!.append(Object.assign(document.createElement("img"), { src: "/favicon.ico" })));
    expect((await axeViolations(page)).map((v) => v.rule)).toContain("image-alt");
  });

  it("sign-in page", async () => {
    const anonymous = await newContext();
    const p = await anonymous.newPage();
    await p.goto(`${app.url}/login`);
    const violations = await axeViolations(p);
    expect(violations, `/login\n${describeViolations(violations)}`).toEqual([]);
    await anonymous.close();
  });

  it("wins newsletter with a month it cannot read", async () => {
    await check("/wins/newsletter?month=2026-13", 400);
  });

  it("board with its filters open", async () => {
    await check("/board", 200, async (p) => {
      await p.getByText("Filter, group and choose columns").click();
      await p.locator("details.nhsuk-details[open]").first().waitFor();
    });
  });

  const pages: [string, () => string][] = [
    ["projects", () => "/projects"],
    ["project overview", () => `/projects/${ids.project}`],
    ["driver diagram", () => `/projects/${ids.project}/drivers`],
    ["PICK chart", () => `/projects/${ids.project}/drivers/pick`],
    ["PDSA cycles", () => `/projects/${ids.project}/pdsa`],
    ["a PDSA cycle", () => `/projects/${ids.project}/pdsa/${ids.cycle}`],
    ["add a comment", () => `/projects/${ids.project}/comments?target=pdsa&targetId=${ids.cycle}`],
    ["new PDSA cycle", () => `/projects/${ids.project}/pdsa/new`],
    ["milestones", () => `/projects/${ids.project}/milestones`],
    ["a milestone", () => `/projects/${ids.project}/milestones/${ids.milestone}`],
    ["status reports", () => `/projects/${ids.project}/status`],
    ["a status report", () => `/projects/${ids.project}/status/${ids.report}`],
    ["new status report", () => `/projects/${ids.project}/status/new`],
    ["measures", () => `/projects/${ids.project}/measures`],
    ["a measure", () => `/projects/${ids.project}/measures/${ids.measure}`],
    ["a measure with its whole data table open", () => `/projects/${ids.project}/measures/${ids.measure}?table=all`],
    ["new measure", () => `/projects/${ids.project}/measures/new`],
    ["project asks", () => `/projects/${ids.project}/asks`],
    ["progress", () => `/projects/${ids.project}/progress`],
    ["edit the charter", () => `/projects/${ids.project}/edit`],
    ["team", () => `/projects/${ids.project}/team`],
    ["board assessment", () => `/board/assess/${ids.project}`],
    ["new project", () => "/projects/new"],
    ["asks", () => "/asks"],
    ["waves", () => "/waves"],
    ["a wave", () => `/waves/${ids.wave}`],
    ["compare waves", () => "/waves/compare"],
    ["QI capability", () => "/capability"],
    ["training levels", () => "/capability/levels"],
    ["Pulse Check", () => "/pulse"],
    ["new Pulse Check", () => "/pulse/new"],
    ["a Pulse Check's results", () => `/pulse/${ids.campaign}`],
    ["change a Pulse Check", () => `/pulse/${ids.campaign}/edit`],
    ["an open Pulse Check and its answer link", () => `/pulse/${ids.openCampaign}`],
    ["change an open Pulse Check (its statements)", () => `/pulse/${ids.openCampaign}/edit`],
    ["answering a Pulse Check", () => `/pulse/answer/${OPEN_TOKEN}`],
    ["a closed Pulse Check's answer link", () => `/pulse/answer/${dbToken(ids.campaign)}`],
    ["CQC", () => "/cqc"],
    ["SPC tool", () => "/spc"],
    ["users", () => "/admin/users"],
    ["audit log", () => "/admin/audit"],
    ["email outbox", () => "/admin/outbox"],
    ["notifications", () => "/notifications"],
    ["email settings", () => "/notifications/settings"],
    ["programme settings", () => "/admin/programme"],
    ["set-up checklist", () => "/admin/setup"],
    ["import people", () => "/admin/import/people"],
    ["export", () => "/admin/export"],
    ["a person's data", () => "/admin/users/1/data"],
    ["handing over a leaver's work", () => `/admin/users/${ids.leadUser}/leaving`],
    ["import projects", () => "/admin/import/projects"],
    ["a wave's settings", () => `/admin/waves/${ids.wave}`],
    ["run a wave: sponsor, champions and events", () => `/waves/${ids.wave}/cohort`],
    ["a wave event", () => `/waves/${ids.wave}/events/${ids.waveEvent}`],
    ["Pass it On", () => `/waves/${ids.wave}/pass-it-on`],
    ["a team's mission and stories", () => `/projects/${ids.waveProject}/wave`],
    ["accessibility statement", () => "/accessibility"],
    ["change password", () => "/account/password"],
    ["meetings", () => "/meetings"],
    ["new meeting", () => "/meetings/new"],
    ["actions", () => "/actions"],
    ["Big Conversations", () => "/conversations"],
    ["a listening event", () => `/conversations/${ids.conversation}`],
    ["Big Conversation priorities", () => "/conversations/priorities"],
    ["you said, we did", () => "/conversations/you-said-we-did"],
    ["removing a listening event", () => `/conversations/${ids.conversation}?remove=1`],
    ["a theme", () => `/conversations/${ids.conversation}/themes/${ids.theme}`],
    ["removing a theme", () => `/conversations/${ids.conversation}/themes/${ids.theme}?remove=1`],
    ["wins", () => "/wins"],
    ["wins newsletter", () => "/wins/newsletter?month=2026-10"],
    ["wins newsletter, an empty month", () => "/wins/newsletter?month=2026-07"],
    ["learning", () => "/learning"],
    ["learning search", () => "/learning?q=falls"],
    ["change package", () => "/changes"],
    ["adopting a change idea", () => `/changes/${ids.spreadIdea}/adopt`],
    ["project wins", () => `/projects/${ids.project}/wins`],
    ["one-page summary", () => `/projects/${ids.project}/one-page`],
    ["presentation", () => `/projects/${ids.project}/present`],
    ["closing a project", () => `/projects/${ids.project}/close`],
    ["approval decision", () => `/projects/${ids.project}/decision`],
  ];
  it.each(pages)("%s", async (_name, url) => {
    await check(url());
  });

  it("SPC tool with a result", async () => {
    await check("/spc?example=1", 200, async (p) => {
      await p.getByRole("button", { name: "Analyse" }).click();
      await p.locator("main figure.app-spc-chart").first().waitFor();
      await p.waitForLoadState("networkidle");
    });
  });

  it("would catch the word undefined or NaN shown where a value belongs", async () => {
    await page.goto(`${app.url}/accessibility`);
    await hydrated(page);
    await page.evaluate(() => document.querySelector("main")!.append("page 1 of NaN"));
    expect(await undefinedOrNaNShown(page)).toEqual(["NaN"]);
  });

  it("audit trail after hydration: its page count and the link to older events", async () => {
    // More than one page of events (50 to a page): the demo starts with only a few.
    const db = new Database(app.databaseFile);
    db.pragma("busy_timeout = 5000");
    const insert = db.prepare("insert into audit_events (at, actor_email, action, summary) values (?, ?, 'auth.sign_in', 'Signed in')");
    db.transaction(() => {
      for (let i = 0; i < 60; i++) insert.run(Date.UTC(2026, 10, 1, 9, i), "viewer@example.org");
    })();
    db.close();
    await check("/admin/audit");
    const nav = page.getByRole("navigation", { name: "Pages of the audit trail" });
    const older = nav.getByRole("link", { name: /^Older/ });
    expect(await older.textContent()).toMatch(/^Older:?Page 2 of \d+$/);
    expect(await page.getByText(/ · page 1 of \d+$/).count()).toBe(1);
    await older.click();
    await page.waitForURL(/page=2/);
    await nav.getByRole("link", { name: /^Newer/ }).waitFor();
    expect(await undefinedOrNaNShown(page)).toEqual([]);
  });

  it("page not found", async () => {
    await check("/projects/999999", 404);
  });
});

// ---------------------------------------------------------------------------------------------
// Keyboard only.

/** Whether the focused element shows a focus indicator (radios and checkboxes draw it on their label). */
async function focusIsVisible(page: Page): Promise<{ visible: boolean; what: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { visible: false, what: "nothing focused" };
    const shows = (s: CSSStyleDeclaration) => (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || (s.boxShadow !== "none" && s.boxShadow !== "");
    const input = el as HTMLInputElement;
    // Tab also stops on a date input's calendar button (inside the browser's own shadow tree): the
    // input then no longer matches :focus and the browser draws its own ring round the button.
    if (input.type === "date" && !el.matches(":focus") && el.matches(":focus-within")) {
      return { visible: true, what: "date input calendar button" };
    }
    const drawnOnLabel = el.tagName === "INPUT" && (input.type === "radio" || input.type === "checkbox");
    const visible = drawnOnLabel && el.nextElementSibling ? shows(getComputedStyle(el.nextElementSibling, "::before")) : shows(getComputedStyle(el));
    const label = el.getAttribute("name") ?? el.textContent?.trim().slice(0, 40) ?? "";
    const st = getComputedStyle(el);
    return {
      visible,
      what: `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}> ${label} (outline ${st.outlineStyle} ${st.outlineWidth}, box-shadow ${st.boxShadow})`,
    };
  });
}

/** Presses Tab until `target` has focus, checking the focus can be seen at every stop on the way. */
async function tabTo(page: Page, target: Locator, maxStops = 120) {
  const hidden: string[] = [];
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press("Tab");
    const { visible, what } = await focusIsVisible(page);
    if (!visible) hidden.push(what);
    if (await target.evaluate((el) => el === document.activeElement)) {
      expect(hidden, "elements focused without a visible focus indicator").toEqual([]);
      return;
    }
  }
  throw new Error(`could not reach ${target} with Tab`);
}

describe("keyboard only", () => {
  it("signs in with Tab, typing and Enter", async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await tabTo(page, page.getByLabel("Email address"));
    await page.keyboard.type("lead@example.org");
    await tabTo(page, page.getByLabel("Password"));
    await page.keyboard.type(E2E_PASSWORD);
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await context.close();
  });

  it("writes a status report with the keyboard alone", async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, app, "admin@example.org");
    await page.goto(`${app.url}/projects/${ids.project}/status/new`);
    if (!(await dateValue(page, "Reporting date"))) throw new Error("the reporting date has no default to keep");
    const firstRag = page.locator('input[type="radio"][name="rag"]').first();
    await tabTo(page, firstRag);
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowRight"); // the next rating, as a keyboard user would change their mind
    const chosen = await page.locator('input[type="radio"][name="rag"]:checked').getAttribute("value");
    expect(chosen).toBeTruthy();
    await tabTo(page, page.getByLabel("Reason for the rating"));
    await page.keyboard.type("Keyboard-only check: audit data on track.");
    await tabTo(page, page.getByLabel("Progress since the last report"));
    await page.keyboard.type("Two PDSA cycles finished this month.");
    await tabTo(page, page.getByLabel("Next steps"));
    await page.keyboard.type("Spread to the second ward.");
    const save = page.locator("form .nhsuk-button[type=submit]:not(.nhsuk-u-visually-hidden)").last();
    await tabTo(page, save);
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => !u.pathname.endsWith("/status/new"));
    await expect.poll(() => page.content()).toContain("Two PDSA cycles finished this month.");
    await context.close();
  });

  it("records the board's view of a project with the keyboard alone, submitting with Space", async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, app, "board@example.org");
    await page.goto(`${app.url}/board/assess/${ids.project}`);
    await tabTo(page, page.locator('input[type="radio"][name="rag"]').first());
    await page.keyboard.press("Space");
    expect(await page.locator('input[type="radio"][name="rag"]:checked').count()).toBe(1);
    await tabTo(page, page.getByLabel("Reason", { exact: true }));
    await page.keyboard.type("Keyboard-only board view: milestones on time.");
    await tabTo(page, page.getByRole("button", { name: "Save the board's view" }));
    await page.keyboard.press("Space");
    await page.waitForURL((u) => !u.pathname.startsWith("/board/assess"));
    const db = new Database(app.databaseFile, { readonly: true });
    const row = db.prepare("select reason from board_assessments where project_id = ? order by id desc").get(ids.project);
    db.close();
    expect(row).toEqual({ reason: "Keyboard-only board view: milestones on time." });
    await context.close();
  });
});
