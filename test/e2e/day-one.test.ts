// Day one at a trust, in Chromium with JavaScript on (issue 20): an empty trust started as the README says, its first
// admin signs in, follows the set-up checklist by its links, imports 400 people and 120 projects with their history
// from the made-up files in test/fixtures/, and finds the board, the waves and the CQC register filled with the files'
// dates. Each project's flags are worked out here from its history in the files, independently of the app's code.
import fs from "node:fs";
import path from "node:path";
import { generateTOTP } from "@epic-web/totp";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { STAGE_LABELS } from "../../app/domain/labels";
import { formatDay } from "../../app/domain/calendar";
import type { Stage } from "../../app/domain/enums";
import { PORTFOLIO_AS_OF, PORTFOLIO_DIVISIONS, PORTFOLIO_THEMES, PORTFOLIO_WAVE_DATES, PORTFOLIO_WAVES } from "../fixtures/make-portfolio";
import { E2E_TODAY, launchBrowser, startEmptyTrust, type RunningApp } from "./support";
import { hydrated, open, watchPage, type PageWatch } from "./js-on";
import { dbRows, fillDate } from "./form-helpers";
import { choosePerson } from "./people";

const ADMIN = { email: "head.of.qi@trust.example", name: "Morgan Hale", password: "kettle lantern orchard seventeen" };
const TRUST = "Northfield Hospitals NHS Foundation Trust";
const PROGRAMME = "Northfield Improvement Programme";
/** The trust's own choice on the thresholds page: PDSA activity is expected every 8 weeks, not the default 6. */
const PDSA_STALE_WEEKS = 8;
const THRESHOLDS = { milestoneSlipDays: 30, pdsaStaleWeeks: PDSA_STALE_WEEKS, statusStaleWeeks: 5 };
const fixtures = path.resolve(import.meta.dirname, "../fixtures");
const today = E2E_TODAY;

// ---- The files, read as the test's own account of what the trust brings in ----

const readCsv = (name: string) => {
  const rows = Papa.parse<Record<string, string>>(fs.readFileSync(path.join(fixtures, name), "utf8"), { header: true, skipEmptyLines: true }).data;
  expect(rows.length, name).toBeGreaterThan(0);
  return rows;
};
/** "31/03/2025" or "2025-03-31" → "2025-03-31". */
const isoOf = (day: string) => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? day : `${day.slice(6, 10)}-${day.slice(3, 5)}-${day.slice(0, 2)}`);
const daysFrom = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

type Expected = {
  reference: string;
  title: string;
  wave: number;
  stage: Stage;
  plannedStart: string;
  ragDate: string;
  lastPdsa: string | null;
  milestones: { title: string; baseline: string; forecast: string; completed: string | null }[];
  flags: string[];
};

/**
 * What the board must say of each project on day one, from the files alone (ADR 090): the latest RAG is a status report
 * on its date; a cycle's start and end dates are its activity (never the import); an open milestone forecast before
 * today is overdue; a quiet spell with no history counts from the import (today), not from a backdated start.
 */
