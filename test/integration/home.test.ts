import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import { asks, meetingActions, meetings, projects, projectSummaries, projectTeam, users, wins } from "../../db/schema";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let lead: Client;
let board: Client;
let viewer: Client;
let leadProjects: { id: number; title: string }[];
let otherProject: { id: number; title: string };

const userId = (email: string) => server.db.select().from(users).where(eq(users.email, email)).get()!.id;
/** The page's HTML as text to search: React's separators gone, quotes and ampersands unescaped. */
const read = async (res: Response) =>
  (await res.text())
    .replace(/<!-- -->/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");
/** The text of one section of the home page, by its heading id. */
const section = (html: string, id: string) => {
  const start = html.indexOf(`id="${id}"`);
  expect(start, id).toBeGreaterThan(-1);
  const end = html.indexOf("</section>", start);
  return html.slice(start, end);
};

beforeAll(async () => {
  server = await startTestServer();
  [lead, board, viewer] = await Promise.all(
    ["lead", "board", "viewer"].map(async (name) => {
      const client = new Client(server.url);
      await client.signIn(`${name}@example.org`);
      return client;
    }),
  );
  const ids = server.db
    .selectDistinct({ projectId: projectTeam.projectId })
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, userId("lead@example.org")), isNull(projectTeam.endedAt)))
    .all()
    .map((r) => r.projectId);
  leadProjects = server.db.select({ id: projects.id, title: projects.title }).from(projects).where(inArray(projects.id, ids)).all();
  otherProject = server.db.select({ id: projects.id, title: projects.title }).from(projects).all().find((p) => !ids.includes(p.id))!;

  // An ask to lead@ by name, one already answered, and meeting actions: one overdue, one done.
  const leadId = userId("lead@example.org");
  const base = { projectId: otherProject.id, addressee: "person" as const, addresseeUserId: leadId, createdBy: userId("board@example.org") };
  server.db.insert(asks).values({ ...base, what: "Home test: share the sepsis grab bag checklist", dueOn: "2026-11-20" }).run();
  server.db.insert(asks).values({ ...base, what: "Home test: an answered ask", state: "resolved", response: "Done." }).run();
  const meetingId = server.db
    .insert(meetings)
    .values({ programmeId: 1, title: "Home test board", meetingDate: "2026-10-01" })
    .returning({ id: meetings.id })
    .get().id;
  server.db
    .insert(meetingActions)
    .values([
      { meetingId, projectId: leadProjects[0].id, text: "Home test: bring the run chart", ownerUserId: leadId, dueOn: "2026-11-01" },
      { meetingId, text: "Home test: a completed action", ownerUserId: leadId, dueOn: "2026-11-01", completedOn: "2026-10-20" },
    ])
    .run();
});
afterAll(async () => {
  await server?.close();
});

describe("the home page", () => {
  it("sends a signed-out visitor to sign in", async () => {
    const res = await new Client(server.url).get("/");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
  });

  it("shows lead@ their projects with stage and RAG, their open actions and the asks addressed to them", async () => {
    const res = await lead.get("/");
    expect(res.status).toBe(200);
    const html = await read(res);
    expect(html).toContain("Welcome, Lee Lead");

    const mine = section(html, "home-my-projects");
    expect(leadProjects.length).toBe(5);
    for (const p of leadProjects) expect(mine).toContain(`href="/projects/${p.id}"`);
    expect(mine).not.toContain(`href="/projects/${otherProject.id}"`);
    expect(mine).toContain("Project lead");
    expect(mine).toMatch(/nhsuk-tag--(green|yellow|red)/);

    const actions = section(html, "home-my-actions");
    expect(actions).toContain("Home test: bring the run chart");
    expect(actions).toContain("Due 1 Nov 2026");
    expect(actions).toContain("Overdue");
    expect(actions).toContain("Share the Sepsis Six learning"); // from the demo, due in three weeks
    expect(actions).not.toContain("Home test: a completed action");

    const myAsks = section(html, "home-my-asks");
    expect(myAsks).toContain("Home test: share the sepsis grab bag checklist");
    expect(myAsks).toContain(`href="/projects/${otherProject.id}/asks"`);
    expect(myAsks).toContain('href="/asks?to=me"');
    expect(myAsks).not.toContain("Home test: an answered ask");
    expect(myAsks).not.toContain("waiting for the programme board"); // staff do not answer the board's asks
  });

  it("shows recent wins across the programme, newest first", async () => {
    const latest = server.db.select().from(wins).all().sort((a, b) => b.at.getTime() - a.at.getTime())[0];
    const html = await read(await viewer.get("/"));
    const recent = section(html, "home-wins");
    expect(recent).toContain(latest.title);
    expect(recent).toContain('href="/wins"');
  });

  it("shows the programme in brief from the board summaries, with a link to what needs attention", async () => {
    const html = await read(await viewer.get("/"));
    const brief = section(html, "home-brief");
    const flagged = server.db.select().from(projectSummaries).where(gt(projectSummaries.flagCount, 0)).all().length;
    const active = server.db.select().from(projectSummaries).where(eq(projectSummaries.stage, "active")).all().length;
    expect(flagged).toBeGreaterThan(0);
    expect(brief).toContain('href="/board?attention=1"');
    expect(brief).toContain(`See the ${flagged} projects needing attention`);
    expect(brief).toMatch(new RegExp(`href="/board\\?stage=active">Active</a></dt><dd>${active}</dd>`));
    expect(brief).toContain("Measures improving");
  });

  it("shows a viewer an empty 'my projects' state that says what to do next", async () => {
    const html = await read(await viewer.get("/"));
    const mine = section(html, "home-my-projects");
    expect(mine).toContain("You are not on a project team.");
    expect(mine).toContain('href="/projects"');
    expect(mine).not.toContain("<table");
    expect(section(html, "home-my-actions")).toContain("You have no open actions");
    expect(section(html, "home-my-asks")).toContain("No one is waiting for an answer from you");
  });

  it("tells a board member how many asks wait for the board", async () => {
    const waiting = server.db
      .select()
      .from(asks)
      .where(and(eq(asks.addressee, "board"), inArray(asks.state, ["open", "accepted"])))
      .all().length;
    expect(waiting).toBeGreaterThan(0);
    const html = await read(await board.get("/"));
    expect(section(html, "home-my-asks")).toContain(`${waiting} asks are waiting for the programme board`);
    expect(section(html, "home-my-asks")).toContain('href="/asks?to=board"');
  });
});

describe("the list of all wins", () => {
  it("lists every win with its project", async () => {
    const all = server.db.select({ title: wins.title, projectId: wins.projectId }).from(wins).all();
    expect(all.length, "the demo has wins to list").toBeGreaterThan(0);
    const res = await viewer.get("/wins");
    expect(res.status).toBe(200);
    const html = await read(res);
    for (const w of all) {
      expect(html).toContain(w.title);
      expect(html).toContain(`href="/projects/${w.projectId}/wins"`);
    }
  });
});
