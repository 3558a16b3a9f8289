// Importing people (ADR 055) and the portfolio with its history (ADR 090) in process on a fresh database: N people
// from an HR-style CSV, then N projects with their status reports, milestones and PDSA cycles (the made-up portfolio
// of test/fixtures). Each figure is printed beside a floor measured in the same run: the same rows inserted raw
// through better-sqlite3 in one transaction (no checks, audit, invitations or summaries), the least any import costs.
// Run alone: npx tsx bench/import.ts [--people 1000 --projects 1000]; npm run bench runs it with --import-people/--import-projects.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import { defaultMigrationsFolder, runMigrations } from "../db/migrate";
import { divisions, programmes, themes, users, waves } from "../db/schema";
import { loadSessionSecret } from "../app/auth/secrets.server";
import { resetEnvForTests } from "../app/env.server";
import { checkPeopleRows, readCsv } from "../app/forms/people-import.server";
import { checkCycleRows, checkMilestoneRows, checkProjectRows, checkStatusReportRows, readImportCsv } from "../app/forms/project-import.server";
import { importPeople } from "../app/models/people-import-commands.server";
import { importHistory, importProjects } from "../app/models/project-import-commands.server";
import { importLookups } from "../app/models/project-import.server";
import { refreshSummaries } from "../app/models/summary.server";
import { PORTFOLIO_DIVISIONS, PORTFOLIO_THEMES, PORTFOLIO_WAVES, portfolioFiles } from "../test/fixtures/make-portfolio";

const TODAY = "2026-11-30";

export type ImportFigure = { what: string; rows: number; ms: number; floorMs: number };
export type ImportFigures = { people: number; projects: number; figures: ImportFigure[]; totalMs: number };

const valueOf = <T>(r: { ok: true; value: T } | { ok: false }) => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.value;
};
const timed = <T>(fn: () => T): [T, number] => {
  const started = performance.now();
  const result = fn();
  return [result, performance.now() - started];
};

/** A fresh, migrated database with the portfolio's divisions, themes and waves. */
function freshDb(dir: string, name: string) {
  const db = openDatabase(path.join(dir, name));
  runMigrations(db, defaultMigrationsFolder);
  const programmeId = db.insert(programmes).values({ name: "Bench", trustName: "Bench Trust" }).returning({ id: programmes.id }).get().id;
  for (const division of PORTFOLIO_DIVISIONS) db.insert(divisions).values({ programmeId, name: division }).run();
  for (const theme of PORTFOLIO_THEMES) db.insert(themes).values({ programmeId, name: theme }).run();
  for (const number of PORTFOLIO_WAVES)
    db.insert(waves)
      .values({ programmeId, number, name: `Cohort ${number}`, startsOn: "2025-01-01", endsOn: "2027-12-31" })
      .run();
  const adminId = db.insert(users).values({ name: "Bench admin", email: "admin@bench.example", role: "admin" }).returning({ id: users.id }).get().id;
  return { db, programmeId, actor: { id: adminId, email: "admin@bench.example" } };
}

/** The floor: `rows` inserted into `table` raw, in one transaction, one prepared statement. */
function rawInsert(db: ReturnType<typeof openDatabase>, sql: string, rows: unknown[][]): number {
  const statement = db.$client.prepare(sql);
  return timed(() => db.$client.transaction(() => rows.forEach((r) => statement.run(...r)))())[1];
}

