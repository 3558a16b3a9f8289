// Reading a people spreadsheet (the HR export as CSV or Excel) and checking each line before anything is saved.
// Loaded on first use: the spreadsheet reader is large and most server processes never need it.
import type ExcelJS from "exceljs";
import Papa from "papaparse";
import { z } from "zod";
import { ROLES, type Role } from "~/domain/enums";
import { ROLE_LABELS } from "~/domain/labels";
import { PEOPLE_IMPORT_MAX_ROWS, PEOPLE_TEMPLATE_HEADER } from "~/forms/people-template";

export const PEOPLE_IMPORT_MAX_BYTES = 900_000;

export type PersonRow = { line: number; name: string; email: string; jobTitle: string; role: Role; division: string; divisionId: number | null };
export type LineProblem = { line: number; message: string };

const COLUMN_NAMES: Record<keyof Omit<PersonRow, "line" | "divisionId">, string[]> = {
  name: ["name", "full name", "display name"],
  email: ["email", "email address", "e-mail", "work email"],
  jobTitle: ["job title", "title", "position", "job"],
  role: ["role", "stepping up role", "access"],
  division: ["division", "directorate", "care group"],
};

const Email = z.string().trim().max(254).email();

/** The rows of the uploaded file (CSV or .xlsx, first sheet), or a problem to show instead. */
export async function readPeopleFile(file: File | null): Promise<string[][] | string> {
  if (!file || file.size === 0) return "Choose a CSV or Excel file to upload";
  if (file.size > PEOPLE_IMPORT_MAX_BYTES)
    return `${file.name} is too large: upload at most ${PEOPLE_IMPORT_MAX_ROWS.toLocaleString("en-GB")} people at a time`;
  const bytes = await file.arrayBuffer();
  if (/\.xlsx$/i.test(file.name)) return readWorkbook(bytes, file.name);
  if (!/\.(csv|txt)$/i.test(file.name)) return `${file.name} is not a CSV or Excel (.xlsx) file`;
  const text = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
  if (text.includes("\u0000")) return `${file.name} is not a text CSV file. Save the sheet as CSV or upload the .xlsx file`;
  return readCsv(text);
}

export function readCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  return parsed.data.map((row) => row.map((cell) => String(cell ?? "")));
}

async function readWorkbook(bytes: ArrayBuffer, name: string): Promise<string[][] | string> {
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes);
  } catch {
    return `${name} could not be read as an Excel workbook. Save it again as .xlsx or as CSV`;
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return `${name} has no sheets`;
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, PEOPLE_TEMPLATE_HEADER.length); c++) cells.push(cellText(row.getCell(c)));
    rows.push(cells);
  }
  return rows;
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && "text" in v && typeof v.text === "string") return v.text; // a hyperlink (email addresses often are)
  if (typeof v === "object" && "richText" in v) return v.richText.map((t) => t.text).join("");
  if (typeof v === "object" && "result" in v) return String(v.result ?? "");
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");

function roleOf(value: string): Role | null {
  const v = norm(value);
  if (!v) return "staff";
  const found = ROLES.find((r) => r === v || norm(ROLE_LABELS[r]) === v);
  return found ?? null;
}

/** Each line checked: the good rows and, with their line numbers, the problems (nothing is saved while there are any). */
export function checkPeopleRows(table: string[][], divisions: { id: number; name: string }[]): { rows: PersonRow[]; problems: LineProblem[] } {
  const problems: LineProblem[] = [];
  const headerIndex = table.findIndex((r) => r.some((c) => c.trim() !== ""));
  if (headerIndex < 0) return { rows: [], problems: [{ line: 1, message: "The file is empty: use the template, with a header row and a row per person" }] };
  const header = table[headerIndex].map(norm);
  const column = Object.fromEntries(Object.entries(COLUMN_NAMES).map(([key, names]) => [key, header.findIndex((h) => names.includes(h))])) as Record<
    keyof typeof COLUMN_NAMES,
    number
  >;
  const missing = (["name", "email"] as const).filter((k) => column[k] < 0);
  if (missing.length) {
    return {
      rows: [],
      problems: [
        {
          line: headerIndex + 1,
          message: `The header row must name the columns ${missing.map((m) => (m === "name" ? "Name" : "Email")).join(" and ")} (see the template)`,
        },
      ],
    };
  }
  const divisionByName = new Map(divisions.map((d) => [norm(d.name), d]));
  const seen = new Map<string, number>();
  const rows: PersonRow[] = [];
  const body = table.slice(headerIndex + 1);
  const filled = body.filter((r) => r.some((c) => c.trim() !== "")).length;
  if (filled > PEOPLE_IMPORT_MAX_ROWS) {
    return { rows: [], problems: [{ line: headerIndex + 2, message: `The file has ${filled} people: import at most ${PEOPLE_IMPORT_MAX_ROWS} at a time` }] };
  }
  body.forEach((cells, i) => {
    const line = headerIndex + 2 + i;
    if (!cells.some((c) => c.trim() !== "")) return;
    const get = (k: keyof typeof COLUMN_NAMES) => (column[k] >= 0 ? (cells[column[k]] ?? "").trim() : "");
    const name = get("name");
    const rawEmail = get("email");
    const jobTitle = get("jobTitle");
    const division = get("division");
    const lineProblems: string[] = [];
    if (!name) lineProblems.push("enter the person's name");
    else if (name.length > 200) lineProblems.push("the name must be 200 characters or fewer");
    if (jobTitle.length > 200) lineProblems.push("the job title must be 200 characters or fewer");
    const email = rawEmail.toLowerCase();
    if (!rawEmail) lineProblems.push("enter an email address");
    else if (!Email.safeParse(email).success) lineProblems.push(`"${rawEmail}" is not an email address`);
    const role = roleOf(get("role"));
    if (!role) lineProblems.push(`"${get("role")}" is not a role: use admin, board, staff or viewer`);
    const found = division ? divisionByName.get(norm(division)) : undefined;
    if (division && !found) lineProblems.push(`"${division}" is not a division: add it under Programme set-up first, or correct the name`);
    if (email && seen.has(email)) lineProblems.push(`the email address ${email} is also on line ${seen.get(email)}`);
    if (email && !seen.has(email)) seen.set(email, line);
    if (lineProblems.length) {
      const text = lineProblems.join("; ");
      problems.push({ line, message: text.charAt(0).toUpperCase() + text.slice(1) });
      return;
    }
    rows.push({ line, name, email, jobTitle, role: role!, division: found?.name ?? "", divisionId: found?.id ?? null });
  });
  if (rows.length === 0 && problems.length === 0) problems.push({ line: headerIndex + 2, message: "There is nobody to import under the header row" });
  return { rows, problems };
}
