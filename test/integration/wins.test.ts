import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { auditEvents, milestones, projects, projectTeam, wins } from "../../db/schema";
import { readPage, type Page } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";
import { userIdOf } from "../helpers/db";

let server: TestServer;
let lead: Client;
let board: Client;
let staff: Client;
let viewer: Client;
let projectId: number; // active, lead@ on the team, staff@ not
let done: number[]; // two milestones completed for this test

const userId = (email: string) => userIdOf(server.db, email);
const teamOf = (email: string) =>
  server.db
    .select({ projectId: projectTeam.projectId })
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, userId(email)), isNull(projectTeam.endedAt)))
    .all()
    .map((r) => r.projectId);

beforeAll(async () => {
  server = await startTestServer();
  [lead, board, staff, viewer] = await Promise.all(
    ["lead", "board", "staff", "viewer"].map(async (name) => {
      const client = new Client(server.url);
      await client.signIn(`${name}@example.org`);
      return client;
    }),
  );
  const staffTeams = new Set(teamOf("staff@example.org"));
  projectId = server.db
    .select({ id: projects.id })
    .from(projects)
    .where(and(inArray(projects.id, teamOf("lead@example.org")), eq(projects.stage, "active")))
    .all()
    .map((p) => p.id)
    .find((id) => !staffTeams.has(id))!;
  expect(projectId).toBeDefined();
  // Two fresh completed milestones: evidence no win can already name.
  done = ["Wins test: grab bags on every ward", "Wins test: audit tool live"].map(
    (title) =>
      server.db
        .insert(milestones)
        .values({ projectId, title, baselineDate: "2026-10-01", forecastDate: "2026-11-01", completedOn: "2026-11-20" })
        .returning({ id: milestones.id })
        .get().id,
  );
});
afterAll(async () => {
  await server?.close();
});

/** The evidence each suggested win on the page would confirm or dismiss. */
const suggested = (page: Page) => page.findAll('input[name="evidenceRef"]').map((input) => input.getAttribute("value"));
const winsPath = () => `/projects/${projectId}/wins`;
const winCount = () => server.db.select().from(wins).all().length;
const winAudits = () =>
  server.db
    .select()
    .from(auditEvents)
    .where(inArray(auditEvents.action, ["win.recorded", "win.dismissed"]))
    .orderBy(desc(auditEvents.id))
    .all();
const confirm = (ref: string, extra: Record<string, string> = {}) => ({
  intent: "confirm",
  evidenceRef: ref,
  title: "Grab bags on every ward",
  description: "Every ward now has a sepsis grab bag.",
  ...extra,
});

describe("the Wins page", () => {
  it("suggests completed milestones to the team, with the words ready to confirm", async () => {
    const res = await lead.get(winsPath());
    expect(res.status).toBe(200);
    const page = await readPage(res);
    expect(page.text).toContain("Suggested wins");
    expect(page.text).toContain("Milestone reached: Wins test: grab bags on every ward");
    expect(suggested(page)).toContain(`milestone:${done[0]}`);
    expect(page.text).toContain("Completed on 20 Nov 2026.");
    expect(page.text).toContain("Confirm this win");
  });

  it("shows a viewer the recorded wins but no suggestions or forms", async () => {
    const res = await viewer.get(winsPath());
    expect(res.status).toBe(200);
    const page = await readPage(res);
    expect(page.text).toContain("Wins recorded");
    expect(page.anywhere).not.toContain("Suggested wins");
    expect(page.anywhere).not.toContain("Confirm this win");
  });

  it("answers 404 for a project that does not exist", async () => {
    expect((await lead.get("/projects/999999/wins")).status).toBe(404);
  });
});

describe("confirming and dismissing", () => {
  it("records the win a lead confirms, with their edited words, and audits it", async () => {
    const before = winCount();
    const ref = `milestone:${done[0]}`;
    const res = await lead.post(winsPath(), confirm(ref));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${winsPath()}?saved=recorded`);
    expect(winCount()).toBe(before + 1);
    const win = server.db.select().from(wins).where(eq(wins.evidenceRef, ref)).get()!;
    expect(win).toMatchObject({
      projectId,
      title: "Grab bags on every ward",
      description: "Every ward now has a sepsis grab bag.",
      evidenceKind: "milestone_completed",
      confirmedBy: userId("lead@example.org"),
    });
    const [audit] = winAudits();
    expect(audit).toMatchObject({
      action: "win.recorded",
      entityType: "win",
      entityId: win.id,
      projectId,
      userId: userId("lead@example.org"),
    });
    expect(audit.summary).toContain("Grab bags on every ward");

    const page = await readPage(await lead.get(`${winsPath()}?saved=recorded`));
    expect(page.text).toContain("Win recorded.");
    expect(page.findAll(`[value="${ref}"]`)).toEqual([]); // no longer suggested
    expect(page.text).toContain("Grab bags on every ward");
  });

  it("answers 409 when the same evidence is confirmed again, and records nothing", async () => {
    const before = winCount();
    const audits = winAudits().length;
    const res = await board.post(winsPath(), confirm(`milestone:${done[0]}`));
    expect(res.status).toBe(409);
    expect((await readPage(res)).text).toContain("Someone has already confirmed or dismissed this win");
    expect(winCount()).toBe(before);
    expect(winAudits().length).toBe(audits);
  });

  it("lets a board member who is not on the team dismiss a suggestion, which is not suggested again", async () => {
    const before = winCount();
    const ref = `milestone:${done[1]}`;
    const res = await board.post(winsPath(), { intent: "dismiss", evidenceRef: ref });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${winsPath()}?saved=dismissed`);
    expect(winCount()).toBe(before);
    const [audit] = winAudits();
    expect(audit).toMatchObject({
      action: "win.dismissed",
      entityType: "win_suggestion",
      projectId,
      userId: userId("board@example.org"),
    });
    expect(JSON.parse(audit.details!)).toEqual({ evidenceRef: ref });
    expect((await readPage(await lead.get(winsPath()))).findAll(`[value="${ref}"]`)).toEqual([]);
    // Confirming it afterwards is refused.
    expect((await lead.post(winsPath(), confirm(ref))).status).toBe(409);
    expect(winCount()).toBe(before);
  });

  it("lets the team record a win of its own, with no linked evidence", async () => {
    const res = await lead.post(winsPath(), {
      intent: "record",
      title: "Patients thanked the ward",
      description: "Cards from three families.",
    });
    expect(res.status).toBe(302);
    const win = server.db.select().from(wins).where(eq(wins.title, "Patients thanked the ward")).get()!;
    expect(win).toMatchObject({ projectId, evidenceKind: "other", evidenceRef: "" });
    expect(winAudits()[0]).toMatchObject({ action: "win.recorded", entityId: win.id });
  });
});