export function benchImport(opts: { people: number; projects: number }): ImportFigures {
  process.env.SESSION_SECRET ??= "bench-session-secret-0123456789abcdef0123456789";
  resetEnvForTests();
  loadSessionSecret(false);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepping-up-import-bench-"));
  const figures: ImportFigure[] = [];
  const started = performance.now();
  try {
    const { db, programmeId, actor } = freshDb(dir, "import.sqlite");
    const floor = freshDb(dir, "floor.sqlite").db;
    const at = Date.now();

    // People: an HR export of N staff, checked and imported (each gets an invitation, as on the page).
    const csv = [
      "Name,Email,Job title,Role,Division",
      ...Array.from(
        { length: opts.people },
        (_, i) => `Person ${i + 1},person.${i + 1}@bench.example,Staff Nurse,staff,${PORTFOLIO_DIVISIONS[i % PORTFOLIO_DIVISIONS.length]}`,
      ),
    ].join("\n");
    const divisionList = db.select({ id: divisions.id, name: divisions.name }).from(divisions).all();
    const [people, peopleMs] = timed(() => {
      const checked = checkPeopleRows(readCsv(csv), divisionList);
      if (checked.problems.length) throw new Error(JSON.stringify(checked.problems.slice(0, 3)));
      valueOf(importPeople(db, actor, { rows: checked.rows, fileName: "people.csv", delivery: { email: false, sso: null } }));
      return checked.rows;
    });
    const peopleFloor = rawInsert(
      floor,
      "insert into users (email, name, job_title, role, division_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
      people.map((p) => [p.email, p.name, p.jobTitle, p.role, p.divisionId, at, at]),
    );
    figures.push({ what: "people (check, import, invitations)", rows: people.length, ms: peopleMs, floorMs: peopleFloor });

    // The portfolio: its leads exist first, as after the people import.
    const files = portfolioFiles(opts.projects, TODAY);
    for (const [name, email] of readImportCsv(files["portfolio-leads.csv"])
      .slice(1)
      .filter((r) => r.length > 1)) {
      db.insert(users).values({ name, email, role: "staff" }).run();
    }
    const projectTable = readImportCsv(files["portfolio-projects.csv"]);
    const [projectRows, projectMs] = timed(() => {
      const checked = checkProjectRows(projectTable, importLookups(db, programmeId), TODAY);
      if (checked.problems.length) throw new Error(JSON.stringify(checked.problems.slice(0, 3)));
      valueOf(importProjects(db, actor, { programmeId, rows: checked.rows, fileName: "projects.csv" }));
      return checked.rows;
    });
    const projectFloor = rawInsert(
      floor,
      "insert into projects (programme_id, title, reference, stage, created_at, updated_at) values (1, ?, ?, 'active', ?, ?)",
      projectRows.map((_, i) => [`Project ${i + 1}`, `REF-${i + 1}`, at, at]),
    );
    figures.push({ what: "projects (check, import)", rows: projectRows.length, ms: projectMs, floorMs: projectFloor });

    const lookups = importLookups(db, programmeId);
    const projectIds = (floor.$client.prepare("select id from projects order by id").all() as { id: number }[]).map((r) => r.id);
    const pick = (i: number) => projectIds[i % projectIds.length];
    const history = [
      {
        what: "status reports",
        run: () => {
          const r = checkStatusReportRows(readImportCsv(files["portfolio-status-reports.csv"]), lookups, TODAY);
          valueOf(importHistory(db, actor, { kind: "status-reports", rows: r.rows, fileName: "r.csv" }));
          return r.rows.length;
        },
        floor: (n: number) =>
          rawInsert(
            floor,
            "insert into status_reports (project_id, report_date, rag, rag_reason, created_at) values (?, '2026-01-01', 'amber', 'bench', ?)",
            Array.from({ length: n }, (_, i) => [pick(i), at]),
          ),
      },
      {
        what: "milestones",
        run: () => {
          const m = checkMilestoneRows(readImportCsv(files["portfolio-milestones.csv"]), lookups, TODAY);
          valueOf(importHistory(db, actor, { kind: "milestones", rows: m.rows, fileName: "m.csv" }));
          return m.rows.length;
        },
        floor: (n: number) =>
          rawInsert(
            floor,
            "insert into milestones (project_id, title, baseline_date, forecast_date, created_at, updated_at) values (?, 'Bench', '2026-01-01', '2026-02-01', ?, ?)",
            Array.from({ length: n }, (_, i) => [pick(i), at, at]),
          ),
      },
      {
        what: "PDSA cycles",
        run: () => {
          const c = checkCycleRows(readImportCsv(files["portfolio-pdsa-cycles.csv"]), lookups, TODAY);
          valueOf(importHistory(db, actor, { kind: "pdsa-cycles", rows: c.rows, today: TODAY, fileName: "c.csv" }));
          return c.rows.length;
        },
        // Each cycle tests a change idea: the floor writes one a project, as the import does.
        floor: (n: number) =>
          rawInsert(
            floor,
            "insert into change_ideas (project_id, title, created_at) values (?, 'Bench idea', ?)",
            projectIds.map((id) => [id, at]),
          ) +
          rawInsert(
            floor,
            "insert into pdsa_cycles (project_id, number, change_idea_id, title, start_date, created_at, updated_at) values (?, ?, ?, 'Bench', '2026-01-01', ?, ?)",
            Array.from({ length: n }, (_, i) => [pick(i), Math.floor(i / projectIds.length) + 1, (i % projectIds.length) + 1, at, at]),
          ),
      },
    ];
    for (const h of history) {
      const [rows, ms] = timed(h.run);
      figures.push({ what: h.what, rows, ms, floorMs: h.floor(rows) });
    }
    const [, summaryMs] = timed(() => refreshSummaries(db, programmeId, TODAY, null));
    figures.push({ what: "the board's summaries", rows: opts.projects, ms: summaryMs, floorMs: NaN });
    db.$client.close();
    floor.$client.close();
    return { people: opts.people, projects: opts.projects, figures, totalMs: performance.now() - started };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function printImportFigures(f: ImportFigures) {
  console.log(
    `Imports: ${f.people.toLocaleString("en-GB")} people and ${f.projects.toLocaleString("en-GB")} projects with history in ${(f.totalMs / 1000).toFixed(2)} s` +
      "  (floor: the same rows inserted raw in one transaction, no checks, audit or summaries)",
  );
  for (const x of f.figures) {
    const rate = (x.rows / x.ms) * 1000;
    const floor = Number.isNaN(x.floorMs) ? "no floor (derived data)" : `floor ${x.floorMs.toFixed(0)} ms, ratio ${(x.ms / x.floorMs).toFixed(1)}×`;
    console.log(
      `  ${x.what.padEnd(38)} ${String(x.rows).padStart(6)} rows  ${x.ms.toFixed(0).padStart(6)} ms  ${rate.toFixed(0).padStart(7)} rows/s  ${floor}`,
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { values } = parseArgs({ options: { people: { type: "string", default: "1000" }, projects: { type: "string", default: "1000" } } });
  printImportFigures(benchImport({ people: Number(values.people), projects: Number(values.projects) }));
}
