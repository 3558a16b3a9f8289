// The driver diagram over real HTTP: building it with plain forms, every edit, 409 on a stale version,
// refusals for people not on the team, the confirmation step before a removal (which keeps change
// ideas and cycles), the SVG download and the nested list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull, notInArray, sql } from "drizzle-orm";
import { auditEvents, changeIdeaDrivers, changeIdeas, driverLinks, drivers, pdsaCycles, projectTeam } from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";
import { userIdOf } from "../helpers/db";

let server: TestServer;
let lead: Client;
let viewer: Client;
let projectId: number;
let otherProjectId: number;

beforeAll(async () => {
  server = await startTestServer();
  lead = new Client(server.url);
  viewer = new Client(server.url);
  await lead.signIn("lead@example.org");
  await viewer.signIn("viewer@example.org");
  const leadId = userIdOf(server.db, "lead@example.org");
  const teams = server.db
    .select({ projectId: projectTeam.projectId })
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, leadId), isNull(projectTeam.endedAt)))
    .all()
    .map((r) => r.projectId);
  // A project of lead@'s with PDSA cycles.
  projectId = server.db
    .select({ projectId: pdsaCycles.projectId })
    .from(pdsaCycles)
    .where(sql`${pdsaCycles.projectId} in (${sql.join(teams, sql`, `)})`)
    .get()!.projectId;
  otherProjectId = server.db.select({ projectId: projectTeam.projectId }).from(projectTeam).where(notInArray(projectTeam.projectId, teams)).get()!.projectId;
});
afterAll(async () => {
  await server?.close();
});

const page = (p = projectId) => `/projects/${p}/drivers`;
const auditCount = () =>
  server.db
    .select({ n: sql<number>`count(*)` })
    .from(auditEvents)
    .get()!.n;
const driverRow = (id: number) => server.db.select().from(drivers).where(eq(drivers.id, id)).get()!;
const newestDriver = () =>
  server.db
    .select()
    .from(drivers)
    .orderBy(sql`id desc`)
    .get()!;
const diagramAudits = () =>
  server.db
    .select({ n: sql<number>`count(*)` })
    .from(auditEvents)
    .where(sql`${auditEvents.action} like 'driver.%' or ${auditEvents.action} like 'change_idea.%'`)
    .get()!.n;
const ideaRow = (id: number) => server.db.select().from(changeIdeas).where(eq(changeIdeas.id, id)).get()!;

async function add(intent: string, title: string, extra: Record<string, string> = {}, client = lead, p = projectId) {
  return client.post(page(p), { intent, title, description: "", ...extra });
}

