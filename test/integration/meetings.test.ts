import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { auditEvents, boardAssessments, meetingActions, meetingItems, meetings, projects, projectSummaries } from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";
import { userIdOf } from "../helpers/db";
import { suggestAgenda, type AgendaCandidate } from "~/domain/meeting-rules";

let server: TestServer;
let admin: Client;
let board: Client;
let staff: Client;
let viewer: Client;

beforeAll(async () => {
  server = await startTestServer();
  admin = new Client(server.url);
  board = new Client(server.url);
  staff = new Client(server.url);
  viewer = new Client(server.url);
  await Promise.all([
    admin.signIn("admin@example.org"),
    board.signIn("board@example.org"),
    staff.signIn("staff@example.org"),
    viewer.signIn("viewer@example.org"),
  ]);
});
afterAll(async () => {
  await server?.close();
});

const db = () => server.db;
const userId = (email: string) => userIdOf(db(), email);
const meetingRow = (id: number) => db().select().from(meetings).where(eq(meetings.id, id)).get()!;
const itemsOf = (id: number) => db().select().from(meetingItems).where(eq(meetingItems.meetingId, id)).orderBy(asc(meetingItems.position)).all();
const actionsOf = (id: number) => db().select().from(meetingActions).where(eq(meetingActions.meetingId, id)).all();
const assessmentsAt = (id: number) => db().select().from(boardAssessments).where(eq(boardAssessments.meetingId, id)).all();
const auditTotal = () => db().select().from(auditEvents).all().length;
const lastAudit = () => db().select().from(auditEvents).orderBy(desc(auditEvents.id)).get()!;
const itemFor = (meetingId: number, projectId: number) => itemsOf(meetingId).find((i) => i.projectId === projectId)!;
const activeProjects = () =>
  db().select({ id: projects.id, title: projects.title }).from(projects).where(eq(projects.stage, "active")).orderBy(asc(projects.id)).all();

/** Everything a meeting is made of, to check that a refused request changed nothing. */
const stateOf = (id: number) =>
  JSON.stringify({
    meeting: meetingRow(id),
    items: itemsOf(id),
    actions: actionsOf(id),
    assessed: assessmentsAt(id),
    audit: auditTotal(),
  });

async function createMeeting(projectIds: number[], meetingDate = "2026-12-10") {
  const res = await board.post("/meetings/new", {
    title: "Programme board",
    meetingDate,
    attendees: "Blake Board\nCatherine Moore, NED",
    projectIds: projectIds.map(String),
  });
  expect(res.status).toBe(302);
  const id = Number(res.headers.get("location")!.match(/^\/meetings\/(\d+)/)![1]);
  return id;
}
const version = (id: number) => String(meetingRow(id).version);

describe("reading meetings", () => {
  it("lists meetings and shows a meeting and its pack to everyone signed in, with the loop closed", async () => {
    const planned = db().select().from(meetings).where(eq(meetings.state, "planned")).get()!;
    for (const client of [viewer, staff, board]) {
      expect((await client.get("/meetings")).status).toBe(200);
      expect((await client.get(`/meetings/${planned.id}/pack`)).status).toBe(200);
    }
    const page = await readPage(await viewer.get(`/meetings/${planned.id}`));
    expect(page.text).toContain("Closing the loop");
    // The seeded past meeting left two overdue actions, one still open and three done since.
    expect(page.text).toContain("Overdue (2)");
    expect(page.text).toContain("Still open (1)");
    expect(page.text).toContain("Done since the last meeting (3)");
    expect(page.anywhere).not.toContain("Record the board's view and decision");
    const held = db().select().from(meetings).where(eq(meetings.state, "closed")).get()!;
    const record = await readPage(await viewer.get(`/meetings/${held.id}`));
    expect(record.text).toContain("before board views were frozen");
    expect(record.text).toContain("Escalate");
    expect(record.anywhere).not.toContain("Close the meeting");
    expect((await new Client(server.url).get("/meetings")).status).toBe(302);
    expect((await viewer.get("/meetings/999999")).status).toBe(404);
  });
});

