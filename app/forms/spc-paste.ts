// Reads a series pasted into the SPC calculator: one value per line, or a date
// and a value per line as copied from a spreadsheet (tab, comma or space
// between them). Dates may be YYYY-MM-DD or DD/MM/YYYY. Problems are reported
// by line number, counting every line including blank ones. Dates and values must lie in
// the same plausible range as every typed field.
import { DAY_RANGE_TEXT, isDayInRange, isNumberInRange, NUMBER_RANGE_TEXT } from "~/domain/plausible";
import { formatDay, isIsoDay } from "~/web/dates";
import { MAX_VALUES } from "~/forms/spc-request";

export interface PastedSeries {
  values: number[];
  /** ISO dates, one per value, or null when the lines had no dates. */
  dates: string[] | null;
  /** The first line, when it was read as column headings and skipped. */
  header: string | null;
}

export type PasteResult = { ok: true; series: PastedSeries } | { ok: false; errors: string[] };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function quote(cell: string): string {
  const short = cell.length > 24 ? `${cell.slice(0, 23)}…` : cell;
  return `'${short}'`;
}

/** "12.5", "-3", "95%" (the % is dropped), "1e3" → a finite number; anything else → null. */
export function parseNumberCell(cell: string): number | null {
  const text = cell
    .trim()
    .replace(/\u2212/g, "-")
    .replace(/%$/, "")
    .trim();
  if (!NUMBER.test(text)) return null;
  const x = Number(text);
  return Number.isFinite(x) ? x : null;
}

/** "2026-11-26" or "26/11/2026" (also "6/1/2026") → "2026-11-26"; anything else → null. */
export function parseDateCell(cell: string): string | null {
  const text = cell.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return isIsoDay(text) ? text : null;
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!uk) return null;
  const iso = `${uk[3]}-${uk[2].padStart(2, "0")}-${uk[1].padStart(2, "0")}`;
  return isIsoDay(iso) ? iso : null;
}

/** Why a well-formed date or number cannot be used, or null. */
function rangeProblem(iso: string | null, value: number, valueCell: string): string | null {
  if (iso !== null && !isDayInRange(iso)) return `${formatDay(iso)} is not ${DAY_RANGE_TEXT}`;
  if (!isNumberInRange(value)) return `${quote(valueCell)} is not ${NUMBER_RANGE_TEXT}`;
  return null;
}

function splitCells(line: string): string[] {
  const separator = line.includes("\t") ? "\t" : line.includes(",") ? "," : line.includes(";") ? ";" : /\s+/;
  const cells = line.split(separator).map((c) => c.trim());
  // Spreadsheets often copy trailing empty cells.
  while (cells.length > 1 && cells[cells.length - 1] === "") cells.pop();
  return cells;
}

function looksLikeHeader(cells: string[]): boolean {
  const hasLetter = cells.some((c) => /\p{L}/u.test(c));
  const anyParses = cells.some((c) => parseNumberCell(c) !== null || parseDateCell(c) !== null);
  return hasLetter && !anyParses;
}

