// Every value is checked the same way (text, dates, numbers, redirect targets), proved on
// real routes of the built server: each bad value gets a clear message and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull, sql } from "drizzle-orm";
import { auditEvents, boardAssessments, measurePoints, milestones, projects, projectTeam, users } from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, DEMO_PASSWORD, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let lead: Client;
let board: Client;
let projectId: number;

beforeAll(async () => {
  server = await startTestServer();
  lead = new Client(server.url);
  board = new Client(server.url);
  await lead.signIn("lead@example.org");
  await board.signIn("board@example.org");
  const leadId = server.db.select().from(users).where(eq(users.email, "lead@example.org")).get()!.id;
  projectId = server.db
    .select({ projectId: projectTeam.projectId })
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, leadId), isNull(projectTeam.endedAt)))
    .get()!.projectId;
});
afterAll(async () => {
  await server?.close();
});

const count = (table: typeof milestones | typeof measurePoints | typeof auditEvents | typeof boardAssessments) =>
  server.db
    .select({ n: sql<number>`count(*)` })
    .from(table)
    .get()!.n;
/** Rows that any write would add to, so "nothing written" is one comparison. */
const footprint = () => ({
  milestones: count(milestones),
  points: count(measurePoints),
  audit: count(auditEvents),
  assessments: count(boardAssessments),
});

async function refused(res: Response, message: string) {
  expect(res.status).toBe(400);
  expect((await readPage(res)).text).toContain(message);
}

const milestonesPath = () => `/projects/${projectId}/milestones`;
const addMilestone = (form: Record<string, string>) =>
  lead.post(milestonesPath(), {
    intent: "create",
    title: "Sepsis screen live",
    owner: "Fiona McLeod",
    baselineDate: "2026-12-01",
    ...form,
  });

describe("text", () => {
  it("refuses control characters, tabs on one line, bidi overrides and zero-width-only text, writing nothing", async () => {
    const before = footprint();
    await refused(
      await addMilestone({ title: "Sepsis\u0000screen" }),
      "The milestone must not contain hidden control characters. Type it again or paste it as plain text",
    );
    await refused(await addMilestone({ title: "Sepsis\tscreen" }), "The milestone must be on one line, without tabs or line breaks");
    await refused(await addMilestone({ owner: "Fiona \u202eMcLeod" }), "The owner's name must not contain hidden characters that change the direction of text");
    await refused(await addMilestone({ title: "\u200b\u200b\u200b" }), "Enter the milestone");
    expect(footprint()).toEqual(before);
  });

  it("refuses the same characters in a textarea, but keeps its line breaks", async () => {
    const project = server.db.select().from(projects).get()!;
    const before = footprint();
    const post = (reason: string) => board.post(`/board/assess/${project.id}`, { rag: "amber", reason, comment: "" });
    await refused(await post("Data late\u0007"), "The reason must not contain hidden control characters");
    await refused(await post("Data \u2066late"), "The reason must not contain hidden characters that change the direction of text");
    await refused(await post("\u200c\u200d"), "Give the reason for the board's rating");
    expect(footprint()).toEqual(before);
    expect((await post("Data late.\r\nTeam short-staffed.")).status).toBe(302);
    const saved = server.db
      .select()
      .from(boardAssessments)
      .orderBy(sql`id desc`)
      .get()!;
    expect(saved.reason).toBe("Data late.\r\nTeam short-staffed.");
  });

  it("stores text as NFC", async () => {
    const res = await addMilestone({ title: "Cafe\u0301 rota agreed", owner: "Zoe\u0308 Ng" });
    expect(res.status).toBe(302);
    const id = Number(new URL(res.headers.get("location")!, server.url).searchParams.get("added"));
    const row = server.db.select().from(milestones).where(eq(milestones.id, id)).get()!;
    expect(row.title).toBe("Caf\u00e9 rota agreed");
    expect(row.owner).toBe("Zo\u00eb Ng");
  });
});

describe("dates", () => {
  it("refuses a milestone dated before 1990, after 2100 or in years 0–99, writing nothing", async () => {
    const before = footprint();
    const range = "The baseline date must be between 1 January 1990 and 31 December 2100";
    for (const baselineDate of ["0001-01-01", "0050-06-01", "1989-12-31", "2101-01-01"]) {
      await refused(await addMilestone({ baselineDate }), range);
    }
    expect(footprint()).toEqual(before);
  });
});

