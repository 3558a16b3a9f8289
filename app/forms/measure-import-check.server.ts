// Reads a spreadsheet range or CSV file of a measure's data and checks every row in
// one pass: "date, value" (or "date, numerator, denominator" for a measure entered as
// a ratio). Each bad row is reported with its line number, counting every line of the
// input (blank ones too), so people can find it in what they pasted.
import Papa from "papaparse";
import { checkPoint, normalisePeriod, periodLabel, type UnitSettings } from "~/domain/measure-periods";
import type { Frequency } from "~/domain/enums";
import { DAY_RANGE_TEXT, isDayInRange } from "~/domain/plausible";
import { formatDay } from "~/web/dates";
import { IMPORT_MAX_CHARS, IMPORT_MAX_ROWS, parseImportNumber } from "~/forms/measure-form";
import { joinSpacedMonth, parseImportMonth } from "~/forms/month-cell";

export { IMPORT_MAX_CHARS, IMPORT_MAX_ROWS };

export type ImportSettings = Pick<UnitSettings, "unit" | "ratePer"> & {
  frequency: Frequency;
  usesRatio: boolean;
  /** Today (ISO): a period that starts after it is refused. */
  today?: string;
};

export type ImportRow = {
  line: number;
  /** The date as entered, read as ISO. */
  entered: string;
  /** The first day of its period. */
  periodDate: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
};

export type ImportProblem = { line: number; message: string };

export type ImportEntry = {
  line: number;
  cells: string[];
  row: ImportRow | null;
  problem: string | null;
};

export type ImportCheck = {
  entries: ImportEntry[];
  rows: ImportRow[];
  problems: ImportProblem[];
  /** The first line, when it was read as column headings and skipped. */
  header: string | null;
  /** A problem with the input as a whole (empty, too long). */
  formError: string | null;
};

const quote = (cell: string) => `'${cell.length > 24 ? `${cell.slice(0, 23)}…` : cell}'`;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * "2026-11-26" or "26/11/2026" (also "6/1/2026") → "2026-11-26"; anything else → null.
 * Plain arithmetic rather than a date library: it runs once per row of a 10,000-row paste.
 */
export function parseImportDate(cell: string): string | null {
  const text = cell.trim();
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) {
    [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else {
    const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
    if (!uk) return null;
    [y, m, d] = [Number(uk[3]), Number(uk[2]), Number(uk[1])];
  }
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1])) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function chooseDelimiter(lines: string[]): "\t" | "," | ";" | "whitespace" {
  const sample = lines.filter((l) => l.trim() !== "").slice(0, 5);
  if (sample.some((l) => l.includes("\t"))) return "\t";
  if (sample.some((l) => l.includes(","))) return ",";
  if (sample.some((l) => l.includes(";"))) return ";";
  return "whitespace";
}

function looksLikeHeader(cells: string[]): boolean {
  const hasLetter = cells.some((c) => /\p{L}/u.test(c));
  return hasLetter && !cells.some((c) => parseImportNumber(c) !== null || parseImportDate(c) !== null || parseImportMonth(c) !== null);
}

function columnsProblem(found: number, usesRatio: boolean): string {
  return usesRatio
    ? `expected 3 columns (the date, the numerator and the denominator) but found ${found}`
    : `expected 2 columns (the date and the value) but found ${found}`;
}

function readNumbers(numbers: string[], usesRatio: boolean, problems: string[]) {
  const names = usesRatio ? ["numerator", "denominator"] : ["value"];
  return numbers.map((cell, k) => {
    const n = parseImportNumber(cell);
    if (n === null) {
      problems.push(cell === "" ? `there is no ${names[k]}` : `${usesRatio ? `the ${names[k]} ` : ""}${quote(cell)} is not a number`);
    }
    return n;
  });
}

