// Lighter pages (ADR 117), without JavaScript: the measure page's data table lists the latest points with a
// link to them all; the board lists the oldest proposals with a link to the whole queue; the board's
// Making Data Count icons are drawn once per page and used by reference in each row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, isNull, sql } from "drizzle-orm";
import { measurePoints, measures, projects } from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let board: Client;
let staff: Client;
beforeAll(async () => {
  server = await startTestServer();
  board = await Client.signedIn(server.url, "board@example.org");
  staff = await Client.signedIn(server.url, "staff@example.org");
});
afterAll(async () => {
  await server?.close();
});

const DATA_TABLE = ".app-spc-chart__table tbody tr";

describe("the measure page's data table", () => {
  it("lists the latest 24 points, newest last, and a link without JavaScript lists every point in an open table", async () => {
    const longest = server.db
      .select({ id: measures.id, projectId: measures.projectId, n: sql<number>`count(${measurePoints.id})` })
      .from(measures)
      .innerJoin(measurePoints, eq(measurePoints.measureId, measures.id))
      .where(isNull(measures.deletedAt))
      .groupBy(measures.id)
      .orderBy(sql`count(${measurePoints.id}) desc`)
      .get()!;
    expect(longest.n).toBeGreaterThan(24);
    const path = `/projects/${longest.projectId}/measures/${longest.id}`;

    const page = await readPage(await board.get(path));
    const rows = page.findAll(DATA_TABLE);
    expect(rows).toHaveLength(24);
    // The last row is the latest point: its number is the series' length.
    expect(rows.at(-1)!.querySelector("td")!.text.trim()).toBe(String(longest.n));
    expect(page.text).toContain(`Showing the latest 24 of ${longest.n} points.`);
    expect(page.find(".app-spc-chart__table")!.getAttribute("open")).toBeUndefined();
    const link = page.findAll(".app-spc-chart__table a").find((a) => a.text.includes("points in the table"))!;
    expect(link.text).toBe(`Show all ${longest.n} points in the table`);
    expect(link.getAttribute("href")).toBe("?table=all#measure-data-table");

    const all = await readPage(await board.get(`${path}?table=all`));
    expect(all.findAll(DATA_TABLE)).toHaveLength(longest.n);
    expect(all.find("#measure-data-table")!.getAttribute("open")).toBeDefined();
    expect(all.text).not.toContain("Showing the latest");
    // The same chart: the points on it are the whole series either way.
    expect(all.findAll(".app-spc-chart__points [data-index]").length).toBe(page.findAll(".app-spc-chart__points [data-index]").length);

    // The chart type chosen is kept when asking for the whole table.
    const run = await readPage(await board.get(`${path}?chart=run`));
    expect(run.findAll(".app-spc-chart__table a").map((a) => a.getAttribute("href"))).toContain("?chart=run&table=all#measure-data-table");
    expect((await readPage(await board.get(`${path}?chart=run&table=all`))).findAll(DATA_TABLE)).toHaveLength(longest.n);
  });
});

describe("the board", () => {
  it("lists the 10 oldest proposals awaiting a decision, and a link lists them all", async () => {
    for (let i = 1; i <= 12; i++) {
      const res = await staff.post("/projects/new", {
        title: `Light queue proposal ${String(i).padStart(2, "0")}`,
        problem: "Patients wait too long for a drink.",
        proposalIdea: "A drinks round.",
      });
      expect(res.status).toBe(302);
    }
    const waiting = server.db.select({ title: projects.title }).from(projects).where(eq(projects.stage, "proposed")).all();
    expect(waiting.length).toBeGreaterThan(10);

    const page = await readPage(await board.get("/board"));
    const queue = page.tableRowsCaptioned("Proposals awaiting a decision");
    expect(queue).toHaveLength(10);
    expect(page.text).toContain(`${waiting.length} proposals are waiting for the board to approve or decline, oldest first; the oldest 10 are listed.`);
    const link = page.findAll("#board-proposals ~ p a, .app-proposal-queue a").find((a) => a.text.startsWith("Show all"))!;
    expect(link.text).toBe(`Show all ${waiting.length} proposals awaiting a decision`);

    const all = await readPage(await board.get(link.getAttribute("href")!));
    const everyOne = all.tableRowsCaptioned("Proposals awaiting a decision");
    expect(everyOne).toHaveLength(waiting.length);
    expect(everyOne.map((r) => r[0]).sort()).toEqual(waiting.map((w) => w.title).sort());
    expect(all.text).not.toContain("the oldest 10 are listed");
    // The home page keeps its whole queue.
    expect((await readPage(await board.get("/"))).tableRowsCaptioned("Proposals awaiting a decision")).toHaveLength(waiting.length);
  });

  it("draws each Making Data Count icon once per page and refers to it from the roll-up and the rows, keeping each icon's name", async () => {
    const page = await readPage(await board.get("/board?size=100"));
    const icons = page.findAll("main [data-icon]");
    expect(page.findAll(".app-board-table [data-icon]").length).toBeGreaterThan(0);
    expect(page.findAll(".app-rollup [data-icon]").length).toBeGreaterThan(0);
    expect(icons.length).toBeGreaterThan(0);
    const symbols = new Set(page.findAll(".app-sprite symbol").map((s) => s.getAttribute("id")));
    for (const icon of icons) {
      const svg = icon.querySelector("svg")!;
      expect(svg.getAttribute("role")).toBe("img");
      expect(svg.getAttribute("aria-label")).toBeTruthy();
      expect(svg.querySelector("title")!.text).toBe(svg.getAttribute("aria-label"));
      const href = svg.querySelector("use")!.getAttribute("href")!;
      expect(symbols.has(href.slice(1)), href).toBe(true);
    }
    // One symbol per icon in use, however many rows show it.
    expect(symbols.size).toBe(new Set(icons.map((i) => i.getAttribute("data-icon"))).size);
    expect(page.find(".app-sprite")!.getAttribute("aria-hidden")).toBe("true");
  });
});
