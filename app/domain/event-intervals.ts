// Rare events entered as dates (ADR 034): a g or t chart plots the days between each event
// and the one before it, exactly as qicharts2's vignette derives them from event dates
// (`dt = date - lag(date)`): the first event starts the count and has no value of its own,
// every later event is one point, dated on its day. Pure: no clock, no I/O.
import type { ChartType } from "~/domain/enums";

/** The charts whose values may be worked out from event dates. */
export const EVENT_CHARTS: readonly ChartType[] = ["g", "t"];

export const isEventChart = (chart: ChartType | null | undefined) => chart === "g" || chart === "t";

const DAY_MS = 86_400_000;

/** Whole days from one ISO day to another (UTC arithmetic: no clock change can shift it). */
export function daysBetween(from: string, to: string): number {
  const ms = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.round((ms(to) - ms(from)) / DAY_MS);
}

export type EventInterval = { periodDate: string; value: number; note: string };

/**
 * The values of a measure from its events: for each event after the first (in date order), the
 * days since the previous event, dated on the event's day and carrying its note.
 */
export function intervalsFromEvents(events: readonly { eventDate: string; note?: string }[]): EventInterval[] {
  const sorted = [...events].sort((a, b) => (a.eventDate < b.eventDate ? -1 : a.eventDate > b.eventDate ? 1 : 0));
  const out: EventInterval[] = [];
  for (let i = 1; i < sorted.length; i++) {
    out.push({ periodDate: sorted[i].eventDate, value: daysBetween(sorted[i - 1].eventDate, sorted[i].eventDate), note: sorted[i].note ?? "" });
  }
  return out;
}

/**
 * Why a set of event dates cannot be stored, or null: two events on one day (a g or t chart of
 * days between events counts a day once), or an event after today.
 */
export function eventDateProblem(date: string, taken: ReadonlySet<string>, today: string): string | null {
  if (date > today) return "the date is in the future: record an event once it has happened";
  if (taken.has(date)) return "there is already an event on that day: a chart of days between events counts each day once";
  return null;
}

/**
 * How a measure's values are entered: from event dates when it already has events, or when it is
 * drawn as a g or t chart and has no values yet; otherwise one value per period.
 */
export function entersEvents(m: { chartType: ChartType | null | undefined }, counts: { events: number; points: number }): boolean {
  return counts.events > 0 || (isEventChart(m.chartType) && counts.points === 0);
}

/** Why event dates are refused on a measure whose values were typed in directly (the command and the page say it). */
export const VALUES_ENTERED_DIRECTLY =
  "This measure's values were entered one by one, so they cannot be worked out from event dates. Delete its values first, or keep adding them as values";
