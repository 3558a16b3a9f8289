import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import { asks, meetingActions, meetings, notifications, projects, projectSummaries, projectTeam, wins } from "../../db/schema";
import { userIdOf } from "../helpers/db";
import { hrefsIn, readPage, termsOf, textOf, type HTMLElement, type Page } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let lead: Client;
let board: Client;
let viewer: Client;
let leadProjects: { id: number; title: string }[];
let otherProject: { id: number; title: string };

const userId = (email: string) => userIdOf(server.db, email);
/** One section of the home page, by its heading's id. */
const section = (page: Page, id: string): HTMLElement => {
  const found = page.find(`section[aria-labelledby="${id}"]`);
  expect(found, id).not.toBeNull();
  return found!;
};

beforeAll(async () => {
  server = await startTestServer();
  [lead, board, viewer] = await Promise.all(["lead", "board", "viewer"].map((name) => Client.signedIn(server.url, `${name}@example.org`)));
  const ids = server.db
    .selectDistinct({ projectId: projectTeam.projectId })
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, userId("lead@example.org")), isNull(projectTeam.endedAt)))
    .all()
    .map((r) => r.projectId);
  leadProjects = server.db.select({ id: projects.id, title: projects.title }).from(projects).where(inArray(projects.id, ids)).all();
  otherProject = server.db
    .select({ id: projects.id, title: projects.title })
    .from(projects)
    .all()
    .find((p) => !ids.includes(p.id))!;

  // An ask to lead@ by name, one already answered, and meeting actions: one overdue, one done.
  const leadId = userId("lead@example.org");
  const base = {
    projectId: otherProject.id,
    addressee: "person" as const,
    addresseeUserId: leadId,
    createdBy: userId("board@example.org"),
  };
  server.db
    .insert(asks)
    .values({ ...base, what: "Home test: share the sepsis grab bag checklist", dueOn: "2026-11-20" })
    .run();
  server.db
    .insert(asks)
    .values({ ...base, what: "Home test: an answered ask", state: "resolved", response: "Done." })
    .run();
  const meetingId = server.db
    .insert(meetings)
    .values({ programmeId: 1, title: "Home test board", meetingDate: "2026-10-01" })
    .returning({ id: meetings.id })
    .get().id;
  server.db
    .insert(meetingActions)
    .values([
      {
        meetingId,
        projectId: leadProjects[0].id,
        text: "Home test: bring the run chart",
        ownerUserId: leadId,
        dueOn: "2026-11-01",
      },
      {
        meetingId,
        text: "Home test: a completed action",
        ownerUserId: leadId,
        dueOn: "2026-11-01",
        completedOn: "2026-10-20",
      },
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
    const page = await readPage(res);
    expect(page.text).toContain("Welcome, Lee Lead");

    const mine = section(page, "home-my-projects");
    expect(leadProjects.length).toBe(5);
    for (const p of leadProjects) expect(hrefsIn(mine)).toContain(`/projects/${p.id}`);
    expect(hrefsIn(mine)).not.toContain(`/projects/${otherProject.id}`);
    expect(textOf(mine)).toContain("Project lead");
    expect(mine.querySelectorAll(".nhsuk-tag--green, .nhsuk-tag--yellow, .nhsuk-tag--red").length).toBeGreaterThan(0);

    const actions = textOf(section(page, "home-my-actions"));
    expect(actions).toContain("Home test: bring the run chart");
    expect(actions).toContain("Due 1 Nov 2026");
    expect(actions).toContain("Overdue");
    expect(actions).toContain("Share the Sepsis Six learning"); // from the demo, due in three weeks
    expect(actions).not.toContain("Home test: a completed action");

    const myAsks = section(page, "home-my-asks");
    expect(textOf(myAsks)).toContain("Home test: share the sepsis grab bag checklist");
    expect(hrefsIn(myAsks)).toContain(`/projects/${otherProject.id}/asks`);
    expect(hrefsIn(myAsks)).toContain("/asks?to=me");
    expect(textOf(myAsks)).not.toContain("Home test: an answered ask");
    expect(textOf(myAsks)).not.toContain("waiting for the programme board"); // staff do not answer the board's asks
  });

  it("shows recent wins across the programme, newest first", async () => {
    const latest = server.db
      .select()
      .from(wins)
      .all()
      .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
    const recent = section(await readPage(await viewer.get("/")), "home-wins");
    expect(textOf(recent)).toContain(latest.title);
    expect(hrefsIn(recent)).toContain("/wins");
  });

  it("shows the programme in brief from the board summaries, with a link to what needs attention", async () => {
    const brief = section(await readPage(await viewer.get("/")), "home-brief");
    const flagged = server.db.select().from(projectSummaries).where(gt(projectSummaries.flagCount, 0)).all().length;
    const active = server.db.select().from(projectSummaries).where(eq(projectSummaries.stage, "active")).all().length;
    expect(flagged).toBeGreaterThan(0);
    expect(hrefsIn(brief)).toContain("/board?attention=1");
    expect(textOf(brief)).toContain(`See the ${flagged} projects needing attention`);
    expect(textOf(brief.querySelector('dt a[href="/board?stage=active"]')!)).toBe("Active");
    expect(termsOf(brief.querySelector("dl")!)).toMatchObject({ Active: String(active) });
    expect(textOf(brief)).toContain("Measures improving");
  });

  it("shows a viewer an empty 'my projects' state that says what to do next", async () => {
    const page = await readPage(await viewer.get("/"));
    const mine = section(page, "home-my-projects");
    expect(textOf(mine)).toContain("You are not on a project team.");
    expect(hrefsIn(mine)).toContain("/projects");
    expect(mine.querySelector("table")).toBeNull();
    expect(textOf(section(page, "home-my-actions"))).toContain("You have no open actions");
    expect(textOf(section(page, "home-my-asks"))).toContain("No one is waiting for an answer from you");
  });

  it("tells a board member how many asks wait for the board", async () => {
    const waiting = server.db
      .select()
      .from(asks)
      .where(and(eq(asks.addressee, "board"), eq(asks.state, "open")))
      .all().length;
    expect(waiting).toBeGreaterThan(0);
    const myAsks = section(await readPage(await board.get("/")), "home-my-asks");
    expect(textOf(myAsks)).toContain(`${waiting} ${waiting === 1 ? "ask is" : "asks are"} waiting for the programme board`);
    expect(hrefsIn(myAsks)).toContain("/asks?to=board");
  });
});

