// Choosing people without JavaScript: every people picker is a plain select of enabled accounts
// (name and job title, by name) that posts a person's id; an unknown or disabled id is refused with
// a clear message and changes nothing. The milestone owner is a person, or free text as a fallback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { asks, auditEvents, meetingActions, meetings, milestones, projects, projectTeam, users } from "../../db/schema";
import { readPage, type Page } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";
import { userIdOf } from "../helpers/db";

let server: TestServer;
const clients: Record<string, Client> = {};
let disabledId: number;
const UNKNOWN_ID = "987654";

beforeAll(async () => {
  server = await startTestServer();
  for (const who of ["admin", "board", "lead"]) {
    clients[who] = new Client(server.url);
    await clients[who].signIn(`${who}@example.org`);
  }
  // Someone who has left the trust: an account that is disabled, never offered and never accepted.
  disabledId = server.db
    .insert(users)
    .values({ email: "left.trust@example.org", name: "Aaron Leaver", jobTitle: "Former Matron", role: "staff", disabledAt: new Date() })
    .returning({ id: users.id })
    .get().id;
});
afterAll(async () => {
  await server?.close();
});

const db = () => server.db;
const userId = (email: string) => userIdOf(db(), email);
const personId = (name: string) => db().select().from(users).where(eq(users.name, name)).get()!.id;
const auditTotal = () => db().select().from(auditEvents).all().length;
const leadProject = () =>
  db()
    .select({ id: projectTeam.projectId })
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, userId("lead@example.org")), isNull(projectTeam.endedAt)))
    .get()!.id;

/** The options of the select posting `name`, as the page lists them (the first is the empty choice). */
function optionsOf(page: Page, name: string) {
  const select = page.find(`select[name="${name}"]`);
  expect(select, `a select named ${name}`).not.toBeNull();
  return select!.querySelectorAll("option").map((o) => ({ value: o.getAttribute("value") ?? "", label: o.text.trim() }));
}

/** Every picker lists the enabled accounts by name, with the job title, and never a disabled one. */
function expectPeopleList(page: Page, name: string) {
  const options = optionsOf(page, name);
  expect(options[0].value).toBe("");
  const people = options.slice(1);
  expect(people.length).toBeGreaterThan(5);
  expect(people.map((o) => o.value)).not.toContain(String(disabledId));
  expect(page.anywhere).not.toContain("Aaron Leaver");
  const names = people.map((o) => o.label);
  expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  const helen = people.find((o) => o.value === String(personId("Helen Whitfield")));
  expect(helen?.label).toBe("Helen Whitfield, Chief Nurse");
}

describe("project leads at approval", () => {
  async function propose(title: string) {
    const res = await clients.admin.post("/projects/new", { title, problem: "Patients wait too long for discharge letters.", proposalIdea: "A letter nurse." });
    expect(res.status).toBe(302);
    return db().select().from(projects).where(eq(projects.title, title)).get()!;
  }
  const leads = () => ({
    executiveLeadId: String(personId("Helen Whitfield")),
    operationalLeadId: String(personId("David Singh")),
    clinicalLeadId: String(personId("Dr Hannah Lewis")),
  });

  it("offers people in a select and approves with the chosen leads", async () => {
    const p = await propose("Discharge letters within a day");
    const page = await readPage(await clients.board.get(`/projects/${p.id}/decision`));
    expectPeopleList(page, "executiveLeadId");
    const res = await clients.board.post(`/projects/${p.id}/decision`, { intent: "approve", version: String(p.version), ...leads() });
    expect(res.status).toBe(302);
    const holders = db()
      .select()
      .from(projectTeam)
      .where(and(eq(projectTeam.projectId, p.id), isNull(projectTeam.endedAt)))
      .all();
    expect(holders.find((h) => h.role === "executive_lead")?.userId).toBe(personId("Helen Whitfield"));
  });

  it.each([
    ["an unknown", () => UNKNOWN_ID],
    ["a disabled", () => String(disabledId)],
  ])("refuses %s person as a lead and changes nothing", async (_what, id) => {
    const p = await propose(`Discharge letters (${_what})`);
    const before = auditTotal();
    const res = await clients.board.post(`/projects/${p.id}/decision`, { intent: "approve", version: String(p.version), ...leads(), clinicalLeadId: id() });
    expect(res.status).toBe(400);
    expect((await readPage(res)).errorSummary()).toEqual(["Choose a clinical lead from the list"]);
    expect(db().select().from(projects).where(eq(projects.id, p.id)).get()!.stage).toBe("proposed");
    expect(auditTotal()).toBe(before);
  });
});

