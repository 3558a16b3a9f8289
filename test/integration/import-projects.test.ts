// Importing the portfolio (ADR 090): projects from CSV or Excel with a line-numbered preview, nothing saved until
// confirmed, re-import by reference, the importer on no team, "imported" in the audit trail; then history with its own
// dates, and the board's flags that history implies.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { eq, sql } from "drizzle-orm";
import {
  auditEvents,
  divisions,
  pdsaCycles,
  programmes,
  progressScores,
  projects,
  projectSummaries,
  projectTeam,
  statusReports,
  milestones,
  themes,
  users,
  waves,
} from "../../db/schema";
import { readPage } from "../helpers/html";
import { startEmptyTrust } from "../helpers/empty-trust";
import { TEST_TODAY, type Client, type TestServer } from "../helpers/server";
import { IMPORT_TEMPLATES } from "../../app/forms/project-import-template";
import { formatDay } from "../../app/domain/calendar";
import { PORTFOLIO_DIVISIONS, PORTFOLIO_THEMES, PORTFOLIO_WAVES } from "../fixtures/make-portfolio";

let server: TestServer;
let admin: Client;
let adminId: number;
const fixtures = path.resolve(import.meta.dirname, "../fixtures");

beforeAll(async () => {
  ({ server, admin, adminId } = await startEmptyTrust());
  const programmeId = server.db.select().from(programmes).get()!.id;
  for (const name of ["Medicine", ...PORTFOLIO_DIVISIONS.filter((d) => d !== "Medicine")]) server.db.insert(divisions).values({ programmeId, name }).run();
  for (const name of PORTFOLIO_THEMES) server.db.insert(themes).values({ programmeId, name }).run();
  for (const number of PORTFOLIO_WAVES)
    server.db
      .insert(waves)
      .values({ programmeId, number, name: `Cohort ${number}`, startsOn: "2025-01-01", endsOn: "2027-12-31" })
      .run();
  const leads = Papa(fs.readFileSync(path.join(fixtures, "portfolio-leads.csv"), "utf8")).slice(1);
  for (const [name, email] of [["Ada Exec", "ada@trust.example"], ["Olu Ops", "olu@trust.example"], ["Cal Clinical", "cal@trust.example"], ...leads]) {
    server.db.insert(users).values({ name, email, role: "staff" }).run();
  }
});
afterAll(async () => {
  await server?.close();
});

function Papa(text: string) {
  return text
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(","));
}

async function upload(kind: string, file: File) {
  const form = new FormData();
  form.set("intent", "preview");
  form.set("kind", kind);
  form.set("file", file);
  const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return fetch(`${server.url}/admin/import/projects`, { method: "POST", body: form, redirect: "manual", headers: { Cookie: cookie } });
}
const csv = (text: string, name = "tracker.csv") => new File([text], name, { type: "text/csv" });
const count = (table: typeof projects | typeof statusReports | typeof pdsaCycles | typeof milestones) =>
  server.db
    .select({ n: sql<number>`count(*)` })
    .from(table)
    .get()!.n;
