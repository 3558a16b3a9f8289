// Writes to a measure's rare events (ADR 034). Each is one measure command: the events change,
// the measure's values are rebuilt from them (the days between each event and the one before,
// qicharts2's `date - lag(date)`), the audit row is written and the stored SPC summary refreshed,
// all in one transaction.
import { VALUES_ENTERED_DIRECTLY } from "~/domain/event-intervals";
import { and, eq } from "drizzle-orm";
import { measureEvents, measurePoints } from "~/db.server";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";
import { formatDay } from "~/domain/calendar";
import { daysBetween, intervalsFromEvents } from "~/domain/event-intervals";
import { refused, type Actor, type CommandResult } from "~/models/command.server";
import { createdOnce, measureCommand, NOT_FOUND, type Once } from "~/models/measure-commands.server";
import { dataCounts, listEvents } from "~/models/measure-events.server";
import type { Measure } from "~/models/measure.server";

type MeasureRef = Pick<Measure, "id" | "projectId" | "name">;

/** The measure's values, worked out again from all its events. */
function rebuildPoints(tx: Db, measureId: number, actorId: number) {
  tx.delete(measurePoints).where(eq(measurePoints.measureId, measureId)).run();
  const at = new Date(nowMs());
  const rows = intervalsFromEvents(listEvents(tx, measureId)).map((r) => ({
    measureId,
    periodDate: r.periodDate,
    value: r.value,
    note: r.note,
    createdBy: actorId,
    createdAt: at,
    updatedAt: at,
  }));
  // 500 rows a statement keeps under SQLite's limit on bound values.
  for (let i = 0; i < rows.length; i += 500)
    tx.insert(measurePoints)
      .values(rows.slice(i, i + 500))
      .run();
}

const plural = (n: number, one: string) => `${n.toLocaleString("en-GB")} ${one}${n === 1 ? "" : "s"}`;

export type RecordEvents = Once & { measure: MeasureRef; events: readonly { eventDate: string; note: string }[]; location: string };

/**
 * Records one or more events (the caller has checked the dates: none in the future, none on a day
 * that already has one) and rebuilds the values. A measure whose values were entered directly is refused.
 */
export function recordEvents(db: Db, actor: Actor, input: RecordEvents): CommandResult<{ location: string; id: number | null }> {
  const { measure, events } = input;
  return measureCommand(db, actor, measure, "data", (tx) => {
    const counts = dataCounts(tx, measure.id);
    if (counts.events === 0 && counts.points > 0) return refused(VALUES_ENTERED_DIRECTLY, 400);
    if (events.length === 0) return refused("Enter the date of at least one event", 400);
    return createdOnce(tx, actor, "measure_event", input.formToken, () => {
      const at = new Date(nowMs());
      let firstId = 0;
      for (const e of events) {
        const { id } = tx
          .insert(measureEvents)
          .values({ measureId: measure.id, eventDate: e.eventDate, note: e.note, createdBy: actor.id, createdAt: at })
          .returning({ id: measureEvents.id })
          .get();
        firstId ||= id;
      }
      rebuildPoints(tx, measure.id, actor.id);
      let summary: string;
      if (events.length === 1) {
        const all = listEvents(tx, measure.id);
        const i = all.findIndex((e) => e.eventDate === events[0].eventDate);
        const since =
          i > 0 ? ` (${plural(daysBetween(all[i - 1].eventDate, events[0].eventDate), "day")} since the one before)` : " (the first: the count starts here)";
        summary = `${measure.name}: recorded the event on ${formatDay(events[0].eventDate)}${since}`;
      } else {
        const dates = events.map((e) => e.eventDate).sort();
        summary = `${measure.name}: recorded ${plural(events.length, "event")} from ${formatDay(dates[0])} to ${formatDay(dates[dates.length - 1])}`;
      }
      return { id: firstId, location: input.location, summary };
    });
  });
}

/** Deletes an event and rebuilds the values (the next event's interval then counts from the one before). */
export function deleteEvent(db: Db, actor: Actor, input: { measure: MeasureRef; eventId: number }): CommandResult<{ id: number }> {
  const { measure, eventId } = input;
  return measureCommand(db, actor, measure, "data", (tx) => {
    const row = tx
      .delete(measureEvents)
      .where(and(eq(measureEvents.id, eventId), eq(measureEvents.measureId, measure.id)))
      .returning({ eventDate: measureEvents.eventDate })
      .get();
    if (!row) return NOT_FOUND("event");
    rebuildPoints(tx, measure.id, actor.id);
    return { value: { id: eventId }, summary: `${measure.name}: deleted the event on ${formatDay(row.eventDate)}` };
  });
}
