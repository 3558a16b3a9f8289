// The forms of a measure's rare events (ADR 034): the date of one event, or the dates of many
// pasted from a spreadsheet, one a line. Shared by the browser and the server.
import { z } from "zod";
import { eventDateProblem } from "~/domain/event-intervals";
import { strictForm } from "~/forms/charter-form";
import { dayField } from "~/forms/day-field";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";
import { optionalText } from "~/forms/text-field";

export const EventSchema = strictForm({
  intent: z.literal("event"),
  eventDate: dayField({ what: "The date of the event", required: "Enter the date of the event" }),
  note: optionalText({ what: "The note", max: 500, multiline: true }),
  [FORM_TOKEN_FIELD]: formToken(),
});

/** The most event dates one paste takes. */
export const EVENTS_MAX = 5000;

export const EventsPasteSchema = z.strictObject({
  intent: z.literal("events"),
  dates: z.string().max(200_000, "That is more than one paste takes: paste no more than 5,000 dates at a time"),
  [FORM_TOKEN_FIELD]: formToken(),
});

export const DeleteEventSchema = z.strictObject({ intent: z.literal("delete-event"), eventId: z.coerce.number().int().positive() });

export type PastedEvents = { events: { eventDate: string; note: string }[]; problems: string[] };

/**
 * Reads pasted event dates, one a line ("2025-03-14" or "14/03/2025", optionally followed by a
 * comma or tab and a note); a first line of headings is skipped. Every bad line is reported with
 * its number: not a date, in the future, or on a day that already has an event.
 */
export function readPastedEvents(text: string, taken: ReadonlySet<string>, today: string, parseDate: (cell: string) => string | null): PastedEvents {
  const events: { eventDate: string; note: string }[] = [];
  const problems: string[] = [];
  const seen = new Set(taken);
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let first = true;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const [cell, ...rest] = line.split(/\t|,/);
    const date = parseDate(cell.trim());
    if (first && date === null && /\p{L}/u.test(cell)) {
      first = false;
      return;
    }
    first = false;
    if (date === null) {
      problems.push(`Line ${i + 1}: '${cell.trim().slice(0, 24)}' is not a date: use YYYY-MM-DD or DD/MM/YYYY`);
      return;
    }
    const problem = eventDateProblem(date, seen, today);
    if (problem) {
      problems.push(`Line ${i + 1}: ${problem}`);
      return;
    }
    seen.add(date);
    events.push({ eventDate: date, note: rest.join(",").trim().slice(0, 500) });
  });
  if (events.length === 0 && problems.length === 0) problems.push("Paste the date of at least one event, one a line");
  if (events.length > EVENTS_MAX) problems.push(`Paste no more than ${EVENTS_MAX.toLocaleString("en-GB")} dates at a time`);
  return { events, problems };
}
