import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, isNull, notInArray } from "drizzle-orm";
import { asks, auditEvents, projectTeam } from "../../db/schema";
import Papa from "papaparse";
import { projects } from "../../db/schema";
import { readPage, rowsOf } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";
import { userIdOf } from "../helpers/db";

let server: TestServer;
let lead: Client;
let board: Client;
let staff: Client;
let admin: Client;
let viewer: Client;
let projectId: number; // a project lead@ is on
let otherProjectId: number; // a project lead@ is not on

beforeAll(async () => {
  server = await startTestServer();
  [lead, board, staff, admin, viewer] = await Promise.all(
    ["lead", "board", "staff", "admin", "viewer"].map(async (name) => {
      const client = new Client(server.url);
      await client.signIn(`${name}@example.org`);
      return client;
    }),
  );
  const teams = server.db
    .select({ projectId: projectTeam.projectId })
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, userId("lead@example.org")), isNull(projectTeam.endedAt)))
    .all()
    .map((r) => r.projectId);
  projectId = teams[0];
  otherProjectId = server.db.select({ projectId: projectTeam.projectId }).from(projectTeam).where(notInArray(projectTeam.projectId, teams)).get()!.projectId;
});
afterAll(async () => {
  await server?.close();
});

const userId = (email: string) => userIdOf(server.db, email);
const askRow = (id: number) => server.db.select().from(asks).where(eq(asks.id, id)).get()!;
const askCount = () => server.db.select().from(asks).all().length;
const auditOf = (id: number) =>
  server.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "ask"), eq(auditEvents.entityId, id)))
    .orderBy(desc(auditEvents.id))
    .all();
const asksPath = (p = projectId) => `/projects/${p}/asks`;

async function raise(form: Record<string, string>, client = lead, p = projectId) {
  const res = await client.post(asksPath(p), { intent: "raise", ...form });
  expect(res.status).toBe(302);
  return Number(new URL(res.headers.get("location")!, server.url).searchParams.get("raised"));
}
const raiseToBoard = (what = "Fund a band 6 nurse for two sessions a week.") => raise({ what, addressee: "board" });
const raiseToStaff = (what = "Share the Ward 7 tally sheet with the ED.") =>
  raise({ what, addressee: "person", addresseeUserId: String(userId("staff@example.org")) });

function answer(client: Client, id: number, outcome: string, response: string, version = askRow(id).version) {
  return client.post("/asks", { intent: "answer", askId: String(id), version: String(version), outcome, response });
}

describe("raising an ask on the project", () => {
  it("saves an open ask to the board, not linked to a report, audited", async () => {
    const id = await raise({ what: "Agree weekend theatre funding.", addressee: "board", dueOn: "2026-12-15" });
    expect(askRow(id)).toMatchObject({
      projectId,
      statusReportId: null,
      what: "Agree weekend theatre funding.",
      addressee: "board",
      addresseeUserId: null,
      dueOn: "2026-12-15",
      state: "open",
      response: "",
      createdBy: userId("lead@example.org"),
    });
    expect(auditOf(id)[0]).toMatchObject({ action: "ask.created", projectId });
    const page = await readPage(await viewer.get(asksPath()));
    const ask = page.textOf(`#ask-${id}`);
    expect(ask).toContain("Agree weekend theatre funding.");
    expect(ask).toContain("To the programme board, answer needed by 15 Dec 2026");
  });

  it("saves an ask to a named person and drops a person chosen for a board ask", async () => {
    const staffId = userId("staff@example.org");
    const toStaff = await raiseToStaff();
    expect(askRow(toStaff)).toMatchObject({ addressee: "person", addresseeUserId: staffId });
    const boardAsk = await raise({ what: "Board, please.", addressee: "board", addresseeUserId: String(staffId) });
    expect(askRow(boardAsk)).toMatchObject({ addressee: "board", addresseeUserId: null });
  });

  it.each([
    [{ what: "", addressee: "board" }, "Enter what you need"],
    [{ what: "x".repeat(1001), addressee: "board" }, "The ask must be 1,000 characters or fewer"],
    [{ what: "Help" }, "Choose who the ask is for"],
    [{ what: "Help", addressee: "someone" }, "Choose who the ask is for"],
    [{ what: "Help", addressee: "person" }, "Choose the person the ask is for"],
    [{ what: "Help", addressee: "person", addresseeUserId: "abc" }, "Choose the person the ask is for"],
    [{ what: "Help", addressee: "board", dueOn: "2026-11-25" }, "The date you need an answer by must be today or in the future"],
    [{ what: "Help", addressee: "board", dueOn: "tomorrow" }, "The date you need an answer by must be a real date"],
  ] as [Record<string, string>, string][])("refuses %o with 400 and saves nothing", async (bad, message) => {
    const before = askCount();
    const res = await lead.post(asksPath(), { intent: "raise", ...bad });
    expect(res.status).toBe(400);
    const page = await readPage(res);
    expect(page.text).toContain("There is a problem");
    expect(page.errorSummary()).toContain(message);
    expect(askCount()).toBe(before);
  });

  it("refuses a person who cannot answer (a viewer) or does not exist", async () => {
    const before = askCount();
    for (const id of [String(userId("viewer@example.org")), "999999"]) {
      const res = await lead.post(asksPath(), {
        intent: "raise",
        what: "Help",
        addressee: "person",
        addresseeUserId: id,
      });
      expect(res.status).toBe(400);
      expect((await readPage(res)).errorSummary()).toContain("Choose a person from the list");
    }
    expect(askCount()).toBe(before);
  });

  it("refuses lead@ on another team's project, and a viewer, with 403", async () => {
    const before = askCount();
    expect((await lead.post(asksPath(otherProjectId), { intent: "raise", what: "x", addressee: "board" })).status).toBe(403);
    expect((await viewer.post(asksPath(), { intent: "raise", what: "x", addressee: "board" })).status).toBe(403);
    expect(askCount()).toBe(before);
  });
});

