// One test per role: each can do exactly its row of the permission table (docs/decisions/004).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, isNull, ne } from "drizzle-orm";
import { asks, progressScores, projects, projectTeam } from "../../db/schema";
import { userIdOf } from "../helpers/db";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

type Role = "admin" | "board" | "staff" | "viewer";

const userId = (email: string) => userIdOf(server.db, email);

/** An active project the user is on the team of (null if none), and one they are not on. */
function projectsFor(email: string) {
  const id = userId(email);
  const active = server.db.select().from(projects).where(eq(projects.stage, "active")).all();
  const teamOf = (p: { id: number }) =>
    server.db
      .select()
      .from(projectTeam)
      .where(and(eq(projectTeam.projectId, p.id), eq(projectTeam.userId, id), isNull(projectTeam.endedAt)))
      .get();
  return { mine: active.find(teamOf) ?? null, notMine: active.find((p) => !teamOf(p))! };
}

async function scoreProject(client: Client, projectId: number) {
  const latest = server.db.select().from(progressScores).where(eq(progressScores.projectId, projectId)).orderBy(desc(progressScores.id)).get();
  return client.post(`/projects/${projectId}/progress`, {
    score: "2",
    evidence: "Baseline data collected and the first test of change has started.",
    since: String(latest?.id ?? 0),
  });
}

/** Answers a fresh open ask, of the board (addressedTo null) or of one person. */
async function answerAsk(client: Client, addressedTo: number | null) {
  const project = server.db.select().from(projects).where(eq(projects.stage, "active")).get()!;
  const ask = server.db
    .insert(asks)
    .values({
      projectId: project.id,
      what: "Approve protected time for the audit",
      addressee: addressedTo === null ? "board" : "person",
      addresseeUserId: addressedTo,
      state: "open",
    })
    .returning()
    .get();
  return client.post("/asks", {
    intent: "answer",
    askId: String(ask.id),
    version: String(ask.version),
    outcome: "accepted",
    response: "We will discuss this at the next board meeting.",
  });
}

const READ_PAGES = ["/board", "/projects", "/waves", "/cqc", "/asks", "/spc", "/board.csv"];

async function can(role: Role) {
  const email = `${role}@example.org`;
  const client = await Client.signedIn(server.url, email);
  const { mine, notMine } = projectsFor(email);
  const anyProject = server.db.select().from(projects).where(ne(projects.stage, "proposed")).get()!;

  const read = [];
  for (const page of [...READ_PAGES, `/projects/${anyProject.id}`]) read.push((await client.get(page)).status);

  const editOwn = mine ? (await scoreProject(client, mine.id)).status : null;
  const editOther = (await scoreProject(client, notMine.id)).status;
  const propose = (
    await client.post("/projects/new", {
      title: `A ${role}'s idea`,
      problem: "Patients wait too long for a review.",
      proposalIdea: "Try a daily huddle.",
    })
  ).status;
  const assess = (await client.post(`/board/assess/${notMine.id}`, { rag: "amber", reason: "Milestones slipping" })).status;
  const answerBoardAsk = (await answerAsk(client, null)).status;
  const manageUsers = (await client.get("/admin/users")).status;
  const setUpProgramme = (await client.get("/admin/programme")).status;
  return { read, editOwn, editOther, propose, assess, answerBoardAsk, manageUsers, setUpProgramme };
}

const OK_PAGE = 200;
const SAVED = 302; // a successful form post redirects
const REFUSED = 403;

