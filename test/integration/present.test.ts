import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { asks, auditEvents, measures, projects, projectTeam, statusReports } from "../../db/schema";
import { readPage, type Page } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";
import { userIdOf } from "../helpers/db";

let server: TestServer;
let lead: Client;
let viewer: Client;
let staff: Client;
let projectId: number; // a demo project lead@ leads, with measures, cycles, milestones, asks and a status report
let measureIds: number[]; // its measures in their usual order (primary first)

beforeAll(async () => {
  server = await startTestServer();
  lead = new Client(server.url);
  viewer = new Client(server.url);
  staff = new Client(server.url);
  await lead.signIn("lead@example.org");
  await viewer.signIn("viewer@example.org");
  await staff.signIn("staff@example.org");
  const leadId = userId("lead@example.org");
  const count = (table: string) =>
    sql.raw(
      `(select count(*) from ${table} x where x.project_id = projects.id${table === "asks" ? " and x.state in ('open','accepted')" : table === "status_reports" ? "" : " and x.deleted_at is null"})`,
    );
  const row = server.db
    .select({ id: projects.id })
    .from(projects)
    .innerJoin(projectTeam, and(eq(projectTeam.projectId, projects.id), isNull(projectTeam.endedAt)))
    .where(
      and(
        eq(projectTeam.userId, leadId),
        sql`${count("measures")} >= 2 and ${count("pdsa_cycles")} >= 1 and ${count("milestones")} >= 1 and ${count("asks")} >= 1 and ${count("status_reports")} >= 1`,
      ),
    )
    .orderBy(projects.id)
    .get();
  projectId = row!.id;
  measureIds = server.db
    .select({ id: measures.id })
    .from(measures)
    .where(and(eq(measures.projectId, projectId), isNull(measures.deletedAt)))
    .orderBy(desc(measures.isPrimary), measures.id)
    .all()
    .map((m) => m.id);
});
afterAll(async () => {
  await server?.close();
});

const userId = (email: string) => userIdOf(server.db, email);
/** The aria-labels of the deck's slides, in order. */
const slideLabels = (page: Page) => page.findAll('section[aria-roledescription="slide"]').map((slide) => slide.getAttribute("aria-label") ?? "");
const settingsJson = () => server.db.select().from(projects).where(eq(projects.id, projectId)).get()!.presentationSettings;
const presentationAudits = () =>
  server.db.select().from(auditEvents).where(eq(auditEvents.action, "project.presentation_changed")).orderBy(desc(auditEvents.id)).all();
const measureName = (id: number) => server.db.select().from(measures).where(eq(measures.id, id)).get()!.name;
const settingsPath = () => `/projects/${projectId}/present/settings`;

/** A full, valid settings form: everything shown, measures in the given order. */
function settingsForm(opts: { rev?: number; hide?: string[]; order?: number[] } = {}) {
  const order = opts.order ?? measureIds;
  const show = ["aim", "drivers", ...measureIds.map((id) => `measure-${id}`), "pdsa", "milestones", "asks", "next-steps"].filter(
    (k) => !(opts.hide ?? []).includes(k),
  );
  const form: Record<string, string | string[]> = { rev: String(opts.rev ?? 0), show };
  measureIds.forEach((id, i) => {
    form[`measures[${i}].id`] = String(id);
    form[`measures[${i}].position`] = String(order.indexOf(id) + 1);
  });
  return form;
}