describe("measure data: dates and numbers", () => {
  let base: string;
  beforeAll(async () => {
    const res = await lead.post(`/projects/${projectId}/measures/new`, {
      name: "Minutes to triage (value rules)",
      type: "process",
      definition: "Median minutes from arrival to triage, all adults, per week.",
      unit: "minutes",
      improvement: "decrease",
      frequency: "weekly",
    });
    expect(res.status).toBe(302);
    base = res.headers.get("location")!.replace(/\?.*$/, "");
  });

  it("refuses a weekly point dated 0050-06-01 and one after 2100", async () => {
    const before = footprint();
    const range = "The date must be between 1 January 1990 and 31 December 2100";
    await refused(await lead.post(`${base}/data`, { intent: "add", periodDate: "0050-06-01", value: "12" }), range);
    await refused(await lead.post(`${base}/data`, { intent: "add", periodDate: "2101-01-03", value: "12" }), range);
    expect(footprint()).toEqual(before);
  });

  it("refuses values of 1e308 and 1e13", async () => {
    const before = footprint();
    for (const value of ["1e308", "1e13", "-1e13"]) {
      await refused(
        await lead.post(`${base}/data`, { intent: "add", periodDate: "2026-01-05", value }),
        "The value must be between −1,000,000,000,000 and 1,000,000,000,000",
      );
    }
    expect(footprint()).toEqual(before);
  });

  it("an import applies the same ranges, line by line, and saves nothing", async () => {
    const before = footprint();
    const data = "Date,Minutes\n01/06/0050,3\n2026-01-05,1e13\n2026-01-12,1e308";
    for (const intent of ["check", "confirm"]) {
      const res = await lead.post(`${base}/import`, { intent, data });
      expect(res.status).toBe(400);
      const page = await readPage(res);
      expect(page.text).toContain("1 Jun 0050 is not between 1 January 1990 and 31 December 2100");
      expect(page.text).toContain("the number is too large");
    }
    expect(footprint()).toEqual(before);
  });
});

describe("numbers on /api/spc and /spc", () => {
  const postJson = (body: unknown) =>
    fetch(`${server.url}/api/spc`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });

  it.each([
    [{ values: [1, 2, 1e308], improvement: "increase" }, "values", "values[2] must be a finite number from -1e12 to 1e12"],
    [{ values: [1, 2, 1e13], improvement: "increase" }, "values", "values[2] must be a finite number from -1e12 to 1e12"],
    [{ values: [1, 2, 3], improvement: "increase", target: 1e13 }, "target", "target must be a finite number or null, from -1e12 to 1e12"],
    [
      { values: [1, 2], dates: ["0050-06-01", "2026-01-01"], improvement: "increase" },
      "dates",
      "dates[0] must be a date written YYYY-MM-DD, from 1990-01-01 to 2100-12-31",
    ],
  ])("refuses %j with 400 {error, field}", async (body, field, error) => {
    const res = await postJson(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error, field });
  });

  it("the calculator names the line instead of drawing NaN", async () => {
    const res = await lead.post("/spc", { data: "5\n6\n1e308\n7", improvement: "increase", chart: "auto" });
    expect(res.status).toBe(400);
    const page = await readPage(res);
    expect(page.text).toContain("Line 3: '1e308' is not between −1,000,000,000,000 and 1,000,000,000,000");
    expect(page.anywhere).not.toContain("NaN");
  });
});

describe("redirect targets", () => {
  const hostile = ["/%E2%82%AC", "//evil.example", "/\\evil.example", "javascript:alert(1)", "https://evil.example/"];

  it("sign-in lands on / for a target that is not a safe same-site path, never a 500", async () => {
    for (const target of hostile) {
      const client = new Client(server.url);
      // The raw body carries the target as a browser would post the hidden field (/%E2%82%AC → "/€").
      const body = `email=lead%40example.org&password=${encodeURIComponent(DEMO_PASSWORD)}&redirectTo=${encodeURIComponent(decodeURIComponent(target))}`;
      const res = await client.post("/login", new URLSearchParams(body));
      expect(res.status, target).toBe(302);
      expect(res.headers.get("location"), target).toBe("/");
      // Signed in: the target never undid the session.
      expect((await client.get("/projects")).status).toBe(200);
      // And signed in, the sign-in page's own redirect is just as safe.
      const again = await client.get(`/login?redirectTo=${encodeURIComponent(decodeURIComponent(target))}`);
      expect(again.status, target).toBe(302);
      expect(again.headers.get("location"), target).toBe("/");
    }
  });

  it("keeps a safe target, query and all", async () => {
    const client = new Client(server.url);
    const res = await client.post("/login", {
      email: "lead@example.org",
      password: DEMO_PASSWORD,
      redirectTo: "/board?group=wave&page=2",
    });
    expect(res.headers.get("location")).toBe("/board?group=wave&page=2");
  });

  it("the board's assessment goes back to /board for a bad `back`, once, without a 500", async () => {
    const project = server.db.select().from(projects).get()!;
    for (const back of hostile.map((t) => decodeURIComponent(t))) {
      const before = count(boardAssessments);
      const res = await board.post(`/board/assess/${project.id}`, { rag: "green", reason: "On track", back });
      expect(res.status, back).toBe(302);
      expect(res.headers.get("location"), back).toBe("/board");
      expect(count(boardAssessments)).toBe(before + 1);
    }
    const page = await readPage(await board.get(`/board/assess/${project.id}?back=${encodeURIComponent("/€")}`));
    expect(page.fieldValue("back")).toBe("/board");
    const safe = await board.post(`/board/assess/${project.id}`, {
      rag: "green",
      reason: "On track",
      back: "/board?attention=1",
    });
    expect(safe.headers.get("location")).toBe("/board?attention=1");
  });
});
