// A date typed into the NHS date input: day, month and year boxes. Read here, in one place, by
// the form schemas (client and server, through day-field) and by the kit's DateInput, which
// marks the boxes at fault. The wording follows the NHS service manual's date input messages.

export const DATE_PARTS = ["day", "month", "year"] as const;
export type DatePart = (typeof DATE_PARTS)[number];
export type DateParts = Record<DatePart, string>;

/** What is wrong with the boxes, and which boxes it is wrong in (all three for the date as a whole). */
export type DatePartsProblem = { kind: "missing"; parts: DatePart[] } | { kind: "year-digits"; parts: ["year"] } | { kind: "not-real"; parts: DatePart[] };

export type DatePartsReading = { empty: true } | { iso: string } | { problem: DatePartsProblem };

/** The example every date input's hint gives. */
export const DATE_EXAMPLE = "For example, 15 3 2027";

const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");

/** The boxes as trimmed strings (anything missing is empty). */
export function datePartsOf(value: unknown): DateParts {
  const o = value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  return { day: text(o.day), month: text(o.month), year: text(o.year) };
}

/** True for a value that came from the three boxes (an object with day, month or year). */
export function isDatePartsValue(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value) && DATE_PARTS.some((p) => p in (value as object));
}

const daysIn = (month: number, year: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Reads the three boxes, in the service manual's order of priority: nothing typed; a box left
 * empty; a box that is not a number; a year that is not 4 numbers (never guessed: "27" is not
 * 2027); a day or month that cannot be (31 February, month 13). Otherwise the ISO day.
 */
export function readDateParts(value: unknown): DatePartsReading {
  const parts = datePartsOf(value);
  const missing = DATE_PARTS.filter((p) => parts[p] === "");
  if (missing.length === 3) return { empty: true };
  if (missing.length > 0) return { problem: { kind: "missing", parts: missing } };
  const notNumbers = DATE_PARTS.filter((p) => !/^\d+$/.test(parts[p]));
  if (notNumbers.length > 0) return { problem: { kind: "not-real", parts: notNumbers } };
  if (parts.year.length !== 4) return { problem: { kind: "year-digits", parts: ["year"] } };
  const [day, month, year] = DATE_PARTS.map((p) => Number(parts[p]));
  const badMonth = month < 1 || month > 12;
  const badDay = day < 1 || day > (badMonth ? 31 : daysIn(month, year));
  if (badMonth || badDay) return { problem: { kind: "not-real", parts: DATE_PARTS.filter((p) => (p === "day" ? badDay : p === "month" && badMonth)) } };
  return { iso: `${parts.year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
}

const and = (parts: readonly string[]) => (parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : parts[0]);

/** The NHS message for a problem: "Start date must include a year", "…must be a real date", "Year must include 4 numbers". */
export function datePartsMessage(what: string, problem: DatePartsProblem): string {
  switch (problem.kind) {
    case "missing":
      return `${what} must include a ${and(problem.parts)}`;
    case "year-digits":
      return "Year must include 4 numbers";
    case "not-real":
      return `${what} must be a real date`;
  }
}

/** "2026-03-01" → { day: "1", month: "3", year: "2026" }; anything else → empty boxes. */
export function datePartsFromIso(value: unknown): DateParts {
  const m = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] } : { day: "", month: "", year: "" };
}

/** The ISO day the three boxes name, or null when they do not name a real day (31 April, year 26). */
export function isoFromDateParts(parts: Partial<Record<DatePart, unknown>>): string | null {
  const read = readDateParts(parts);
  return "iso" in read ? read.iso : null;
}

/** The boxes at fault when the date has an error: those the problem names, or all three (the date as a whole is wrong). */
export function datePartsInError(value: unknown): readonly DatePart[] {
  if (!isDatePartsValue(value)) return DATE_PARTS;
  const read = readDateParts(value);
  return "problem" in read ? read.problem.parts : DATE_PARTS;
}

/**
 * A date in a query string (a GET filter): the boxes `<name>.day`, `.month`, `.year`, or an ISO
 * `<name>` (links and bookmarks). The ISO day when there is one, the boxes to show again, and the
 * problem when the boxes do not make a date (the filter is then not applied).
 */
export function readDateQuery(params: URLSearchParams, name: string): { iso?: string; boxes: DateParts; problem?: DatePartsProblem } {
  const typed = DATE_PARTS.some((p) => params.has(`${name}.${p}`));
  if (!typed) {
    const iso = params.get(name) ?? "";
    return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? { iso, boxes: datePartsFromIso(iso) } : { boxes: datePartsFromIso("") };
  }
  const boxes = datePartsOf(Object.fromEntries(DATE_PARTS.map((p) => [p, params.get(`${name}.${p}`) ?? ""])));
  const read = readDateParts(boxes);
  if ("problem" in read) return { boxes, problem: read.problem };
  return "iso" in read ? { iso: read.iso, boxes } : { boxes };
}