describe("team members", () => {
  it("offers people in a select, adds the chosen person, and refuses an unknown or disabled one", async () => {
    const projectId = leadProject();
    const path = `/projects/${projectId}/team`;
    const page = await readPage(await clients.admin.get(path));
    expectPeopleList(page, "userId");
    for (const id of [UNKNOWN_ID, String(disabledId)]) {
      const before = auditTotal();
      const res = await clients.admin.post(path, { intent: "add-member", userId: id });
      expect(res.status).toBe(400);
      expect((await readPage(res)).errorSummary()).toEqual(["Choose a person from the list"]);
      expect(auditTotal()).toBe(before);
    }
    const amy = personId("Amy Fletcher");
    const added = await clients.admin.post(path, { intent: "add-member", userId: String(amy) });
    expect(added.status).toBe(200);
    expect((await readPage(added)).text).toContain("Amy Fletcher has joined the team.");
    expect((await readPage(await clients.admin.get(path))).text).toContain("Amy Fletcher");
  });
});

describe("action owners", () => {
  it("adds a meeting action owned by the chosen person, and refuses an unknown or disabled owner", async () => {
    const project = db().select({ id: projects.id }).from(projects).where(eq(projects.stage, "active")).orderBy(asc(projects.id)).get()!;
    const created = await clients.board.post("/meetings/new", {
      title: "People picker board",
      meetingDate: "2026-12-10",
      attendees: "Blake Board",
      projectIds: [String(project.id)],
    });
    expect(created.status).toBe(302);
    const meetingId = Number(created.headers.get("location")!.match(/^\/meetings\/(\d+)/)![1]);
    const path = `/meetings/${meetingId}`;
    expectPeopleList(await readPage(await clients.board.get(path)), "ownerUserId");
    const version = () => String(db().select({ v: meetings.version }).from(meetings).where(eq(meetings.id, meetingId)).get()!.v);
    const form = (ownerUserId: string) => ({
      intent: "add-action",
      version: version(),
      projectId: String(project.id),
      text: "Send the revised plan.",
      ownerUserId,
      dueOn: "2026-12-20",
    });
    for (const id of [UNKNOWN_ID, String(disabledId)]) {
      const before = auditTotal();
      const res = await clients.board.post(path, form(id));
      expect(res.status).toBe(400);
      expect((await readPage(res)).errorSummary()).toContain("Choose who owns the action");
      expect(auditTotal()).toBe(before);
    }
    const owner = personId("Helen Whitfield");
    expect((await clients.board.post(path, form(String(owner)))).status).toBe(302);
    const action = db().select().from(meetingActions).where(eq(meetingActions.meetingId, meetingId)).orderBy(desc(meetingActions.id)).get()!;
    expect(action.ownerUserId).toBe(owner);
    expect((await readPage(await clients.board.get(path))).text).toContain("Helen Whitfield");
  });
});

describe("ask recipients", () => {
  it("raises an ask to the chosen person, and refuses an unknown or disabled one", async () => {
    const projectId = leadProject();
    const path = `/projects/${projectId}/asks`;
    expectPeopleList(await readPage(await clients.lead.get(path)), "addresseeUserId");
    const form = (addresseeUserId: string, what: string) => ({ intent: "raise", what, addressee: "person", addresseeUserId });
    for (const id of [UNKNOWN_ID, String(disabledId)]) {
      const before = auditTotal();
      const res = await clients.lead.post(path, form(id, `Refused ask ${id}`));
      expect(res.status).toBe(400);
      expect((await readPage(res)).errorSummary()).toEqual(["Choose a person from the list"]);
      expect(auditTotal()).toBe(before);
    }
    const board = userId("board@example.org");
    const res = await clients.lead.post(path, form(String(board), "Agree the second trolley bay."));
    expect(res.status).toBe(302);
    expect(db().select().from(asks).where(eq(asks.what, "Agree the second trolley bay.")).get()).toMatchObject({ addressee: "person", addresseeUserId: board });
  });
});