async function confirm(previewPage: Awaited<ReturnType<typeof readPage>>) {
  return admin.post("/admin/import/projects", previewPage.hiddenFields('form:has(input[value="confirm"])'));
}
const H = IMPORT_TEMPLATES.projects.header.join(",");
/** A projects line with the named columns set, the rest blank. */
function line(values: Partial<Record<(typeof IMPORT_TEMPLATES.projects.header)[number], string>>) {
  return IMPORT_TEMPLATES.projects.header.map((h) => values[h] ?? "").join(",");
}
const ukDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const daysBefore = (n: number) => new Date(Date.parse(`${TEST_TODAY}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

describe("importing projects", () => {
  it("links a template for each kind of file, each with its header and an example row", async () => {
    const page = await readPage(await admin.get("/admin/import/projects"));
    for (const kind of ["projects", "status-reports", "milestones", "pdsa-cycles"] as const) {
      expect(page.hrefs()).toContain(`/admin/import/templates/${kind}.csv`);
      const res = await admin.get(`/admin/import/templates/${kind}.csv`);
      expect(res.headers.get("content-disposition")).toContain("attachment");
      const lines = (await res.text())
        .replace(/^\uFEFF/, "")
        .trim()
        .split(/\r?\n/);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toBe(IMPORT_TEMPLATES[kind].header.join(","));
    }
    expect((await admin.get("/admin/import/templates/other.csv")).status).toBe(404);
  });

  it("lists every kind of problem by line and saves nothing", async () => {
    const before = count(projects);
    const res = await upload(
      "projects",
      csv(
        [
          H,
          line({ Reference: "A-1", Title: "Good one", Division: "Medicine" }),
          line({ Reference: "A-2", Title: "Bad division", Division: "Cardiology" }),
          line({ Reference: "A-3", Title: "Bad theme", Theme: "Astronomy" }),
          line({ Reference: "A-4", Title: "Bad wave", Wave: "9" }),
          line({ Reference: "A-5", Title: "Bad stage", Stage: "Dreaming" }),
          line({ Reference: "A-6", Title: "Unknown lead", "Executive lead email": "nobody@trust.example" }),
          line({ Reference: "A-7", Title: "Bad date", "Planned start": "31/02/2025" }),
          line({ Reference: "A-1", Title: "Duplicate reference" }),
          line({ Reference: "A-9" }),
          line({ Reference: "A-10", Title: "Amber without reason", "Latest RAG": "Amber", "RAG date": "01/11/2026" }),
          line({ Reference: "A-11", Title: "Odd score", "Progress score": "2.7", "Score date": "2026-11-01" }),
          line({ Reference: "A-12", Title: "RAG from the future", "Latest RAG": "Green", "RAG date": "01/12/2026" }),
        ].join("\n"),
      ),
    );
    expect(res.status).toBe(400);
    expect((await readPage(res)).errorSummary()).toEqual([
      'Line 3: "Cardiology" is not a division: add it under Programme set-up first, or correct the name',
      'Line 4: "Astronomy" is not a strategic theme: add it under Programme set-up first, or correct the name',
      'Line 5: "9" is not a wave: give its number, like 1, as set up under Programme set-up',
      'Line 6: "Dreaming" is not a stage: use Proposed, Approved, Active, Sustaining, Closed, Stopped, Declined',
      "Line 7: Executive lead email: nobody has the email address nobody@trust.example: import or add the person first",
      'Line 8: Planned start "31/02/2025" is not a date: use DD/MM/YYYY, like 31/03/2025',
      "Line 9: The reference A-1 is also on line 2",
      "Line 10: Enter the project's title",
      "Line 11: Enter the RAG reason: an amber or red rating needs one",
      'Line 12: Progress score "2.7" is not on the IHI scale: use 0.5 to 5 in half steps',
      "Line 13: The RAG date is after today: enter the day the RAG was reported",
    ]);
    expect(count(projects)).toBe(before);
  });

  it("refuses a file that is not CSV or Excel, one without the header, and a preview without a kind", async () => {
    const wrong = await upload("projects", new File(["x"], "tracker.pdf"));
    expect((await readPage(wrong)).errorSummary()).toEqual(["tracker.pdf is not a CSV or Excel (.xlsx) file"]);
    const noHeader = await upload("projects", csv("A-1,Title\n"));
    expect((await readPage(noHeader)).errorSummary()[0]).toBe("Line 1: The header row must name the columns Reference (see the template)");
    const noKind = await upload("sheep", csv(`${H}\n`));
    expect((await readPage(noKind)).errorSummary()).toEqual(["Choose what the file holds"]);
  });

  it("previews without saving, creates on confirmation with the file's dates, leaves the importer off the teams and says imported", async () => {
    const before = count(projects);
    const first = await upload(
      "projects",
      csv(
        [
          H,
          line({
            Reference: "P-1",
            Title: "Sepsis six",
            Division: "Medicine",
            Theme: "Patient flow",
            Wave: "Wave 2",
            Stage: "Active",
            "Stage date": "03/03/2025",
            "Executive lead email": "ADA@trust.example",
            "Operational lead email": "olu@trust.example",
            "Clinical lead email": "cal@trust.example",
            "Aim: what will improve": "Antibiotics within the hour",
            "Aim: baseline": "58",
            "Aim: target": "90",
            "Aim: by date": "2027-03-31",
            "Planned start": "03/03/2025",
            "Planned end": "2027-03-31",
            "Latest RAG": "Amber",
            "RAG date": "01/11/2026",
            "RAG reason": "Nights",
            "Progress score": "2.5",
            "Score date": "15/10/2026",
          }),
          line({ Reference: "P-2", Title: "Falls", Stage: "Proposed" }),
        ].join("\n"),
      ),
    );
    expect(first.status).toBe(200);
    const preview = await readPage(first);
    expect(preview.text).toContain("2 new, 0 to update, 0 unchanged. Nothing is saved until you confirm.");
    expect(count(projects)).toBe(before);

    const done = await readPage(await confirm(preview));
    expect(done.text).toContain("Imported tracker.csv: 2 projects added, 0 updated, 0 unchanged.");
    const p1 = server.db.select().from(projects).where(eq(projects.reference, "P-1")).get()!;
    expect(p1).toMatchObject({
      title: "Sepsis six",
      stage: "active",
      plannedStart: "2025-03-03",
      plannedEnd: "2027-03-31",
      aimBaseline: 58,
      progressScore: 2.5,
    });
    expect(p1.importedAt).not.toBeNull();
    const team = server.db.select().from(projectTeam).where(eq(projectTeam.projectId, p1.id)).all();
    expect(team.map((t) => t.role).sort()).toEqual(["clinical_lead", "executive_lead", "operational_lead"]);
    expect(server.db.select().from(projectTeam).where(eq(projectTeam.userId, adminId)).all()).toEqual([]);
    expect(server.db.select().from(statusReports).where(eq(statusReports.projectId, p1.id)).all()).toMatchObject([
      { reportDate: "2026-11-01", rag: "amber", ragReason: "Nights" },
    ]);
    const score = server.db.select().from(progressScores).where(eq(progressScores.projectId, p1.id)).get()!;
    expect(score.at.toISOString().slice(0, 10)).toBe("2026-10-15");
    const audit = server.db.select().from(auditEvents).where(eq(auditEvents.projectId, p1.id)).all();
    expect(audit.map((a) => a.summary)).toEqual([
      'Imported P-1 "Sepsis six" from tracker.csv (line 2): stage Active since 3 Mar 2025; RAG Amber on 1 Nov 2026; progress score 2.5 on 15 Oct 2026; executive lead Ada Exec; operational lead Olu Ops; clinical lead Cal Clinical',
    ]);

    // The board and the project page show the reference.
    const board = await readPage(await admin.get("/board"));
    expect(board.text).toContain("Sepsis six P-1");
    expect((await readPage(await admin.get(`/projects/${p1.id}`))).text).toContain("Reference P-1");
    const boardCsv = await (await admin.get("/board.csv")).text();
    expect(boardCsv).toContain(",Sepsis six,P-1,");
  });

  it("re-imports by reference: updates what changed, adds nothing twice", async () => {
    const before = count(projects);
    const again = await readPage(
      await upload(
        "projects",
        csv(
          [
            H,
            line({
              Reference: "p-1",
              Title: "Sepsis six in the ED",
              Division: "Medicine",
              Theme: "Patient flow",
              Wave: "2",
              Stage: "Sustaining",
              "Stage date": "01/11/2026",
            }),
            line({ Reference: "P-2", Title: "Falls", Stage: "Proposed" }),
            line({ Reference: "P-3", Title: "New one" }),
          ].join("\n"),
        ),
      ),
    );
    expect(again.text).toContain("1 new, 1 to update, 1 unchanged.");
    // A blank cell clears the value it stands for: the planned dates and the aim here.
    expect(again.text).toContain(
      'Will change title to "Sepsis six in the ED", stage to Sustaining (since 1 Nov 2026), planned start to none, planned end to none, the SMART aim',
    );
    expect((await readPage(await confirm(again))).text).toContain("1 projects added, 1 updated, 1 unchanged");
    expect(count(projects)).toBe(before + 1);
    const p1 = server.db.select().from(projects).where(eq(projects.reference, "P-1")).get()!;
    expect(p1).toMatchObject({ title: "Sepsis six in the ED", stage: "sustaining", version: 2 });
    const last = server.db.select().from(auditEvents).where(eq(auditEvents.projectId, p1.id)).all().at(-1)!;
    expect(last.summary).toMatch(/^Imported from tracker\.csv \(line 2\): changed title/);
  });

  it("reads an Excel workbook's Projects sheet, with Excel date cells", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Notes").addRow(["This sheet is not read"]);
    const sheet = workbook.addWorksheet("Projects");
    sheet.addRow(["Reference", "Title", "Planned start", "Planned end"]);
    sheet.addRow(["X-1", "From Excel", new Date(Date.UTC(2025, 3, 1)), 45900]);
    const res = await upload("projects", new File([await workbook.xlsx.writeBuffer()], "tracker.xlsx"));
    expect(res.status).toBe(200);
    const page = await readPage(res);
    expect(page.tableRows().map((r) => r.slice(1, 4))).toEqual([["X-1", "From Excel (Proposed)", "Starts 1 Apr 2025"]]);
    await confirm(page);
    expect(server.db.select().from(projects).where(eq(projects.reference, "X-1")).get()).toMatchObject({
      plannedStart: "2025-04-01",
      plannedEnd: "2025-08-31",
    });
  });
});

describe("importing history", () => {
  it("refuses history dated after today: a status report not yet written, a milestone not yet done", async () => {
    const before = [count(statusReports), count(milestones)];
    const reports = await upload(
      "status-reports",
      csv([IMPORT_TEMPLATES["status-reports"].header.join(","), "P-1,01/11/2026,Green,,On track,,", "P-1,27/11/2026,Green,,Tomorrow's news,,"].join("\n")),
    );
    expect(reports.status).toBe(400);
    expect((await readPage(reports)).errorSummary()).toEqual(["Line 3: The date is after today: a status report is dated the day it was written"]);
    const plan = await upload("milestones", csv([IMPORT_TEMPLATES.milestones.header.join(","), "P-1,Launch,01/12/2026,01/12/2026,02/12/2026"].join("\n")));
    expect(plan.status).toBe(400);
    expect((await readPage(plan)).errorSummary()).toEqual(["Line 2: The completed date is after today: leave it blank until the milestone is done"]);
    expect([count(statusReports), count(milestones)]).toEqual(before);
  });

  it("checks history lines: unknown reference, bad dates, bad decision, missing fields", async () => {
    const before = count(pdsaCycles);
    const res = await upload(
      "pdsa-cycles",
      csv(
        [
          IMPORT_TEMPLATES["pdsa-cycles"].header.join(","),
          "P-1,Prompt,Test 1,01/02/2026,10/02/2026,adopt,Worked",
          "ZZ-9,Prompt,Test 1,01/02/2026,,,",
          "P-1,,Test 2,2026-02-30,,,",
          "P-1,Prompt,Test 3,10/02/2026,01/02/2026,keep,",
        ].join("\n"),
      ),
    );
    expect(res.status).toBe(400);
    expect((await readPage(res)).errorSummary()).toEqual([
      "Line 3: No project has the reference ZZ-9: import the projects first, or correct the reference",
      'Line 4: Enter the change idea the cycle tested; Start date "2026-02-30" is not a date: use DD/MM/YYYY, like 31/03/2025',
      'Line 5: The end date must be on or after the start date; decision "keep" is not adopt, adapt or abandon',
    ]);
    expect(count(pdsaCycles)).toBe(before);
  });

  it("imports status reports, milestones and cycles with their own dates, marked imported, and the board's flags follow them", async () => {
    // P-2 tested last week; P-3's last cycle ended 20 weeks ago. Both are active.
    await confirm(
      await readPage(
        await upload(
          "projects",
          csv(
            [
              H,
              line({ Reference: "P-2", Title: "Falls", Stage: "Active" }),
              line({ Reference: "P-3", Title: "New one", Stage: "Active", "Planned start": "01/01/2025" }),
            ].join("\n"),
          ),
        ),
      ),
    );
    const cycles = [
      IMPORT_TEMPLATES["pdsa-cycles"].header.join(","),
      `P-2,Huddle,Test 1,${ukDay(daysBefore(30))},${ukDay(daysBefore(7))},adapt,Shorter huddles`,
      `P-3,Checklist,Test 1,${ukDay(daysBefore(170))},${ukDay(daysBefore(140))},abandon,Nobody used it`,
    ].join("\n");
    const preview = await readPage(await upload("pdsa-cycles", csv(cycles, "cycles.csv")));
    expect(preview.text).toContain("2 new, 0 to update, 0 unchanged");
    expect((await readPage(await confirm(preview))).text).toContain("Imported cycles.csv: 2 PDSA cycles added");
    const reports = [
      IMPORT_TEMPLATES["status-reports"].header.join(","),
      `P-2,${ukDay(daysBefore(10))},Green,,On track,,`,
      `P-3,${ukDay(daysBefore(100))},Red,Stalled,,,`,
    ].join("\n");
    await confirm(await readPage(await upload("status-reports", csv(reports, "reports.csv"))));
    const ms = [IMPORT_TEMPLATES.milestones.header.join(","), "P-2,Huddle in place,01/03/2026,01/04/2026,20/03/2026"].join("\n");
    await confirm(await readPage(await upload("milestones", csv(ms, "milestones.csv"))));

    const p3 = server.db.select().from(projects).where(eq(projects.reference, "P-3")).get()!;
    const cycle = server.db.select().from(pdsaCycles).where(eq(pdsaCycles.projectId, p3.id)).get()!;
    expect(cycle).toMatchObject({
      startDate: daysBefore(170),
      endDate: daysBefore(140),
      actDecision: "abandon",
      status: "done",
      studyLearning: "Nobody used it",
    });
    expect(cycle.importedAt).not.toBeNull();
    expect(server.db.select().from(milestones).where(eq(milestones.title, "Huddle in place")).get()).toMatchObject({ completedOn: "2026-03-20" });
    expect(
      server.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.projectId, p3.id))
        .all()
        .map((a) => a.summary),
    ).toContain(`Imported 1 PDSA cycles for P-3 from cycles.csv dated ${formatDay(daysBefore(170))} to ${formatDay(daysBefore(140))}`);

    await admin.get("/board"); // refreshes the summaries
    const summary = (ref: string) => {
      const id = server.db.select().from(projects).where(eq(projects.reference, ref)).get()!.id;
      const s = server.db.select().from(projectSummaries).where(eq(projectSummaries.projectId, id)).get()!;
      return { last: s.lastPdsaDate, flags: (JSON.parse(s.flags) as { code: string }[]).map((f) => f.code) };
    };
    expect(summary("P-2")).toEqual({ last: daysBefore(7), flags: [] });
    expect(summary("P-3").last).toBe(daysBefore(140));
    expect(summary("P-3").flags).toEqual(expect.arrayContaining(["pdsa_stale", "status_stale"]));

    // Re-importing the same cycles changes nothing and is not today's activity.
    const again = await readPage(await upload("pdsa-cycles", csv(cycles, "cycles.csv")));
    expect(again.text).toContain("0 new, 0 to update, 2 unchanged");
  });

  it("a backdated active project without history raises no quiet-spell flag on day one", async () => {
    await confirm(
      await readPage(
        await upload("projects", csv([H, line({ Reference: "B-1", Title: "Backdated", Stage: "Active", "Planned start": "01/09/2025" })].join("\n"))),
      ),
    );
    await admin.get("/board");
    const id = server.db.select().from(projects).where(eq(projects.reference, "B-1")).get()!.id;
    expect(JSON.parse(server.db.select().from(projectSummaries).where(eq(projectSummaries.projectId, id)).get()!.flags)).toEqual([]);
  });

  it("imports the 120-project fixture with its history quickly", async () => {
    const read = (name: string) => csv(fs.readFileSync(path.join(fixtures, name), "utf8"), name);
    const started = performance.now();
    const before = count(projects);
    for (const [kind, name] of [
      ["projects", "portfolio-projects.csv"],
      ["status-reports", "portfolio-status-reports.csv"],
      ["milestones", "portfolio-milestones.csv"],
      ["pdsa-cycles", "portfolio-pdsa-cycles.csv"],
    ]) {
      const res = await upload(kind, read(name));
      const page = await readPage(res);
      expect(page.errorSummary(), name).toEqual([]);
      expect((await readPage(await confirm(page))).text).toContain(`Imported ${name}`);
    }
    expect(count(projects)).toBe(before + 120);
    // Four previews and four confirmations over HTTP on a shared test machine; bench/import.ts times the import alone.
    expect(performance.now() - started).toBeLessThan(60_000);
  }, 90_000);
});
