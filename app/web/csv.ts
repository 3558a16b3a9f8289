import Papa from "papaparse";

// A cell a spreadsheet would run as a formula: =, +, -, @ (and tab / carriage return, OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text cells that start like a formula get a leading apostrophe, so the spreadsheet shows them as text. */
export function neutraliseFormula(value: unknown): unknown {
  return typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : value;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return Papa.unparse({ fields: header, data: rows.map((row) => row.map(neutraliseFormula)) }, { newline: "\r\n" });
}
