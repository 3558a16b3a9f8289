// g and t chart measures from event dates (ADR 034), through the forms without JavaScript and
// the real database: the team records the date of each event (one at a time or pasted), the
// values are the days between events, and bad dates are refused with nothing changed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { measureEvents, measurePoints, measures, projectTeam, users } from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let lead: Client;
let projectId: number;

beforeAll(async () => {
  server = await startTestServer();
  lead = new Client(server.url);
  await lead.signIn("lead@example.org");
  const leadUser = server.db.select().from(users).where(eq(users.email, "lead@example.org")).get()!;
  projectId = server.db
    .select({ projectId: projectTeam.projectId })
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, leadUser.id), isNull(projectTeam.endedAt)))
    .get()!.projectId;
});
afterAll(async () => {
  await server?.close();
});

const measure = (id: number) => server.db.select().from(measures).where(eq(measures.id, id)).get()!;
const points = (id: number) =>
  server.db
    .select({ periodDate: measurePoints.periodDate, value: measurePoints.value })
    .from(measurePoints)
    .where(eq(measurePoints.measureId, id))
    .orderBy(measurePoints.periodDate)
    .all();
const events = (id: number) => server.db.select().from(measureEvents).where(eq(measureEvents.measureId, id)).orderBy(measureEvents.eventDate).all();

let counter = 0;
async function create(chartType: "g" | "t") {
  const res = await lead.post(`/projects/${projectId}/measures/new`, {
    name: `Days between never events ${++counter}`,
    type: "outcome",
    definition: "Days between never events in theatres, counted from the date of each event.",
    unit: "days",
    improvement: "increase",
    frequency: "daily",
    chartType,
  });
  expect(res.status, await res.clone().text()).toBe(302);
  const id = Number(res.headers.get("location")!.match(/measures\/(\d+)/)![1]);
  return { id, base: `/projects/${projectId}/measures/${id}` };
}

const recordOne = (base: string, date: string, note = "") => {
  const [y, m, d] = date.split("-");
  return lead.post(`${base}/data`, { intent: "event", "eventDate.day": d, "eventDate.month": m, "eventDate.year": y, note });
};

