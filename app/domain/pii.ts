// QI records must not hold patient-identifiable data. This finds the two patterns people most
// often paste by mistake: an NHS number, and a date of birth beside a name or after "DOB".
// It is a warn-and-confirm guard: a false positive costs a tick, a miss costs a data breach.
import { isValid } from "date-fns/isValid";

/** NHS number check digit (Modulus 11, NHS Data Dictionary). */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/**
 * NFKC folds full-width digits and compatibility spaces; every kind of space, dash and
 * hyphen then becomes a plain one, so one set of patterns covers what people paste.
 */
export function normaliseForPii(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\p{Zs}\t]/gu, " ")
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, "-");
}

// Digit groups joined by separators of any kind (space, dot, slash, hyphen).
const DIGIT_RUN = /(?<![\d])\d+(?:[ ./-]{1,3}\d+)*(?![\d])/g;

/** Every 10-digit number in the text, however it is grouped, that passes the Modulus 11 check. */
function nhsNumbers(text: string): string[] {
  const found: string[] = [];
  for (const run of text.matchAll(DIGIT_RUN)) {
    const groups = run[0].split(/[ ./-]+/);
    for (let start = 0; start < groups.length; start++) {
      let digits = "";
      for (let end = start; end < groups.length && digits.length < 10; end++) {
        digits += groups[end];
        if (digits.length === 10 && isValidNhsNumber(digits)) found.push(groups.slice(start, end + 1).join(" "));
      }
    }
  }
  return found;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAME = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?`;
// D/M/YY(YY) with / . or -, ISO YYYY-MM-DD, "3 April 1950", "3rd Apr 1950", "April 3, 1950".
const DATE = new RegExp(
  String.raw`(?<![\d/.-])(?:(?<d>\d{1,2})[/.-](?<m>\d{1,2})[/.-](?<y>\d{4}|\d{2})` +
    String.raw`|(?<iy>\d{4})-(?<im>\d{1,2})-(?<id>\d{1,2})` +
    String.raw`|(?<td>\d{1,2})(?:st|nd|rd|th)? (?<tm>${MONTH_NAME}),? (?<ty>\d{4})` +
    String.raw`|(?<mm>${MONTH_NAME}) (?<md>\d{1,2})(?:st|nd|rd|th)?,? (?<my>\d{4}))(?![\d/.-]*\d)`,
  "gi",
);

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** The calendar day a date match names; a two-digit year is the century that keeps it not after today. */
function matchedDay(groups: Record<string, string | undefined>, today: string): Date | null {
  let y: number, m: number, d: number;
  if (groups.y) {
    [d, m, y] = [Number(groups.d), Number(groups.m), Number(groups.y)];
    if (groups.y.length === 2) {
      const iso = (year: number) => `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
      y = iso(2000 + y) <= today ? 2000 + y : 1900 + y;
    }
  } else if (groups.iy) {
    [y, m, d] = [Number(groups.iy), Number(groups.im), Number(groups.id)];
  } else if (groups.ty) {
    [y, m, d] = [Number(groups.ty), monthNumber(groups.tm!), Number(groups.td)];
  } else {
    [y, m, d] = [Number(groups.my), monthNumber(groups.mm!), Number(groups.md)];
  }
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return isValid(date) && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

/** A date of birth lies in the past and no more than 120 years ago. */
function couldBeBirthDate(day: Date, today: string): boolean {
  const [ty, tm, td] = today.split("-").map(Number);
  const now = Date.UTC(ty, tm - 1, td);
  const oldest = new Date(now);
  oldest.setUTCFullYear(ty - 120);
  return day.getTime() <= now && day.getTime() >= oldest.getTime();
}

// Words that make two adjacent words a phrase rather than a person's name.
const COMMON_WORDS = new Set(
  (
    "a an and are as at be been before began board born by can committee completed date day did done due each " +
    "end ended every first for from go had has have held her his in into is it last launched led meeting month " +
    "next no not of on or our out panel per pilot planned plan report review reviewed round run since start " +
    "started the their then this to trial until up ward was we week were when which will with audit data test " +
    "tested cycle pdsa go-live live clinic session team staff training agreed approved approval signed sent " +
    "submitted visit audited launch deadline target baseline new old update updated change changes survey " +
    "patient patients notes note seen admitted discharged admission discharge last next"
  ).split(" "),
);
const WORD = String.raw`[A-Za-z][A-Za-z'’-]+`;
const TITLED_NAME = String.raw`\b(?:mr|mrs|ms|miss|mx|dr)\.? ${WORD}(?: ${WORD})?`;
const NAME_BEFORE = new RegExp(String.raw`(?:(?<titled>${TITLED_NAME})|\b(?<a>${WORD}),? (?<b>${WORD}))[ ,:;(-]{1,4}$`, "i");
// After a date, prose goes on in lower case ("on 2 Nov 2026 shows special cause"): only capitalised words
// (or a title) read as a name there.
const CAPITALISED = String.raw`[A-Z][A-Za-z'’-]+`;
const NAME_AFTER = new RegExp(
  String.raw`^[ ,:;)-]{1,4}(?:(?<titled>(?:[Mm]r|[Mm]rs|[Mm]s|[Mm]iss|[Mm]x|[Dd]r)\.? ${WORD}(?: ${WORD})?)|(?<a>${CAPITALISED}),? (?<b>${CAPITALISED})\b)`,
);
// "on 3 April 2026", "since 12/10/2025": a date after a preposition is when something happened.
const EVENT_PREPOSITION = /\b(?:on|from|since|by|until|till|at|in|before|after|of|during|between|and|to)\W{0,2}$/i;
const DOB_LABEL = /\b(?:dob|d\.o\.b\.?|date of birth|birth date|born(?: on)?)\W{0,3}$/i;

function looksLikeName(m: RegExpMatchArray | null): boolean {
  if (!m?.groups) return false;
  if (m.groups.titled) return true;
  return !COMMON_WORDS.has(m.groups.a.toLowerCase()) && !COMMON_WORDS.has(m.groups.b.toLowerCase());
}

function birthDates(text: string, today: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(DATE)) {
    const day = matchedDay(m.groups ?? {}, today);
    if (!day || !couldBeBirthDate(day, today)) continue;
    const before = text.slice(Math.max(0, m.index! - 60), m.index);
    const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 60);
    if (DOB_LABEL.test(before)) found.push(m[0]);
    else if (EVENT_PREPOSITION.test(before)) continue;
    else if (looksLikeName(before.match(NAME_BEFORE)) || looksLikeName(after.match(NAME_AFTER))) found.push(m[0]);
  }
  return found;
}

export type PiiFinding = { kind: "nhs_number" | "date_of_birth"; excerpt: string };

/** `today` (YYYY-MM-DD) decides which dates could be someone's date of birth. */
export function findPatientIdentifiers(text: string, today: string): PiiFinding[] {
  const normal = normaliseForPii(text);
  return [
    ...nhsNumbers(normal).map((excerpt) => ({ kind: "nhs_number" as const, excerpt })),
    ...birthDates(normal, today).map((excerpt) => ({ kind: "date_of_birth" as const, excerpt })),
  ];
}

/** The free-text fields of a submission that look patient-identifiable, by field name. */
export function fieldsWithPatientIdentifiers(values: Record<string, unknown>, today: string): Record<string, PiiFinding[]> {
  const out: Record<string, PiiFinding[]> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== "string" || value.length < 8) continue;
    const findings = findPatientIdentifiers(value, today);
    if (findings.length) out[name] = findings;
  }
  return out;
}
