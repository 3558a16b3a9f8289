// Where people start (issue §6): staff propose from their home page with the SMART aim, the board
// sees a queue of proposals, the lead of an approved project is told it is theirs to edit, and a
// person who cannot edit a project is told who can.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { auditEvents, projects, projectTeam, users } from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
const clients: Record<string, Client> = {};
beforeAll(async () => {
  server = await startTestServer();
  for (const who of ["admin", "board", "staff", "viewer", "lead"]) clients[who] = await Client.signedIn(server.url, `${who}@example.org`);
});
afterAll(async () => {
  await server?.close();
});

const byTitle = (title: string) => server.db.select().from(projects).where(eq(projects.title, title)).get();
const personId = (name: string) => server.db.select().from(users).where(eq(users.name, name)).get()!.id;

const AIM = {
  aimWhat: "Offer a drink at every contact",
  aimForWhom: "patients over 75 on Ward 7",
  aimMeasure: "Weekly audit of fluid charts completed",
  aimBaseline: "40",
  aimTarget: "85",
  aimTargetDate: "2027-06-30",
};

async function propose(title: string, extra: Record<string, string> = {}) {
  return clients.staff.post("/projects/new", {
    title,
    problem: "Older patients on Ward 7 are often dehydrated by the afternoon.",
    proposalIdea: "A protected drinks round at 10:00, 14:00 and 18:00.",
    ...extra,
  });
}

describe("proposing from the home page", () => {
  it("shows staff a Propose a project link on their home page, even when they are on a team; not a viewer", async () => {
    for (const who of ["staff", "lead"]) {
      const home = await readPage(await clients[who].get("/"));
      expect(home.hrefs(), who).toContain("/projects/new");
      expect(home.text).toContain("Propose a project");
    }
    expect((await readPage(await clients.viewer.get("/"))).hrefs()).not.toContain("/projects/new");
  });

  it("offers the SMART aim fields on the proposal form and saves them", async () => {
    const form = await readPage(await clients.staff.get("/projects/new"));
    expect(form.text).toContain("SMART aim (optional)");
    // The target date is typed as day, month and year (the NHS date input).
    for (const name of Object.keys(AIM)) expect(form.find(`[name="${name}"], [name="${name}.day"]`), name).not.toBeNull();
    expect(form.find('[name="aimTargetDate.year"]')?.getAttribute("inputmode")).toBe("numeric");
    const res = await propose("Hydration at every contact", AIM);
    expect(res.status).toBe(302);
    expect(byTitle("Hydration at every contact")).toMatchObject({
      stage: "proposed",
      aimWhat: AIM.aimWhat,
      aimForWhom: AIM.aimForWhom,
      aimMeasure: AIM.aimMeasure,
      aimBaseline: 40,
      aimTarget: 85,
      aimTargetDate: "2027-06-30",
    });
  });

  it("keeps the aim optional at that stage", async () => {
    expect((await propose("Hydration without an aim yet")).status).toBe(302);
    expect(byTitle("Hydration without an aim yet")).toMatchObject({ aimWhat: "", aimBaseline: null, aimTargetDate: null });
  });

  it("refuses an aim that is not a number or a date with the charter's messages, saving nothing", async () => {
    const before = server.db.select().from(auditEvents).all().length;
    const res = await propose("Hydration with a bad aim", { ...AIM, aimBaseline: "about forty", aimTargetDate: "2027-02-31" });
    expect(res.status).toBe(400);
    const page = await readPage(res);
    expect(page.errorSummary()).toEqual(
      expect.arrayContaining(["Enter the baseline as a number, like 58 or 12.5", "The date to reach the target must be a real date"]),
    );
    expect(byTitle("Hydration with a bad aim")).toBeUndefined();
    expect(server.db.select().from(auditEvents).all().length).toBe(before);
  });
});

describe("the board's queue of proposals", () => {
  it("lists proposals awaiting a decision on a board member's home page and on the board, with a link to decide", async () => {
    expect((await propose("Queue: mouth care at night")).status).toBe(302);
    const id = byTitle("Queue: mouth care at night")!.id;
    const waiting = server.db.select().from(projects).where(eq(projects.stage, "proposed")).all();
    expect(waiting.length).toBeGreaterThan(0);
    for (const path of ["/", "/board"]) {
      const page = await readPage(await clients.board.get(path));
      const queue = page.tableRowsCaptioned("Proposals awaiting a decision");
      expect(page.text, path).toContain("Proposals awaiting your decision");
      expect(queue.length, path).toBe(waiting.length);
      expect(queue.map((r) => r[0])).toContain("Queue: mouth care at night");
      expect(page.hrefs()).toContain(`/projects/${id}/decision`);
    }
    const staffHome = await readPage(await clients.staff.get("/"));
    expect(staffHome.text).not.toContain("Proposals awaiting your decision");
  });
});

describe("after approval", () => {
  it("tells the new lead they can edit the project, on their home page and on the project page", async () => {
    expect((await propose("Approved: early mobility after surgery")).status).toBe(302);
    const project = byTitle("Approved: early mobility after surgery")!;
    const lead = server.db.select().from(users).where(eq(users.email, "lead@example.org")).get()!;
    const res = await clients.board.post(`/projects/${project.id}/decision`, {
      intent: "approve",
      version: String(project.version),
      executiveLeadId: String(personId("Helen Whitfield")),
      operationalLeadId: String(lead.id),
      clinicalLeadId: String(personId("Dr Hannah Lewis")),
    });
    expect(res.status).toBe(302);
    expect(byTitle("Approved: early mobility after surgery")!.stage).toBe("approved");

    const home = await readPage(await clients.lead.get("/"));
    expect(home.text).toContain("Your project was approved: you can edit it now");
    expect(home.hrefs(".app-approved-lead")).toContain(`/projects/${project.id}`);
    const page = await readPage(await clients.lead.get(`/projects/${project.id}`));
    expect(page.text).toContain("The board approved this project: you can edit it");
    expect(page.hrefs(".app-approved-lead")).toContain(`/projects/${project.id}/edit`);
    // A member of the board who is not its lead is not told so.
    expect((await readPage(await clients.board.get(`/projects/${project.id}`))).text).not.toContain("you can edit it");
  });
});

describe("who can edit", () => {
  it("names the project's editors and the administrators on the refusal and on the project page", async () => {
    const project = server.db.select().from(projects).where(eq(projects.stage, "active")).get()!;
    const editors = server.db
      .select({ name: users.name, role: users.role })
      .from(projectTeam)
      .innerJoin(users, eq(users.id, projectTeam.userId))
      .where(and(eq(projectTeam.projectId, project.id), isNull(projectTeam.endedAt)))
      .all()
      .filter((u) => u.role !== "viewer");
    const admins = server.db.select().from(users).where(eq(users.role, "admin")).all();
    expect(editors.length).toBeGreaterThan(0);
    expect(admins.length).toBeGreaterThan(0);

    const res = await clients.viewer.get(`/projects/${project.id}/edit`);
    expect(res.status).toBe(403);
    const refusal = await readPage(res);
    expect(refusal.text).toContain("You do not have permission to edit this project.");
    for (const e of editors) expect(refusal.text).toContain(e.name);
    for (const a of admins) expect(refusal.text).toContain(a.name);

    const page = await readPage(await clients.viewer.get(`/projects/${project.id}`));
    expect(page.text).toContain("You can read this project but not change it.");
    for (const e of editors) expect(page.text).toContain(e.name);
    // Someone who can edit is not told who can.
    expect((await readPage(await clients.admin.get(`/projects/${project.id}`))).text).not.toContain("You can read this project but not change it.");
  });
});