function expectedPortfolio(): Expected[] {
  // The files' history ends on the servers' today: nothing in them is in the future.
  expect(PORTFOLIO_AS_OF).toBe(today);
  const projectRows = readCsv("portfolio-projects.csv");
  const reports = readCsv("portfolio-status-reports.csv");
  const milestoneRows = readCsv("portfolio-milestones.csv");
  const cycles = readCsv("portfolio-pdsa-cycles.csv");
  return projectRows.map((p) => {
    const ref = p.Reference;
    const stage = (Object.keys(STAGE_LABELS) as Stage[]).find((s) => STAGE_LABELS[s] === p.Stage)!;
    const ragDate = isoOf(p["RAG date"]);
    const reportDays = [ragDate, ...reports.filter((r) => r.Reference === ref).map((r) => isoOf(r.Date))];
    const lastReport =
      reportDays
        .filter((d) => d <= today)
        .sort()
        .at(-1) ?? null;
    const cycleDays = cycles.filter((c) => c.Reference === ref).flatMap((c) => [isoOf(c["Start date"]), ...(c["End date"] ? [isoOf(c["End date"])] : [])]);
    const lastPdsa =
      cycleDays
        .filter((d) => d <= today)
        .sort()
        .at(-1) ?? null;
    const milestones = milestoneRows
      .filter((m) => m.Reference === ref)
      .map((m) => ({
        title: m.Milestone,
        baseline: isoOf(m["Baseline date"]),
        forecast: isoOf(m["Forecast date"] || m["Baseline date"]),
        completed: m["Completed date"] ? isoOf(m["Completed date"]) : null,
      }));
    const flags: string[] = [];
    if (!["closed", "stopped", "declined"].includes(stage)) {
      const open = milestones.filter((m) => !m.completed);
      const overdue = open.filter((m) => m.forecast < today);
      for (const _ of overdue) flags.push("Milestone overdue");
      for (const m of open) if (daysFrom(m.baseline, m.forecast) > THRESHOLDS.milestoneSlipDays) flags.push("Milestone slipped");
      if (stage === "active" && daysFrom(lastPdsa ?? today, today) > THRESHOLDS.pdsaStaleWeeks * 7) flags.push("No recent PDSA activity");
      if (["approved", "active", "sustaining"].includes(stage) && daysFrom(lastReport ?? today, today) > THRESHOLDS.statusStaleWeeks * 7)
        flags.push("No recent status report");
      if (p["Latest RAG"] === "Green" && overdue.length) flags.push("Green with an overdue milestone");
      const score = Number(p["Progress score"]);
      // Nothing is measured yet (measures come on the measure pages), so a score of 3.5 or more claims an improvement no
      // measure shows, and 2.5 or more needs a target no measure has.
      if (p["Progress score"] && score >= 3.5) flags.push("Score not backed by improvement");
      if (p["Progress score"] && score >= 2.5) flags.push("Score without measure targets");
    }
    return {
      reference: ref,
      title: p.Title,
      wave: Number(p.Wave),
      stage,
      plannedStart: isoOf(p["Planned start"]),
      ragDate,
      lastPdsa,
      milestones,
      flags: flags.sort(),
    };
  });
}

// ---- The browser ----

let app: RunningApp;
let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  app = await startEmptyTrust(ADMIN);
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  watch = watchPage(page);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const main = () => page.locator("main");
/** Follows a link by its name, as a person clicks it, and waits for the page it opens to be ready. */
async function follow(name: string | RegExp, scope: Page | Locator = page) {
  const link = scope.getByRole("link", { name, exact: typeof name === "string" ? true : undefined }).first();
  const to = new URL((await link.getAttribute("href"))!, app.url);
  await link.click();
  await page.waitForURL((u) => u.pathname === to.pathname && u.search === to.search);
  await hydrated(page);
}
/** Back to the checklist through the Admin area's navigation, then the step's own link. */
async function checklistStep(action: string) {
  await openChecklist();
  await follow(new RegExp(`^${action} \\(`), main());
}
/** The checklist through the Admin area's navigation (from outside the Admin area, through the header's Admin link first). */
async function openChecklist() {
  const adminNav = page.getByRole("navigation", { name: "Admin" });
  if (!(await adminNav.isVisible())) {
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Admin", exact: true }).click();
    await adminNav.waitFor();
  }
  await follow("Set-up checklist", adminNav);
  await page.getByRole("heading", { name: "Set-up checklist" }).waitFor();
}
async function doneNotice(text: string | RegExp) {
  await main().getByText(text).first().waitFor();
}
async function checklist(): Promise<Record<string, string>> {
  const rows = await main().locator("table tbody tr").all();
  expect(rows.length).toBe(8);
  const out: Record<string, string> = {};
  for (const row of rows) {
    const cells = await row.locator("th, td").allInnerTexts();
    out[cells[0].trim()] = cells[1].trim();
  }
  return out;
}