describe("answering at /asks", () => {
  it("board accepts, then resolves, each with a response, audited; the team sees it on the project page", async () => {
    const id = await raiseToBoard("Release two hours a week for a nurse lead.");
    const accepted = await answer(board, id, "accepted", "Agreed: the Chief Nurse will release the hours from January.");
    expect(accepted.status).toBe(200);
    expect((await readPage(accepted)).text).toContain('You accepted the ask "Release two hours a week for a nurse lead."');
    expect(askRow(id)).toMatchObject({
      state: "accepted",
      response: "Agreed: the Chief Nurse will release the hours from January.",
      answeredBy: userId("board@example.org"),
      version: 2,
    });
    expect(askRow(id).answeredAt).not.toBeNull();
    expect(auditOf(id)[0]).toMatchObject({ action: "ask.answered", projectId, userId: userId("board@example.org") });
    expect(auditOf(id)[0].summary).toContain("Accepted the ask");

    const resolved = await answer(board, id, "resolved", "Done: Sister Patel leads the project two sessions a week.");
    expect(resolved.status).toBe(200);
    expect(askRow(id)).toMatchObject({ state: "resolved", version: 3 });
    expect(auditOf(id).map((a) => a.action)).toEqual(["ask.answered", "ask.answered", "ask.created"]);

    const overview = await readPage(await lead.get(`/projects/${projectId}`));
    expect(overview.text).toContain("Response: Done: Sister Patel leads the project two sessions a week.");
    const projectAsks = (await readPage(await lead.get(asksPath()))).textOf(`#ask-${id}`);
    expect(projectAsks).toContain("Response from Blake Board:");
    expect(projectAsks).toContain("Accepted the ask"); // the history of the ask
    expect((await readPage(await board.get("/asks"))).anywhere).not.toContain("Release two hours a week for a nurse lead.");
  });

  it("the person an ask is addressed to (a staff member) can answer it", async () => {
    const id = await raiseToStaff();
    const res = await answer(staff, id, "accepted", "Yes, I will bring copies on Monday.");
    expect(res.status).toBe(200);
    expect(askRow(id)).toMatchObject({ state: "accepted", answeredBy: userId("staff@example.org") });
  });

  it("an admin can decline any ask", async () => {
    const id = await raiseToStaff("Something staff cannot give.");
    expect((await answer(admin, id, "declined", "Not possible this year; try the charity fund.")).status).toBe(200);
    expect(askRow(id).state).toBe("declined");
  });

  it("refuses staff@ answering an ask not addressed to them with 403, audited, nothing changed", async () => {
    const id = await raiseToBoard();
    const before = askRow(id);
    const denied = () => server.db.select().from(auditEvents).where(eq(auditEvents.action, "auth.permission_denied")).all().length;
    const deniedBefore = denied();
    const res = await answer(staff, id, "accepted", "I accept on the board's behalf.");
    expect(res.status).toBe(403);
    expect(askRow(id)).toEqual(before);
    expect(denied()).toBe(deniedBefore + 1);
    expect((await answer(viewer, id, "accepted", "Viewer says yes.")).status).toBe(403);
    expect((await answer(lead, id, "accepted", "Lead says yes.")).status).toBe(403);
    expect(askRow(id)).toEqual(before);
  });

  it("refuses an answer without a response, or without a choice, with 400", async () => {
    const id = await raiseToBoard();
    const before = askRow(id);
    const noResponse = await answer(board, id, "accepted", "  ");
    expect(noResponse.status).toBe(400);
    expect((await readPage(noResponse)).errorSummary()).toContain("Enter your response: what will be done, what was done, or why not");
    const noChoice = await board.post("/asks", {
      intent: "answer",
      askId: String(id),
      version: String(before.version),
      response: "Yes",
    });
    expect(noChoice.status).toBe(400);
    expect((await readPage(noChoice)).errorSummary()).toContain("Choose your answer");
    expect(askRow(id)).toEqual(before);
  });

  it.each([
    ["declined", "resolved", "This ask has already been declined, so you cannot resolve it."],
    ["resolved", "accepted", "This ask has already been resolved, so you cannot accept it."],
    ["open", "resolved", "Accept this ask before you resolve it."],
    ["accepted", "accepted", "This ask is already accepted."],
  ])("refuses a %s ask being %s with 400 and a clear message", async (state, outcome, message) => {
    const id = await raiseToBoard(`An ask that will be ${state}`);
    if (state === "declined") await answer(board, id, "declined", "No.");
    if (state === "accepted" || state === "resolved") await answer(board, id, "accepted", "Yes.");
    if (state === "resolved") await answer(board, id, "resolved", "Done.");
    const before = askRow(id);
    expect(before.state).toBe(state);
    const auditBefore = auditOf(id).length;
    const res = await answer(board, id, outcome, "Trying anyway.");
    expect(res.status).toBe(400);
    // In the response (the action's data); a declined or resolved ask is no longer listed on
    // /asks, so for those the page does not show the message.
    expect((await readPage(res)).anywhere).toContain(message);
    expect(askRow(id)).toEqual(before);
    expect(auditOf(id)).toHaveLength(auditBefore);
  });

  it("answers 409 to a second answer of the same version and keeps the first", async () => {
    const id = await raiseToBoard("Two board members at once");
    const version = askRow(id).version;
    expect((await answer(board, id, "accepted", "Board member one accepts.", version)).status).toBe(200);
    const second = await answer(admin, id, "declined", "Admin declines.", version);
    expect(second.status).toBe(409);
    const page = await readPage(second);
    expect(page.text).toContain("Someone else changed this");
    expect(page.text).toContain("This was changed by Blake Board");
    expect(page.text).toContain("Board member one accepts.");
    expect(askRow(id)).toMatchObject({
      state: "accepted",
      response: "Board member one accepts.",
      version: version + 1,
    });
  });

  it("answers 404 for an ask that does not exist", async () => {
    expect((await answer(board, 999999, "accepted", "Yes", 1)).status).toBe(404);
  });
});