export function checkImport(input: string, settings: ImportSettings): ImportCheck {
  const empty = { entries: [], rows: [], problems: [], header: null };
  if (input.length > IMPORT_MAX_CHARS) {
    return {
      ...empty,
      formError: `That is more than one import takes: import no more than ${IMPORT_MAX_ROWS.toLocaleString("en-GB")} rows at a time`,
    };
  }
  const text = input.replace(/\r\n?/g, "\n");
  const delimiter = chooseDelimiter(text.split("\n", 6));
  const source =
    delimiter === "whitespace"
      ? text
          .split("\n")
          .map((l) => joinSpacedMonth(l.trim()).replace(/\s+/g, "\t"))
          .join("\n")
      : text;
  const parsed = Papa.parse<string[]>(source, {
    delimiter: delimiter === "whitespace" ? "\t" : delimiter,
    newline: "\n",
    skipEmptyLines: false,
  });
  const brokenQuoteRows = new Set(parsed.errors.filter((e) => e.type === "Quotes").map((e) => e.row ?? -1));

  const expected = settings.usesRatio ? 3 : 2;
  const latestPeriod = settings.today ? normalisePeriod(settings.today, settings.frequency) : null;
  const entries: ImportEntry[] = [];
  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  const firstLineOfPeriod = new Map<string, number>();
  let header: string | null = null;
  let seenContent = false;
  let line = 1;

  for (let r = 0; r < parsed.data.length; r++) {
    const raw = parsed.data[r];
    const thisLine = line;
    // A quoted cell may hold line breaks; count them so later line numbers stay true.
    line += 1;
    for (const cell of raw) for (let i = cell.indexOf("\n"); i >= 0; i = cell.indexOf("\n", i + 1)) line++;

    const cells = raw.map((c) => c.trim());
    while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
    if (cells.length === 0) continue;
    if (!seenContent) {
      seenContent = true;
      if (looksLikeHeader(cells)) {
        header = raw.join(delimiter === "whitespace" ? " " : delimiter);
        continue;
      }
    }

    const reasons: string[] = [];
    let row: ImportRow | null = null;
    if (brokenQuoteRows.has(r)) {
      reasons.push('a quotation mark (") is not closed, so the rest of the line could not be read');
    } else if (cells.length !== expected) {
      reasons.push(columnsProblem(cells.length, settings.usesRatio));
    } else {
      let entered = parseImportDate(cells[0]);
      const month = entered === null ? parseImportMonth(cells[0]) : null;
      if (month !== null && settings.frequency === "monthly") entered = month;
      if (entered === null && month !== null) {
        reasons.push(
          `${quote(cells[0])} is a month, but this measure is ${settings.frequency}: give the date of each ${settings.frequency === "weekly" ? "week" : "day"}`,
        );
      } else if (entered === null) {
        reasons.push(
          `${quote(cells[0])} is not a date: use YYYY-MM-DD or DD/MM/YYYY${settings.frequency === "monthly" ? ", or a month such as Dec-24 or December 2024" : ""}`,
        );
      } else if (!isDayInRange(entered)) {
        reasons.push(`${formatDay(entered)} is not ${DAY_RANGE_TEXT}`);
        entered = null;
      }
      const numbers = readNumbers(cells.slice(1), settings.usesRatio, reasons);
      let period: string | null = null;
      if (entered !== null) {
        period = normalisePeriod(entered, settings.frequency);
        const first = firstLineOfPeriod.get(period);
        if (first !== undefined) {
          reasons.push(`duplicate period: line ${first} already has a value for ${periodLabel(period, settings.frequency)}`);
        } else {
          firstLineOfPeriod.set(period, thisLine);
        }
        if (latestPeriod !== null && period > latestPeriod) reasons.push(`${formatDay(entered)} is in the future`);
      }
      if (reasons.length === 0 && entered !== null && period !== null && numbers.every((n) => n !== null)) {
        const [a, b] = numbers as number[];
        const checked = checkPoint(settings.usesRatio ? { usesRatio: true, numerator: a, denominator: b } : { usesRatio: false, value: a }, settings);
        if (!checked.ok) {
          reasons.push(settings.usesRatio ? checked.problem : `${checked.problem}, but the value is ${cells[1]}`);
        } else {
          const { value, numerator, denominator } = checked;
          row = { line: thisLine, entered, periodDate: period, value, numerator, denominator };
        }
      }
    }
    const problem = reasons.length ? reasons.join("; ") : null;
    entries.push({ line: thisLine, cells, row, problem });
    if (row) rows.push(row);
    if (problem) problems.push({ line: thisLine, message: problem });
  }

  let formError: string | null = null;
  if (entries.length === 0) {
    formError = settings.usesRatio ? "Paste at least one row: a date, the numerator and the denominator" : "Paste at least one row: a date and a value";
  } else if (entries.length > IMPORT_MAX_ROWS) {
    formError = `Import no more than ${IMPORT_MAX_ROWS.toLocaleString("en-GB")} rows at a time (this has ${entries.length.toLocaleString("en-GB")})`;
  }
  return { entries, rows, problems, header, formError };
}

/**
 * A short fingerprint of the periods an import would replace. The confirmation carries
 * it, so a save replaces exactly the periods the person was shown (FNV-1a, 32 bits).
 */
export function replaceFingerprint(periods: readonly string[]): string {
  const sorted = [...periods].sort();
  let h = 0x811c9dc5;
  for (const p of sorted) {
    for (let i = 0; i < p.length; i++) {
      h ^= p.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0x2c;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${sorted.length}-${h.toString(16).padStart(8, "0")}`;
}
