import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Papa from "papaparse";
import { and, eq, isNull } from "drizzle-orm";
import { asks, auditEvents, boardAssessments, measures, projects, projectSummaries, projectTeam, themes, users, waves } from "../../db/schema";
import { ASSURANCE_ICONS, VARIATION_ICONS } from "../../app/domain/enums";
import { FLAG_CODES } from "../../app/domain/attention";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let board: Client;
beforeAll(async () => {
  server = await startTestServer();
  board = await Client.signedIn(server.url, "board@example.org");
});
afterAll(async () => {
  await server?.close();
});

const summaries = () => server.db.select().from(projectSummaries).all();

describe("the board", () => {
  it("stores a summary for every project and shows every attention flag somewhere in the demo", async () => {
    const res = await board.get("/board");
    expect(res.status).toBe(200);
    const rows = summaries();
    expect(rows.length, "the demo has projects").toBeGreaterThan(10);
    expect(rows.length).toBe(server.db.select().from(projects).all().length);
    const seen = new Set(rows.flatMap((r) => (JSON.parse(r.flags) as { code: string }[]).map((f) => f.code)));
    expect([...FLAG_CODES].filter((c) => !seen.has(c))).toEqual([]);
    const healthy = rows.find((r) => r.stage === "active" && r.flagCount === 0);
    expect(healthy, "an active project with no flag").toBeTruthy();
    const ended = rows.filter((x) => ["closed", "stopped", "declined"].includes(x.stage));
    expect(ended.length, "the demo has ended projects").toBeGreaterThan(0);
    for (const r of ended) expect(r.flagCount).toBe(0);
  });

  it("filters, sorts and pages in the URL, and reads without JavaScript", async () => {
    const theme = server.db.select().from(themes).where(eq(themes.name, "Preventing C. difficile infection")).get()!;
    const html = await readPage(await board.get(`/board?theme=${theme.id}&sort=score&dir=desc`));
    const expected = summaries().filter((s) => s.themeId === theme.id);
    expect(expected.length).toBeGreaterThan(1);
    const listed = html.textsOf("table.app-board-table td a"); // each project's title links to it from its row
    for (const s of expected) expect(listed).toContain(s.title);
    const others = summaries().filter((s) => s.themeId !== theme.id);
    expect(others.length).toBeGreaterThan(0);
    for (const s of others) expect(listed).not.toContain(s.title);
    // 18 demo projects fit on one page: a page beyond the last shows the last page, with no "Next".
    const paged = await readPage(await board.get("/board?size=25&page=2"));
    expect(paged.textsOf("td a")).toContain(summaries()[0].title);
    expect(paged.anywhere).not.toContain("Pages of the board");
  });

  it("filters to projects that need attention", async () => {
    const html = await readPage(await board.get("/board?attention=1"));
    const flagged = summaries().filter((s) => s.flagCount > 0);
    const calm = summaries().filter((s) => s.flagCount === 0);
    expect(flagged.length, "the demo has projects needing attention").toBeGreaterThan(1);
    expect(calm.length, "and projects that do not").toBeGreaterThan(0);
    expect(html.text).toContain(`${flagged.length} projects in this view`);
    const listed = html.textsOf("table.app-board-table td a");
    for (const s of flagged) expect(listed).toContain(s.title);
    for (const s of calm) expect(listed).not.toContain(s.title);
  });

  it("exports every row of the filter as CSV, with flags and reasons, formula cells escaped", async () => {
    const title = '=HYPERLINK("http://evil.example") @risk';
    const target = server.db.select().from(projects).where(eq(projects.stage, "active")).get()!;
    server.db.update(projects).set({ title }).where(eq(projects.id, target.id)).run();
    server.db.insert(auditEvents).values({ at: new Date(), action: "project.updated", projectId: target.id, summary: "test rename" }).run();
    const res = await board.get("/board.csv?size=25&page=1");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="stepping-up-board-2026-11-26.csv"/);
    const parsed = Papa.parse<string[]>((await res.text()).replace(/^\uFEFF/, ""), { skipEmptyLines: true });
    const [header, ...rows] = parsed.data;
    expect(header).toContain("Attention flags");
    expect(rows.length, "a row per project").toBe(summaries().length);
    expect(rows.length).toBeGreaterThan(10);
    const renamed = rows.find((r) => r[0] === String(target.id))!;
    expect(renamed[1]).toBe(`'${title}`);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+@]/);
    const flagged = rows.filter((r) => r[header.indexOf("Attention flags")] !== "");
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.length).toBe(summaries().filter((s) => s.flagCount > 0).length);
    expect(flagged[0][header.indexOf("Reasons")].length).toBeGreaterThan(10);
  });
});

