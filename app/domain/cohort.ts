// Waves as cohorts (Listening into Action, ADR 110): a wave's timeline of dated events, who may run
// it, and the range of dates an event may have. Pure: `today` is passed in.
import { addDays } from "date-fns/addDays";
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import { formatDay } from "~/domain/calendar";
import { canGovern, type Actor } from "~/domain/permissions";

/** The refusal for an attendee who is not a person in Stepping Up; the event forms show it beside the attendees. */
export const UNKNOWN_ATTENDEE = "Choose attendees from the list of people in Stepping Up";

import { WAVE_EVENT_KINDS, type WaveEventKind } from "~/domain/enums";

export { WAVE_EVENT_KINDS, type WaveEventKind };

export const WAVE_EVENT_KIND_LABELS: Record<WaveEventKind, string> = {
  launch: "Launch",
  conversation: "Team conversation",
  checkpoint: "Checkpoint",
  pass_it_on: "Pass it On",
};

/** Set the sponsor and champions and log the wave's events: the programme board and admins (as they run Big Conversations). */
export const canRunWave = (actor: Actor) => canGovern(actor);

/** An event may fall this many days either side of the wave: a launch is often held before the first week, a Pass it On after the last. */
export const EVENT_MARGIN_DAYS = 91;

const shift = (isoDay: string, days: number) => format(addDays(parseISO(isoDay), days), "yyyy-MM-dd");

export function eventDateRange(wave: { startsOn: string; endsOn: string }) {
  return { from: shift(wave.startsOn, -EVENT_MARGIN_DAYS), to: shift(wave.endsOn, EVENT_MARGIN_DAYS) };
}

/** Null when the day is in the wave's range; otherwise the message that says what the range is. */
export function eventDateProblem(wave: { startsOn: string; endsOn: string }, heldOn: string): string | null {
  const { from, to } = eventDateRange(wave);
  if (heldOn >= from && heldOn <= to) return null;
  return `The date must be between ${formatDay(from)} and ${formatDay(to)}, within 13 weeks of the wave's dates`;
}

export type TimelineMark = "past" | "next" | "later";

/** Marks each event, in date order: held before today is past, the first on or after today is next, then later. */
export function markTimeline<E extends { heldOn: string }>(events: readonly E[], today: string): (E & { mark: TimelineMark })[] {
  let nextGiven = false;
  return [...events]
    .sort((a, b) => a.heldOn.localeCompare(b.heldOn))
    .map((e) => {
      if (e.heldOn < today) return { ...e, mark: "past" as const };
      if (!nextGiven) {
        nextGiven = true;
        return { ...e, mark: "next" as const };
      }
      return { ...e, mark: "later" as const };
    });
}

/** The wave after this one: the earliest that starts after it (null for the last wave). */
export function nextWave<W extends { id: number; startsOn: string }>(waves: readonly W[], wave: { id: number; startsOn: string }): W | null {
  const later = waves.filter((w) => w.id !== wave.id && w.startsOn > wave.startsOn).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  return later[0] ?? null;
}
