import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull, sql } from "drizzle-orm";
import { auditEvents, measureAnnotations, measurePoints, measureRebases, measures, projects, projectTeam, users } from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let lead: Client;
let leadProject: number;
let otherProject: number;

beforeAll(async () => {
  server = await startTestServer();
  lead = new Client(server.url);
  await lead.signIn("lead@example.org");
  const leadUser = server.db.select().from(users).where(eq(users.email, "lead@example.org")).get()!;
  const teams = server.db
    .select({ projectId: projectTeam.projectId })
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, leadUser.id), isNull(projectTeam.endedAt)))
    .all()
    .map((t) => t.projectId);
  leadProject = teams[0];
  otherProject = server.db
    .select()
    .from(projects)
    .all()
    .find((p) => !teams.includes(p.id))!.id;
});
afterAll(async () => {
  await server?.close();
});

// Helpers

const auditCount = (action: string) =>
  server.db
    .select({ n: sql<number>`count(*)` })
    .from(auditEvents)
    .where(eq(auditEvents.action, action as never))
    .get()!.n;
const lastAudit = (action: string) =>
  server.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, action as never))
    .orderBy(sql`id desc`)
    .get()!;
const measure = (id: number) => server.db.select().from(measures).where(eq(measures.id, id)).get()!;
const points = (id: number) => server.db.select().from(measurePoints).where(eq(measurePoints.measureId, id)).orderBy(measurePoints.periodDate).all();
const primaries = (projectId: number) =>
  server.db
    .select()
    .from(measures)
    .where(and(eq(measures.projectId, projectId), eq(measures.isPrimary, true), isNull(measures.deletedAt)))
    .all();

const DEFINITION = {
  name: "Minutes to triage",
  type: "process",
  definition: "Median minutes from arrival to triage, all adults, per week.",
  unit: "minutes",
  improvement: "decrease",
  frequency: "weekly",
  target: "15",
};

let counter = 0;
async function createMeasure(extra: Record<string, string> = {}, projectId = leadProject) {
  const res = await lead.post(`/projects/${projectId}/measures/new`, {
    ...DEFINITION,
    name: `Measure ${++counter}`,
    ...extra,
  });
  expect(res.status, await res.clone().text()).toBe(302);
  const id = Number(res.headers.get("location")!.match(/measures\/(\d+)/)![1]);
  return { id, base: `/projects/${projectId}/measures/${id}` };
}

/** 30 weekly values from Monday 6 Jan 2025 that step down after 15 weeks: a clear special cause. */
function weeklySeries(n = 30, shiftAt = 15) {
  const lines = ["Week,Minutes"];
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(2025, 0, 6 + 7 * i)).toISOString().slice(0, 10);
    lines.push(`${d},${i < shiftAt ? 30 + (i % 3) : 18 + (i % 3)}`);
  }
  return lines.join("\n");
}

async function importText(base: string, data: string) {
  const check = await lead.post(`${base}/import`, { intent: "check", data });
  expect(check.status).toBe(200);
  const replace = (await readPage(check)).fieldValue("replace");
  const res = await lead.post(`${base}/import`, { intent: "confirm", data, ...(replace ? { replace } : {}) });
  expect(res.status).toBe(302);
  return res;
}

async function multipart(client: Client, path: string, form: FormData) {
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return fetch(server.url + path, { method: "POST", body: form, redirect: "manual", headers: { Cookie: cookie } });
}