describe("driver diagram", () => {
  let p1: number;
  let p2: number;
  let s1: number;
  let s2: number;
  let idea: number;

  it("the team builds a diagram with plain forms", async () => {
    const before = auditCount();
    expect((await add("add-primary", "Reliable screening")).status).toBe(302);
    p1 = newestDriver().id;
    expect((await add("add-primary", "Fast treatment")).status).toBe(302);
    p2 = newestDriver().id;
    expect((await add("add-secondary", "Triage prompts", { parentId: String(p1) })).status).toBe(302);
    s1 = newestDriver().id;
    expect((await add("add-secondary", "Antibiotics at hand", { parentId: String(p2) })).status).toBe(302);
    s2 = newestDriver().id;
    const res = await add("add-idea", "Sepsis sticker on the obs chart", { driverId: String(s1) });
    expect(res.status).toBe(302);
    idea = server.db
      .select()
      .from(changeIdeas)
      .orderBy(sql`id desc`)
      .get()!.id;
    expect(auditCount()).toBe(before + 5);
    expect(server.db.select().from(driverLinks).where(eq(driverLinks.secondaryId, s1)).all()).toEqual([{ primaryId: p1, secondaryId: s1 }]);
    expect(server.db.select().from(changeIdeaDrivers).where(eq(changeIdeaDrivers.changeIdeaId, idea)).all()).toEqual([{ changeIdeaId: idea, driverId: s1 }]);

    const view = await readPage(await lead.get(page()));
    expect(view.find("svg.app-driver-svg")).not.toBeNull();
    expect(view.textOf(".app-driver-list-wrap")).toContain("Reliable screening");
    expect(view.textOf(".app-driver-list-wrap")).toContain("Sepsis sticker on the obs chart");
    expect(view.textOf(".app-driver-list-wrap")).toContain("Not yet tested");
  });

  it("a bad input gets a clear message and changes nothing", async () => {
    const before = auditCount();
    const res = await add("add-primary", "   ");
    expect(res.status).toBe(400);
    expect((await readPage(res)).errorSummary()).toContain("Enter the primary driver");
    const under = await add("add-idea", "Under a primary", { driverId: String(p1) });
    expect(under.status).toBe(400);
    expect((await readPage(under)).errorSummary()).toContain("A change idea can only go under a secondary driver");
    expect(auditCount()).toBe(before);
  });

  it("rename, 409 on a stale version, then the new version saves", async () => {
    const node = `${page()}/driver-${p1}`;
    const v = driverRow(p1).version;
    expect((await lead.post(node, { intent: "edit", version: String(v), title: "Screening every time", description: "All adults" })).status).toBe(302);
    const stale = await lead.post(node, { intent: "edit", version: String(v), title: "Mine", description: "" });
    expect(stale.status).toBe(409);
    const conflict = (await readPage(stale)).conflict();
    expect(conflict?.fields.map((f) => f.theirs)).toContain("Screening every time");
    expect(driverRow(p1).title).toBe("Screening every time");
    expect((await lead.post(node, { intent: "edit", version: String(v + 1), title: "Mine", description: "" })).status).toBe(302);
    expect(driverRow(p1).title).toBe("Mine");
  });

  it("reorder, link, unlink and move, each audited, and 409 on a stale version", async () => {
    const before = auditCount();
    const v = () => String(driverRow(s1).version);
    expect((await lead.post(`${page()}/driver-${p2}`, { intent: "reorder", version: String(driverRow(p2).version), direction: "up" })).status).toBe(302);
    expect((await lead.post(`${page()}/driver-${s1}`, { intent: "link", version: v(), parentId: String(p2) })).status).toBe(302);
    expect(server.db.select().from(driverLinks).where(eq(driverLinks.secondaryId, s1)).all()).toHaveLength(2);
    expect((await lead.post(`${page()}/driver-${s1}`, { intent: "unlink", version: v(), parentId: String(p2) })).status).toBe(302);
    expect(
      (await lead.post(`${page()}/idea-${idea}`, { intent: "move", version: String(ideaRow(idea).version), fromId: String(s1), parentId: String(s2) })).status,
    ).toBe(302);
    expect(server.db.select().from(changeIdeaDrivers).where(eq(changeIdeaDrivers.changeIdeaId, idea)).all()).toEqual([{ changeIdeaId: idea, driverId: s2 }]);
    expect(auditCount()).toBe(before + 4);
    const stale = await lead.post(`${page()}/driver-${s1}`, { intent: "link", version: "1", parentId: String(p2) });
    expect(stale.status).toBe(409);
    const wrong = await lead.post(`${page()}/idea-${idea}`, { intent: "link", version: String(ideaRow(idea).version), parentId: String(p1) });
    expect(wrong.status).toBe(400);
    expect((await readPage(wrong)).text).toContain("A change idea can only go under a secondary driver");
    expect(auditCount()).toBe(before + 4);
  });

  it("people not on the team are refused every edit and see no edit controls", async () => {
    const before = diagramAudits();
    const title = driverRow(p1).title;
    expect((await add("add-primary", "Viewer's driver", {}, viewer)).status).toBe(403);
    expect((await viewer.post(`${page()}/driver-${p1}`, { intent: "edit", version: String(driverRow(p1).version), title: "x", description: "" })).status).toBe(
      403,
    );
    expect((await viewer.post(`${page()}/driver-${p1}`, { intent: "remove", version: String(driverRow(p1).version) })).status).toBe(403);
    expect((await viewer.get(`${page()}/driver-${p1}`)).status).toBe(403);
    expect((await add("add-primary", "Not my project", {}, lead, otherProjectId)).status).toBe(403);
    expect(diagramAudits()).toBe(before);
    expect(driverRow(p1)).toMatchObject({ title, deletedAt: null });
    const seen = await readPage(await viewer.get(page()));
    expect(seen.text).toContain(title);
    expect(seen.hrefs(".app-driver-list-wrap").filter((h) => h.includes("/drivers/"))).toEqual([]);
    expect(seen.findAll("input[name=intent]").map((i) => i.getAttribute("value"))).toEqual([]);
  });

  it("a driver is only reachable through its own project", async () => {
    const admin = new Client(server.url);
    await admin.signIn("admin@example.org");
    expect((await admin.get(`${page()}/driver-${p1}`)).status).toBe(200);
    expect((await admin.get(`${page(otherProjectId)}/driver-${p1}`)).status).toBe(404);
    expect((await admin.post(`${page(otherProjectId)}/driver-${p1}`, { intent: "remove", version: String(driverRow(p1).version) })).status).toBe(404);
    expect(driverRow(p1).deletedAt).toBeNull();
  });

  it("removing a driver asks first, then keeps its change ideas and cycles (they show as unlinked)", async () => {
    // The idea with cycles in this project: link it under s2, then remove s2.
    const tested = server.db
      .select({ id: pdsaCycles.changeIdeaId })
      .from(pdsaCycles)
      .where(and(eq(pdsaCycles.projectId, projectId), isNull(pdsaCycles.deletedAt)))
      .get()!.id;
    const cycles = server.db.select().from(pdsaCycles).where(eq(pdsaCycles.changeIdeaId, tested)).all().length;
    // Take it from under the drivers the demo put it under, so s2 is its only driver.
    for (const l of server.db.select().from(changeIdeaDrivers).where(eq(changeIdeaDrivers.changeIdeaId, tested)).all()) {
      expect(
        (await lead.post(`${page()}/idea-${tested}`, { intent: "unlink", version: String(ideaRow(tested).version), parentId: String(l.driverId) })).status,
      ).toBe(302);
    }
    expect((await lead.post(`${page()}/idea-${tested}`, { intent: "link", version: String(ideaRow(tested).version), parentId: String(s2) })).status).toBe(302);
    const confirm = await readPage(await lead.get(`${page()}/driver-${s2}?remove`));
    expect(confirm.text).toContain("Remove Antibiotics at hand?");
    expect(confirm.text).toContain("Nothing under it is deleted");
    expect(confirm.hiddenFields("main form")).toMatchObject({ intent: "remove" });
    expect(driverRow(s2).deletedAt).toBeNull();
    const res = await lead.post(`${page()}/driver-${s2}`, confirm.hiddenFields("main form"));
    expect(res.status).toBe(302);
    expect(driverRow(s2).deletedAt).not.toBeNull();
    expect(ideaRow(tested).deletedAt).toBeNull();
    expect(ideaRow(idea).deletedAt).toBeNull();
    expect(server.db.select().from(pdsaCycles).where(eq(pdsaCycles.changeIdeaId, tested)).all()).toHaveLength(cycles);
    const after = await readPage(await lead.get(page()));
    expect(after.textOf(".app-driver-list-wrap")).toContain("Not linked to a driver yet");
    expect(after.text).toMatch(/not under a driver yet/);
    // A second removal of the same driver is a 404, not a second audit row.
    expect((await lead.post(`${page()}/driver-${s2}`, confirm.hiddenFields("main form"))).status).toBe(404);
  });

  it("a change idea with cycles cannot be removed", async () => {
    const tested = server.db
      .select({ id: pdsaCycles.changeIdeaId })
      .from(pdsaCycles)
      .where(and(eq(pdsaCycles.projectId, projectId), isNull(pdsaCycles.deletedAt)))
      .get()!.id;
    const res = await lead.post(`${page()}/idea-${tested}`, { intent: "remove", version: String(ideaRow(tested).version) });
    expect(res.status).toBe(400);
    expect(ideaRow(tested).deletedAt).toBeNull();
  });

  it("PICK: a rating places the idea in its quadrant and keeps the history; bad input and outsiders change nothing", async () => {
    const pick = `${page()}/pick`;
    expect((await lead.post(pick, { intent: "pick", ideaId: String(idea), impact: "high", ease: "hard", reason: "" })).status).toBe(302);
    expect((await lead.post(pick, { intent: "pick", ideaId: String(idea), impact: "high", ease: "easy", reason: "Kit arrived" })).status).toBe(302);
    const view = await readPage(await viewer.get(pick));
    expect(view.textOf("[aria-labelledby=pick-implement]")).toContain("Sepsis sticker on the obs chart");
    expect(view.textOf("[aria-labelledby=pick-challenge]")).not.toContain("Sepsis sticker on the obs chart");
    const rows = view.tableRows();
    expect(rows.filter((r) => r.includes("Sepsis sticker on the obs chart")).map((r) => r[2])).toEqual(["Implement", "Challenge"]);
    const before = diagramAudits();
    expect((await lead.post(pick, { intent: "pick", ideaId: String(idea), impact: "huge", ease: "easy" })).status).toBe(400);
    expect((await viewer.post(pick, { intent: "pick", ideaId: String(idea), impact: "low", ease: "easy" })).status).toBe(403);
    expect(diagramAudits()).toBe(before);
  });

  it("planning a cycle from a change idea on the diagram starts with that idea chosen", async () => {
    const idea = server.db
      .select({ id: changeIdeas.id })
      .from(changeIdeas)
      .where(and(eq(changeIdeas.projectId, projectId), isNull(changeIdeas.deletedAt)))
      .orderBy(sql`id desc`)
      .get()!;
    const form = await readPage(await lead.get(`/projects/${projectId}/pdsa/new?changeIdea=${idea.id}`));
    expect(form.get("input[name=changeIdea][checked]").getAttribute("value")).toBe(String(idea.id));
    const unknown = await readPage(await lead.get(`/projects/${projectId}/pdsa/new?changeIdea=999999`));
    expect(unknown.find("input[name=changeIdea][checked]")).toBeNull();
  });

  it("downloads the diagram as an SVG file", async () => {
    const res = await viewer.get(`${page()}.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("image/svg+xml");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="driver-diagram-.*\.svg"/);
    const body = await res.text();
    expect(body).toContain("<svg");
    expect(body).toContain("Sepsis sticker on the obs");
  });
});