describe("milestone owners", () => {
  const listPath = () => `/projects/${leadProject()}/milestones`;
  const newest = () => db().select().from(milestones).orderBy(desc(milestones.id)).get()!;
  const create = (fields: Record<string, string>) => clients.lead.post(listPath(), { intent: "create", baselineDate: "2026-12-01", ...fields });

  it("chooses the owner from the people list; the pages show their name", async () => {
    expectPeopleList(await readPage(await clients.lead.get(listPath())), "ownerUserId");
    const helen = personId("Helen Whitfield");
    const res = await create({ title: "Owner chosen from the list", ownerUserId: String(helen) });
    expect(res.status).toBe(302);
    const m = newest();
    expect(m).toMatchObject({ title: "Owner chosen from the list", ownerUserId: helen, owner: "" });
    const list = await readPage(await clients.lead.get(listPath()));
    expect(list.tableRows().find((r) => r[0] === "Owner chosen from the list")?.[1]).toBe("Helen Whitfield");
    const page = await readPage(await clients.lead.get(`${listPath()}/${m.id}`));
    expect(page.summaryList()["Owner"]).toBe("Helen Whitfield");
    expect(page.fieldValue("ownerUserId")).toBe(String(helen));
    const overview = await readPage(await clients.lead.get(`/projects/${leadProject()}`));
    expect(overview.text).toContain("Helen Whitfield");
  });

  it("keeps free text for an owner not in Stepping Up", async () => {
    const res = await create({ title: "Owner outside the trust", owner: "Pat Partner (county council)" });
    expect(res.status).toBe(302);
    expect(newest()).toMatchObject({ ownerUserId: null, owner: "Pat Partner (county council)" });
    const page = await readPage(await clients.lead.get(`${listPath()}/${newest().id}`));
    expect(page.summaryList()["Owner"]).toBe("Pat Partner (county council)");
  });

  it.each([
    [{ ownerUserId: UNKNOWN_ID }, "Choose the owner from the list of people in Stepping Up"],
    [{ ownerUserId: "disabled" }, "Choose the owner from the list of people in Stepping Up"],
    [{ ownerUserId: "helen", owner: "Also typed" }, "Choose the owner from the list or type the name of someone not in Stepping Up, not both"],
  ])("refuses %j with a clear message and saves nothing", async (fields, message) => {
    const ids: Record<string, string> = { disabled: String(disabledId), helen: String(personId("Helen Whitfield")) };
    const posted = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, ids[v] ?? v]));
    const before = [db().select().from(milestones).all().length, auditTotal()];
    const res = await create({ title: "Refused owner", ...posted });
    expect(res.status).toBe(400);
    expect((await readPage(res)).errorSummary()).toEqual([message]);
    expect([db().select().from(milestones).all().length, auditTotal()]).toEqual(before);
  });

  it("updates the owner to a person, and refuses a disabled one", async () => {
    expect((await create({ title: "Owner to change", owner: "Someone Typed" })).status).toBe(302);
    const m = newest();
    const update = (fields: Record<string, string>) =>
      clients.lead.post(`${listPath()}/${m.id}`, {
        intent: "update",
        version: String(newest().version),
        title: m.title,
        forecastDate: m.forecastDate,
        completedOn: "",
        ...fields,
      });
    const refused = await update({ ownerUserId: String(disabledId) });
    expect(refused.status).toBe(400);
    expect((await readPage(refused)).errorSummary()).toEqual(["Choose the owner from the list of people in Stepping Up"]);
    expect(newest()).toMatchObject({ owner: "Someone Typed", ownerUserId: null, version: m.version });
    const david = personId("David Singh");
    expect((await update({ ownerUserId: String(david) })).status).toBe(302);
    expect(newest()).toMatchObject({ owner: "", ownerUserId: david });
    const audit = db().select().from(auditEvents).where(eq(auditEvents.entityId, m.id)).orderBy(desc(auditEvents.id)).get()!;
    expect(audit.summary).toContain("David Singh");
  });
});