describe("defining a measure", () => {
  it("saves a valid definition with an audit row and a stored (empty) SPC summary", async () => {
    const before = auditCount("measure.created");
    const { id } = await createMeasure({
      dataOwner: "Samuel Osei",
      dataSource: "Symphony extract",
      baselinePoints: "12",
    });
    const m = measure(id);
    expect(m).toMatchObject({
      projectId: leadProject,
      type: "process",
      unit: "minutes",
      improvement: "decrease",
      frequency: "weekly",
      target: 15,
      baselinePoints: 12,
      dataOwner: "Samuel Osei",
      version: 1,
      spcPoints: 0,
    });
    expect(m.spcComputedAt).not.toBeNull();
    expect(auditCount("measure.created")).toBe(before + 1);
    expect(lastAudit("measure.created")).toMatchObject({ entityId: id, projectId: leadProject });
  });

  it("refuses each bad definition with 400 and a clear message, saving nothing", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ name: "" }, "Enter the name of the measure"],
      [{ definition: "" }, "Enter the operational definition"],
      [{ unit: "other" }, "Enter the unit, like falls or beds"],
      [{ unit: "rate" }, "Enter what the rate is per"],
      [{ unit: "percent", target: "150" }, "a percentage must be between 0 and 100"],
      [{ target: "-5" }, "cannot be negative"],
      [{ target: "", targetDate: "2027-01-01" }, "Enter a target to go with the target date"],
      [{ baselinePoints: "5" }, "12 or more"],
      [{ frequency: "hourly" }, "Choose how often the data is collected"],
      [{ projectId: String(otherProject) }, "This form cannot change projectId"],
    ];
    const count = server.db.select().from(measures).all().length;
    for (const [extra, message] of cases) {
      const res = await lead.post(`/projects/${leadProject}/measures/new`, { ...DEFINITION, ...extra });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect((await readPage(res)).text, JSON.stringify(extra)).toContain(message);
    }
    expect(server.db.select().from(measures).all().length).toBe(count);
  });

  it("keeps one primary measure per project: choosing a new one unsets the old", async () => {
    const first = await createMeasure({ isPrimary: "on" });
    expect(primaries(leadProject).map((m) => m.id)).toEqual([first.id]);
    const second = await createMeasure({ isPrimary: "on" });
    expect(primaries(leadProject).map((m) => m.id)).toEqual([second.id]);
    const res = await lead.post(`${first.base}/edit`, {
      intent: "primary",
      version: String(measure(first.id).version),
    });
    expect(res.status).toBe(302);
    expect(primaries(leadProject).map((m) => m.id)).toEqual([first.id]);
    expect(lastAudit("measure.updated").summary).toContain(`Made ${measure(first.id).name} the primary measure`);
  });

  it("edits the definition, and a concurrent edit of the same version gets 409 with nothing overwritten", async () => {
    const { id, base } = await createMeasure();
    const v = String(measure(id).version);
    const mine = await lead.post(`${base}/edit`, {
      intent: "save",
      version: v,
      ...DEFINITION,
      name: "Mine",
      target: "12",
    });
    expect(mine.status).toBe(302);
    expect(measure(id)).toMatchObject({ name: "Mine", target: 12, version: 2 });
    expect(lastAudit("measure.updated").summary).toContain("Target: 15 → 12");

    const other = new Client(server.url);
    await other.signIn("admin@example.org");
    const theirs = await other.post(`${base}/edit`, { intent: "save", version: v, ...DEFINITION, name: "Theirs" });
    expect(theirs.status).toBe(409);
    const html = await readPage(theirs);
    expect(html.textOf("#conflict-title")).toBe("Someone else changed this");
    expect(html.conflict()?.fields).toContainEqual({ field: expect.any(String), theirs: "Mine", yours: "Theirs" });
    expect(measure(id)).toMatchObject({ name: "Mine", version: 2 });
  });

  it("will not change the unit or frequency once the measure has data", async () => {
    const { id, base } = await createMeasure();
    await lead.post(`${base}/data`, { intent: "add", periodDate: "2025-03-03", value: "20" });
    const res = await lead.post(`${base}/edit`, { intent: "save", version: "1", ...DEFINITION, unit: "days" });
    expect(res.status).toBe(400);
    expect((await readPage(res)).text).toContain("cannot change once the measure has data");
    expect(measure(id)).toMatchObject({ unit: "minutes", version: 1 });
  });

  it("asks before deleting, then soft-deletes with an audit row; a stale version gets 409", async () => {
    const { id, base } = await createMeasure({ isPrimary: "on" });
    const page = await lead.get(`${base}/delete`);
    expect((await readPage(page)).text).toContain("Delete the measure");
    expect(measure(id).deletedAt).toBeNull();
    await lead.post(`${base}/edit`, { intent: "save", version: "1", ...DEFINITION, name: "Renamed", isPrimary: "on" });
    const stale = await lead.post(`${base}/delete`, { version: "1" });
    expect(stale.status).toBe(409);
    expect(measure(id).deletedAt).toBeNull();
    const res = await lead.post(`${base}/delete`, { version: "2" });
    expect(res.status).toBe(302);
    expect(measure(id).deletedAt).not.toBeNull();
    expect(measure(id).isPrimary).toBe(false);
    expect(lastAudit("measure.deleted")).toMatchObject({
      entityId: id,
      summary: "Deleted measure: Renamed (it was the primary measure)",
    });
    expect((await lead.get(base)).status).toBe(404);
    expect((await readPage(await lead.get(res.headers.get("location")!))).text).toContain("The measure “Renamed” is deleted");
  });
});