describe("who may run meetings", () => {
  it("refuses staff and viewers (403) on every meeting action, and changes nothing", async () => {
    const [p] = activeProjects();
    const id = await createMeeting([p.id]);
    const item = itemsOf(id)[0];
    const before = JSON.stringify({
      meeting: meetingRow(id),
      items: itemsOf(id),
      actions: actionsOf(id),
      assessed: assessmentsAt(id),
    });
    for (const client of [staff, viewer]) {
      expect((await client.get("/meetings/new")).status).toBe(403);
      expect((await client.post("/meetings/new", { title: "Mine", meetingDate: "2026-12-10" })).status).toBe(403);
      const posts: Record<string, string>[] = [
        {
          intent: "review",
          version: version(id),
          itemId: String(item.id),
          rag: "red",
          reason: "x",
          decision: "escalate",
        },
        {
          intent: "add-action",
          version: version(id),
          projectId: String(p.id),
          text: "x",
          ownerUserId: String(userId("staff@example.org")),
          dueOn: "2026-12-20",
        },
        { intent: "add-item", version: version(id), projectId: String(activeProjects()[1].id) },
        { intent: "remove-item", version: version(id), itemId: String(item.id) },
        { intent: "details", version: version(id), title: "Hijacked", meetingDate: "2026-12-11" },
        { intent: "close", version: version(id), confirm: "yes" },
      ];
      for (const form of posts) expect((await client.post(`/meetings/${id}`, form)).status, form.intent).toBe(403);
    }
    expect(
      JSON.stringify({
        meeting: meetingRow(id),
        items: itemsOf(id),
        actions: actionsOf(id),
        assessed: assessmentsAt(id),
      }),
    ).toBe(before);
    expect(lastAudit().action).toBe("auth.permission_denied");
  });
});

describe("planning a meeting", () => {
  it("suggests the agenda from the attention flags, most urgent first, ticking only the few most urgent", async () => {
    const res = await board.get("/meetings/new");
    expect(res.status).toBe(200);
    const page = await readPage(res);
    const expected = suggestAgenda(
      db()
        .select()
        .from(projectSummaries)
        .all()
        .map((s) => ({ ...s, flags: JSON.parse(s.flags) as AgendaCandidate["flags"] })),
      (d) => d,
    );
    const flagged = expected.filter((s) => !s.reason.startsWith("Not"));
    expect(flagged.length).toBeGreaterThan(3);
    const labels = page.textsOf("label");
    const positions = flagged.slice(0, 3).map((s) => labels.indexOf(s.title));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(page.text).toContain(flagged[0].reason.split("; ")[0]);
    const ticked = page.checkedValues("projectIds");
    expect(ticked).toEqual(expected.filter((s) => s.preselected).map((s) => String(s.projectId)));
    expect(ticked.length).toBeGreaterThan(0);
    expect(ticked.length).toBeLessThanOrEqual(3);
  });

  it("creates the meeting with the chosen projects in the suggested order, with their reasons, and audits it", async () => {
    const flagged = db()
      .select()
      .from(projectSummaries)
      .orderBy(desc(projectSummaries.flagCount), asc(projectSummaries.title))
      .all()
      .filter((s) => s.flagCount > 0);
    const chosen = [flagged[2].projectId, flagged[0].projectId];
    const res = await board.post("/meetings/new", {
      title: "December board",
      meetingDate: "2026-12-10",
      attendees: "Catherine Moore; Dr Priya Raman",
      attendeeIds: [String(userId("board@example.org"))],
      projectIds: chosen.map(String),
    });
    expect(res.status).toBe(302);
    const id = Number(res.headers.get("location")!.match(/\/meetings\/(\d+)/)![1]);
    const row = meetingRow(id);
    expect(row).toMatchObject({ title: "December board", meetingDate: "2026-12-10", state: "planned", snapshot: null });
    expect(row.attendees).toContain("Catherine Moore; Dr Priya Raman; ");
    const items = itemsOf(id);
    expect(items.map((i) => i.projectId)).toEqual([flagged[0].projectId, flagged[2].projectId]);
    expect(items[0].reasonSuggested).toContain((JSON.parse(flagged[0].flags) as { reason: string }[])[0].reason);
    expect(lastAudit()).toMatchObject({ action: "meeting.created", entityId: id });
  });

  it("refuses a meeting without a date, or with an unknown project, and saves nothing", async () => {
    const count = db().select().from(meetings).all().length;
    const audits = auditTotal();
    const noDate = await board.post("/meetings/new", { title: "Board", meetingDate: "" });
    expect(noDate.status).toBe(400);
    expect((await readPage(noDate)).text).toContain("Enter the date of the meeting");
    const badDate = await board.post("/meetings/new", { title: "Board", meetingDate: "2026-02-30" });
    expect(badDate.status).toBe(400);
    const unknown = await board.post("/meetings/new", {
      title: "Board kept",
      meetingDate: "2026-12-10",
      projectIds: ["987654"],
    });
    expect(unknown.status).toBe(400);
    const page = await readPage(unknown);
    expect(page.text).toContain("Choose projects from the list");
    expect(page.fieldValue("title")).toBe("Board kept"); // the input is kept
    expect(db().select().from(meetings).all().length).toBe(count);
    expect(auditTotal()).toBe(audits);
  });
});