describe("the deck", () => {
  it("renders every kind of slide from the live workbook, for a viewer too", async () => {
    const res = await viewer.get(`/projects/${projectId}/present`);
    expect(res.status).toBe(200);
    const page = await readPage(res);
    const labels = slideLabels(page);
    expect(measureIds.length, "the project has measures to show, in an order to change").toBeGreaterThan(1);
    const n = 3 + measureIds.length + 4;
    expect(labels).toHaveLength(n);
    const title = server.db.select().from(projects).where(eq(projects.id, projectId)).get()!.title;
    expect(labels[0]).toBe(`1 of ${n}: ${title}`);
    expect(labels[1]).toBe(`2 of ${n}: The problem and the SMART aim`);
    expect(labels[2]).toBe(`3 of ${n}: The driver diagram`);
    measureIds.forEach((id, i) => expect(labels[3 + i]).toBe(`${4 + i} of ${n}: ${measureName(id)}`));
    expect(labels.slice(-4)).toEqual([
      `${n - 3} of ${n}: The PDSA journey`,
      `${n - 2} of ${n}: Milestones`,
      `${n - 1} of ${n}: Asks of the executive team`,
      `${n} of ${n}: Next steps`,
    ]);
    // Team with roles, the SMART aim, SPC icons and readings, adopt/adapt/abandon, the plan strip, asks, next steps.
    expect(page.text).toContain("Project lead");
    expect(page.text).toContain("Our SMART aim");
    expect(page.findAll("[data-icon]").map((icon) => icon.getAttribute("data-icon"))).toContainEqual(
      expect.stringMatching(/^(common_cause|special_cause_[a-z_]+)$/),
    );
    expect(page.find(".app-spc-chart")).not.toBeNull();
    expect(page.textsOf(".nhsuk-tag--green, .nhsuk-tag--yellow, .nhsuk-tag--red")).toContainEqual(expect.stringMatching(/^(Adopt|Adapt|Abandon)$/));
    expect(page.text).toContain("Plan strip: baseline against forecast");
    const openAsk = server.db
      .select()
      .from(asks)
      .where(and(eq(asks.projectId, projectId), sql`${asks.state} in ('open', 'accepted')`))
      .get()!;
    expect(page.text).toContain(openAsk.what);
    const report = server.db
      .select()
      .from(statusReports)
      .where(eq(statusReports.projectId, projectId))
      .orderBy(desc(statusReports.reportDate), desc(statusReports.id))
      .get()!;
    expect(page.text).toContain(report.nextSteps.split("\n")[0]);
    // Without JavaScript the slides are anchored sections with a list of links.
    expect(page.hrefs()).toContain("#slide-1");
    expect(page.find('section[aria-roledescription="slide"]')?.id).toBe("slide-1");
  });

  it("answers 404 for a project that does not exist", async () => {
    expect((await viewer.get("/projects/999999/present")).status).toBe(404);
    expect((await viewer.get("/projects/999999/one-page")).status).toBe(404);
  });

  it("prints the project on a page for anyone signed in", async () => {
    const res = await viewer.get(`/projects/${projectId}/one-page`);
    expect(res.status).toBe(200);
    const page = await readPage(res);
    expect(page.find(".app-one-page")).not.toBeNull();
    expect(page.text).toContain("SMART aim");
    expect(page.text).toContain(measureName(measureIds[0]));
  });
});

