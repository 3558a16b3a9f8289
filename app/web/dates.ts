// The one place dates are formatted for people: UK style, Europe/London.
import { addMonths } from "date-fns/addMonths";
import { format } from "date-fns/format";
import { isValid } from "date-fns/isValid";
import { parseISO } from "date-fns/parseISO";

// Calendar arithmetic lives in the domain; re-exported for the pages that format and compare.
export { daysBetween, formatDateTime, formatDay, isIsoDay } from "~/domain/calendar";

/** "2026-11" or "2026-11-01" → "Nov 2026" (or "Nov 26" when short), for month axes. */
export function formatMonth(isoMonth: string, short = false): string {
  const d = parseISO(`${isoMonth.slice(0, 7)}-01`);
  return isValid(d) ? format(d, short ? "MMM yy" : "MMM yyyy") : "";
}

/** The twelve calendar months ending with today's, oldest first, as "YYYY-MM". */
export function lastTwelveMonths(today: string): string[] {
  const first = parseISO(`${today.slice(0, 7)}-01`);
  return Array.from({ length: 12 }, (_, i) => format(addMonths(first, i - 11), "yyyy-MM"));
}
