// What a drag and drop on the driver diagram posts (ADR 102), over real HTTP: the node page's reorder
// form moving a node past several others in one step, and the same forms posted with ?drag, which reply
// on the spot instead of redirecting; a stale version is still a 409 and a person not on the team a 403.
import { afterAll, beforeAll, expect, it } from "vitest";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { auditEvents, changeIdeaDrivers, changeIdeas, drivers, projectTeam } from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";
import { userIdOf } from "../helpers/db";

let server: TestServer;
let lead: Client;
let viewer: Client;
let projectId: number;

beforeAll(async () => {
  server = await startTestServer();
  lead = new Client(server.url);
  viewer = new Client(server.url);
  await lead.signIn("lead@example.org");
  await viewer.signIn("viewer@example.org");
  projectId = server.db
    .select({ projectId: projectTeam.projectId })
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, userIdOf(server.db, "lead@example.org")), isNull(projectTeam.endedAt)))
    .get()!.projectId;
});
afterAll(async () => {
  await server?.close();
});

const base = () => `/projects/${projectId}/drivers`;
const newest = (table: typeof drivers | typeof changeIdeas) =>
  server.db
    .select({ id: table.id })
    .from(table)
    .orderBy(sql`id desc`)
    .get()!.id;
const version = (table: typeof drivers | typeof changeIdeas, id: number) =>
  String(server.db.select({ v: table.version }).from(table).where(eq(table.id, id)).get()!.v);
const audits = () =>
  server.db
    .select({ n: sql<number>`count(*)` })
    .from(auditEvents)
    .where(sql`${auditEvents.action} like 'driver.%' or ${auditEvents.action} like 'change_idea.%'`)
    .get()!.n;
const order = (ids: number[]) =>
  server.db
    .select({ id: changeIdeas.id })
    .from(changeIdeas)
    .where(inArray(changeIdeas.id, ids))
    .orderBy(asc(changeIdeas.position), asc(changeIdeas.createdAt), asc(changeIdeas.id))
    .all()
    .map((r) => r.id);

it("a drop reorders past several nodes or moves a node in one post, replies without a redirect, and is still versioned", async () => {
  const add = async (form: Record<string, string>) => expect((await lead.post(base(), { description: "", ...form })).status).toBe(302);
  await add({ intent: "add-primary", title: "Drag primary one" });
  const p1 = newest(drivers);
  await add({ intent: "add-primary", title: "Drag primary two" });
  const p2 = newest(drivers);
  await add({ intent: "add-secondary", title: "Drag secondary", parentId: String(p1) });
  const s1 = newest(drivers);
  await add({ intent: "add-secondary", title: "Drag other secondary", parentId: String(p2) });
  const s2 = newest(drivers);
  const ideas: number[] = [];
  for (const title of ["Drag idea A", "Drag idea B", "Drag idea C"]) {
    await add({ intent: "add-idea", title, driverId: String(s1) });
    ideas.push(newest(changeIdeas));
  }
  const [a, b, c] = ideas;
  const before = audits();

  // C goes up past A in one step: one audit row.
  const moved = await lead.post(`${base()}/idea-${c}?drag`, { intent: "reorder", version: version(changeIdeas, c), direction: "up", past: String(a) });
  expect(moved.status).toBe(200);
  expect(order(ideas)).toEqual([c, a, b]);
  expect(audits()).toBe(before + 1);

  // Past a node on the wrong side: refused with a message, nothing changed.
  const wrong = await lead.post(`${base()}/idea-${c}?drag`, { intent: "reorder", version: version(changeIdeas, c), direction: "up", past: String(b) });
  expect(wrong.status).toBe(400);
  expect((await readPage(wrong)).text).toContain("That is not above it any more");
  expect(order(ideas)).toEqual([c, a, b]);

  // A stale version (someone saved it meanwhile) is a 409, with nothing changed.
  const seen = version(changeIdeas, a);
  expect((await lead.post(`${base()}/idea-${a}`, { intent: "edit", version: seen, title: "Drag idea A", description: "Saved in another tab" })).status).toBe(
    302,
  );
  const stale = await lead.post(`${base()}/idea-${a}?drag`, { intent: "reorder", version: seen, direction: "up", past: String(c) });
  expect(stale.status).toBe(409);
  expect((await readPage(stale)).text).toContain("This was changed by");
  expect(order(ideas)).toEqual([c, a, b]);

  // A drop onto another parent is the move form; a person not on the team is refused it.
  const move = { intent: "move", version: version(changeIdeas, b), fromId: String(s1), parentId: String(s2) };
  expect((await viewer.post(`${base()}/idea-${b}?drag`, move)).status).toBe(403);
  expect((await lead.post(`${base()}/idea-${b}?drag`, move)).status).toBe(200);
  expect(server.db.select().from(changeIdeaDrivers).where(eq(changeIdeaDrivers.changeIdeaId, b)).all()).toEqual([{ changeIdeaId: b, driverId: s2 }]);
  expect(audits()).toBe(before + 3);

  // The forms without ?drag still redirect to the node's page, as before.
  const button = await lead.post(`${base()}/idea-${b}`, { intent: "reorder", version: version(changeIdeas, b), direction: "up" });
  expect(button.status).toBe(302);
  expect(button.headers.get("location")).toBe(`${base()}/idea-${b}?done=reorder`);
});