describe("the agenda before the meeting", () => {
  it("adds, reorders and removes projects, each audited; bad moves and duplicates are 400s", async () => {
    const [a, b, c] = activeProjects();
    const id = await createMeeting([a.id, b.id]);
    // Suggested projects come first, so the starting order depends on the demo's flags.
    const [x, y] = itemsOf(id).map((i) => i.projectId);
    const add = await board.post(`/meetings/${id}`, {
      intent: "add-item",
      version: version(id),
      projectId: String(c.id),
    });
    expect(add.status).toBe(302);
    expect(itemsOf(id).map((i) => i.projectId)).toEqual([x, y, c.id]);
    expect(lastAudit()).toMatchObject({ action: "meeting.agenda_changed", projectId: c.id });

    let before = stateOf(id);
    const dup = await board.post(`/meetings/${id}`, {
      intent: "add-item",
      version: version(id),
      projectId: String(a.id),
    });
    expect(dup.status).toBe(400);
    expect((await readPage(dup)).text).toContain(`${a.title} is already on the agenda`);
    void b;
    expect(stateOf(id)).toBe(before);

    const cItem = itemsOf(id)[2];
    expect(
      (
        await board.post(`/meetings/${id}`, {
          intent: "move-item",
          version: version(id),
          itemId: String(cItem.id),
          direction: "up",
        })
      ).status,
    ).toBe(302);
    expect(itemsOf(id).map((i) => i.projectId)).toEqual([x, c.id, y]);

    const first = itemsOf(id)[0];
    before = stateOf(id);
    const up = await board.post(`/meetings/${id}`, {
      intent: "move-item",
      version: version(id),
      itemId: String(first.id),
      direction: "up",
    });
    expect(up.status).toBe(400);
    expect((await readPage(up)).text).toContain("is already first on the agenda");
    expect(stateOf(id)).toBe(before);

    expect((await board.post(`/meetings/${id}`, { intent: "remove-item", version: version(id), itemId: String(first.id) })).status).toBe(302);
    expect(itemsOf(id).map((i) => [i.projectId, i.position])).toEqual([
      [c.id, 1],
      [y, 2],
    ]);

    const other = await createMeeting([a.id]);
    const foreign = itemsOf(other)[0];
    expect((await board.post(`/meetings/${id}`, { intent: "remove-item", version: version(id), itemId: String(foreign.id) })).status).toBe(404);
  });

  it("answers 409 to a stale version and changes nothing", async () => {
    const [a, b] = activeProjects();
    const id = await createMeeting([a.id]);
    const stale = version(id);
    await admin.post(`/meetings/${id}`, { intent: "add-item", version: stale, projectId: String(b.id) });
    const before = stateOf(id);
    const item = itemsOf(id)[0];
    const res = await board.post(`/meetings/${id}`, {
      intent: "review",
      version: stale,
      itemId: String(item.id),
      decision: "continue",
      notes: "Notes typed before the conflict",
    });
    expect(res.status).toBe(409);
    const page = await readPage(res);
    expect(page.text).toContain("This meeting was changed by Alex Admin");
    expect(page.fieldValue("notes")).toBe("Notes typed before the conflict"); // the user's input is kept
    const details = await board.post(`/meetings/${id}`, {
      intent: "details",
      version: stale,
      title: "Renamed",
      meetingDate: "2026-12-10",
    });
    expect(details.status).toBe(409);
    expect((await readPage(details)).text).toContain("Someone else changed this");
    expect(stateOf(id)).toBe(before);
  });
});