describe("presentation settings", () => {
  it("refuses a viewer and a staff member who is not on the team (403), changing nothing", async () => {
    const before = settingsJson();
    const audits = presentationAudits().length;
    expect((await viewer.get(settingsPath())).status).toBe(403);
    expect((await viewer.post(settingsPath(), settingsForm({ hide: ["pdsa"] }))).status).toBe(403);
    expect((await staff.post(settingsPath(), settingsForm({ hide: ["pdsa"] }))).status).toBe(403);
    expect(settingsJson()).toBe(before);
    expect(presentationAudits()).toHaveLength(audits);
    const denied = server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.permission_denied"), eq(auditEvents.projectId, projectId)))
      .all();
    expect(denied.length).toBeGreaterThanOrEqual(3);
  });

  it("refuses bad input with a clear error (400), changing nothing", async () => {
    const before = settingsJson();
    const audits = presentationAudits().length;
    const form = settingsForm();
    form["measures[1].position"] = form["measures[0].position"];
    const dup = await lead.post(settingsPath(), form);
    expect(dup.status).toBe(400);
    expect((await readPage(dup)).text).toContain(`Give each measure a different position, from 1 to ${measureIds.length}`);

    const forged = await lead.post(settingsPath(), { ...settingsForm(), show: ["aim", "slide-of-someone-else"] });
    expect(forged.status).toBe(400);

    const strange = await lead.post(settingsPath(), { ...settingsForm(), extra: "x" });
    expect(strange.status).toBe(400);

    const missing = settingsForm();
    delete missing[`measures[${measureIds.length - 1}].id`];
    delete missing[`measures[${measureIds.length - 1}].position`];
    const stale = await lead.post(settingsPath(), missing);
    expect(stale.status).toBe(400);
    expect((await readPage(stale)).text).toContain("The project's measures changed since you opened this page");

    expect(settingsJson()).toBe(before);
    expect(presentationAudits()).toHaveLength(audits);
  });

  it("remembers hidden slides and the order of measures, audited; the deck follows them", async () => {
    const order = [...measureIds].reverse();
    const hiddenMeasure = measureIds[measureIds.length - 1];
    const res = await lead.post(settingsPath(), settingsForm({ hide: ["pdsa", `measure-${hiddenMeasure}`], order }));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${settingsPath()}?saved=1`);
    const saved = JSON.parse(settingsJson()!);
    expect(saved.rev).toBe(1);
    expect([...saved.hidden].sort()).toEqual([`measure-${hiddenMeasure}`, "pdsa"].sort());
    expect(saved.measureOrder).toEqual(order);
    const [audit] = presentationAudits();
    expect(audit.projectId).toBe(projectId);
    expect(audit.userId).toBe(userId("lead@example.org"));
    expect(audit.summary).toContain("hid ");
    expect(audit.summary).toContain("The PDSA journey");
    expect(audit.summary).toContain(`Measure: ${measureName(hiddenMeasure)}`);
    expect(audit.summary).toContain(`measures in the order ${order.map(measureName).join(" → ")}`);

    const labels = slideLabels(await readPage(await viewer.get(`/projects/${projectId}/present`)));
    const n = 3 + measureIds.length - 1 + 3;
    expect(labels).toHaveLength(n);
    expect(labels.some((l) => l.endsWith("The PDSA journey"))).toBe(false);
    expect(labels.some((l) => l.endsWith(measureName(hiddenMeasure)))).toBe(false);
    const shownOrder = order.filter((id) => id !== hiddenMeasure).map(measureName);
    expect(labels.slice(3, 3 + shownOrder.length)).toEqual(shownOrder.map((name, i) => `${4 + i} of ${n}: ${name}`));

    // The settings page reopens with the saved choices.
    const page = await readPage(await lead.get(`${settingsPath()}?saved=1`));
    expect(page.text).toContain("The presentation is saved");
    const checked = (key: string) => page.get(`input[name="show"][value="${key}"]`).hasAttribute("checked");
    expect(checked("pdsa")).toBe(false);
    expect(checked(`measure-${hiddenMeasure}`)).toBe(false);
    expect(checked("aim")).toBe(true);
  });

  it("refuses a save made from a page opened before someone else's save (409), keeping theirs", async () => {
    const before = settingsJson();
    const audits = presentationAudits().length;
    const res = await lead.post(settingsPath(), settingsForm({ rev: 0 }));
    expect(res.status).toBe(409);
    const page = await readPage(res);
    expect(page.textOf("#conflict-title")).toBe("Someone else changed this");
    expect(page.conflict()?.fields.map((f) => f.field)).toContain("Hidden slides");
    expect(settingsJson()).toBe(before);
    expect(presentationAudits()).toHaveLength(audits);
  });

  it("saves nothing and says so when nothing changed", async () => {
    const current = JSON.parse(settingsJson()!);
    const audits = presentationAudits().length;
    const res = await lead.post(settingsPath(), settingsForm({ rev: current.rev, hide: current.hidden, order: current.measureOrder }));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${settingsPath()}?saved=0`);
    expect(presentationAudits()).toHaveLength(audits);
  });
});
