// /wins/newsletter over HTTP: "This month in Stepping Up" for the month asked (this month by default), grouped
// by division or theme, with each win's project, team and evidence; previous and next months; a month chooser
// that works without JavaScript; a bad month is a clear 400; an empty month says so kindly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let viewer: Client;
/** Two projects of different divisions and themes, the first with a measure and its latest point. */
let first: { id: number; title: string; division: string; theme: string; measureId: number; measure: string; period: string };
let second: { id: number; title: string; division: string; theme: string };

beforeAll(async () => {
  server = await startTestServer();
  viewer = await Client.signedIn(server.url, "viewer@example.org");
  const sql = server.db.$client;
  first = sql
    .prepare(
      `select p.id, p.title, d.name as division, t.name as theme, m.id as measureId, m.name as measure, max(v.period_date) as period
       from projects p join divisions d on d.id = p.division_id join themes t on t.id = p.theme_id
       join measures m on m.project_id = p.id and m.deleted_at is null and m.unit = 'percent' join measure_points v on v.measure_id = m.id
       group by m.id order by p.id limit 1`,
    )
    .get() as typeof first;
  second = sql
    .prepare(
      `select p.id, p.title, d.name as division, t.name as theme from projects p join divisions d on d.id = p.division_id join themes t on t.id = p.theme_id
       where d.name <> ? and t.name <> ? order by p.id limit 1`,
    )
    .get(first.division, first.theme) as typeof second;
  expect(first && second).toBeTruthy();
  const insert = sql.prepare("insert into wins (project_id, title, description, evidence_kind, evidence_ref, at) values (?, ?, ?, ?, ?, ?)");
  insert.run(
    first.id,
    "Newsletter test: the measure improved",
    "Eight points in a row above the mean.",
    "measure_improvement",
    `measure:${first.measureId}:${first.period}`,
    Date.parse("2026-11-10T12:00:00Z"),
  );
  insert.run(second.id, "Newsletter test: <b>the ward's</b> milestone", "", "other", "Ward meeting minutes", Date.parse("2026-11-20T12:00:00Z"));
  // Early on 1 December in UK time: next month's, not November's.
  insert.run(second.id, "Newsletter test: December's win", "", "other", "", Date.parse("2026-12-01T00:30:00Z"));
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const sections = (page: Awaited<ReturnType<typeof readPage>>) =>
  page
    .findAll(".app-newsletter__group")
    .map((s) => ({ heading: s.querySelector("h2")!.text.trim(), wins: s.querySelectorAll("h3").map((h) => h.text.trim()) }));

describe("the wins newsletter", () => {
  it("shows this month's wins by division by default, with project, team and evidence", async () => {
    const res = await viewer.get("/wins/newsletter");
    expect(res.status).toBe(200);
    const page = await readPage(res);
    expect(page.textOf("h1")).toBe("This month in Stepping Up — November 2026");
    const programme = server.db.$client.prepare("select name, trust_name as trust from programmes").get() as { name: string; trust: string };
    expect(page.textOf(".app-newsletter__from")).toBe(`${programme.trust} · ${programme.name}`);
    expect(page.text).toContain("2 wins confirmed by the programme's teams in November 2026");
    const groups = sections(page);
    expect(groups).toEqual(
      [
        { heading: first.division, wins: ["Newsletter test: the measure improved"] },
        { heading: second.division, wins: ["Newsletter test: <b>the ward's</b> milestone"] },
      ].sort((a, b) => a.heading.localeCompare(b.heading)),
    );
    expect(page.text).not.toContain("December's win");
    const measured = page.findAll(".app-newsletter__win").find((w) => w.text.includes("the measure improved"))!;
    const facts = Object.fromEntries(measured.querySelectorAll("dt").map((dt) => [dt.text.trim(), dt.nextElementSibling!.text.replace(/\s+/g, " ").trim()]));
    expect(facts.Project).toBe(first.title);
    expect(facts.Team.length).toBeGreaterThan(0);
    expect(facts["What changed"]).toBe("Eight points in a row above the mean.");
    expect(facts.Evidence).toMatch(new RegExp(`^Measure improving: ${first.measure.replace(/[()]/g, "\\$&")}: [\\d.]+% \\(`));
    expect(measured.querySelectorAll("a").map((a) => a.getAttribute("href"))).toEqual([
      `/projects/${first.id}/wins`,
      `/projects/${first.id}/measures/${first.measureId}`,
    ]);
    // Free text is text, never markup.
    expect(page.find(".app-newsletter__win b")).toBeNull();
    expect(page.text).toContain("Other achievement: Ward meeting minutes");
  });

  it("groups by theme when asked, and links to the previous month but not past this one", async () => {
    const page = await readPage(await viewer.get("/wins/newsletter?month=2026-11&by=theme"));
    expect(sections(page).map((g) => g.heading)).toEqual([first.theme, second.theme].sort((a, b) => a.localeCompare(b)));
    expect(page.fieldValue("by")).toBe("theme");
    expect(page.fieldValue("month")).toBe("2026-11");
    const nav = page.hrefs('nav[aria-label="Other months"]');
    expect(nav).toEqual(["/wins/newsletter?month=2026-10&by=theme"]);
  });

  it("shows an earlier month's wins, with previous and next links and a chooser back to the first win", async () => {
    const res = await viewer.get("/wins/newsletter?month=2026-10");
    expect(res.status).toBe(200);
    const page = await readPage(res);
    expect(page.textOf("h1")).toBe("This month in Stepping Up — October 2026");
    expect(page.text).toContain("Sepsis antibiotics within the hour: from 58% to 82%");
    expect(page.text).not.toContain("Newsletter test");
    expect(page.hrefs('nav[aria-label="Other months"]')).toEqual(["/wins/newsletter?month=2026-09", "/wins/newsletter?month=2026-11"]);
    const months = page.findAll("#newsletter-month option").map((o) => o.getAttribute("value"));
    expect(months[0]).toBe("2026-11");
    expect(months).toContain("2025-12");
    expect(page.find("form.app-newsletter__chooser")?.getAttribute("method")).toBe("get");
  });

  it("says kindly when a month has no wins", async () => {
    const res = await viewer.get("/wins/newsletter?month=2026-07");
    expect(res.status).toBe(200);
    const page = await readPage(res);
    expect(page.text).toContain("No wins were confirmed in July 2026.");
    expect(page.findAll(".app-newsletter__win")).toEqual([]);
    expect(page.hrefs('nav[aria-label="Other months"]')).toEqual(["/wins/newsletter?month=2026-06", "/wins/newsletter?month=2026-08"]);
  });

  it("answers a month it cannot read with a 400 and a way on, never a 500", async () => {
    for (const bad of ["2026-13", "November", "2026-11-01", "0000-01", "<script>alert(1)</script>", "2026-1"]) {
      const res = await viewer.get(`/wins/newsletter?month=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      const page = await readPage(res);
      expect(page.errorSummary()).toEqual(["Choose a month written as year and month, for example 2026-11"]);
      expect(page.hrefs(".nhsuk-error-summary")).toContain("/wins/newsletter");
      expect(page.findAll(".app-newsletter__win")).toEqual([]);
      expect(page.html).not.toContain("<script>alert(1)");
    }
  });

  it("is for signed-in people, and the wins page links to it", async () => {
    const res = await new Client(server.url).get("/wins/newsletter?month=2026-10");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
    const wins = await readPage(await viewer.get("/wins"));
    expect(wins.hrefs("main")).toContain("/wins/newsletter");
  });
});