describe("reviewing a project at the meeting", () => {
  it("records the board's assessment with the meeting, and the decision, both audited", async () => {
    const [a] = activeProjects();
    const id = await createMeeting([a.id]);
    const item = itemsOf(id)[0];
    const res = await board.post(`/meetings/${id}`, {
      intent: "review",
      version: version(id),
      itemId: String(item.id),
      rag: "amber",
      reason: "Two milestones slipped; data is improving.",
      decision: "support",
      notes: "Medical Director to meet the team.",
    });
    expect(res.status).toBe(302);
    expect(assessmentsAt(id)).toMatchObject([{ projectId: a.id, rag: "amber", reason: "Two milestones slipped; data is improving." }]);
    expect(itemsOf(id)[0]).toMatchObject({ decision: "support", notes: "Medical Director to meet the team." });
    const audits = db().select().from(auditEvents).where(eq(auditEvents.projectId, a.id)).orderBy(desc(auditEvents.id)).limit(2).all();
    expect(audits.map((e) => e.action).sort()).toEqual(["board.assessed", "meeting.decision_recorded"]);
    // The board's summary now reflects the assessment.
    await board.get("/board");
    expect(db().select().from(projectSummaries).where(eq(projectSummaries.projectId, a.id)).get()!.boardRag).toBe("amber");
  });

  it("refuses a decision not in the list, a RAG without a reason, and changes nothing", async () => {
    const [a] = activeProjects();
    const id = await createMeeting([a.id]);
    const item = itemsOf(id)[0];
    const before = stateOf(id);
    const bad = await board.post(`/meetings/${id}`, {
      intent: "review",
      version: version(id),
      itemId: String(item.id),
      decision: "postpone",
    });
    expect(bad.status).toBe(400);
    expect((await readPage(bad)).text).toContain("Choose the board's decision");
    const noReason = await board.post(`/meetings/${id}`, {
      intent: "review",
      version: version(id),
      itemId: String(item.id),
      rag: "red",
      decision: "escalate",
    });
    expect(noReason.status).toBe(400);
    expect((await readPage(noReason)).text).toContain("Give the reason for the board's rating");
    const badRag = await board.post(`/meetings/${id}`, {
      intent: "review",
      version: version(id),
      itemId: String(item.id),
      rag: "purple",
      reason: "x",
      decision: "escalate",
    });
    expect(badRag.status).toBe(400);
    expect(stateOf(id)).toBe(before);
  });
});

