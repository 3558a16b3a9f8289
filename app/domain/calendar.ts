// The trust's calendar: days are Europe/London calendar days written YYYY-MM-DD. Every rule that
// needs "today" is given it; nothing here reads the clock.
import { TZDate } from "@date-fns/tz";
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { format } from "date-fns/format";
import { isValid } from "date-fns/isValid";
import { parseISO } from "date-fns/parseISO";

export const TRUST_TIME_ZONE = "Europe/London";

// en-CA formats as YYYY-MM-DD; one formatter, reused, is far cheaper than a zoned date per call.
const LONDON_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: TRUST_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The Europe/London calendar day of an instant. */
export function londonDay(instant: Date | number): string {
  return LONDON_DAY.format(instant);
}

/** Whole days from a to b (b − a), both ISO calendar dates. */
export function daysBetween(a: string, b: string): number {
  return differenceInCalendarDays(parseISO(b), parseISO(a));
}

/** A real calendar day written YYYY-MM-DD (no 31 February). */
export function isIsoDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && isValid(parseISO(value)) && format(parseISO(value), "yyyy-MM-dd") === value;
}

/** "2026-11-26" → "26 Nov 2026". */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = parseISO(iso.slice(0, 10));
  return isValid(d) ? format(d, "d MMM yyyy") : "";
}

/** An instant → "26 Nov 2026, 14:05" in UK time. */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const d = new TZDate(new Date(value).getTime(), TRUST_TIME_ZONE);
  return isValid(d) ? format(d, "d MMM yyyy, HH:mm") : "";
}