describe("a g chart measure from event dates", () => {
  it("offers the event form, records events one at a time and pasted, and plots the days between them", async () => {
    const { id, base } = await create("g");
    const form = await readPage(await lead.get(`${base}/data`));
    expect(form.text).toContain("Record an event");
    expect(form.text).toContain("No events are recorded yet");

    expect((await recordOne(base, "2025-01-02")).status).toBe(302);
    expect(points(id)).toEqual([]);
    const second = await recordOne(base, "2025-01-20", "Theatre 3");
    expect(second.status).toBe(302);
    expect(second.headers.get("location")).toBe(`${base}?saved=event`);
    expect(points(id)).toEqual([{ periodDate: "2025-01-20", value: 18 }]);

    const pasted = await lead.post(`${base}/data`, {
      intent: "events",
      dates: "Date\n14/03/2025\n2025-03-19\n30/05/2025, Theatre 1\n2025-06-02\n21/07/2025\n2025-09-01",
    });
    expect(pasted.status).toBe(302);
    expect(pasted.headers.get("location")).toBe(`${base}?saved=events`);
    expect(points(id).map((p) => p.value)).toEqual([18, 53, 5, 72, 3, 49, 42]);
    expect(events(id).find((e) => e.eventDate === "2025-05-30")?.note).toBe("Theatre 1");
    // g chart (qicharts2 qic.g): centre line the median; the stored limits from the mean.
    const m = measure(id);
    const values = [18, 53, 5, 72, 3, 49, 42];
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(m.spcMean).toBe(42);
    expect(m.spcUcl).toBeCloseTo(mean + 3 * Math.sqrt(mean * (mean + 1)), 9);
    expect(m.spcLcl).toBe(0);

    const list = await readPage(await lead.get(`${base}/data`));
    expect(list.tableRows("[data-measure=events]").slice(0, 2)).toEqual([
      ["1 Sep 2025", "42", "", "Delete the event on 1 Sep 2025"],
      ["21 Jul 2025", "49", "", "Delete the event on 21 Jul 2025"],
    ]);
    expect(list.text).toContain("The first: the count starts here");
  });

  it("refuses a future date, a second event on one day, a missing date and bad pasted lines, saving nothing", async () => {
    const { id, base } = await create("g");
    await recordOne(base, "2025-01-02");
    await recordOne(base, "2025-02-02");
    const before = measure(id);
    for (const [date, message] of [
      ["2027-01-04", "The date is in the future: record an event once it has happened"],
      ["2025-02-02", "There is already an event on that day"],
    ]) {
      const res = await recordOne(base, date);
      expect(res.status, date).toBe(400);
      expect((await readPage(res)).errorSummary().join(" "), date).toContain(message);
    }
    const missing = await lead.post(`${base}/data`, { intent: "event", "eventDate.day": "", "eventDate.month": "", "eventDate.year": "" });
    expect(missing.status).toBe(400);
    expect((await readPage(missing)).errorSummary().join(" ")).toContain("Enter the date of the event");

    const pasted = await lead.post(`${base}/data`, { intent: "events", dates: "2025-03-01\nsoon\n2025-02-02\n01/01/2030" });
    expect(pasted.status).toBe(400);
    const page = await readPage(pasted);
    expect(page.errorSummary()).toEqual([
      "Line 2: 'soon' is not a date: use YYYY-MM-DD or DD/MM/YYYY",
      "Line 3: there is already an event on that day: a chart of days between events counts each day once",
      "Line 4: the date is in the future: record an event once it has happened",
    ]);
    expect(page.find("#dates")?.text).toContain("soon");
    expect(events(id)).toHaveLength(2);
    expect(points(id)).toEqual([{ periodDate: "2025-02-02", value: 31 }]);
    expect(measure(id).spcComputedAt).toEqual(before.spcComputedAt);
  });

  it("asks before deleting an event, then works the days out again", async () => {
    const { id, base } = await create("t");
    await lead.post(`${base}/data`, { intent: "events", dates: "2025-01-02\n2025-01-20\n2025-03-14" });
    const middle = events(id)[1];
    const confirm = await readPage(await lead.get(`${base}/data?deleteEvent=${middle.id}`));
    expect(confirm.text).toContain("Delete the event on 20 Jan 2025?");
    const res = await lead.post(`${base}/data`, { intent: "delete-event", eventId: String(middle.id) });
    expect(res.status).toBe(302);
    expect(points(id)).toEqual([{ periodDate: "2025-03-14", value: 71 }]);
    expect((await lead.post(`${base}/data`, { intent: "delete-event", eventId: String(middle.id) })).status).toBe(404);
  });

  it("refuses values entered one by one or imported once a measure has events", async () => {
    const { id, base } = await create("g");
    await lead.post(`${base}/data`, { intent: "events", dates: "2025-01-02\n2025-01-20" });
    const add = await lead.post(`${base}/data`, { intent: "add", periodDate: "2025-02-01", value: "12" });
    expect(add.status).toBe(400);
    expect(await add.text()).toContain("worked out from the dates of its events");
    const imported = await lead.post(`${base}/import`, { intent: "confirm", data: "2025-02-01,12" });
    expect(imported.status).toBe(400);
    expect(points(id)).toEqual([{ periodDate: "2025-01-20", value: 18 }]);
  });

  it("still takes ready-made intervals: a g measure with values refuses event dates", async () => {
    const { id, base } = await create("g");
    const intervalForm = await readPage(await lead.get(`${base}/data?interval`));
    expect(intervalForm.text).toContain("Add a value");
    expect((await lead.post(`${base}/data`, { intent: "add", periodDate: "2025-02-01", value: "12" })).status).toBe(302);
    expect((await readPage(await lead.get(`${base}/data`))).text).toContain("Add a value");
    const res = await recordOne(base, "2025-03-01");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("values were entered one by one");
    expect(events(id)).toEqual([]);
  });
});