describe("permissions", () => {
  it("lets everyone signed in read, but only the project's editors change anything (403, audited)", async () => {
    const { id, base } = await createMeasure();
    const viewer = new Client(server.url);
    await viewer.signIn("viewer@example.org");
    expect((await viewer.get(base)).status).toBe(200);
    expect((await viewer.get(`/projects/${leadProject}/measures`)).status).toBe(200);
    const denied = auditCount("auth.permission_denied");
    for (const [path, form] of [
      [`/projects/${leadProject}/measures/new`, DEFINITION],
      [`${base}/data`, { intent: "add", periodDate: "2025-03-03", value: "20" }],
      [`${base}/import`, { intent: "confirm", data: "2025-03-03,20" }],
      [`${base}/edit`, { intent: "primary", version: "1" }],
      [`${base}/delete`, { version: "1" }],
    ] as const) {
      expect((await viewer.post(path, form)).status, path).toBe(403);
    }
    expect(auditCount("auth.permission_denied")).toBe(denied + 5);
    expect(points(id)).toEqual([]);
    expect(measure(id).deletedAt).toBeNull();
  });

  it("answers 404 for a measure of another project, and for a missing one", async () => {
    const { id } = await createMeasure();
    const admin = new Client(server.url);
    await admin.signIn("admin@example.org");
    const wrong = `/projects/${otherProject}/measures/${id}`;
    expect((await admin.get(wrong)).status).toBe(404);
    expect((await admin.get(`${wrong}/edit`)).status).toBe(404);
    expect((await admin.post(`${wrong}/data`, { intent: "add", periodDate: "2025-03-03", value: "20" })).status).toBe(404);
    expect((await admin.post(`${wrong}/delete`, { version: "1" })).status).toBe(404);
    expect((await admin.get(`/projects/${leadProject}/measures/99999`)).status).toBe(404);
    expect(points(id)).toEqual([]);
    expect(measure(id).deletedAt).toBeNull();
  });
});