describe("actions", () => {
  it("refuses an action without an owner, without a due date, or due before the meeting; saves a good one", async () => {
    const [a] = activeProjects();
    const id = await createMeeting([a.id], "2026-12-10");
    const staffId = String(userId("staff@example.org"));
    const base = { intent: "add-action", projectId: String(a.id), text: "Bring the revised plan." };
    const before = stateOf(id);
    const cases: [Record<string, string>, string][] = [
      [{ ...base, version: version(id), dueOn: "2026-12-20" }, "Choose who owns the action"],
      [{ ...base, version: version(id), ownerUserId: staffId }, "Enter the date the action is due"],
      [{ ...base, version: version(id), ownerUserId: staffId, dueOn: "2026-12-01" }, "The due date must be on or after the meeting (10 Dec 2026)"],
      [{ ...base, version: version(id), ownerUserId: "987654", dueOn: "2026-12-20" }, "Choose who owns the action"],
      [{ ...base, version: version(id), ownerUserId: staffId, dueOn: "2026-12-20", text: "" }, "Enter the action"],
    ];
    for (const [form, message] of cases) {
      const res = await board.post(`/meetings/${id}`, form);
      expect(res.status, message).toBe(400);
      expect((await readPage(res)).text).toContain(message);
    }
    const notOnAgenda = await board.post(`/meetings/${id}`, {
      ...base,
      projectId: String(activeProjects()[1].id),
      version: version(id),
      ownerUserId: staffId,
      dueOn: "2026-12-20",
    });
    expect(notOnAgenda.status).toBe(400);
    expect(stateOf(id)).toBe(before);

    const ok = await board.post(`/meetings/${id}`, {
      ...base,
      version: version(id),
      ownerUserId: staffId,
      dueOn: "2026-12-20",
    });
    expect(ok.status).toBe(302);
    expect(actionsOf(id)).toMatchObject([
      {
        projectId: a.id,
        text: "Bring the revised plan.",
        ownerUserId: Number(staffId),
        dueOn: "2026-12-20",
        completedOn: null,
      },
    ]);
    expect(lastAudit()).toMatchObject({ action: "action.created", projectId: a.id });
  });

  it("shows each person their open actions; the owner, board or admin marks one done; done twice is a 400", async () => {
    const [a] = activeProjects();
    const id = await createMeeting([a.id], "2026-11-20");
    const staffId = userId("staff@example.org");
    const viewerId = userId("viewer@example.org");
    for (const [owner, text] of [
      [staffId, "Staff's own action"],
      [viewerId, "Viewer's action"],
    ] as const) {
      expect(
        (
          await board.post(`/meetings/${id}`, {
            intent: "add-action",
            version: version(id),
            text,
            ownerUserId: String(owner),
            dueOn: "2026-11-24",
          })
        ).status,
      ).toBe(302);
    }
    const [mine, theirs] = actionsOf(id).sort((x, y) => x.id - y.id);
    const list = await readPage(await staff.get("/actions"));
    expect(list.text).toContain("Staff's own action");
    expect(list.anywhere).not.toContain("Viewer's action");
    expect(list.text).toContain("Overdue");

    // staff may not complete someone else's action
    const refused = await staff.post("/actions", {
      intent: "complete",
      actionId: String(theirs.id),
      actionVersion: String(theirs.version),
    });
    expect(refused.status).toBe(403);
    expect(actionsOf(id).find((x) => x.id === theirs.id)!.completedOn).toBeNull();

    const stale = await staff.post("/actions", {
      intent: "complete",
      actionId: String(mine.id),
      actionVersion: String(mine.version + 5),
    });
    expect(stale.status).toBe(409);
    expect(actionsOf(id).find((x) => x.id === mine.id)!.completedOn).toBeNull();

    const done = await staff.post("/actions", {
      intent: "complete",
      actionId: String(mine.id),
      actionVersion: String(mine.version),
    });
    expect(done.status).toBe(302);
    expect(actionsOf(id).find((x) => x.id === mine.id)).toMatchObject({
      completedOn: "2026-11-26",
      version: mine.version + 1,
    });
    expect(lastAudit()).toMatchObject({ action: "action.completed", entityId: mine.id });
    expect((await readPage(await staff.get("/actions"))).anywhere).not.toContain("Staff's own action");

    const audits = auditTotal();
    const again = await staff.post("/actions", {
      intent: "complete",
      actionId: String(mine.id),
      actionVersion: String(mine.version + 1),
    });
    expect(again.status).toBe(400);
    expect((await readPage(again)).text).toContain("This action was already marked done on 26 Nov 2026");
    expect(auditTotal()).toBe(audits);

    // a board member completes the viewer's action from the meeting page
    expect(
      (
        await board.post(`/meetings/${id}`, {
          intent: "complete",
          actionId: String(theirs.id),
          actionVersion: String(theirs.version),
        })
      ).status,
    ).toBe(302);
    expect(actionsOf(id).find((x) => x.id === theirs.id)!.completedOn).toBe("2026-11-26");
  });
});