describe("day one at a trust", () => {
  it("the first admin, made on the command line, signs in and sets up the second factor every admin needs", async () => {
    await open(page, `${app.url}/login`);
    await page.getByLabel("Email address").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => u.pathname === "/account/two-factor");
    await hydrated(page);
    const secret = (await page.locator(".app-setup-key").textContent())!.trim();
    const { otp } = await generateTOTP({ secret, period: 30, digits: 6, algorithm: "SHA-1" });
    await page.getByLabel("Enter the 6-digit code the app shows").fill(otp);
    await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
    await page.getByRole("heading", { name: "Two-factor authentication is on" }).waitFor();
    await follow("I have saved my recovery codes");
    expect(new URL(page.url()).pathname).toBe("/");
    // Nothing but the admin: no demo projects, people or names.
    expect(dbRows(app, "select email from users")).toEqual([{ email: ADMIN.email }]);
    expect(dbRows(app, "select id from projects")).toEqual([]);
  });

  it("follows the set-up checklist from the home page: names, themes, divisions, waves, thresholds and CQC actions", async () => {
    await main().getByText("0 of 8 steps done").waitFor();
    await follow("Open the set-up checklist", main());
    expect(Object.values(await checklist())).toEqual(Array(8).fill("To do"));

    await follow(/^Name the trust and programme \(/, main());
    await page.getByLabel("Programme name").fill(PROGRAMME);
    await page.getByLabel("Trust name").fill(TRUST);
    await page.getByRole("button", { name: "Save programme details" }).click();
    await doneNotice("Programme details saved.");

    for (const [step, kind, names] of [
      ["Add strategic themes", "strategic theme", PORTFOLIO_THEMES],
      ["Add divisions", "division", PORTFOLIO_DIVISIONS],
    ] as const) {
      await checklistStep(step);
      for (const name of names) {
        const form = main().locator("form", { has: page.getByLabel(`Add a ${kind}`, { exact: true }) });
        await form.getByLabel(`Add a ${kind}`, { exact: true }).fill(name);
        await form.getByRole("button", { name: "Add" }).click();
        await doneNotice(`Added ${name}.`);
        await expect.poll(() => form.getByLabel(`Add a ${kind}`, { exact: true }).inputValue()).toBe("");
      }
    }

    await checklistStep("Add waves");
    for (const number of PORTFOLIO_WAVES) {
      const wave = PORTFOLIO_WAVE_DATES[number];
      await page.getByLabel("Wave number").fill(String(number));
      await page.getByLabel("Name (optional)").fill(wave.name);
      await fillDate(page, "Starts on", wave.startsOn);
      await fillDate(page, "Ends on", wave.endsOn);
      await page.getByRole("button", { name: "Add wave" }).click();
      await doneNotice(`Wave ${number} saved.`);
    }

    await checklistStep("Review the attention thresholds");
    await page.getByLabel("No PDSA activity for more than (weeks)").fill(String(PDSA_STALE_WEEKS));
    await page.getByRole("button", { name: "Save programme details" }).click();
    await doneNotice("Programme details saved.");

    await checklistStep("Add the CQC actions");
    await page.getByLabel("Reference", { exact: true }).fill("MD1");
    await page.getByLabel("Kind", { exact: true }).selectOption("must_do");
    await page.getByLabel("CQC domain").selectOption("safe");
    await page.getByLabel("Service (optional)").fill("Emergency Department");
    await page.getByLabel("The action").fill("Ensure every adult is screened for sepsis within an hour of arrival");
    await page.getByRole("button", { name: "Add action" }).click();
    await doneNotice("Added MD1.");
    await page
      .getByLabel("One action per line: reference, kind, domain, service, text")
      .fill(
        "MD2, must do, well-led, Surgery, Ensure theatre lists start on time\nSD1, should do, effective, Medicine, Review antibiotic prescriptions within 72 hours",
      );
    await page.getByRole("button", { name: "Add pasted actions" }).click();
    await doneNotice("Added 2 actions.");

    await openChecklist();
    const steps = await checklist();
    expect(steps).toEqual({
      "Name the trust and programme": "Done",
      "Strategic themes": "Done",
      Divisions: "Done",
      Waves: "Done",
      "Attention thresholds": "Done",
      "CQC must-do and should-do actions": "Done",
      People: "To do",
      Projects: "To do",
    });
    await main().getByText(`${TRUST}: ${PROGRAMME}`).waitFor();
  }, 120_000); // dozens of saves, each a round trip on a shared machine

  it("imports the 400 people of the HR export: a preview of every line, then invitations for each", async () => {
    await checklistStep("Import people");
    await page.getByLabel("The spreadsheet").setInputFiles(path.join(fixtures, "people-400.csv"));
    await page.getByRole("button", { name: "Check the file" }).click();
    await page.getByRole("heading", { name: "Check before importing" }).waitFor();
    expect(await main().locator(".nhsuk-error-summary").count()).toBe(0);
    await main().getByText("400 to add, 0 to update, 0 unchanged.").waitFor();
    expect(await page.getByRole("table", { name: "People in the file" }).locator("tbody tr").count()).toBe(400);
    await page.getByRole("button", { name: "Import 400 people" }).click();
    await doneNotice("Imported people-400.csv: 400 added, 0 updated, 0 unchanged.");
    expect(await page.getByRole("table", { name: "Invitation links to send" }).locator("tbody tr").count()).toBe(400);
    const people = readCsv("people-400.csv");
    const saved = dbRows<{ email: string; role: string; division: string | null }>(
      app,
      "select u.email, u.role, d.name as division from users u left join divisions d on d.id = u.division_id where u.email <> ?",
      ADMIN.email,
    );
    expect(new Map(saved.map((u) => [u.email, [u.role, u.division ?? ""]]))).toEqual(new Map(people.map((p) => [p.Email, [p.Role, p.Division]])));
  });

  it("imports the projects, then their status reports, milestones and PDSA cycles, each previewed first", async () => {
    const files = [
      ["Projects", "portfolio-projects.csv", "projects"],
      ["Status reports", "portfolio-status-reports.csv", "status reports"],
      ["Milestones", "portfolio-milestones.csv", "milestones"],
      ["PDSA cycles", "portfolio-pdsa-cycles.csv", "PDSA cycles"],
    ] as const;
    for (const [kind, file, words] of files) {
      await checklistStep("Import projects");
      const rows = readCsv(file).length;
      await page.getByLabel(kind, { exact: true }).check();
      await page.getByLabel("The spreadsheet").setInputFiles(path.join(fixtures, file));
      await page.getByRole("button", { name: "Check the file" }).click();
      await page.getByRole("heading", { name: "Check before importing" }).waitFor();
      expect(await main().locator(".nhsuk-error-summary").count(), file).toBe(0);
      await main().getByText(`${kind} in ${file}: ${rows} new, 0 to update, 0 unchanged.`).waitFor();
      expect(
        await page
          .getByRole("table", { name: `${kind} in the file` })
          .locator("tbody tr")
          .count(),
      ).toBe(rows);
      await page.getByRole("button", { name: `Import ${rows} ${words}` }).click();
      await doneNotice(`Imported ${file}: ${rows} ${words} added, 0 updated, 0 unchanged.`);
    }
    await openChecklist();
    expect(Object.values(await checklist())).toEqual(Array(8).fill("Done"));
    await main().getByText("Every step is done: the trust is ready to go live.").waitFor();
    await main().getByText("401 people").waitFor();
    await main().getByText("120 projects").waitFor();
  }, 120_000); // dozens of saves, each a round trip on a shared machine

  it("sets the CQC actions' owners and due dates once the people are in, and links a project to a must-do", async () => {
    const people = readCsv("people-400.csv");
    const owner = people.find((p) => p.Role === "board")!;
    const project = expectedPortfolio().find((p) => p.stage === "active" && p.title.startsWith("Sepsis screening"))!;
    await follow("CQC", page.getByRole("navigation", { name: "Menu" }));
    await follow("Edit or archive MD1", main());
    await choosePerson(page, "Owner (optional)", owner.Name);
    await fillDate(page, "Due date (optional)", "2027-03-31");
    await page.getByRole("button", { name: "Save the action" }).click();
    await doneNotice("Saved.");
    await follow("CQC register", page.getByRole("navigation", { name: "Breadcrumb" }));
    await page.getByLabel("Link a project to MD1").selectOption({ label: project.title });
    await main()
      .locator("form", { has: page.getByLabel("Link a project to MD1") })
      .getByRole("button", { name: "Link", exact: true })
      .click();
    const md1 = main().locator("li.app-cqc-item", { has: page.getByRole("heading", { name: /^MD1 · Safe/ }) });
    await md1.getByRole("link", { name: project.title }).waitFor();
    expect(await md1.innerText()).toContain(`Owner: ${owner.Name} · Due: ${formatDay("2027-03-31")}`);
    await md1.getByText("Covered").waitFor();
    // The other must-do has no project yet, and says so.
    await main().getByText("1 must-do action with no active project").waitFor();
    expect(await main().locator("li.app-cqc-item").count()).toBe(3);
  });

  it("the board lists the 120 projects with their references, stages and the files' dates, each flagged as its history implies", async () => {
    const expected = expectedPortfolio();
    expect(expected).toHaveLength(120);
    await follow("Board", page.getByRole("navigation", { name: "Menu" }));
    await main().getByRole("link", { name: "Download all 120 projects in this view as CSV" }).waitFor();
    await main().getByText("Filter, group and choose columns").click();
    await page.getByLabel("Projects per page").selectOption("100");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL((u) => u.searchParams.get("size") === "100");
    // The address changes as the new data arrives; its rows render just after.
    const rowCount = () => page.getByRole("table", { name: "Projects on the board" }).locator("tbody tr").count();
    await expect.poll(rowCount).toBe(100);
    const shown = await boardRows();
    const pages = page.getByRole("navigation", { name: "Pages of the board" });
    await follow(/^Next.*Page 2 of 2/, pages);
    await pages.getByRole("link", { name: /^Previous/ }).waitFor();
    await expect.poll(rowCount).toBe(20);
    shown.push(...(await boardRows()));
    expect(shown.map((r) => r.reference).sort()).toEqual(expected.map((p) => p.reference).sort());
    const byRef = new Map(shown.map((r) => [r.reference, r]));
    for (const p of expected) {
      const row = byRef.get(p.reference)!;
      const done = p.milestones.filter((m) => m.completed).length;
      // The column counts a closed project's open milestones too; only the flags leave closed projects alone.
      const overdue = p.milestones.filter((m) => !m.completed && m.forecast < today).length;
      expect(
        {
          title: row.title,
          stage: row.stage,
          wave: row.wave,
          rag: row.rag.endsWith(`${daysFrom(p.ragDate, today)} days ago`),
          pdsa: row.pdsa.split("\n")[0],
          milestones: row.milestones,
          flags: row.flags,
        },
        p.reference,
      ).toEqual({
        title: p.title,
        stage: STAGE_LABELS[p.stage],
        wave: `Wave ${p.wave}`,
        rag: true,
        pdsa: p.lastPdsa ? formatDay(p.lastPdsa) : "No cycles",
        milestones: [`${done} of ${p.milestones.length} done`, ...(overdue ? [`${overdue} overdue`] : [])],
        flags: p.flags,
      });
    }
  });

  it("on day one a project is flagged for quiet PDSA only when its history is quiet, and for a milestone the history left overdue", async () => {
    const expected = expectedPortfolio();
    const quietFor = (p: Expected) => daysFrom(p.lastPdsa!, today);
    const stale = expected.find((p) => p.stage === "active" && p.lastPdsa && quietFor(p) > PDSA_STALE_WEEKS * 7)!;
    const recent = expected.find((p) => p.stage === "active" && p.lastPdsa && quietFor(p) <= PDSA_STALE_WEEKS * 7)!;
    const noHistory = expected.find((p) => p.stage === "active" && !p.lastPdsa)!;
    const late = expected.find((p) => p.stage !== "closed" && p.milestones.some((m) => !m.completed && m.forecast < today))!;
    expect([stale, recent, noHistory, late].every(Boolean)).toBe(true);

    const flagsOf = async (p: Expected) => {
      await follow("Board", page.getByRole("navigation", { name: "Menu" }));
      const details = main().locator("details", { hasText: "Filter, group and choose columns" });
      if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await main().getByText("Filter, group and choose columns").click();
      await page.getByLabel("Search projects and leads").fill(p.reference);
      await page.getByRole("button", { name: "Apply" }).click();
      await page.waitForURL((u) => u.searchParams.get("q") === p.reference);
      const rows = page.getByRole("table", { name: "Projects on the board" }).locator("tbody tr");
      await expect.poll(() => rows.count()).toBe(1);
      const summary = rows.locator("summary");
      if (await summary.count()) await summary.click();
      return (await rows.locator(".app-board-col--flags li").allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
    };

    const weeks = Math.floor(quietFor(stale) / 7);
    expect(await flagsOf(stale)).toContain(`No recent PDSA activity: No PDSA cycle started or updated for ${weeks} weeks`);
    // Imported today, but its cycles ran recently: their own dates count, not the day they were typed in.
    expect((await flagsOf(recent)).filter((f) => f.startsWith("No recent PDSA activity"))).toEqual([]);
    // Started long ago with no cycles in the file: its quiet spell starts at the import, so nothing yet.
    expect(daysFrom(noHistory.plannedStart, today)).toBeGreaterThan(PDSA_STALE_WEEKS * 7);
    expect((await flagsOf(noHistory)).filter((f) => f.startsWith("No recent PDSA activity"))).toEqual([]);
    const lateOne = late.milestones.find((m) => !m.completed && m.forecast < today)!;
    expect(await flagsOf(late)).toContain(`Milestone overdue: "${lateOne.title}" was due ${daysFrom(lateOne.forecast, today)} days ago`);
  });

  it("the waves page compares the three waves with their dates and imported projects; a wave lists its own", async () => {
    const expected = expectedPortfolio();
    await follow("Waves", page.getByRole("navigation", { name: "Menu" }));
    const table = page.getByRole("table", { name: "Waves compared" });
    for (const number of PORTFOLIO_WAVES) {
      const wave = PORTFOLIO_WAVE_DATES[number];
      const mine = expected.filter((p) => p.wave === number);
      expect(mine.length).toBeGreaterThan(0);
      const cells = await table
        .locator("tbody tr", { hasText: `Wave ${number}: ${wave.name}` })
        .locator("th, td")
        .allInnerTexts();
      const cycles = readCsv("portfolio-pdsa-cycles.csv").filter((c) => mine.some((p) => p.reference === c.Reference)).length;
      expect(cells.slice(0, 2).concat(cells.slice(3, 5)), `wave ${number}`).toEqual([
        `Wave ${number}: ${wave.name}`,
        `${formatDay(wave.startsOn)} to ${formatDay(wave.endsOn)}`,
        String(mine.length),
        String(cycles),
      ]);
      expect(cells[7]).toBe(String(mine.filter((p) => p.flags.length).length));
    }
    await follow("Wave 3: Autumn 2026", table);
    await main()
      .getByText(`${formatDay(PORTFOLIO_WAVE_DATES[3].startsOn)} to ${formatDay(PORTFOLIO_WAVE_DATES[3].endsOn)}`)
      .waitFor();
    const refs = (await boardRows()).map((r) => r.reference).sort();
    expect(refs).toEqual(
      expected
        .filter((p) => p.wave === 3)
        .map((p) => p.reference)
        .sort(),
    );
  });

  it("ran with JavaScript handling every form and no page or console errors", () => {
    expect(watch.errors).toEqual([]);
    expect(watch.documentPosts).toEqual([]);
    expect(watch.fetchPosts.length).toBeGreaterThan(20);
  });
});

type BoardRowShown = { reference: string; title: string; stage: string; wave: string; rag: string; pdsa: string; milestones: string[]; flags: string[] };

/** The board table's rows as shown: each column by its class, the flags by their labels (also inside a closed details). */
async function boardRows(): Promise<BoardRowShown[]> {
  const table = page.getByRole("table", { name: "Projects on the board" });
  await table.waitFor();
  const rows = await table.evaluate((el) =>
    [...el.querySelectorAll("tbody tr")].map((tr) => {
      const cell = (id: string) => tr.querySelector(`.app-board-col--${id}`) as HTMLElement | null;
      const text = (id: string) => (cell(id)?.innerText ?? "").trim();
      const title = cell("title")!;
      return {
        reference: (title.querySelector(".app-muted")?.textContent ?? "").trim(),
        title: (title.querySelector("a")?.textContent ?? "").trim(),
        stage: text("stage"),
        wave: text("wave"),
        rag: text("rag").replace(/\s+/g, " "),
        pdsa: text("pdsa"),
        milestones: text("milestones")
          .split("\n")
          .map((l) => l.trim())
          .filter((l) => l && !l.startsWith("worst slip")),
        flags: [...(cell("flags")?.querySelectorAll("li strong") ?? [])].map((s) => (s.textContent ?? "").replace(/:$/, "").trim()).sort(),
      };
    }),
  );
  expect(rows.length).toBeGreaterThan(0);
  return rows;
}