describe("the /asks list", () => {
  it("lists waiting asks oldest first, then accepted asks to resolve, with their age in days", async () => {
    const page = await readPage(await viewer.get("/asks"));
    const byState = (state: "open" | "accepted") => server.db.select().from(asks).where(eq(asks.state, state)).orderBy(asks.createdAt, asks.id).all();
    const waiting = byState("open");
    const accepted = byState("accepted");
    const shown = page.ids('article[id^="ask-"]').map((id) => Number(id.slice("ask-".length)));
    expect(waiting.length).toBeGreaterThan(0);
    expect(shown).toEqual([...waiting, ...accepted].map((a) => a.id));
    for (const id of shown) expect(page.textOf(`#ask-${id}`)).toMatch(/\d+ days? old/);
    expect(page.textOf("#waiting-asks")).toBe(`${waiting.length} asks waiting for an answer`);
    if (accepted.length) expect(page.textOf("#accepted-asks")).toContain(`${accepted.length} accepted`);
    expect(page.anywhere).not.toContain("Answer this ask"); // a viewer answers nothing
  });

  it("filters by addressee and project in the URL, and shows 'my asks'", async () => {
    const mine = await raiseToStaff("Only for Sam");
    const toBoard = await raiseToBoard("Only for the board");
    const staffView = await readPage(await staff.get("/asks?to=me"));
    expect(staffView.textOf(`#ask-${mine}`)).toContain("Only for Sam");
    expect(staffView.anywhere).not.toContain("Only for the board");
    expect(staffView.textOf(`#ask-${mine}`)).toContain("Answer this ask");

    const boardOnly = await readPage(await board.get("/asks?to=board"));
    expect(boardOnly.textOf(`#ask-${toBoard}`)).toContain("Only for the board");
    expect(boardOnly.anywhere).not.toContain("Only for Sam");

    const byPerson = await readPage(await board.get(`/asks?to=${userId("staff@example.org")}`));
    expect(byPerson.textOf(`#ask-${mine}`)).toContain("Only for Sam");
    expect(byPerson.find(`#ask-${toBoard}`)).toBeNull();

    const byProject = await readPage(await board.get(`/asks?project=${otherProjectId}`));
    expect(byProject.find(`#ask-${toBoard}`)).toBeNull();
    const thisProject = await readPage(await board.get(`/asks?project=${projectId}`));
    expect(thisProject.find(`#ask-${toBoard}`)).not.toBeNull();
    expect(thisProject.fieldValue("project")).toBe(String(projectId));

    const nonsense = await board.get("/asks?to=everyone&project=x");
    expect(nonsense.status).toBe(200);
  });

  it("says what to do when nothing matches", async () => {
    const page = await readPage(await viewer.get("/asks?to=me"));
    expect(page.text).toContain("No open asks match these filters.");
  });
});

