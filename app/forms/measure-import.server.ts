// The server half of an import: reading a pasted range or an uploaded CSV file, and
// turning the checked rows into what the preview page shows (trimmed, so a 10,000-row
// import does not send 10,000 table rows back).
import type { PreviewRow, ReplacedPeriod } from "~/components/measure-import-preview";
import { IMPORT_MAX_CHARS, replaceFingerprint, type ImportCheck, type ImportProblem } from "~/forms/measure-import-check.server";

/** Rows shown in the preview table, and problems listed, at most. */
export const PREVIEW_ROW_LIMIT = 1000;
export const PROBLEM_LIMIT = 200;

export type ImportSource = { text: string; source: "paste" | "file"; fileName: string | null };

/** The pasted text, or the uploaded file's text; a string is a problem to show instead. */
export async function readImportSource(formData: FormData): Promise<ImportSource | string> {
  const file = formData.get("file");
  if (file !== null && typeof file !== "string" && file.size > 0) {
    if (!/\.(csv|txt|tsv)$/i.test(file.name)) {
      return `${file.name} is not a CSV file. In your spreadsheet, save the sheet as CSV (comma separated), then upload that file`;
    }
    if (file.size > IMPORT_MAX_CHARS) return `${file.name} is too large: upload no more than 10,000 rows at a time`;
    const text = new TextDecoder("utf-8", { fatal: false }).decode(await file.arrayBuffer()).replace(/^\uFEFF/, "");
    if (text.includes("\u0000") || (text.match(/\uFFFD/g)?.length ?? 0) > 3) {
      return `${file.name} is not a text CSV file. In your spreadsheet, save the sheet as CSV (comma separated), then upload that file`;
    }
    return { text, source: "file", fileName: file.name };
  }
  if (file !== null && typeof file !== "string") return "Choose a CSV file to upload";
  const data = formData.get("data");
  return { text: typeof data === "string" ? data : "", source: "paste", fileName: null };
}

export type ImportAnswer = {
  stage: "problems" | "preview";
  data: string;
  source: "paste" | "file";
  fileName: string | null;
  header: string | null;
  formError: string | null;
  /** A message about the confirmation (not confirmed, or the stored data changed since). */
  notice: string | null;
  problems: ImportProblem[];
  problemCount: number;
  rows: PreviewRow[];
  rowCount: number;
  validCount: number;
  replacing: ReplacedPeriod[];
  replaceCount: number;
  fingerprint: string;
};

/** What the preview page shows for a checked import, against the values stored now. */
export function importAnswer(check: ImportCheck, stored: ReadonlyMap<string, number>, input: ImportSource, notice: string | null = null): ImportAnswer {
  const replacing: ReplacedPeriod[] = [];
  for (const r of check.rows) {
    const old = stored.get(r.periodDate);
    if (old !== undefined) replacing.push({ periodDate: r.periodDate, old, value: r.value });
  }
  const rows: PreviewRow[] = check.entries.slice(0, PREVIEW_ROW_LIMIT).map((e) => ({
    line: e.line,
    cells: e.cells.slice(0, 4).map((c) => (c.length > 40 ? `${c.slice(0, 39)}…` : c)),
    periodDate: e.row?.periodDate ?? null,
    value: e.row?.value ?? null,
    numerator: e.row?.numerator ?? null,
    denominator: e.row?.denominator ?? null,
    problem: e.problem,
    replaces: e.row ? (stored.get(e.row.periodDate) ?? null) : null,
  }));
  const bad = check.formError !== null || check.problems.length > 0;
  return {
    stage: bad ? "problems" : "preview",
    data: input.text,
    source: input.source,
    fileName: input.fileName,
    header: check.header,
    formError: check.formError,
    notice,
    problems: check.problems.slice(0, PROBLEM_LIMIT),
    problemCount: check.problems.length,
    rows,
    rowCount: check.entries.length,
    validCount: check.rows.length,
    replacing: replacing.sort((a, b) => (a.periodDate < b.periodDate ? -1 : 1)).slice(0, PREVIEW_ROW_LIMIT),
    replaceCount: replacing.length,
    fingerprint: replaceFingerprint(replacing.map((r) => r.periodDate)),
  };
}
