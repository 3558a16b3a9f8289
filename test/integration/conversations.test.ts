// Big Conversations over HTTP without JavaScript: log an event, record themes, group them into a
// priority, plan an action with its owner and due date, close it and see it on "You said, we did".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";
import { userIdOf } from "../helpers/db";

let server: TestServer;
let board: Client;
let staff: Client;
let viewer: Client;

beforeAll(async () => {
  server = await startTestServer();
  board = new Client(server.url);
  staff = new Client(server.url);
  viewer = new Client(server.url);
  await Promise.all([board.signIn("board@example.org"), staff.signIn("staff@example.org"), viewer.signIn("viewer@example.org")]);
});
afterAll(async () => {
  await server?.close();
});

const count = (sql: string, ...args: unknown[]) => (server.db.$client.prepare(sql).get(...args) as { n: number }).n;
const idFrom = (res: Response) => Number(/\/conversations\/(\d+)/.exec(res.headers.get("location") ?? "")?.[1]);

const event = (facilitator: number, overrides: Record<string, string> = {}) => ({
  "heldOn.day": "3",
  "heldOn.month": "11",
  "heldOn.year": "2026",
  site: "Mayflower Ward",
  staffGroup: "Healthcare assistants",
  facilitatorUserId: String(facilitator),
  attendance: "18",
  notes: "",
  ...overrides,
});

describe("Big Conversations", () => {
  it("the demo's events are listed newest first, and its priorities are on the board with their assurance", async () => {
    const page = await readPage(await viewer.get("/conversations"));
    const rows = page.tableRows();
    expect(rows.length).toBeGreaterThan(2);
    expect(page.text).not.toContain("Log a listening event");
    const boardPage = await readPage(await viewer.get("/board"));
    expect(boardPage.text).toContain("Big Conversation priorities");
    expect(boardPage.text).toContain("Fix day-to-day frustrations");
    const priorities = await readPage(await viewer.get("/conversations/priorities"));
    expect(priorities.text).toContain("Partly assured: hit and miss");
    expect(priorities.text).toContain("Computers take too long to log in");
  });

  it("explains what to fix in an event and saves nothing", async () => {
    const before = count("select count(*) n from conversation_events");
    const res = await board.post("/conversations", event(userIdOf(server.db, "staff@example.org"), { attendance: "lots", site: "", "heldOn.year": "" }));
    expect(res.status).toBe(400);
    const page = await readPage(res);
    expect(page.errorSummary()).toEqual(["Date of the event must include a year", "Enter the site", "Enter the number of people who attended, for example 24"]);
    expect(count("select count(*) n from conversation_events")).toBe(before);
  });

  it("runs the flow: event → themes → priority → action → done → You said, we did", async () => {
    const staffId = userIdOf(server.db, "staff@example.org");
    const logged = await board.post("/conversations", event(staffId));
    expect(logged.status).toBe(302);
    const eventId = idFrom(logged);
    const eventPage = await readPage(await board.get(`/conversations/${eventId}`));
    expect(eventPage.summaryList()).toMatchObject({ Date: "3 Nov 2026", Site: "Mayflower Ward", Attendance: "18" });

    // The facilitator (ordinary staff) records a theme; a viewer may not.
    expect((await staff.post(`/conversations/${eventId}`, { intent: "add-theme", text: "Hoists are never where we need them", mentions: "6" })).status).toBe(
      302,
    );
    expect((await viewer.post(`/conversations/${eventId}`, { intent: "add-theme", text: "Other" })).status).toBe(403);
    const themeId = count("select id n from conversation_themes where text = 'Hoists are never where we need them'");

    const created = await board.post("/conversations/priorities", {
      intent: "new-priority",
      title: "Equipment where it is needed",
      description: "",
      ownerUserId: String(userIdOf(server.db, "admin@example.org")),
      assurance: "consistent_fail",
      themeIds: String(themeId),
    });
    expect(created.status).toBe(302);
    const priorityId = count("select id n from conversation_priorities where title = 'Equipment where it is needed'");

    const added = await board.post("/conversations/priorities", {
      intent: "add-action",
      priorityId: String(priorityId),
      text: "A hoist on every bay",
      ownerUserId: String(staffId),
      "dueOn.day": "31",
      "dueOn.month": "12",
      "dueOn.year": "2026",
    });
    expect(added.status).toBe(302);
    const action = server.db.$client.prepare("select id, version, meeting_id, due_on from meeting_actions where priority_id = ?").get(priorityId) as {
      id: number;
      version: number;
      meeting_id: number | null;
      due_on: string;
    };
    expect(action).toMatchObject({ meeting_id: null, due_on: "2026-12-31" });
    // It is the owner's board action.
    const mine = await readPage(await staff.get("/actions"));
    expect(mine.text).toContain("A hoist on every bay");
    expect(mine.text).toContain("Big Conversation: Equipment where it is needed");

    const board1 = await readPage(await viewer.get("/conversations/priorities"));
    expect(board1.text).toContain("Not assured: consistently failing");
    expect(board1.text).toContain("1 open, 0 overdue, 0 closed");

    const done = await staff.post("/conversations/priorities", { intent: "complete", actionId: String(action.id), actionVersion: String(action.version) });
    expect(done.status).toBe(302);
    const poster = await readPage(await viewer.get("/conversations/you-said-we-did"));
    expect(poster.text).toContain("Hoists are never where we need them");
    expect(poster.text).toContain("A hoist on every bay");
  });

  it("refuses writes from people who may not make them, changing nothing", async () => {
    const before = count("select count(*) n from conversation_events") + count("select count(*) n from conversation_priorities");
    expect((await staff.post("/conversations", event(userIdOf(server.db, "staff@example.org")))).status).toBe(403);
    expect((await viewer.post("/conversations/priorities", { intent: "new-priority", title: "X", ownerUserId: "1", assurance: "none" })).status).toBe(403);
    expect(count("select count(*) n from conversation_events") + count("select count(*) n from conversation_priorities")).toBe(before);
  });

  it("an edit from a stale page is a 409, and removing asks first and keeps the row", async () => {
    const staffId = userIdOf(server.db, "staff@example.org");
    const eventId = idFrom(await board.post("/conversations", event(staffId, { site: "Stale Ward" })));
    const edit = { intent: "edit", version: "1", ...event(staffId, { site: "Stale Ward", attendance: "20" }) };
    expect((await board.post(`/conversations/${eventId}`, edit)).status).toBe(302);
    const stale = await board.post(`/conversations/${eventId}`, { ...edit, attendance: "25" });
    expect(stale.status).toBe(409);
    expect((await readPage(stale)).conflict()?.fields.map((f) => f.field)).toEqual(["Attendance"]);
    const confirm = await readPage(await board.get(`/conversations/${eventId}?remove=1`));
    expect(confirm.text).toContain("Remove the event at Stale Ward");
    expect((await board.post(`/conversations/${eventId}`, { intent: "remove", version: "2" })).status).toBe(302);
    expect(count("select count(*) n from conversation_events where id = ? and deleted_at is not null", eventId)).toBe(1);
    expect((await board.get(`/conversations/${eventId}`)).status).toBe(404);
  });
});
