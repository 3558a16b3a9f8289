// npx tsx bench/import.ts [-- --projects 1000]
// Times the portfolio import (ADR 090) in process on a fresh database: checking and writing N projects, then their
// status reports, milestones and PDSA cycles (the made-up portfolio of test/fixtures). Reports; never fails on timing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import { defaultMigrationsFolder, runMigrations } from "../db/migrate";
import { divisions, programmes, themes, users, waves } from "../db/schema";
import { checkCycleRows, checkMilestoneRows, checkProjectRows, checkStatusReportRows, readImportCsv } from "../app/forms/project-import.server";
import { importHistory, importProjects } from "../app/models/project-import-commands.server";
import { importLookups } from "../app/models/project-import.server";
import { refreshSummaries } from "../app/models/summary.server";
import { PORTFOLIO_DIVISIONS, PORTFOLIO_THEMES, PORTFOLIO_WAVES, portfolioFiles } from "../test/fixtures/make-portfolio";

const { values: args } = parseArgs({ options: { projects: { type: "string", default: "1000" } } });
const n = Number(args.projects);
const TODAY = "2026-11-30";

const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stepping-up-import-bench-")), "bench.sqlite");
const db = openDatabase(file);
runMigrations(db, defaultMigrationsFolder);
const programmeId = db.insert(programmes).values({ name: "Bench", trustName: "Bench Trust" }).returning({ id: programmes.id }).get().id;
for (const name of PORTFOLIO_DIVISIONS) db.insert(divisions).values({ programmeId, name }).run();
for (const name of PORTFOLIO_THEMES) db.insert(themes).values({ programmeId, name }).run();
for (const number of PORTFOLIO_WAVES)
  db.insert(waves)
    .values({ programmeId, number, name: `Cohort ${number}`, startsOn: "2025-01-01", endsOn: "2027-12-31" })
    .run();
const files = portfolioFiles(n, TODAY);
for (const [name, email] of readImportCsv(files["portfolio-leads.csv"])
  .slice(1)
  .filter((r) => r.length > 1))
  db.insert(users).values({ name, email, role: "staff" }).run();
const adminId = db.insert(users).values({ name: "Bench admin", email: "admin@bench.example", role: "admin" }).returning({ id: users.id }).get().id;
const actor = { id: adminId, email: "admin@bench.example" };

function time<T>(label: string, rows: number, fn: () => T): T {
  const started = performance.now();
  const result = fn();
  const ms = performance.now() - started;
  console.log(
    `${label.padEnd(34)} ${String(rows).padStart(6)} rows  ${ms.toFixed(0).padStart(6)} ms  (${((ms / Math.max(rows, 1)) * 1000).toFixed(0)} µs a row)`,
  );
  return result;
}
const valueOf = <T>(r: { ok: true; value: T } | { ok: false }) => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.value;
};

const total = performance.now();
const projectTable = readImportCsv(files["portfolio-projects.csv"]);
const checked = time("check projects", projectTable.length - 1, () => checkProjectRows(projectTable, importLookups(db, programmeId)));
if (checked.problems.length) throw new Error(JSON.stringify(checked.problems.slice(0, 3)));
time("import projects (one transaction)", checked.rows.length, () =>
  valueOf(importProjects(db, actor, { programmeId, rows: checked.rows, fileName: "bench.csv" })),
);
const lookups = importLookups(db, programmeId);
const reports = checkStatusReportRows(readImportCsv(files["portfolio-status-reports.csv"]), lookups);
time("import status reports", reports.rows.length, () => valueOf(importHistory(db, actor, { kind: "status-reports", rows: reports.rows, fileName: "r.csv" })));
const ms = checkMilestoneRows(readImportCsv(files["portfolio-milestones.csv"]), lookups);
time("import milestones", ms.rows.length, () => valueOf(importHistory(db, actor, { kind: "milestones", rows: ms.rows, fileName: "m.csv" })));
const cycles = checkCycleRows(readImportCsv(files["portfolio-pdsa-cycles.csv"]), lookups, TODAY);
time("import PDSA cycles", cycles.rows.length, () =>
  valueOf(importHistory(db, actor, { kind: "pdsa-cycles", rows: cycles.rows, today: TODAY, fileName: "c.csv" })),
);
time("refresh the board's summaries", n, () => refreshSummaries(db, programmeId, TODAY, null));
console.log(`${n} projects with history imported in ${((performance.now() - total) / 1000).toFixed(2)} s (${file})`);
db.$client.close();
