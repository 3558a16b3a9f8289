// Recording and deleting rare events (ADR 034): one transaction that stores the events, rebuilds
// the measure's values (the days between events), writes the audit row and refreshes the stored
// summary; a measure whose values were entered one by one is refused, and a measure with events
// refuses values written one by one.
import { describe, expect, it } from "vitest";
import { VALUES_ENTERED_DIRECTLY } from "~/domain/event-intervals";
import { deleteEvent, recordEvents } from "~/models/measure-event-commands.server";
import { addPoint, VALUES_FROM_EVENTS } from "~/models/measure-data-commands.server";
import { getMeasure } from "~/models/measure.server";
import { createEventsMeasure } from "../helpers/measure-fixture";
import { workbook } from "./workbook-fixture";

function setup() {
  const w = workbook();
  const projectId = w.one<{ id: number }>("select id from projects order by id").id;
  const id = createEventsMeasure(w.db, w.actor, projectId, { name: "Days between never events", definition: "Days between never events in theatres." });
  const measure = getMeasure(w.db, projectId, id)!;
  const points = () =>
    w.all<{ periodDate: string; value: number; note: string }>(
      "select period_date as periodDate, value, note from measure_points where measure_id = ? order by period_date",
      measure.id,
    );
  const summary = () => w.one<{ n: number; cl: number | null }>("select spc_points as n, spc_mean as cl from measures where id = ?", measure.id);
  return { ...w, measure, points, summary };
}

describe("measure event commands", () => {
  it("recordEvents stores the events, their intervals, one audit row and the refreshed summary, once per form token", () => {
    const w = setup();
    const input = {
      measure: w.measure,
      events: [
        { eventDate: "2025-01-02", note: "" },
        { eventDate: "2025-01-20", note: "Theatre 3" },
        { eventDate: "2025-03-14", note: "" },
      ],
      formToken: "event-token-0001",
      location: "/m?saved=events",
    };
    expect(recordEvents(w.db, w.actor, input)).toMatchObject({ ok: true, value: { location: "/m?saved=events" } });
    expect(recordEvents(w.db, w.actor, input)).toMatchObject({ ok: true, value: { id: null } });
    expect(w.count("measure_events", "measure_id = ?", w.measure.id)).toBe(3);
    expect(w.points()).toEqual([
      { periodDate: "2025-01-20", value: 18, note: "Theatre 3" },
      { periodDate: "2025-03-14", value: 53, note: "" },
    ]);
    // g chart: the centre line is the median of 18 and 53.
    expect(w.summary()).toEqual({ n: 2, cl: 35.5 });
    const audits = w.audits("measure.data_changed");
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entity_id: w.measure.id, user_id: w.actor.id });
    expect(audits[0].summary).toBe("Days between never events: recorded 3 events from 2 Jan 2025 to 14 Mar 2025");

    // An event between two others splits their interval.
    expect(recordEvents(w.db, w.actor, { measure: w.measure, events: [{ eventDate: "2025-02-01", note: "" }], location: "/m" }).ok).toBe(true);
    expect(w.points().map((p) => p.value)).toEqual([18, 12, 41]);
    expect(w.audits("measure.data_changed").at(-1)!.summary).toBe("Days between never events: recorded the event on 1 Feb 2025 (12 days since the one before)");
  });

  it("deleteEvent rebuilds the intervals with an audit row; a missing event is a 404 that changes nothing", () => {
    const w = setup();
    recordEvents(w.db, w.actor, {
      measure: w.measure,
      events: ["2025-01-02", "2025-01-20", "2025-03-14"].map((eventDate) => ({ eventDate, note: "" })),
      location: "/m",
    });
    const middle = w.one<{ id: number }>("select id from measure_events where event_date = '2025-01-20'").id;
    expect(deleteEvent(w.db, w.actor, { measure: w.measure, eventId: middle }).ok).toBe(true);
    expect(w.points()).toEqual([{ periodDate: "2025-03-14", value: 71, note: "" }]);
    expect(w.audits("measure.data_changed").at(-1)!.summary).toBe("Days between never events: deleted the event on 20 Jan 2025");
    const audits = w.audits("measure.data_changed").length;
    expect(deleteEvent(w.db, w.actor, { measure: w.measure, eventId: middle })).toMatchObject({ ok: false, status: 404 });
    expect(w.audits("measure.data_changed")).toHaveLength(audits);
    expect(w.points()).toHaveLength(1);
  });

  it("a measure with values entered one by one refuses events, and one with events refuses values one by one, changing nothing", () => {
    const w = setup();
    const value = { periodDate: "2025-01-05", value: 12, numerator: null, denominator: null, note: "" };
    expect(addPoint(w.db, w.actor, { measure: w.measure, values: value, location: "/m" }).ok).toBe(true);
    const refused = recordEvents(w.db, w.actor, { measure: w.measure, events: [{ eventDate: "2025-02-01", note: "" }], location: "/m" });
    expect(refused).toEqual({ ok: false, refused: VALUES_ENTERED_DIRECTLY, status: 400 });
    expect(w.count("measure_events", "measure_id = ?", w.measure.id)).toBe(0);
    expect(w.points()).toHaveLength(1);

    const other = setup();
    recordEvents(other.db, other.actor, {
      measure: other.measure,
      events: [
        { eventDate: "2025-02-01", note: "" },
        { eventDate: "2025-02-11", note: "" },
      ],
      location: "/m",
    });
    const audits = other.audits("measure.data_changed").length;
    expect(addPoint(other.db, other.actor, { measure: other.measure, values: value, location: "/m" })).toEqual({
      ok: false,
      refused: VALUES_FROM_EVENTS,
      status: 400,
    });
    expect(other.points()).toEqual([{ periodDate: "2025-02-11", value: 10, note: "" }]);
    expect(other.audits("measure.data_changed")).toHaveLength(audits);
  });
});
