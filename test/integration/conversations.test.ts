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

  it("a theme is corrected, moved to a priority by the board, removed after a confirmation, and a stale form is a 409", async () => {
    const staffId = userIdOf(server.db, "staff@example.org");
    const eventId = idFrom(await board.post("/conversations", event(staffId, { site: "Theme Ward" })));
    expect((await staff.post(`/conversations/${eventId}`, { intent: "add-theme", text: "Rotas come out late", mentions: "" })).status).toBe(302);
    const themeId = count("select id n from conversation_themes where text = 'Rotas come out late'");
    const themePath = `/conversations/${eventId}/themes/${themeId}`;
    const theme = () =>
      server.db.$client
        .prepare("select text, mentions, priority_id, version, deleted_at is not null as gone from conversation_themes where id = ?")
        .get(themeId);

    // The event page links to each theme's page for those who may change it, and not for a viewer.
    expect((await readPage(await staff.get(`/conversations/${eventId}`))).hrefs()).toContain(themePath);
    expect((await readPage(await viewer.get(`/conversations/${eventId}`))).hrefs()).not.toContain(themePath);
    expect((await viewer.get(themePath)).status).toBe(403);
    expect((await viewer.post(themePath, { intent: "remove-theme", version: "1" })).status).toBe(403);

    // The facilitator corrects the wording; their form has no priority to choose.
    const staffForm = await readPage(await staff.get(themePath));
    expect(staffForm.fieldValue("text")).toBe("Rotas come out late");
    expect(staffForm.text).not.toContain("Not part of a priority");
    const bad = await staff.post(themePath, { intent: "edit-theme", version: "1", text: "", mentions: "lots" });
    expect(bad.status).toBe(400);
    expect((await readPage(bad)).errorSummary()).toEqual(["Enter the theme", "Enter how many times it was mentioned, as a number, or leave it empty"]);
    expect(theme()).toMatchObject({ text: "Rotas come out late", version: 1 });
    expect((await staff.post(themePath, { intent: "edit-theme", version: "1", text: "Rotas come out too late to plan", mentions: "7" })).status).toBe(302);
    expect(theme()).toMatchObject({ text: "Rotas come out too late to plan", mentions: 7, priority_id: null, version: 2 });
    const audit = server.db.$client
      .prepare("select action, summary from audit_events where entity_type = 'conversation_theme' and entity_id = ? order by id")
      .all(themeId);
    expect(audit.at(-1)).toMatchObject({ action: "conversation.theme_updated" });

    // A stale form is a conflict that names what changed, and saves nothing.
    const stale = await board.post(themePath, { intent: "edit-theme", version: "1", text: "Rotas", mentions: "7", priorityId: "none" });
    expect(stale.status).toBe(409);
    expect((await readPage(stale)).conflict()?.fields.map((f) => f.field)).toEqual(["Theme"]);
    expect(theme()).toMatchObject({ text: "Rotas come out too late to plan", version: 2 });

    // Staff may not move it into a priority (even by forging the field); the board may.
    const priorityId = count("select id n from conversation_priorities order by id");
    expect(
      (
        await staff.post(themePath, {
          intent: "edit-theme",
          version: "2",
          text: "Rotas come out too late to plan",
          mentions: "7",
          priorityId: String(priorityId),
        })
      ).status,
    ).toBe(403);
    const unknown = await board.post(themePath, {
      intent: "edit-theme",
      version: "2",
      text: "Rotas come out too late to plan",
      mentions: "7",
      priorityId: "99999",
    });
    expect(unknown.status).toBe(400);
    expect((await readPage(unknown)).errorSummary()).toEqual(["Choose a priority from the list"]);
    expect(
      (
        await board.post(themePath, {
          intent: "edit-theme",
          version: "2",
          text: "Rotas come out too late to plan",
          mentions: "7",
          priorityId: String(priorityId),
        })
      ).status,
    ).toBe(302);
    expect(theme()).toMatchObject({ priority_id: priorityId, version: 3 });

    // Removing asks first, says what it leaves, and keeps the row; a grouped theme is the board's to remove.
    const confirm = await readPage(await board.get(`${themePath}?remove=1`));
    expect(confirm.text).toContain('Remove "Rotas come out too late to plan"?');
    expect(confirm.text).toContain("It is part of the priority");
    expect((await staff.post(themePath, { intent: "remove-theme", version: "3" })).status).toBe(403);
    expect((await board.post(themePath, { intent: "remove-theme", version: "2" })).status).toBe(409);
    expect(theme()).toMatchObject({ gone: 0 });
    const removed = await board.post(themePath, { intent: "remove-theme", version: "3" });
    expect(removed.status).toBe(302);
    expect(removed.headers.get("location")).toBe(`/conversations/${eventId}?done=theme-removed#themes`);
    expect(theme()).toMatchObject({ gone: 1 });
    expect((await board.get(themePath)).status).toBe(404);
    expect((await readPage(await board.get(`/conversations/${eventId}`))).text).toContain("No themes recorded yet.");
    expect(
      server.db.$client.prepare("select action from audit_events where entity_type = 'conversation_theme' and entity_id = ? order by id desc").get(themeId),
    ).toEqual({
      action: "conversation.theme_removed",
    });
  });

  it("the last theme behind a priority on You said, we did stays: removing it is refused with a reason, nothing changes", async () => {
    const staffId = userIdOf(server.db, "staff@example.org");
    const eventId = idFrom(await board.post("/conversations", event(staffId, { site: "Poster Ward" })));
    await staff.post(`/conversations/${eventId}`, { intent: "add-theme", text: "No quiet room for breaks", mentions: "" });
    const themeId = count("select id n from conversation_themes where text = 'No quiet room for breaks'");
    await board.post("/conversations/priorities", {
      intent: "new-priority",
      title: "Rest at work",
      description: "",
      ownerUserId: String(userIdOf(server.db, "admin@example.org")),
      assurance: "none",
      themeIds: String(themeId),
    });
    const priorityId = count("select id n from conversation_priorities where title = 'Rest at work'");
    await board.post("/conversations/priorities", {
      intent: "add-action",
      priorityId: String(priorityId),
      text: "A quiet room on every floor",
      ownerUserId: String(staffId),
      "dueOn.day": "31",
      "dueOn.month": "12",
      "dueOn.year": "2026",
    });
    const action = server.db.$client.prepare("select id, version from meeting_actions where priority_id = ?").get(priorityId) as {
      id: number;
      version: number;
    };
    expect(
      (await staff.post("/conversations/priorities", { intent: "complete", actionId: String(action.id), actionVersion: String(action.version) })).status,
    ).toBe(302);
    const themePath = `/conversations/${eventId}/themes/${themeId}`;
    const edit = await readPage(await board.get(themePath));
    expect(edit.text).toContain("staff read this wording on You said, we did");
    const confirm = await readPage(await board.get(`${themePath}?remove=1`));
    expect(confirm.text).toContain("will no longer list this theme under what staff said");
    const audits = count("select count(*) n from audit_events");
    const refused = await board.post(themePath, { intent: "remove-theme", version: "1" });
    expect(refused.status).toBe(400);
    expect((await readPage(refused)).text).toContain('This is the only theme behind "Rest at work"');
    expect(count("select count(*) n from conversation_themes where id = ? and deleted_at is null", themeId)).toBe(1);
    expect(count("select count(*) n from audit_events")).toBe(audits);
    expect((await readPage(await viewer.get("/conversations/you-said-we-did"))).text).toContain("No quiet room for breaks");
  });
});
