// Every demo date is an offset from "today" so the demo never goes stale.
import { addDays, addMonths, addWeeks, differenceInCalendarDays, format, isValid, parseISO, startOfMonth, startOfWeek, subMonths } from "date-fns";

export type DemoClock = {
  today: string;
  /** The calendar day `offset` days from today (negative = past), as YYYY-MM-DD. */
  day(offset: number): string;
  /** An instant on that day, in UTC (noon unless told). */
  at(offset: number, hour?: number, minute?: number): Date;
  /** The Monday that starts the last full week before today, moved back `periodsBack` weeks. */
  weekPeriod(periodsBack: number): string;
  /** The first day of the last full month before today, moved back `periodsBack` months. */
  monthPeriod(periodsBack: number): string;
  /** Whole days from today to an ISO day (negative = past). */
  offsetOf(isoDay: string): number;
  /** Months from today, as a day. */
  monthsAhead(months: number): string;
};

const ISO = "yyyy-MM-dd";

export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = parseISO(value);
  return isValid(d) && format(d, ISO) === value;
}

/** An instant at a given UTC time on a calendar day. */
export function instantOn(isoDay: string, hour = 12, minute = 0): Date {
  const hh = String(hour).padStart(2, "0");
  const mm = String(minute).padStart(2, "0");
  return new Date(`${isoDay}T${hh}:${mm}:00.000Z`);
}

export function createClock(today: string): DemoClock {
  if (!isIsoDay(today)) throw new Error(`today must be a calendar date (YYYY-MM-DD), got "${today}"`);
  // parseISO of a date-only string gives local midnight; addDays/format work on
  // local calendar days, so the result is the same in every process time zone.
  const base = parseISO(today);
  const lastFullWeek = addDays(startOfWeek(base, { weekStartsOn: 1 }), -7);
  const lastFullMonth = startOfMonth(subMonths(base, 1));
  const day = (offset: number) => format(addDays(base, offset), ISO);
  return {
    today,
    day,
    at: (offset, hour = 12, minute = 0) => instantOn(day(offset), hour, minute),
    weekPeriod: (periodsBack) => format(addWeeks(lastFullWeek, -periodsBack), ISO),
    monthPeriod: (periodsBack) => format(addMonths(lastFullMonth, -periodsBack), ISO),
    offsetOf: (isoDay) => differenceInCalendarDays(parseISO(isoDay), base),
    monthsAhead: (months) => format(addMonths(base, months), ISO),
  };
}