describe("one meaning of a waiting ask, on every page", () => {
  /** The waiting count each page and the CSV show for the project, and the home page's count for the board. */
  async function countsShown(p: number) {
    const title = server.db.select({ title: projects.title }).from(projects).where(eq(projects.id, p)).get()!.title;
    const number = (text: string) => (text.startsWith("No ") ? 0 : Number(text.match(/^(\d+)/)?.[1] ?? NaN));

    const projectPage = await readPage(await board.get(asksPath(p)));
    const filtered = await readPage(await board.get(`/asks?project=${p}`));
    const boardPage = await readPage(await board.get("/board?size=100"));
    const headers = boardPage.textsOf("table.app-board-table thead th");
    const asksColumn = headers.findIndex((h) => h.startsWith("Asks waiting"));
    expect(asksColumn).toBeGreaterThanOrEqual(0);
    const boardRow = boardPage
      .findAll("table.app-board-table")
      .flatMap(rowsOf)
      .find((r) => r.some((cell) => cell.includes(title)));
    expect(boardRow, "the project is on the board").toBeDefined();

    const csv = await board.get("/board.csv?size=100&page=1");
    const [header, ...rows] = Papa.parse<string[]>((await csv.text()).replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    const csvColumn = header.findIndex((h) => /^asks waiting for an answer$/i.test(h));
    expect(csvColumn).toBeGreaterThanOrEqual(0);
    const csvRow = rows.find((r) => r[0] === String(p))!;

    const home = await readPage(await board.get("/"));
    const toBoard = await readPage(await board.get("/asks?to=board"));
    const homeText = home.textOf('section[aria-labelledby="home-my-asks"]');
    return {
      project: {
        projectPage: number(projectPage.textOf("#asks-waiting")),
        asks: number(filtered.textOf("#waiting-asks")),
        board: Number(boardRow![asksColumn]),
        csv: Number(csvRow[csvColumn]),
      },
      boardAsks: {
        home: Number(homeText.match(/(\d+) asks? (?:is|are) waiting for the programme board/)?.[1] ?? 0),
        asks: number(toBoard.textOf("#waiting-asks")),
      },
    };
  }

  it("the home page, /asks, the board, its CSV and the project's asks page agree, before and after an ask is accepted", async () => {
    const p = server.db.select({ id: projects.id }).from(projects).where(eq(projects.stage, "active")).orderBy(projects.id).get()!.id;
    const raised = [];
    for (const what of ["Fund a Saturday list.", "Release a data analyst for a day a week.", "Agree a theatre slot."]) {
      const res = await admin.post(asksPath(p), { intent: "raise", what, addressee: "board" });
      expect(res.status).toBe(302);
      raised.push(server.db.select().from(asks).where(eq(asks.what, what)).get()!);
    }
    const waiting = () =>
      server.db
        .select()
        .from(asks)
        .where(and(eq(asks.projectId, p), eq(asks.state, "open")))
        .all().length;
    const boardWaiting = () =>
      server.db
        .select()
        .from(asks)
        .where(and(eq(asks.addressee, "board"), eq(asks.state, "open")))
        .all().length;

    const before = await countsShown(p);
    expect(waiting()).toBeGreaterThanOrEqual(3);
    expect(Object.values(before.project)).toEqual([waiting(), waiting(), waiting(), waiting()]);
    expect(Object.values(before.boardAsks)).toEqual([boardWaiting(), boardWaiting()]);

    const accepted = await board.post("/asks", {
      intent: "answer",
      askId: String(raised[0].id),
      version: String(raised[0].version),
      outcome: "accepted",
      response: "Agreed: funded from April.",
    });
    expect(accepted.status).toBe(200);
    const after = await countsShown(p);
    expect(Object.values(after.project)).toEqual(Object.values(before.project).map((n) => n - 1));
    expect(Object.values(after.boardAsks)).toEqual(Object.values(before.boardAsks).map((n) => n - 1));
  });
});