describe("who may record wins", () => {
  for (const [who, client] of [
    ["a viewer", () => viewer],
    ["staff on another team", () => staff],
  ] as const) {
    it(`refuses ${who} with 403 and changes nothing`, async () => {
      const extra = server.db
        .insert(milestones)
        .values({
          projectId,
          title: `Refused ${who}`,
          baselineDate: "2026-10-01",
          forecastDate: "2026-11-01",
          completedOn: "2026-11-21",
        })
        .returning({ id: milestones.id })
        .get().id;
      const before = winCount();
      const audits = winAudits().length;
      const forms: Record<string, string>[] = [
        confirm(`milestone:${extra}`),
        { intent: "dismiss", evidenceRef: `milestone:${extra}` },
        { intent: "record", title: "Sneaky" },
      ];
      for (const form of forms) {
        expect((await client().post(winsPath(), form)).status).toBe(403);
      }
      expect(winCount()).toBe(before);
      expect(winAudits().length).toBe(audits);
      expect(suggested(await readPage(await lead.get(winsPath())))).toContain(`milestone:${extra}`);
    });
  }
});

describe("bad input", () => {
  let ref: string;
  beforeAll(() => {
    const id = server.db
      .insert(milestones)
      .values({
        projectId,
        title: "Bad input milestone",
        baselineDate: "2026-10-01",
        forecastDate: "2026-11-01",
        completedOn: "2026-11-22",
      })
      .returning({ id: milestones.id })
      .get().id;
    ref = `milestone:${id}`;
  });

  const cases: [string, Record<string, string>, string][] = [
    ["an empty title", { title: "  " }, "Enter a title for the win"],
    ["a title over 200 characters", { title: "x".repeat(201) }, "The title must be 200 characters or fewer"],
    ["a description over 2,000 characters", { description: "y".repeat(2001) }, "The description must be 2,000 characters or fewer"],
    ["a forged field", { evidenceKind: "other" }, "This form cannot change evidenceKind"],
  ];
  for (const [what, change, message] of cases) {
    it(`answers 400 to ${what}, keeps the input and records nothing`, async () => {
      const before = winCount();
      const audits = winAudits().length;
      const res = await lead.post(winsPath(), confirm(ref, change));
      expect(res.status).toBe(400);
      const page = await readPage(res);
      expect(page.text).toContain(message);
      if (!("title" in change)) expect(page.fieldValue("title")).toBe("Grab bags on every ward");
      expect(winCount()).toBe(before);
      expect(winAudits().length).toBe(audits);
    });
  }

  it("answers 400 to evidence that is not suggested (forged or from another project)", async () => {
    const before = winCount();
    for (const evidenceRef of ["milestone:999999", "measure:1:2020-01-01", "pdsa:abc", ""]) {
      const res = await lead.post(winsPath(), confirm(evidenceRef));
      expect(res.status, evidenceRef).toBe(400);
    }
    expect((await readPage(await lead.post(winsPath(), confirm("milestone:999999")))).text).toContain("This win is no longer suggested");
    expect((await lead.post(winsPath(), { intent: "dismiss", evidenceRef: "milestone:999999" })).status).toBe(400);
    expect(winCount()).toBe(before);
  });

  it("answers 400 to an unknown intent", async () => {
    const before = winCount();
    expect((await lead.post(winsPath(), { intent: "delete", evidenceRef: ref })).status).toBe(400);
    expect(winCount()).toBe(before);
  });

  it("warns before saving an NHS number, then records once the person confirms", async () => {
    const before = winCount();
    const description = "Patient 943 476 5919 got antibiotics in 20 minutes.";
    const warned = await lead.post(winsPath(), confirm(ref, { description }));
    expect(warned.status).toBe(400);
    const page = await readPage(warned);
    expect(page.text).toContain("This looks like patient-identifiable data (an NHS number)");
    expect(page.text).toContain("I have checked: this text does not identify a patient");
    expect(winCount()).toBe(before);
    const saved = await lead.post(winsPath(), confirm(ref, { description, confirmNoPatientData: "yes" }));
    expect(saved.status).toBe(302);
    expect(winCount()).toBe(before + 1);
  });
});
