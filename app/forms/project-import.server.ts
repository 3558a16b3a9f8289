// Reading the portfolio spreadsheets (projects and their history, CSV or Excel) and checking each line before anything
// is saved (ADR 090). The checks know the programme's names and people only through the lists passed in.
// Loaded on first use: the spreadsheet reader is large and most server processes never need it.
import type ExcelJS from "exceljs";
import Papa from "papaparse";
import { z } from "zod";
import { LEAD_ROLES, PDSA_DECISIONS, RAGS, STAGES, type PdsaDecision, type Rag, type Stage, type TeamRole } from "~/domain/enums";
import { PROGRESS_SCORES } from "~/domain/enums";
import { RAG_LABELS, STAGE_LABELS, TEAM_ROLE_LABELS } from "~/domain/labels";
import type { LineProblem } from "~/forms/people-import.server";
import { IMPORT_KIND_LABELS, IMPORT_TEMPLATES, PROJECT_IMPORT_MAX_ROWS, type ImportKind } from "~/forms/project-import-template";
import type { SmartAim } from "~/forms/smart-aim";

export type { LineProblem };
export const PROJECT_IMPORT_MAX_BYTES = 900_000;
const TEXT_MAX = 4000;
const SHORT_MAX = 200;

type LeadRole = Exclude<TeamRole, "member">;
export type Named = { id: number; name: string };
export type ImportLookups = {
  divisions: Named[];
  themes: Named[];
  waves: { id: number; number: number; name: string }[];
  people: { id: number; email: string; name: string }[];
  /** For history files: the references of the programme's projects. */
  references: Map<string, number>;
};

export type ProjectRow = {
  line: number;
  reference: string;
  title: string;
  division: Named | null;
  theme: Named | null;
  wave: { id: number; number: number } | null;
  stage: Stage;
  stageDate: string | null;
  leads: { role: LeadRole; userId: number; name: string }[];
  aim: SmartAim;
  plannedStart: string | null;
  plannedEnd: string | null;
  rag: { rag: Rag; date: string; reason: string } | null;
  score: { score: number; date: string; evidence: string } | null;
};
export type StatusReportRow = {
  line: number;
  reference: string;
  projectId: number;
  date: string;
  rag: Rag;
  ragReason: string;
  progress: string;
  nextSteps: string;
  risks: string;
};
export type MilestoneRow = { line: number; reference: string; projectId: number; title: string; baseline: string; forecast: string; completed: string | null };
export type CycleRow = {
  line: number;
  reference: string;
  projectId: number;
  changeIdea: string;
  title: string;
  start: string;
  end: string | null;
  decision: PdsaDecision | null;
  learning: string;
};
export type Checked<R> = { rows: R[]; problems: LineProblem[] };

/** The rows of the uploaded file (CSV, or the kind's sheet of an .xlsx workbook, else its first), or a problem to show. */
export async function readImportFile(file: File | null, kind: ImportKind): Promise<string[][] | string> {
  if (!file || file.size === 0) return "Choose a CSV or Excel file to upload";
  if (file.size > PROJECT_IMPORT_MAX_BYTES) return `${file.name} is too large: split it into files of at most 900 KB`;
  const bytes = await file.arrayBuffer();
  if (/\.xlsx$/i.test(file.name)) return readWorkbook(bytes, file.name, IMPORT_KIND_LABELS[kind].sheet);
  if (!/\.(csv|txt)$/i.test(file.name)) return `${file.name} is not a CSV or Excel (.xlsx) file`;
  const text = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
  if (text.includes("\u0000")) return `${file.name} is not a text CSV file. Save the sheet as CSV or upload the .xlsx file`;
  return readImportCsv(text);
}

