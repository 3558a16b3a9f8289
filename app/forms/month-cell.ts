// The ways a spreadsheet writes a month, read as the month's first day. Excel shows a monthly
// column as "Dec-24" or "Dec 2024" and exports it that way; people type "December 2024",
// "2024-12" or "12/2024". Two-digit years are this century's.

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const LONG = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

function monthNumber(name: string): number | null {
  const n = name.toLowerCase().replace(/\.$/, "");
  if (n === "sept") return 9;
  const short = MONTHS.indexOf(n);
  if (short >= 0) return short + 1;
  const long = LONG.indexOf(n);
  return long >= 0 ? long + 1 : null;
}

const first = (y: number, m: number) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-01`;

/** "Dec-24", "Dec 2024", "December 2024", "2024-12" or "12/2024" → "2024-12-01"; anything else → null. */
export function parseImportMonth(cell: string): string | null {
  const text = cell.trim();
  const named = /^([A-Za-z]{3,9}\.?)[-\s/]?(\d{2}|\d{4})$/.exec(text);
  if (named) {
    const m = monthNumber(named[1]);
    if (m === null) return null;
    const y = named[2].length === 2 ? 2000 + Number(named[2]) : Number(named[2]);
    return first(y, m);
  }
  const iso = /^(\d{4})-(\d{1,2})$/.exec(text);
  const uk = /^(\d{1,2})\/(\d{4})$/.exec(text);
  const [y, m] = iso ? [Number(iso[1]), Number(iso[2])] : uk ? [Number(uk[2]), Number(uk[1])] : [0, 0];
  if (y < 1 || m < 1 || m > 12) return null;
  return first(y, m);
}

/** A line typed with spaces between cells: keep "Dec 2024" or "December 24" together as one cell. */
export function joinSpacedMonth(line: string): string {
  return line.replace(/^([A-Za-z]{3,9}\.?)\s+(\d{2}|\d{4})(?=\s|$)/, (whole, name: string, year: string) =>
    monthNumber(name) === null ? whole : `${name}-${year}`,
  );
}