describe("data entry", () => {
  it("adds a value for the Monday of its week, with an audit row and a refreshed SPC summary", async () => {
    const { id, base } = await createMeasure();
    const before = auditCount("measure.data_changed");
    const res = await lead.post(`${base}/data`, {
      intent: "add",
      periodDate: "2025-03-05",
      value: "21",
      note: "Two agency nights",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${base}?saved=added`);
    expect(points(id).map((p) => [p.periodDate, p.value, p.note])).toEqual([["2025-03-03", 21, "Two agency nights"]]);
    expect(measure(id)).toMatchObject({ spcPoints: 1, spcLatestValue: 21, spcLatestDate: "2025-03-03" });
    expect(auditCount("measure.data_changed")).toBe(before + 1);
    expect(lastAudit("measure.data_changed").summary).toContain("added 21 for week beginning 3 Mar 2025");
  });

  it("refuses a duplicate period, a bad number, a negative count, a future date, with nothing changed", async () => {
    const { id, base } = await createMeasure({ unit: "count", target: "" });
    await lead.post(`${base}/data`, { intent: "add", periodDate: "2025-03-03", value: "4" });
    const cases: [Record<string, string>, string][] = [
      [{ periodDate: "2025-03-07", value: "5" }, "There is already a value for week beginning 3 Mar 2025"],
      [{ periodDate: "2025-03-10", value: "abc" }, "Enter the value as a number"],
      [{ periodDate: "2025-03-10", value: "-2" }, "A count cannot be negative"],
      [{ periodDate: "2025-03-10", value: "" }, "Enter the value"],
      [{ periodDate: "2025-02-30", value: "3" }, "The date must be a real date"],
      [{ periodDate: "2027-01-04", value: "3" }, "The date is in the future"],
      [{ periodDate: "2025-03-10", numerator: "3", denominator: "4" }, "entered as a single value"],
    ];
    for (const [form, message] of cases) {
      const res = await lead.post(`${base}/data`, { intent: "add", ...form });
      expect(res.status, JSON.stringify(form)).toBe(400);
      expect((await readPage(res)).text, JSON.stringify(form)).toContain(message);
    }
    expect(points(id).map((p) => p.value)).toEqual([4]);
    expect(measure(id).spcPoints).toBe(1);
  });

  it("works out a percentage from numerator and denominator, keeps both, and refuses a denominator of 0 or over 100%", async () => {
    const { id, base } = await createMeasure({
      unit: "percent",
      usesRatio: "on",
      improvement: "increase",
      target: "90",
    });
    const ok = await lead.post(`${base}/data`, {
      intent: "add",
      periodDate: "2025-03-03",
      numerator: "29",
      denominator: "35",
    });
    expect(ok.status).toBe(302);
    expect(points(id)[0]).toMatchObject({ value: 82.8571428571, numerator: 29, denominator: 35 });
    for (const [numerator, denominator, message] of [
      ["3", "0", "The denominator is 0"],
      ["40", "35", "larger than the denominator"],
      ["", "35", "Enter the numerator"],
    ]) {
      const res = await lead.post(`${base}/data`, { intent: "add", periodDate: "2025-03-10", numerator, denominator });
      expect(res.status).toBe(400);
      expect((await readPage(res)).text).toContain(message);
    }
    const single = await lead.post(`${base}/data`, { intent: "add", periodDate: "2025-03-10", value: "80" });
    expect(single.status).toBe(400);
    expect(points(id)).toHaveLength(1);
  });

  it("corrects a value; a correction of a value changed since it was opened gets 409", async () => {
    const { id, base } = await createMeasure();
    await lead.post(`${base}/data`, { intent: "add", periodDate: "2025-03-03", value: "21" });
    const p = points(id)[0];
    const updatedAt = String(p.updatedAt.getTime());
    const res = await lead.post(`${base}/data`, {
      intent: "update",
      pointId: String(p.id),
      updatedAt,
      periodDate: "2025-03-03",
      value: "19",
    });
    expect(res.status).toBe(302);
    expect(points(id)[0].value).toBe(19);
    expect(measure(id).spcLatestValue).toBe(19);
    expect(lastAudit("measure.data_changed").summary).toContain("corrected week beginning 3 Mar 2025: 21 → 19");

    const stale = await lead.post(`${base}/data`, {
      intent: "update",
      pointId: String(p.id),
      updatedAt,
      periodDate: "2025-03-03",
      value: "25",
    });
    expect(stale.status).toBe(409);
    expect((await readPage(stale)).text).toContain("Someone else changed this");
    expect(points(id)[0].value).toBe(19);
  });

  it("deletes a value after confirmation, refreshing the summary", async () => {
    const { id, base } = await createMeasure();
    await lead.post(`${base}/data`, { intent: "add", periodDate: "2025-03-03", value: "21" });
    await lead.post(`${base}/data`, { intent: "add", periodDate: "2025-03-10", value: "22" });
    const p = points(id)[1];
    const confirm = await lead.get(`${base}/data?delete=${p.id}`);
    expect((await readPage(confirm)).text).toContain("Delete the value for week beginning 10 Mar 2025?");
    const res = await lead.post(`${base}/data`, {
      intent: "delete",
      pointId: String(p.id),
      updatedAt: String(p.updatedAt.getTime()),
    });
    expect(res.status).toBe(302);
    expect(points(id).map((x) => x.value)).toEqual([21]);
    expect(measure(id)).toMatchObject({ spcPoints: 1, spcLatestValue: 21 });
    expect(lastAudit("measure.data_changed").summary).toContain("deleted the value for week beginning 10 Mar 2025");
  });
});

describe("import", () => {
  it("checks a paste and shows a preview without saving anything, then saves on confirmation", async () => {
    const { id, base } = await createMeasure();
    const data = weeklySeries();
    const check = await lead.post(`${base}/import`, { intent: "check", data });
    expect(check.status).toBe(200);
    const html = await readPage(check);
    expect(html.text).toContain("All 30 rows are correct");
    expect(html.text).toContain("Save 30 values");
    expect(html.text).toContain("Week beginning 6 Jan 2025");
    expect(points(id)).toEqual([]);

    const before = auditCount("measure.data_changed");
    const res = await lead.post(`${base}/import`, { intent: "confirm", data });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${base}?saved=imported&added=30&replaced=0`);
    expect(points(id)).toHaveLength(30);
    const m = measure(id);
    expect(m.spcPoints).toBe(30);
    expect(m.spcLatestSignal).toBe("improvement");
    expect(m.spcVariationIcon).toBe("special_cause_improvement_low");
    expect(auditCount("measure.data_changed")).toBe(before + 1);
    expect(JSON.parse(lastAudit("measure.data_changed").details!)).toEqual({ rows: 30, added: 30, replaced: 0 });

    const page = await readPage(await lead.get(base));
    expect(page.text).toContain("Special cause improvement");
    expect(page.text).toContain("XmR chart");
  });

  it("reports each bad row with its line number and saves nothing", async () => {
    const { id, base } = await createMeasure();
    const lines = weeklySeries(10).split("\n");
    lines[3] = "2025-01-20,abc";
    lines[6] = "2025-01-08,30";
    lines[8] = "2025-02-24,-4";
    const res = await lead.post(`${base}/import`, { intent: "confirm", data: lines.join("\n") });
    expect(res.status).toBe(400);
    const html = await readPage(res);
    expect(html.text).toContain("Line 4: 'abc' is not a number");
    expect(html.text).toContain("Line 7: duplicate period: line 2 already has a value for week beginning 6 Jan 2025");
    expect(html.text).toContain("Line 9: a number of minutes cannot be negative, but the value is -4");
    expect(html.text).toContain("3 rows need correcting");
    expect(points(id)).toEqual([]);
    expect(measure(id).spcPoints).toBe(0);
  });

  it("asks before replacing periods that already have values, and replaces only what was shown", async () => {
    const { id, base } = await createMeasure();
    await importText(base, weeklySeries(10));
    const overlapping = "2025-03-03,98\n2025-03-10,97\n2025-03-17,96\n2025-03-24,95";
    const check = await lead.post(`${base}/import`, { intent: "check", data: overlapping });
    const html = await readPage(check);
    expect(html.text).toContain("2 periods already have values");
    expect(html.text).toContain("Replace these 2 periods and save 4 values");
    const fingerprint = html.fieldValue("replace")!;
    expect(fingerprint).toBeTruthy();

    const unconfirmed = await lead.post(`${base}/import`, { intent: "confirm", data: overlapping });
    expect(unconfirmed.status).toBe(400);
    expect((await readPage(unconfirmed)).text).toContain("confirm that they should be replaced");
    const wrong = await lead.post(`${base}/import`, { intent: "confirm", data: overlapping, replace: "2-00000000" });
    expect(wrong.status).toBe(409);
    expect(points(id)).toHaveLength(10);
    expect(
      points(id)
        .map((p) => p.value)
        .slice(-2),
    ).toEqual([32, 30]);

    const res = await lead.post(`${base}/import`, { intent: "confirm", data: overlapping, replace: fingerprint });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("added=2&replaced=2");
    expect(points(id)).toHaveLength(12);
    expect(
      points(id)
        .map((p) => p.value)
        .slice(-4),
    ).toEqual([98, 97, 96, 95]);
  });

  it("takes an uploaded CSV file through the same preview", async () => {
    const { id, base } = await createMeasure();
    const form = new FormData();
    form.set("intent", "check");
    form.set("file", new File([`\uFEFF${weeklySeries(12)}`], "triage.csv", { type: "text/csv" }));
    const res = await multipart(lead, `${base}/import`, form);
    expect(res.status).toBe(200);
    const html = await readPage(res);
    expect(html.text).toContain("All 12 rows are correct in triage.csv");
    expect(points(id)).toEqual([]);

    const bad = new FormData();
    bad.set("intent", "check");
    bad.set("file", new File(["PK\u0003\u0004 binary"], "triage.xlsx"));
    const refused = await multipart(lead, `${base}/import`, bad);
    expect(refused.status).toBe(400);
    expect((await readPage(refused)).text).toContain("triage.xlsx is not a CSV file");
  });

  it("saves a 10,000-row import in one go", async () => {
    const { id, base } = await createMeasure({ frequency: "daily", target: "" });
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      lines.push(`${new Date(Date.UTC(1999, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},${20 + (i % 7)}`);
    }
    const res = await lead.post(`${base}/import`, { intent: "confirm", data: lines.join("\n") });
    expect(res.status).toBe(302);
    expect(points(id)).toHaveLength(10_000);
    expect(measure(id)).toMatchObject({ spcPoints: 10_000, spcLatestDate: "2026-05-18" });
    expect((await lead.get(base)).status).toBe(200);
  });
});