describe("the board's CSV for a board secretary", () => {
  const csv = async (query = "") => {
    const res = await board.get(`/board.csv${query}`);
    expect(res.status).toBe(200);
    const [header, ...rows] = Papa.parse<string[]>((await res.text()).replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    return { header, rows, col: (row: string[], name: string) => row[header.indexOf(name)] };
  };

  it("has a header row naming the new columns", async () => {
    const { header, rows } = await csv();
    expect(header.slice(0, 2)).toEqual(["Project ID", "Project"]);
    for (const name of [
      "Wave",
      "Operational lead",
      "Senior manager",
      "SMART aim",
      "Waiting asks",
      "Variation",
      "Assurance",
      "Team's latest RAG",
      "Board's view",
    ]) {
      expect(header, name).toContain(name);
    }
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(row).toHaveLength(header.length);
  });

  it("writes words, not codes: RAG, Making Data Count icons, stage and wave names", async () => {
    const { rows, col } = await csv();
    const codes = new Set<string>([...VARIATION_ICONS, ...ASSURANCE_ICONS, "red", "amber", "green", "active", "proposed"]);
    for (const row of rows) for (const cell of row) expect(codes.has(cell), cell).toBe(false);
    const rags = new Set(rows.flatMap((r) => [col(r, "Team's latest RAG"), col(r, "Board's view")]).filter(Boolean));
    expect([...rags].sort()).toEqual(expect.arrayContaining(["Amber", "Green", "Red"]));
    const variation = new Set(rows.map((r) => col(r, "Variation")));
    expect(variation).toContain("Special cause improvement (high)");
    expect(new Set(rows.map((r) => col(r, "Assurance")))).toContain("Consistently passing the target");
    const wave = server.db.select().from(waves).get()!;
    expect(rows.map((r) => col(r, "Wave"))).toContain(wave.name);
  });

  it("adds the operational lead, senior manager, SMART aim and the words of each waiting ask", async () => {
    // A project of the demo with both roles named (the one unique role per project is the team's rule).
    const roleOf = (role: "operational_lead" | "senior_manager") =>
      server.db
        .select({ projectId: projectTeam.projectId, name: users.name })
        .from(projectTeam)
        .innerJoin(users, eq(users.id, projectTeam.userId))
        .where(and(eq(projectTeam.role, role), isNull(projectTeam.endedAt)))
        .all();
    const seniors = roleOf("senior_manager");
    const both = roleOf("operational_lead").filter((o) => seniors.some((x) => x.projectId === o.projectId));
    expect(both.length, "the demo names an operational lead and a senior manager").toBeGreaterThan(0);
    const ops = both[0];
    const senior = seniors.find((x) => x.projectId === ops.projectId)!;
    const project = server.db.select().from(projects).where(eq(projects.id, ops.projectId)).get()!;
    expect(project.aimWhat.length).toBeGreaterThan(0);
    server.db.insert(asks).values({ projectId: project.id, what: "A second sepsis trolley for ward 7", state: "open" }).run();
    server.db.insert(asks).values({ projectId: project.id, what: "Already accepted, so not waiting", state: "accepted" }).run();
    const { rows, col } = await csv();
    const row = rows.find((r) => r[0] === String(project.id))!;
    expect(col(row, "Operational lead")).toContain(ops.name);
    expect(col(row, "Senior manager")).toContain(senior.name);
    expect(col(row, "SMART aim")).toContain(project.aimWhat.trim().replace(/\.$/, ""));
    expect(col(row, "Waiting asks").split("\n")).toContain("A second sepsis trolley for ward 7");
    expect(col(row, "Waiting asks")).not.toContain("Already accepted");
  });
});

describe("the demo's measures", () => {
  it("show every variation and assurance icon somewhere", () => {
    const rows = server.db.select().from(measures).all();
    expect(new Set(rows.map((m) => m.spcVariationIcon))).toEqual(new Set([...VARIATION_ICONS]));
    expect(new Set(rows.map((m) => m.spcAssuranceIcon).filter(Boolean))).toEqual(new Set([...ASSURANCE_ICONS]));
  });
});

describe("board assessments", () => {
  it("a board member records the board's view, kept as history and audited", async () => {
    const project = server.db.select().from(projects).where(eq(projects.stage, "active")).get()!;
    const before = server.db.select().from(boardAssessments).where(eq(boardAssessments.projectId, project.id)).all().length;
    const res = await board.post(`/board/assess/${project.id}`, {
      rag: "red",
      reason: "Mortality measure rising",
      comment: "",
      back: "/board?attention=1",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/board?attention=1");
    const after = server.db.select().from(boardAssessments).where(eq(boardAssessments.projectId, project.id)).all();
    expect(after.length).toBe(before + 1);
    expect(server.db.select().from(auditEvents).where(eq(auditEvents.action, "board.assessed")).all().length).toBeGreaterThan(0);
    await board.get("/board");
    const summary = server.db.select().from(projectSummaries).where(eq(projectSummaries.projectId, project.id)).get()!;
    expect(summary.boardRag).toBe("red");
    expect(summary.boardRagReason).toBe("Mortality measure rising");
  });

  it("needs a RAG and a reason; a staff member may not record one", async () => {
    const project = server.db.select().from(projects).where(eq(projects.stage, "active")).get()!;
    const count = () => server.db.select().from(boardAssessments).all().length;
    const before = count();
    const missing = await board.post(`/board/assess/${project.id}`, { rag: "purple", reason: "" });
    expect(missing.status).toBe(400);
    const html = await readPage(missing);
    expect(html.errorSummary()).toEqual(["Choose the board's RAG rating", "Give the reason for the board's rating"]);
    const staff = await Client.signedIn(server.url, "staff@example.org");
    expect((await staff.post(`/board/assess/${project.id}`, { rag: "green", reason: "Looks fine" })).status).toBe(403);
    expect((await staff.get(`/board/assess/${project.id}`)).status).toBe(403);
    expect((await board.post(`/board/assess/999999`, { rag: "green", reason: "x" })).status).toBe(404);
    expect(count()).toBe(before);
  });
});