describe("each role can do exactly its row of the table", () => {
  it("admin: everything", async () => {
    const r = await can("admin");
    expect(r.read.every((s) => s === OK_PAGE)).toBe(true);
    expect(r.editOther).toBe(SAVED); // admins may edit any project
    expect(r.propose).toBe(SAVED);
    expect(r.assess).toBe(SAVED);
    expect(r.answerBoardAsk).toBe(OK_PAGE);
    expect(r.manageUsers).toBe(OK_PAGE);
    expect(r.setUpProgramme).toBe(OK_PAGE);
  });

  it("board: reads, edits its own projects, proposes, governs and answers; no administration", async () => {
    const r = await can("board");
    expect(r.read.every((s) => s === OK_PAGE)).toBe(true);
    expect(r.editOwn).toBe(SAVED);
    expect(r.editOther).toBe(REFUSED);
    expect(r.propose).toBe(SAVED);
    expect(r.assess).toBe(SAVED);
    expect(r.answerBoardAsk).toBe(OK_PAGE);
    expect(r.manageUsers).toBe(REFUSED);
    expect(r.setUpProgramme).toBe(REFUSED);
  });

  it("staff: reads, edits its own projects, proposes; answers only asks addressed to them", async () => {
    const r = await can("staff");
    expect(r.read.every((s) => s === OK_PAGE)).toBe(true);
    expect(r.editOwn).toBe(SAVED);
    expect(r.editOther).toBe(REFUSED);
    expect(r.propose).toBe(SAVED);
    expect(r.assess).toBe(REFUSED);
    expect(r.answerBoardAsk).toBe(REFUSED);
    expect(r.manageUsers).toBe(REFUSED);
    expect(r.setUpProgramme).toBe(REFUSED);
    const staff = await Client.signedIn(server.url, "staff@example.org");
    const staffId = userId("staff@example.org");
    expect((await answerAsk(staff, staffId)).status).toBe(OK_PAGE);
    const answered = server.db.select().from(asks).where(eq(asks.addresseeUserId, staffId)).orderBy(desc(asks.id)).get()!;
    expect(answered.state).toBe("accepted");
    expect((await answerAsk(staff, userId("lead@example.org"))).status).toBe(REFUSED);
  });

  it("viewer: reads everything, changes nothing", async () => {
    const before = {
      projects: server.db.select().from(projects).all().length,
      scores: server.db.select().from(progressScores).all().length,
    };
    const r = await can("viewer");
    expect(r.read.every((s) => s === OK_PAGE)).toBe(true);
    expect(r.editOwn).toBeNull(); // a viewer is on no team
    expect(r.editOther).toBe(REFUSED);
    expect(r.propose).toBe(REFUSED);
    expect(r.assess).toBe(REFUSED);
    expect(r.answerBoardAsk).toBe(REFUSED);
    expect(r.manageUsers).toBe(REFUSED);
    expect(r.setUpProgramme).toBe(REFUSED);
    expect(server.db.select().from(projects).all().length).toBe(before.projects);
    expect(server.db.select().from(progressScores).all().length).toBe(before.scores);
  });
});

describe("the team is managed by admins and the project's leads", () => {
  const currentMembers = (projectId: number) =>
    server.db
      .select()
      .from(projectTeam)
      .where(and(eq(projectTeam.projectId, projectId), isNull(projectTeam.endedAt)))
      .all();
  const signedIn = (email: string) => Client.signedIn(server.url, email);
  /** An active project lead@ leads (any role but member) and board@ is not on. */
  function ledByLead() {
    const leadId = userId("lead@example.org");
    const boardId = userId("board@example.org");
    const led = server.db
      .select({ projectId: projectTeam.projectId })
      .from(projectTeam)
      .where(and(eq(projectTeam.userId, leadId), isNull(projectTeam.endedAt), ne(projectTeam.role, "member")))
      .all()
      .map((r) => r.projectId);
    const id = led.find((p) => !currentMembers(p).some((m) => m.userId === boardId));
    expect(id, "a project led by lead@ without board@ on it").toBeDefined();
    return id!;
  }

  it("refuses a board member who is not on the team adding themselves: 403, nothing written", async () => {
    const projectId = ledByLead();
    const board = await signedIn("board@example.org");
    const before = server.db.select().from(projectTeam).all();
    expect((await board.get(`/projects/${projectId}/team`)).status).toBe(403);
    const res = await board.post(`/projects/${projectId}/team`, {
      intent: "add-member",
      userId: String(userId("board@example.org")),
    });
    expect(res.status).toBe(403);
    expect(server.db.select().from(projectTeam).all()).toEqual(before);
    // Without team membership the board member still cannot edit the workbook.
    expect((await board.get(`/projects/${projectId}/edit`)).status).toBe(403);
  });

  it("lets the project's lead and an admin add members", async () => {
    const projectId = ledByLead();
    const lead = await signedIn("lead@example.org");
    const admin = await signedIn("admin@example.org");
    const addedByLead = await lead.post(`/projects/${projectId}/team`, {
      intent: "add-member",
      userId: String(userId("board@example.org")),
    });
    expect(addedByLead.status).toBe(200);
    const addedByAdmin = await admin.post(`/projects/${projectId}/team`, {
      intent: "add-member",
      userId: String(userId("viewer@example.org")),
    });
    expect(addedByAdmin.status).toBe(200);
    const members = currentMembers(projectId).map((m) => m.userId);
    expect(members).toContain(userId("board@example.org"));
    expect(members).toContain(userId("viewer@example.org"));
  });
});