describe("rebases and notes", () => {
  it("recalculates the limits from a period with a reason, changing the stored limits", async () => {
    const { id, base } = await createMeasure();
    await importText(base, weeklySeries());
    const before = measure(id);
    const res = await lead.post(`${base}/rebases`, {
      intent: "add",
      periodDate: "2025-04-23",
      reason: "New triage process",
    });
    expect(res.status).toBe(302);
    expect(server.db.select().from(measureRebases).where(eq(measureRebases.measureId, id)).all()).toMatchObject([
      { periodDate: "2025-04-21", reason: "New triage process" },
    ]);
    const after = measure(id);
    expect(after.spcMean).not.toBe(before.spcMean);
    expect(after.spcUcl).not.toBe(before.spcUcl);
    expect(lastAudit("measure.updated").summary).toContain("limits recalculated from week beginning 21 Apr 2025 (New triage process)");
    const page = await readPage(await lead.get(base));
    expect(page.text).toContain("New triage process");
  });

  it("refuses a rebase without a reason, on a period with no value, or on the first value", async () => {
    const { id, base } = await createMeasure();
    await importText(base, weeklySeries(14));
    for (const [form, message] of [
      [{ periodDate: "2025-02-03", reason: "" }, "Enter why the limits are recalculated"],
      [{ periodDate: "2026-01-05", reason: "Later" }, "There is no value for week beginning 5 Jan 2026"],
      [{ periodDate: "2025-01-07", reason: "Start" }, "is the first value"],
    ] as const) {
      const res = await lead.post(`${base}/rebases`, { intent: "add", ...form });
      expect(res.status).toBe(400);
      expect((await readPage(res)).text).toContain(message);
    }
    expect(server.db.select().from(measureRebases).where(eq(measureRebases.measureId, id)).all()).toEqual([]);
  });

  it("adds and removes a note on the chart", async () => {
    const { id, base } = await createMeasure();
    await importText(base, weeklySeries(14));
    const res = await lead.post(`${base}/annotations`, {
      intent: "add",
      periodDate: "2025-02-05",
      text: "Triage nurse started",
    });
    expect(res.status).toBe(302);
    const note = server.db.select().from(measureAnnotations).where(eq(measureAnnotations.measureId, id)).get()!;
    expect(note).toMatchObject({ periodDate: "2025-02-03", text: "Triage nurse started" });
    expect((await readPage(await lead.get(base))).text).toContain("Triage nurse started");
    const empty = await lead.post(`${base}/annotations`, { intent: "add", periodDate: "2025-02-05", text: " " });
    expect(empty.status).toBe(400);
    const gone = await lead.post(`${base}/annotations`, { intent: "delete", id: String(note.id) });
    expect(gone.status).toBe(302);
    expect(server.db.select().from(measureAnnotations).where(eq(measureAnnotations.measureId, id)).all()).toEqual([]);
  });
});

