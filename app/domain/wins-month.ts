// Months of wins (docs/decisions/100): the monthly wins digest and the printable newsletter read one
// calendar month in UK time, written YYYY-MM. Pure: today is passed in.
import { TZDate } from "@date-fns/tz";
import { addMonths } from "date-fns/addMonths";
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import { TRUST_TIME_ZONE } from "~/domain/calendar";
import type { WIN_EVIDENCE_KINDS } from "~/domain/enums";

/** A month as the URL and `npm run wins:digest -- --month` write it. */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** What a person is told when the month they asked for cannot be read. */
export const BAD_MONTH_MESSAGE = "Choose a month written as year and month, for example 2026-11";

/** The month ("YYYY-MM") when `value` is one between 1900 and 2999, else null. */
export function parseMonth(value: string | null | undefined): string | null {
  const match = MONTH.exec((value ?? "").trim());
  if (!match) return null;
  const year = Number(match[1]);
  return year >= 1900 && year <= 2999 ? `${match[1]}-${match[2]}` : null;
}

/** The month a day falls in: "2026-11-26" → "2026-11". */
export const monthOf = (day: string) => day.slice(0, 7);

export const addMonthsTo = (month: string, n: number) => format(addMonths(parseISO(`${month}-01`), n), "yyyy-MM");
export const previousMonth = (month: string) => addMonthsTo(month, -1);
export const nextMonth = (month: string) => addMonthsTo(month, 1);

/** "2026-11" → "November 2026". */
export const monthName = (month: string) => format(parseISO(`${month}-01`), "MMMM yyyy");

/** The first instant of the month in UK time, and the first of the next: wins with from ≤ at < to. */
export function monthInstants(month: string): { from: number; to: number } {
  const start = (m: string) => {
    const [y, mo] = m.split("-").map(Number);
    return new TZDate(y, mo - 1, 1, 0, 0, 0, 0, TRUST_TIME_ZONE).getTime();
  };
  return { from: start(month), to: start(nextMonth(month)) };
}

/** The months a chooser offers, newest first: from the earlier of `earliest` and a year before `current`, to `current`. */
export function monthsUpTo(current: string, earliest: string | null): string[] {
  const yearAgo = addMonthsTo(current, -11);
  const first = earliest && earliest < yearAgo ? earliest : yearAgo;
  const months: string[] = [];
  for (let m = current; m >= first && months.length < 600; m = previousMonth(m)) months.push(m);
  return months;
}

/** The hourly run sends last month's digest on the first days of a month (any of them, should the server be down on the 1st). */
export const WINS_DIGEST_DAYS = 7;
export const isWinsDigestDay = (today: string) => Number(today.slice(8, 10)) <= WINS_DIGEST_DAYS;

/** The words every wins digest and newsletter carries: "This month in Stepping Up — November 2026". */
export const winsHeadline = (month: string) => `This month in Stepping Up — ${monthName(month)}`;

export function winsDigestIntro(month: string, wins: number): string {
  const what = wins === 1 ? "the win" : `the ${wins} wins`;
  return `Here is ${what} the programme's teams confirmed in ${monthName(month)}, each with its evidence. Well done to everyone involved.`;
}

/** Where the evidence of a win lives, when its key names a record ("measure:12:2026-11-01", "pdsa:4"). */
export function evidenceHref(projectId: number, ref: string): string | null {
  const match = /^(measure|milestone|pdsa):([1-9]\d{0,15})(?::|$)/.exec(ref);
  if (!match) return null;
  const [, kind, id] = match;
  if (kind === "measure") return `/projects/${projectId}/measures/${id}`;
  if (kind === "pdsa") return `/projects/${projectId}/pdsa/${id}`;
  return `/projects/${projectId}/milestones`;
}

/** The measure and the period a measure win names ("measure:12:2026-11-01"), if it names one. */
export function measureOfEvidence(ref: string): { measureId: number; period: string } | null {
  const match = /^measure:([1-9]\d{0,15}):(\d{4}-\d{2}-\d{2})$/.exec(ref);
  return match ? { measureId: Number(match[1]), period: match[2] } : null;
}

export const WIN_KIND_LABELS: Record<(typeof WIN_EVIDENCE_KINDS)[number], string> = {
  measure_improvement: "Measure improving",
  milestone_completed: "Milestone completed",
  change_adopted: "Change adopted",
  other: "Other achievement",
};