/** CSV text as rows of cells; a cell the CSV writer protected from running as a formula ('=…) is read back as typed. */
export function readImportCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  return parsed.data.map((row) => row.map((cell) => String(cell ?? "").replace(/^'(?=[=+\-@\t\r])/, "")));
}

async function readWorkbook(bytes: ArrayBuffer, name: string, sheetName: string): Promise<string[][] | string> {
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes);
  } catch {
    return `${name} could not be read as an Excel workbook. Save it again as .xlsx or as CSV`;
  }
  const sheet = workbook.worksheets.find((s) => norm(s.name) === norm(sheetName)) ?? workbook.worksheets[0];
  if (!sheet) return `${name} has no sheets`;
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c)));
    rows.push(cells);
  }
  return rows;
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10); // a date cell: Excel's day, stored at midnight UTC
  if (typeof v === "object" && "text" in v && typeof v.text === "string") return v.text;
  if (typeof v === "object" && "richText" in v) return v.richText.map((t) => t.text).join("");
  if (typeof v === "object" && "result" in v) {
    const result = v.result;
    return result instanceof Date ? result.toISOString().slice(0, 10) : String(result ?? "");
  }
  return String(v);
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");
const Email = z.string().trim().max(254).email();

function isRealDay(y: number, m: number, d: number) {
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && y <= 2200 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

/** A day typed as DD/MM/YYYY, YYYY-MM-DD or an Excel date (a date cell, or its serial number); null when it is none of these. */
export function parseImportDay(value: string): string | null {
  const v = value.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?Z?)?$/.exec(v);
  if (m) return isRealDay(+m[1], +m[2], +m[3]) ? iso(+m[1], +m[2], +m[3]) : null;
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (m) return isRealDay(+m[3], +m[2], +m[1]) ? iso(+m[3], +m[2], +m[1]) : null;
  m = /^(\d{5})(?:\.0+)?$/.exec(v);
  if (m && +m[1] >= 20000 && +m[1] <= 80000) {
    const date = new Date(Date.UTC(1899, 11, 30) + +m[1] * 86_400_000); // Excel's serial day 1 is 1 January 1900 (with its 1900 leap day)
    return date.toISOString().slice(0, 10);
  }
  return null;
}

type Columns = Record<string, number>;
type Line = { line: number; get: (column: string) => string; problems: string[] };

/** Finds the header row, maps the template's columns to positions and walks the filled lines. */
function walk(table: string[][], kind: ImportKind, required: string[], visit: (l: Line) => void): LineProblem[] {
  const problems: LineProblem[] = [];
  const { what } = IMPORT_KIND_LABELS[kind];
  const headerIndex = table.findIndex((r) => r.some((c) => c.trim() !== ""));
  if (headerIndex < 0) return [{ line: 1, message: `The file is empty: use the template, with a header row and a row per line of ${what}` }];
  const header = table[headerIndex].map(norm);
  const columns: Columns = Object.fromEntries(IMPORT_TEMPLATES[kind].header.map((name) => [name, header.indexOf(norm(name))]));
  const missing = required.filter((c) => columns[c] < 0);
  if (missing.length) return [{ line: headerIndex + 1, message: `The header row must name the columns ${missing.join(", ")} (see the template)` }];
  const body = table.slice(headerIndex + 1);
  const filled = body.filter((r) => r.some((c) => c.trim() !== "")).length;
  if (filled > PROJECT_IMPORT_MAX_ROWS) {
    return [{ line: headerIndex + 2, message: `The file has ${filled} rows: import at most ${PROJECT_IMPORT_MAX_ROWS} at a time` }];
  }
  body.forEach((cells, i) => {
    if (!cells.some((c) => c.trim() !== "")) return;
    const line = headerIndex + 2 + i;
    const l: Line = { line, get: (c) => (columns[c] >= 0 ? (cells[columns[c]] ?? "").trim() : ""), problems: [] };
    visit(l);
    if (l.problems.length) {
      const text = l.problems.join("; ");
      problems.push({ line, message: text.charAt(0).toUpperCase() + text.slice(1) });
    }
  });
  if (filled === 0) problems.push({ line: headerIndex + 2, message: `There are no ${what} to import under the header row` });
  return problems;
}

