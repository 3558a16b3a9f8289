// The page cache's invalidation, measure page: every command whose data the measure page shows (its
// definition, chart and data, rebases, notes on the chart, comments, values from events) is driven
// here; the kept page must be rendered again and show the change (ADR 126).
import { afterAll, beforeAll, describe, expect } from "vitest";
import { addComment, deleteComment, editComment } from "~/models/comment-commands.server";
import { updateMeasure } from "~/models/measure-commands.server";
import {
  addAnnotation,
  addPoint,
  addRebase,
  correctPoint,
  deletePoint,
  importPoints,
  removeAnnotation,
  removeRebase,
} from "~/models/measure-data-commands.server";
import { deleteEvent, recordEvents } from "~/models/measure-event-commands.server";
import { definitionOf, getMeasure } from "~/models/measure.server";
import { userIdOf } from "../helpers/db";
import { textOf, type Page } from "../helpers/html";
import { createEventsMeasure } from "../helpers/measure-fixture";
import { around, driveEvery, must } from "../helpers/page-cache-journey";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let lead: Client;
let projectId: number;
let measureId: number;
let eventsMeasureId: number;

const one = <T>(sql: string, ...params: unknown[]) => server.db.$client.prepare(sql).get(...params) as T;
const actor = () => ({ id: userIdOf(server.db, "lead@example.org"), email: "lead@example.org" });
const measure = (id = measureId) => getMeasure(server.db, projectId, id)!;
const path = (id = measureId) => `/projects/${projectId}/measures/${id}`;
const latest = () =>
  one<{ id: number; period_date: string; updated_at: number }>(
    "select id, period_date, updated_at from measure_points where measure_id = ? order by period_date desc limit 1",
    measureId,
  );
const count = (p: Page, text: string) => p.text.split(text).length - 1;

beforeAll(async () => {
  server = await startTestServer();
  lead = await Client.signedIn(server.url, "lead@example.org");
  // A measure of lead@'s project with values, on a chart.
  const m = one<{ id: number; project_id: number }>(
    `select m.id, m.project_id from measures m join project_team t on t.project_id = m.project_id
     where t.user_id = ? and t.ended_at is null and m.deleted_at is null and m.uses_ratio = 0
       and (select count(*) from measure_points p where p.measure_id = m.id) >= 12
     order by m.id limit 1`,
    userIdOf(server.db, "lead@example.org"),
  );
  projectId = m.project_id;
  measureId = m.id;
  // A measure whose values are the days between events.
  eventsMeasureId = createEventsMeasure(server.db, actor(), projectId, {
    name: "Days between falls with harm",
    definition: "Days between falls with harm on the ward.",
  });
});
afterAll(() => server?.close());

let deletedPeriod = "";
let rebaseId = 0;
let annotationId = 0;
let commentId = 0;

