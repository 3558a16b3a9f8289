// A measure's rare events (ADR 034): the dates the team recorded, from which its values (the
// days between events) are worked out. The writes are commands in measure-event-commands.server.ts.
import { asc, eq, sql } from "drizzle-orm";
import { measureEvents, measurePoints } from "~/db.server";
import type { Db } from "~/db.server";

/** The events, oldest first. */
export function listEvents(db: Db, measureId: number) {
  return db
    .select({ id: measureEvents.id, eventDate: measureEvents.eventDate, note: measureEvents.note })
    .from(measureEvents)
    .where(eq(measureEvents.measureId, measureId))
    .orderBy(asc(measureEvents.eventDate))
    .all();
}

export type MeasureEvent = ReturnType<typeof listEvents>[number];

/** How many events and values a measure has: whether its values come from event dates. */
export function dataCounts(db: Db, measureId: number): { events: number; points: number } {
  const count = (table: typeof measureEvents | typeof measurePoints) =>
    db
      .select({ n: sql<number>`count(*)` })
      .from(table)
      .where(eq(table.measureId, measureId))
      .get()!.n;
  return { events: count(measureEvents), points: count(measurePoints) };
}