describe("my work, from the notification centre's source", () => {
  it("shows lead@ what is coming up before the board's flags, and drops a reminder once its cause is fixed", async () => {
    const coming = section(await readPage(await lead.get("/")), "home-my-reminders");
    expect(textOf(coming)).toContain('Action "Home test: bring the run chart" is due 1 Nov 2026');
    expect(textOf(coming)).toContain("25 days overdue");
    expect(hrefsIn(coming)).toContain("/actions");
    expect(textOf(coming)).not.toContain("Home test: a completed action");
    expect(textOf(section(await readPage(await viewer.get("/")), "home-my-reminders"))).toContain("Nothing is due in the next 7 days");

    server.db.update(meetingActions).set({ completedOn: "2026-11-26" }).where(eq(meetingActions.text, "Home test: bring the run chart")).run();
    const after = section(await readPage(await lead.get("/")), "home-my-reminders");
    expect(textOf(after)).not.toContain("Home test: bring the run chart");
    // Done, so it has left the open actions too.
    expect(textOf(section(await readPage(await lead.get("/")), "home-my-actions"))).not.toContain("Home test: bring the run chart");
  });

  it("lists the person's unread notifications; following one marks it read and goes to its thing", async () => {
    const leadId = userId("lead@example.org");
    const id = server.db
      .insert(notifications)
      .values({
        userId: leadId,
        kind: "ask_answered",
        projectId: otherProject.id,
        title: "Home test: your ask was answered",
        link: `/projects/${otherProject.id}/asks`,
      })
      .returning({ id: notifications.id })
      .get().id;
    const unread = section(await readPage(await lead.get("/")), "home-my-notifications");
    expect(textOf(unread)).toContain("Home test: your ask was answered");
    expect(textOf(unread)).toContain(otherProject.title);
    expect(hrefsIn(unread)).toContain("/notifications");
    expect(textOf(section(await readPage(await viewer.get("/")), "home-my-notifications"))).toContain("Nothing new.");

    const res = await lead.post("/notifications", { intent: "open", id: String(id) });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/projects/${otherProject.id}/asks`);
    expect(textOf(section(await readPage(await lead.get("/")), "home-my-notifications"))).not.toContain("Home test: your ask was answered");
  });
});

describe("the list of all wins", () => {
  it("lists every win with its project", async () => {
    const all = server.db.select({ title: wins.title, projectId: wins.projectId }).from(wins).all();
    expect(all.length, "the demo has wins to list").toBeGreaterThan(0);
    const res = await viewer.get("/wins");
    expect(res.status).toBe(200);
    const page = await readPage(res);
    for (const w of all) {
      expect(page.text).toContain(w.title);
      expect(page.hrefs("main")).toContain(`/projects/${w.projectId}/wins`);
    }
  });
});