describe("the measure page after each command", () => {
  driveEvery("measure", {
    "measure-data.deletePoint": async () => {
      const point = latest();
      const { before, after } = await around(lead, [path()], () =>
        must(deletePoint(server.db, actor(), { measure: measure(), pointId: point.id, updatedAt: point.updated_at })),
      );
      expect(latest().period_date).not.toBe(point.period_date);
      expect(after[0].text).not.toBe(before[0].text);
      // The period comes back in the next journey.
      deletedPeriod = point.period_date;
    },

    "measure-data.addPoint": async () => {
      const note = "Locum cover all week, noted for the cache";
      const { before, after } = await around(lead, [path()], () =>
        must(
          addPoint(server.db, actor(), {
            measure: measure(),
            values: { periodDate: deletedPeriod, value: 41.25, numerator: null, denominator: null, note },
            location: "/m",
          }),
        ),
      );
      expect(count(before[0], note)).toBe(0);
      expect(count(after[0], note)).toBeGreaterThan(0);
      expect(after[0].text).toContain("41.25");
    },

    "measure-data.correctPoint": async () => {
      const point = latest();
      const note = "Corrected from the ward tally, for the cache";
      const { after } = await around(lead, [path()], () =>
        must(
          correctPoint(server.db, actor(), {
            measure: measure(),
            pointId: point.id,
            updatedAt: point.updated_at,
            values: { periodDate: point.period_date, value: 42.75, numerator: null, denominator: null, note },
          }),
        ),
      );
      expect(after[0].text).toContain(note);
      expect(after[0].text).toContain("42.75");
      expect(after[0].text).not.toContain("41.25");
    },

    "measure-data.importPoints": async () => {
      const point = latest();
      const { after } = await around(lead, [path()], () =>
        must(
          importPoints(server.db, actor(), {
            measure: measure(),
            rows: [{ line: 2, entered: point.period_date, periodDate: point.period_date, value: 43.5, numerator: null, denominator: null }],
            replacing: 1,
            locate: () => "/m",
          }),
        ),
      );
      expect(after[0].text).toContain("43.5");
      expect(after[0].text).not.toContain("42.75");
    },

    "measure-data.addRebase": async () => {
      const period = one<{ d: string }>(
        "select period_date as d from measure_points where measure_id = ? order by period_date desc limit 1 offset 3",
        measureId,
      ).d;
      const reason = "New triage process from this week, for the cache";
      const { after } = await around(lead, [path()], () =>
        must(addRebase(server.db, actor(), { measure: measure(), periodDate: period, reason, location: "/m", trialConfirmed: true })),
      );
      expect(after[0].text).toContain(reason);
      rebaseId = one<{ id: number }>("select id from measure_rebases where measure_id = ? order by id desc limit 1", measureId).id;
    },

    "measure-data.removeRebase": async () => {
      const { before, after } = await around(lead, [path()], () => must(removeRebase(server.db, actor(), { measure: measure(), rebaseId })));
      expect(before[0].text).toContain("New triage process from this week, for the cache");
      expect(after[0].text).not.toContain("New triage process from this week, for the cache");
    },

    "measure-data.addAnnotation": async () => {
      const period = one<{ d: string }>(
        "select period_date as d from measure_points where measure_id = ? order by period_date desc limit 1 offset 2",
        measureId,
      ).d;
      const text = "Flu outbreak on the ward, noted for the cache";
      const { after } = await around(lead, [path()], () =>
        must(addAnnotation(server.db, actor(), { measure: measure(), periodDate: period, text, location: "/m" })),
      );
      expect(after[0].text).toContain(text);
      annotationId = one<{ id: number }>("select id from measure_annotations where measure_id = ? order by id desc limit 1", measureId).id;
    },

    "measure-data.removeAnnotation": async () => {
      const { before, after } = await around(lead, [path()], () => must(removeAnnotation(server.db, actor(), { measure: measure(), annotationId })));
      expect(before[0].text).toContain("Flu outbreak on the ward, noted for the cache");
      expect(after[0].text).not.toContain("Flu outbreak on the ward, noted for the cache");
    },

    "measure.updateMeasure": async () => {
      const m = measure();
      const name = `${m.name}, renamed for the cache`;
      const { after } = await around(lead, [path(), `/projects/${projectId}`], () =>
        must(updateMeasure(server.db, actor(), { before: m, values: { ...definitionOf(m), name }, version: m.version })),
      );
      for (const p of after) expect(p.text).toContain(name);
    },

    "comment.addComment": async () => {
      const body = "Is the dip in week 3 the locum week? Asked for the cache.";
      const { after } = await around(lead, [path()], () => {
        commentId = must(addComment(server.db, actor(), { projectId, target: "measure", targetId: measureId, body, now: Date.now() })).commentId;
      });
      expect(after[0].text).toContain(body);
    },

    "comment.editComment": async () => {
      const version = one<{ version: number }>("select version from comments where id = ?", commentId).version;
      const body = "Is the dip in week 4 the locum week? Edited for the cache.";
      const { after } = await around(lead, [path()], () => must(editComment(server.db, actor(), { projectId, commentId, version, body, now: Date.now() })));
      expect(after[0].text).toContain(body);
      expect(after[0].text).not.toContain("Asked for the cache.");
    },

    "comment.deleteComment": async () => {
      const { after } = await around(lead, [path()], () => must(deleteComment(server.db, actor(), { projectId, commentId, now: Date.now() })));
      expect(after[0].text).not.toContain("Edited for the cache.");
    },

    "measure-event.recordEvents": async () => {
      const events = ["2026-10-02", "2026-10-20", "2026-11-14"].map((eventDate) => ({ eventDate, note: "" }));
      const { before, after } = await around(lead, [path(eventsMeasureId)], () =>
        must(recordEvents(server.db, actor(), { measure: measure(eventsMeasureId), events, location: "/m" })),
      );
      // 18 days, then 25 days between the events.
      expect(before[0].findAll("tbody tr")).toHaveLength(0);
      expect(
        after[0]
          .findAll("tbody tr")
          .map((tr) => textOf(tr))
          .join(" "),
      ).toMatch(/\b25\b/);
    },

    "measure-event.deleteEvent": async () => {
      const middle = one<{ id: number }>("select id from measure_events where measure_id = ? and event_date = '2026-10-20'", eventsMeasureId).id;
      const { before, after } = await around(lead, [path(eventsMeasureId)], () =>
        must(deleteEvent(server.db, actor(), { measure: measure(eventsMeasureId), eventId: middle })),
      );
      // One interval of 43 days now.
      const rows = (p: Page) => p.findAll("tbody tr").map((tr) => textOf(tr));
      expect(rows(before[0]).join(" ")).not.toMatch(/\b43\b/);
      expect(rows(after[0]).join(" ")).toMatch(/\b43\b/);
    },
  });
});