function text(l: Line, column: string, max: number, label = column.toLowerCase()) {
  const v = l.get(column);
  if (v.length > max) l.problems.push(`${label} must be ${max.toLocaleString("en-GB")} characters or fewer`);
  return v;
}

function day(l: Line, column: string, opts: { required?: boolean } = {}): string | null {
  const v = l.get(column);
  if (!v) {
    if (opts.required) l.problems.push(`enter the ${column.toLowerCase()}`);
    return null;
  }
  const parsed = parseImportDay(v);
  if (!parsed) l.problems.push(`${column} "${v}" is not a date: use DD/MM/YYYY, like 31/03/2025`);
  return parsed;
}

function reference(l: Line) {
  const v = l.get("Reference");
  if (!v) l.problems.push("enter the project's reference");
  else if (v.length > 50) l.problems.push("the reference must be 50 characters or fewer");
  return v;
}

function rag(l: Line, column: string): Rag | null {
  const v = norm(l.get(column));
  if (!v) return null;
  const found = RAGS.find((r) => r === v || norm(RAG_LABELS[r]) === v || r[0] === v);
  if (!found) l.problems.push(`${column} "${l.get(column)}" is not a RAG rating: use Red, Amber or Green`);
  return found ?? null;
}

function num(l: Line, column: string): number | null {
  const v = l.get(column).replace(/[,%]/g, "");
  if (!v) return null;
  const n = Number(v);
  if (!Number.isFinite(n)) {
    l.problems.push(`${column} "${l.get(column)}" is not a number`);
    return null;
  }
  return n;
}

function byName<T extends { name: string }>(list: T[]) {
  return new Map(list.map((x) => [norm(x.name), x]));
}

const LEAD_COLUMNS = LEAD_ROLES.map((role) => ({ role, column: `${TEAM_ROLE_LABELS[role]} email` }));

/** Each line of a projects file checked against the programme's names and people, and against the other lines. */
/** History is what has happened: a day after today in a column that records it is refused. */
function notAfterToday(l: Line, value: string | null, today: string, problem: string) {
  if (value && value > today) l.problems.push(problem);
}