describe("pages", () => {
  it("lists the project's measures with their latest values and links to add one", async () => {
    const { base } = await createMeasure({ name: "Listed measure" });
    await importText(base, weeklySeries(13));
    const html = await readPage(await lead.get(`/projects/${leadProject}/measures`));
    expect(html.text).toContain("Listed measure");
    expect(html.text).toContain("Add a measure");
    expect(html.find(".app-spc-sparkline")).not.toBeNull();
    expect(html.text).toContain("Week beginning 31 Mar 2025");
  });

  it("shows a run chart under 12 values by default, and either chart on request", async () => {
    const { base } = await createMeasure();
    await importText(base, weeklySeries(8));
    const auto = await readPage(await lead.get(base));
    expect(auto.find(".app-spc-chart--run")).not.toBeNull();
    expect(auto.text).toContain("With fewer than 12 values");
    const xmr = await readPage(await lead.get(`${base}?chart=xmr`));
    expect(xmr.find(".app-spc-chart--run")).toBeNull();
    expect(xmr.text).toContain("Trial limits");
  });

  it("says what to do when a measure has no data yet", async () => {
    const { base } = await createMeasure();
    const html = await readPage(await lead.get(base));
    expect(html.text).toContain("No data yet.");
    expect(html.text).toContain("Paste or upload a series from a spreadsheet");
  });
});