describe("closing a meeting", () => {
  it("refuses before the meeting's date and while an item has no decision, naming each, and changes nothing", async () => {
    const [a, b] = activeProjects();
    const id = await createMeeting([a.id, b.id], "2026-11-30");
    const itemA = itemFor(id, a.id);
    const itemB = itemFor(id, b.id);
    const before = stateOf(id);
    const early = await board.post(`/meetings/${id}`, { intent: "close", version: version(id), confirm: "yes" });
    expect(early.status).toBe(400);
    const page = await readPage(early);
    expect(page.text).toContain("This meeting can't be closed yet");
    expect(page.text).toContain("The meeting is on 30 Nov 2026: it can be closed from that day");
    expect(page.text).toContain(`${a.title} has no decision: record the board's decision, or defer it with a reason`);
    const summaryLinks = page.hrefs(".nhsuk-error-summary");
    expect(summaryLinks).toEqual(expect.arrayContaining([`#item-${itemA.id}`, `#item-${itemB.id}`, "#close-title"]));
    expect(page.find(`#item-${itemA.id}`)).not.toBeNull();
    expect(stateOf(id)).toBe(before);

    // On the day, with one item decided and the other deferred without a reason: still refused.
    expect((await board.post(`/meetings/${id}`, { intent: "details", version: version(id), title: "Programme board", meetingDate: "2026-11-26" })).status).toBe(
      302,
    );
    expect((await board.post(`/meetings/${id}`, { intent: "review", version: version(id), itemId: String(itemA.id), decision: "continue" })).status).toBe(302);
    const noReason = await board.post(`/meetings/${id}`, { intent: "review", version: version(id), itemId: String(itemB.id), decision: "defer" });
    expect(noReason.status).toBe(400);
    expect((await readPage(noReason)).text).toContain("Give the reason for deferring in the notes");
    const stillOpen = stateOf(id);
    const undecided = await board.post(`/meetings/${id}`, { intent: "close", version: version(id), confirm: "yes" });
    expect(undecided.status).toBe(400);
    const refused = await readPage(undecided);
    expect(refused.text).toContain(`${b.title} has no decision`);
    expect(refused.text).not.toContain(`${a.title} has no decision`);
    expect(refused.text).not.toContain("The meeting is on");
    expect(stateOf(id)).toBe(stillOpen);
    expect(meetingRow(id).state).toBe("planned");

    // Deferred with its reason: the meeting closes.
    const deferred = await board.post(`/meetings/${id}`, {
      intent: "review",
      version: version(id),
      itemId: String(itemB.id),
      decision: "defer",
      notes: "Time ran out; first item next month",
    });
    expect(deferred.status).toBe(302);
    expect((await board.post(`/meetings/${id}`, { intent: "close", version: version(id), confirm: "yes" })).status).toBe(302);
    expect(meetingRow(id).state).toBe("closed");
    const closed = JSON.parse(meetingRow(id).snapshot!);
    expect(closed.agenda.map((i: { decision: string }) => i.decision).sort()).toEqual(["continue", "defer"]);
    expect((await readPage(await viewer.get(`/meetings/${id}`))).text).toContain("Defer to a later meeting");
  });

  it("needs confirming, then freezes the board view with the decisions; the closed meeting refuses every edit", async () => {
    const [a, b] = activeProjects();
    const id = await createMeeting([a.id, b.id], "2026-11-26");
    const itemA = itemFor(id, a.id);
    expect(
      (
        await board.post(`/meetings/${id}`, {
          intent: "review",
          version: version(id),
          itemId: String(itemFor(id, b.id).id),
          decision: "defer",
          notes: "Not reached",
        })
      ).status,
    ).toBe(302);
    const review = await board.post(`/meetings/${id}`, {
      intent: "review",
      version: version(id),
      itemId: String(itemA.id),
      rag: "red",
      reason: "Frozen reason for the snapshot",
      decision: "escalate",
    });
    expect(review.status).toBe(302);
    const action = await board.post(`/meetings/${id}`, {
      intent: "add-action",
      version: version(id),
      projectId: String(a.id),
      text: "Escalate to the executive team",
      ownerUserId: String(userId("board@example.org")),
      dueOn: "2027-01-10",
    });
    expect(action.status).toBe(302);

    const before = stateOf(id);
    const unconfirmed = await board.post(`/meetings/${id}`, { intent: "close", version: version(id) });
    expect(unconfirmed.status).toBe(400);
    expect((await readPage(unconfirmed)).text).toContain("Confirm that the board has finished this meeting");
    expect(stateOf(id)).toBe(before);

    expect((await board.post(`/meetings/${id}`, { intent: "close", version: version(id), confirm: "yes" })).status).toBe(302);
    const row = meetingRow(id);
    expect(row.state).toBe("closed");
    expect(row.closedAt).not.toBeNull();
    const snapshot = JSON.parse(row.snapshot!);
    expect(snapshot.board.rows.length).toBe(db().select().from(projects).all().length);
    expect(snapshot.board.rows.some((r: { flags: unknown[] }) => r.flags.length > 0)).toBe(true);
    expect(snapshot.board.rollup.byStage.length).toBeGreaterThan(0);
    expect(snapshot.board.rows.find((r: { projectId: number }) => r.projectId === a.id).boardRag).toBe("red");
    expect(snapshot.agenda.find((i: { projectId: number }) => i.projectId === a.id)).toMatchObject({
      decision: "escalate",
      assessment: { rag: "red", reason: "Frozen reason for the snapshot" },
    });
    expect(snapshot.actions).toHaveLength(1);
    expect(snapshot.board.pack.map((p: { projectId: number }) => p.projectId)).toEqual(itemsOf(id).map((i) => i.projectId));
    expect(snapshot.board.pack.map((p: { projectId: number }) => p.projectId).sort()).toEqual([a.id, b.id].sort());
    expect(lastAudit()).toMatchObject({ action: "meeting.closed", entityId: id });

    const closed = stateOf(id);
    const itemB = itemFor(id, b.id);
    const edits: Record<string, string>[] = [
      { intent: "review", version: version(id), itemId: String(itemB.id), decision: "continue" },
      {
        intent: "add-action",
        version: version(id),
        text: "Late",
        ownerUserId: String(userId("board@example.org")),
        dueOn: "2027-01-10",
      },
      { intent: "add-item", version: version(id), projectId: String(activeProjects()[2].id) },
      { intent: "remove-item", version: version(id), itemId: String(itemB.id) },
      { intent: "move-item", version: version(id), itemId: String(itemB.id), direction: "up" },
      { intent: "details", version: version(id), title: "Renamed", meetingDate: "2026-12-10" },
      { intent: "close", version: version(id), confirm: "yes" },
    ];
    for (const form of edits) {
      const res = await admin.post(`/meetings/${id}`, form);
      expect(res.status, form.intent).toBe(400);
      expect((await readPage(res)).text).toContain("This meeting is closed");
    }
    expect(stateOf(id)).toBe(closed);
  });

  it("shows the frozen view after the live data changes", async () => {
    const [a] = activeProjects();
    const id = await createMeeting([a.id], "2026-11-20");
    const [item] = itemsOf(id);
    await board.post(`/meetings/${id}`, {
      intent: "review",
      version: version(id),
      itemId: String(item.id),
      rag: "amber",
      reason: "The view the board took then",
      decision: "support",
    });
    expect((await board.post(`/meetings/${id}`, { intent: "close", version: version(id), confirm: "yes" })).status).toBe(302);
    const after = await board.post(`/board/assess/${a.id}`, {
      rag: "green",
      reason: "A later view, after the meeting",
    });
    expect(after.status).toBe(302);
    // In the board's data: the board table itself shows no reasons.
    expect((await readPage(await board.get("/board"))).anywhere).toContain("A later view, after the meeting");
    for (const path of [`/meetings/${id}`, `/meetings/${id}/pack`]) {
      const page = await readPage(await viewer.get(path));
      expect(page.text, path).toContain("The view the board took then");
      expect(page.anywhere, path).not.toContain("A later view, after the meeting");
    }
  });
});

describe("listOpenActionsFor", () => {
  it("lists only a person's actions that are not done, soonest first", async () => {
    const { listOpenActionsFor } = await import("../../app/models/action.server");
    const helenActions = db()
      .select()
      .from(meetingActions)
      .where(and(isNull(meetingActions.completedOn)))
      .all();
    const owner = helenActions[0].ownerUserId;
    const rows = listOpenActionsFor(db() as never, owner);
    expect(rows.length).toBe(helenActions.filter((r) => r.ownerUserId === owner).length);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.completedOn === null && r.ownerUserId === owner)).toBe(true);
    expect([...rows.map((r) => r.dueOn)].sort()).toEqual(rows.map((r) => r.dueOn));
  });
});