export function checkProjectRows(table: string[][], lookups: ImportLookups, today: string): Checked<ProjectRow> {
  const divisions = byName(lookups.divisions);
  const themes = byName(lookups.themes);
  const people = new Map(lookups.people.map((p) => [p.email.toLowerCase(), p]));
  const seen = new Map<string, number>();
  const rows: ProjectRow[] = [];
  const problems = walk(table, "projects", ["Reference", "Title"], (l) => {
    const ref = reference(l);
    const key = ref.toLowerCase();
    if (ref && seen.has(key)) l.problems.push(`the reference ${ref} is also on line ${seen.get(key)}`);
    else if (ref) seen.set(key, l.line);
    const title = text(l, "Title", SHORT_MAX, "the title");
    if (!title) l.problems.push("enter the project's title");

    const division = l.get("Division") ? divisions.get(norm(l.get("Division"))) : undefined;
    if (l.get("Division") && !division) l.problems.push(`"${l.get("Division")}" is not a division: add it under Programme set-up first, or correct the name`);
    const theme = l.get("Theme") ? themes.get(norm(l.get("Theme"))) : undefined;
    if (l.get("Theme") && !theme) l.problems.push(`"${l.get("Theme")}" is not a strategic theme: add it under Programme set-up first, or correct the name`);
    const waveText = norm(l.get("Wave"));
    const waveNumber = /^(?:wave )?(\d+)$/.exec(waveText)?.[1];
    const wave = waveText ? lookups.waves.find((w) => (waveNumber ? w.number === +waveNumber : norm(w.name) === waveText)) : undefined;
    if (waveText && !wave) l.problems.push(`"${l.get("Wave")}" is not a wave: give its number, like 1, as set up under Programme set-up`);

    const stageText = norm(l.get("Stage"));
    const stage = stageText ? STAGES.find((s) => s === stageText || norm(STAGE_LABELS[s]) === stageText) : "proposed";
    if (!stage) l.problems.push(`"${l.get("Stage")}" is not a stage: use ${STAGES.map((s) => STAGE_LABELS[s]).join(", ")}`);
    const stageDate = day(l, "Stage date");
    notAfterToday(l, stageDate, today, "the stage date is after today: enter the day the project reached its stage");

    const leads: ProjectRow["leads"] = [];
    for (const { role, column } of LEAD_COLUMNS) {
      const raw = l.get(column);
      if (!raw) continue;
      if (!Email.safeParse(raw).success) {
        l.problems.push(`${column} "${raw}" is not an email address`);
        continue;
      }
      const person = people.get(raw.toLowerCase());
      if (!person) l.problems.push(`${column}: nobody has the email address ${raw}: import or add the person first`);
      else leads.push({ role, userId: person.id, name: person.name });
    }

    const aim: SmartAim = {
      aimWhat: text(l, "Aim: what will improve", SHORT_MAX * 2),
      aimForWhom: text(l, "Aim: for whom", SHORT_MAX * 2),
      aimMeasure: text(l, "Aim: measured by", SHORT_MAX * 2),
      aimBaseline: num(l, "Aim: baseline"),
      aimTarget: num(l, "Aim: target"),
      aimTargetDate: day(l, "Aim: by date"),
    };
    const plannedStart = day(l, "Planned start");
    const plannedEnd = day(l, "Planned end");
    if (plannedStart && plannedEnd && plannedEnd < plannedStart) l.problems.push("the planned end must be on or after the planned start");

    const ragValue = rag(l, "Latest RAG");
    const ragDate = day(l, "RAG date");
    const ragReason = text(l, "RAG reason", TEXT_MAX, "the RAG reason");
    if (ragValue && !ragDate) l.problems.push("enter the RAG date: the day the RAG was reported");
    if (!ragValue && ragDate) l.problems.push("enter the latest RAG (Red, Amber or Green) for its date");
    notAfterToday(l, ragDate, today, "the RAG date is after today: enter the day the RAG was reported");
    if (ragValue && ragValue !== "green" && !ragReason) l.problems.push("enter the RAG reason: an amber or red rating needs one");

    const scoreText = l.get("Progress score");
    const score = num(l, "Progress score");
    if (score !== null && !(PROGRESS_SCORES as readonly number[]).includes(score)) {
      l.problems.push(`progress score "${scoreText}" is not on the IHI scale: use 0.5 to 5 in half steps`);
    }
    const scoreDate = day(l, "Score date");
    if (score !== null && !scoreDate) l.problems.push("enter the score date: the day the progress score was given");
    notAfterToday(l, scoreDate, today, "the score date is after today: enter the day the progress score was given");
    const evidence = text(l, "Score evidence", TEXT_MAX, "the score evidence");

    if (l.problems.length) return;
    rows.push({
      line: l.line,
      reference: ref,
      title,
      division: division ?? null,
      theme: theme ?? null,
      wave: wave ? { id: wave.id, number: wave.number } : null,
      stage: stage!,
      stageDate,
      leads,
      aim,
      plannedStart,
      plannedEnd,
      rag: ragValue && ragDate ? { rag: ragValue, date: ragDate, reason: ragReason } : null,
      score: score !== null && scoreDate ? { score, date: scoreDate, evidence } : null,
    });
  });
  return { rows, problems };
}

function project(l: Line, lookups: ImportLookups) {
  const ref = reference(l);
  const projectId = ref ? lookups.references.get(ref.toLowerCase()) : undefined;
  if (ref && projectId === undefined) l.problems.push(`no project has the reference ${ref}: import the projects first, or correct the reference`);
  return { ref, projectId: projectId ?? 0 };
}