describe("a rebase with fewer than 12 points after it", () => {
  it("is refused (400, nothing saved) until the person confirms trial limits; then saved and shown as trial limits", async () => {
    const { id, base } = await createMeasure();
    await importText(base, weeklySeries(20, 10));
    const rebases = () => server.db.select().from(measureRebases).where(eq(measureRebases.measureId, id)).all();
    const before = measure(id);
    // From the week of 19 May 2025 (the 20th value is 19 May): 8 values follow, from 31 Mar.
    const form = { intent: "add", periodDate: "2025-03-31", reason: "New triage process" };
    const first = await lead.post(`${base}/rebases`, form);
    expect(first.status).toBe(400);
    const warned = await readPage(first);
    expect(warned.text).toContain("The new limits would be trial limits: only 8 points follow this period, fewer than the 12");
    expect(warned.errorSummary()).toContain("Confirm that the new limits are trial limits, or choose an earlier period");
    expect(warned.fieldValue("reason")).toBe("New triage process");
    expect(rebases()).toEqual([]);
    expect(measure(id).spcUcl).toBe(before.spcUcl);

    const confirmed = await lead.post(`${base}/rebases`, { ...form, trialLimits: "yes" });
    expect(confirmed.status).toBe(302);
    expect(rebases()).toMatchObject([{ periodDate: "2025-03-31", reason: "New triage process" }]);
    expect(lastAudit("measure.updated").summary).toContain("trial limits on 8 points, confirmed");
    const page = await readPage(await lead.get(`${base}/rebases`));
    expect(page.text).toContain("Trial limits: 8 of 12 points");
  });
});