export function parsePastedSeries(text: string): PasteResult {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const values: number[] = [];
  const dates: string[] = [];
  const errors: string[] = [];
  let header: string | null = null;
  let dated: boolean | null = null;
  let firstDataLine = 0;
  let seenContent = false;
  let lastDate: { iso: string; line: number } | null = null;

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i].trim();
    if (line === "") continue;
    const cells = splitCells(line);
    if (!seenContent) {
      seenContent = true;
      if (looksLikeHeader(cells)) {
        header = line;
        continue;
      }
    }
    if (cells.length > 2) {
      errors.push(`Line ${lineNo}: expected a value, or a date and a value, but found ${cells.length} columns`);
      continue;
    }
    const hasDate = cells.length === 2;
    if (dated === null) {
      dated = hasDate;
      firstDataLine = lineNo;
    } else if (dated !== hasDate) {
      if (dated && parseDateCell(cells[0]) !== null) {
        errors.push(`Line ${lineNo}: there is no value after the date`);
        continue;
      }
      errors.push(
        hasDate
          ? `Line ${lineNo}: expected only a value, as on line ${firstDataLine}`
          : `Line ${lineNo}: expected a date and a value, as on line ${firstDataLine}`,
      );
      continue;
    }
    const valueCell = hasDate ? cells[1] : cells[0];
    if (hasDate) {
      const iso = parseDateCell(cells[0]);
      if (iso === null) {
        errors.push(`Line ${lineNo}: ${quote(cells[0])} is not a date: use YYYY-MM-DD or DD/MM/YYYY`);
        continue;
      }
      if (valueCell === "") {
        errors.push(`Line ${lineNo}: there is no value after the date`);
        continue;
      }
      const value = parseNumberCell(valueCell);
      if (value === null) {
        errors.push(`Line ${lineNo}: ${quote(valueCell)} is not a number`);
        continue;
      }
      const outOfRange = rangeProblem(iso, value, valueCell);
      if (outOfRange) {
        errors.push(`Line ${lineNo}: ${outOfRange}`);
        continue;
      }
      if (lastDate !== null && iso < lastDate.iso) {
        errors.push(
          `Line ${lineNo}: ${formatDay(iso)} is before ${formatDay(lastDate.iso)} on line ${lastDate.line}; put the lines in date order, oldest first`,
        );
        continue;
      }
      lastDate = { iso, line: lineNo };
      dates.push(iso);
      values.push(value);
    } else {
      const value = parseNumberCell(valueCell);
      if (value === null) {
        errors.push(
          parseDateCell(valueCell) !== null ? `Line ${lineNo}: there is no value after the date` : `Line ${lineNo}: ${quote(valueCell)} is not a number`,
        );
        continue;
      }
      const outOfRange = rangeProblem(null, value, valueCell);
      if (outOfRange) {
        errors.push(`Line ${lineNo}: ${outOfRange}`);
        continue;
      }
      values.push(value);
    }
  }

  if (errors.length > 0) return { ok: false, errors };
  if (values.length === 0) return { ok: false, errors: ["Paste at least one value"] };
  if (values.length > MAX_VALUES) {
    return {
      ok: false,
      errors: [`Paste no more than ${MAX_VALUES.toLocaleString("en-GB")} values (you pasted ${values.length.toLocaleString("en-GB")})`],
    };
  }
  return { ok: true, series: { values, dates: dated ? dates : null, header } };
}

export interface RebasePoints {
  /** 0-based indices that start a new segment, ascending. */
  indices: number[];
  /** A reason for each index that was given one. */
  reasons: { index: number; reason: string }[];
}

export type RebaseResult = { ok: true; rebase: RebasePoints } | { ok: false; errors: string[] };

/**
 * Reads the calculator's "new limits from" box: one entry per line, each a
 * point number (counting from 1, as in the data table) or a date, optionally
 * followed by the reason ("13 New triage process"). A line of bare entries
 * ("13, 25") lists several.
 */
export function parseRebaseText(text: string, n: number, dates: string[] | null): RebaseResult {
  const errors: string[] = [];
  const found = new Map<number, string>();

  const resolve = (token: string): number | string => {
    if (/^\d+$/.test(token)) {
      const point = Number(token);
      if (point < 1 || point > n) return `Point ${point} is not in your data, which has ${n} ${n === 1 ? "point" : "points"}`;
      if (point === 1) return "Point 1 already starts the chart: new limits can start at point 2 or later";
      return point - 1;
    }
    const iso = parseDateCell(token);
    if (iso === null) return `${quote(token)} is not a point number or a date`;
    if (dates === null) return `${quote(token)} is a date, but your data has no dates: use a point number`;
    const index = dates.findIndex((d) => d >= iso);
    if (index < 0) return `No point is dated on or after ${formatDay(iso)}`;
    if (index === 0) return `${formatDay(iso)} is at the start of the chart: new limits can start at the second point or later`;
    return index;
  };

  const add = (token: string, reason: string) => {
    const index = resolve(token);
    if (typeof index === "string") {
      errors.push(index);
    } else if (found.has(index)) {
      errors.push(`Point ${index + 1} is listed more than once`);
    } else {
      found.set(index, reason);
    }
  };

  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    const tokens = line.split(/[\s,;:]+/).filter(Boolean);
    const allBare = tokens.every((t) => /^\d+$/.test(t) || parseDateCell(t) !== null);
    if (allBare) {
      for (const t of tokens) add(t, "");
    } else {
      const first = tokens[0];
      const reason = line
        .slice(line.indexOf(first) + first.length)
        .replace(/^[\s:,;–-]+/, "")
        .trim();
      add(first, reason.slice(0, 200));
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const indices = [...found.keys()].sort((a, b) => a - b);
  return {
    ok: true,
    rebase: {
      indices,
      reasons: indices.filter((i) => found.get(i)).map((i) => ({ index: i, reason: found.get(i) as string })),
    },
  };
}