export function checkStatusReportRows(table: string[][], lookups: ImportLookups, today: string): Checked<StatusReportRow> {
  const rows: StatusReportRow[] = [];
  const problems = walk(table, "status-reports", ["Reference", "Date", "RAG"], (l) => {
    const { ref, projectId } = project(l, lookups);
    const date = day(l, "Date", { required: true });
    notAfterToday(l, date, today, "the date is after today: a status report is dated the day it was written");
    const ragValue = rag(l, "RAG");
    if (!l.get("RAG")) l.problems.push("enter the RAG: Red, Amber or Green");
    const ragReason = text(l, "RAG reason", TEXT_MAX, "the RAG reason");
    if (ragValue && ragValue !== "green" && !ragReason) l.problems.push("enter the RAG reason: an amber or red rating needs one");
    const progress = text(l, "Progress", TEXT_MAX, "the progress");
    const nextSteps = text(l, "Next steps", TEXT_MAX, "the next steps");
    const risks = text(l, "Risks", TEXT_MAX, "the risks");
    if (l.problems.length) return;
    rows.push({ line: l.line, reference: ref, projectId, date: date!, rag: ragValue!, ragReason, progress, nextSteps, risks });
  });
  return { rows, problems };
}

export function checkMilestoneRows(table: string[][], lookups: ImportLookups, today: string): Checked<MilestoneRow> {
  const rows: MilestoneRow[] = [];
  const seen = new Map<string, number>();
  const problems = walk(table, "milestones", ["Reference", "Milestone", "Baseline date"], (l) => {
    const { ref, projectId } = project(l, lookups);
    const title = text(l, "Milestone", SHORT_MAX, "the milestone");
    if (!title) l.problems.push("enter the milestone's name");
    const key = `${ref.toLowerCase()}\u0000${title.toLowerCase()}`;
    if (title && seen.has(key)) l.problems.push(`the milestone "${title}" of ${ref} is also on line ${seen.get(key)}`);
    else if (title) seen.set(key, l.line);
    const baseline = day(l, "Baseline date", { required: true });
    const forecast = day(l, "Forecast date") ?? baseline;
    const completed = day(l, "Completed date");
    notAfterToday(l, completed, today, "the completed date is after today: leave it blank until the milestone is done");
    if (l.problems.length) return;
    rows.push({ line: l.line, reference: ref, projectId, title, baseline: baseline!, forecast: forecast!, completed });
  });
  return { rows, problems };
}

export function checkCycleRows(table: string[][], lookups: ImportLookups, today: string): Checked<CycleRow> {
  const rows: CycleRow[] = [];
  const problems = walk(table, "pdsa-cycles", ["Reference", "Change idea", "Start date"], (l) => {
    const { ref, projectId } = project(l, lookups);
    const changeIdea = text(l, "Change idea", SHORT_MAX, "the change idea");
    if (!changeIdea) l.problems.push("enter the change idea the cycle tested");
    const title = text(l, "Title", SHORT_MAX, "the title");
    const start = day(l, "Start date", { required: true });
    const end = day(l, "End date");
    if (start && end && end < start) l.problems.push("the end date must be on or after the start date");
    const decisionText = norm(l.get("Decision"));
    const decision = decisionText ? (PDSA_DECISIONS.find((d) => d === decisionText) ?? null) : null;
    if (decisionText && !decision) l.problems.push(`decision "${l.get("Decision")}" is not adopt, adapt or abandon`);
    if (decision && start && start > today) l.problems.push("a cycle that has not started yet cannot have a decision: leave it blank");
    const learning = text(l, "Learning", TEXT_MAX, "the learning");
    if (l.problems.length) return;
    rows.push({ line: l.line, reference: ref, projectId, changeIdea, title: title || changeIdea, start: start!, end, decision, learning });
  });
  return { rows, problems };
}
