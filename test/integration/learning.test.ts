// /learning over HTTP: results by project with their type, an escaped highlighted snippet and a link;
// filters, pages, the latest learning without words; any typed text answers 200, never a 5xx.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPage } from "../helpers/html";
import { TEST_SEED } from "../helpers/random";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let staff: Client;
let planted: { projectId: number; cycleId: number; projectTitle: string };

const one = <T>(sql: string, ...params: unknown[]) => server.db.$client.prepare(sql).get(...params) as T;

beforeAll(async () => {
  server = await startTestServer();
  staff = await Client.signedIn(server.url, "staff@example.org");
  const idea = one<{ id: number; projectId: number; projectTitle: string }>(
    "select c.id, c.project_id as projectId, p.title as projectTitle from change_ideas c join projects p on p.id = c.project_id where p.stage = 'active' order by c.id",
  );
  const number = one<{ n: number }>("select coalesce(max(number), 0) + 1 as n from pdsa_cycles where project_id = ?", idea.projectId).n;
  const cycleId = Number(
    server.db.$client
      .prepare(
        `insert into pdsa_cycles (project_id, number, change_idea_id, title, study_learning, start_date, created_at, updated_at)
         values (?, ?, ?, 'Pelican crossing trial', ?, '2026-11-02', ?, ?)`,
      )
      .run(idea.projectId, number, idea.id, "Porters used the <script>alert(1)</script> pelican rota & it halved delays", Date.now(), Date.now())
      .lastInsertRowid,
  );
  planted = { projectId: idea.projectId, cycleId, projectTitle: idea.projectTitle };
});
afterAll(() => server?.close());

const search = async (query: string) => {
  const res = await staff.get(`/learning?${query}`);
  return { status: res.status, page: await readPage(res) };
};

describe("/learning", () => {
  it("asks a signed-out visitor to sign in", async () => {
    const res = await new Client(server.url).get("/learning?q=falls");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
  });

  it("shows a result under its project with its type, a link to the record and the words highlighted, escaped", async () => {
    const { status, page } = await search("q=pelican+rota");
    expect(status).toBe(200);
    const section = page.findAll("section.app-learning-project").find((s) => s.querySelector("h3")?.text.includes(planted.projectTitle));
    expect(section, "a group for the planted cycle's project").toBeDefined();
    expect(section!.querySelector("h3 a")?.getAttribute("href")).toBe(`/projects/${planted.projectId}`);
    const hit = section!.querySelectorAll("li.app-learning-hit").find((li) => li.text.includes("Pelican crossing trial"))!;
    expect(hit.text).toContain("PDSA cycle");
    expect(hit.querySelector("a")?.getAttribute("href")).toBe(`/projects/${planted.projectId}/pdsa/${planted.cycleId}`);
    expect(hit.querySelectorAll("mark").map((m) => m.text.toLowerCase())).toEqual(expect.arrayContaining(["pelican", "rota"]));
    // The stored "<script>" is text on the page, never markup.
    expect(hit.querySelector(".app-learning-snippet")!.text).toContain("<script>alert(1)</script>");
    expect(hit.querySelectorAll("script")).toHaveLength(0);
    expect(page.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("the header's search box sends its words to /learning", async () => {
    const { page } = await search("");
    const form = page.get("form#search");
    expect(form.getAttribute("action")).toBe("/learning");
    expect(form.getAttribute("method")).toBe("get");
    expect(form.querySelector("input[name=q]")).not.toBeNull();
  });

  it("filters by type and stage, and ignores filter values it does not know", async () => {
    const projectsOnly = await search("q=patients&type=project");
    const types = projectsOnly.page.findAll("li.app-learning-hit").map((li) => li.querySelector(".app-muted")!.text);
    expect(types.length).toBeGreaterThan(0);
    for (const type of types) expect(type).toBe("Project");

    const closed = await search("q=patients&stage=closed");
    const stages = closed.page.findAll("section.app-learning-project h3 .nhsuk-tag").map((t) => t.text);
    expect(stages.length).toBeGreaterThan(0);
    for (const stage of stages) expect(stage).toBe("Closed");

    const nonsense = await search("q=patients&type=nope&stage=1&theme=abc&wave=-1&since=7&page=zzz");
    expect(nonsense.status).toBe(200);
    expect(nonsense.page.findAll("li.app-learning-hit").length).toBe((await search("q=patients")).page.findAll("li.app-learning-hit").length);

    const recent = await search("q=pelican&since=30");
    expect(recent.page.text).toContain("Pelican crossing trial");
  });

  it("pages through many results, twenty at a time", async () => {
    const first = await search("q=the");
    expect(first.page.findAll("li.app-learning-hit")).toHaveLength(20);
    const next = first.page.hrefs("nav.nhsuk-pagination");
    expect(next).toEqual(["/learning?q=the&page=2"]);
    const second = await search("q=the&page=2");
    expect(second.status).toBe(200);
    const firstTitles = first.page.textsOf("li.app-learning-hit");
    const secondTitles = second.page.textsOf("li.app-learning-hit");
    expect(secondTitles.length).toBeGreaterThan(0);
    expect(secondTitles.filter((t) => firstTitles.includes(t))).toEqual([]);
  });

  it("shows the latest learning when there are no words", async () => {
    const { status, page } = await search("");
    expect(status).toBe(200);
    expect(page.text).toContain("The latest learning");
    expect(page.findAll("li.app-learning-hit").length).toBeGreaterThan(0);
  });

  it("says when there is nothing to search for, or nothing found", async () => {
    expect((await search(`q=${encodeURIComponent('🙂 "" *')}`)).page.text).toContain("There are no words to search for");
    expect((await search("q=qwertyuiopasdf")).page.text).toContain("Nothing matches “qwertyuiopasdf”");
  });

  it.each([
    '"unbalanced',
    'hand "hygiene',
    "NEAR(falls sepsis",
    "NEAR(falls sepsis, 3)",
    "falls*",
    "*",
    "falls AND OR NOT",
    "-falls",
    "^falls",
    "title:falls",
    "{title body}:falls",
    "🙂 falls 🙂",
    "'; drop table projects; --",
    "\\",
    "a".repeat(5000),
  ])("answers %j with a page, never an error", async (typed) => {
    const { status, page } = await search(`q=${encodeURIComponent(typed)}`);
    expect(status).toBe(200);
    expect(page.get("h1").text).toBe("Learning across the portfolio");
  });

  it("never answers a 5xx for any text (fast-check)", async () => {
    const operator = fc.constantFrom('"', "*", "^", "-", "(", ")", ":", "{", "}", "NEAR(", "AND", "OR", "NOT", "title:", " ", "🙂", "%", "&", "+");
    const text = fc.array(fc.oneof(operator, fc.string(), fc.string({ unit: "grapheme" })), { maxLength: 8 }).map((p) => p.join(""));
    await fc.assert(
      fc.asyncProperty(text, async (typed) => {
        const res = await staff.get(`/learning?q=${encodeURIComponent(typed)}`);
        await res.arrayBuffer();
        expect(res.status).toBe(200);
      }),
      { seed: TEST_SEED, numRuns: 60 },
    );
  });
});

describe("similar work before a project starts", () => {
  const closedProject = () =>
    one<{ id: number; title: string; problem: string }>("select id, title, problem from projects where stage = 'closed' and closure_lessons <> '' order by id");
  const count = () => one<{ n: number }>("select count(*) as n from projects").n;

  it("the fetcher's route answers up to five similar projects as JSON", async () => {
    const closed = closedProject();
    const res = await staff.get(`/learning/similar?${new URLSearchParams({ title: closed.title, problem: "" })}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { projects: { id: number; stage: string; closureSummary: string }[] };
    expect(body.projects.length).toBeGreaterThan(0);
    expect(body.projects.length).toBeLessThanOrEqual(5);
    expect(body.projects[0]).toMatchObject({ id: closed.id, stage: "closed" });
    expect(body.projects[0].closureSummary.length).toBeGreaterThan(0);
    expect((await new Client(server.url).get("/learning/similar?title=falls")).status).toBe(302);
  });

  it("without JavaScript, 'Check for similar projects' lists them, keeps what was typed and saves nothing", async () => {
    const closed = closedProject();
    const before = count();
    const res = await staff.post("/projects/new", { intent: "similar", title: closed.title, problem: "Patients wait too long", proposalIdea: "" });
    expect(res.status).toBe(200);
    const page = await readPage(res);
    expect(page.hrefs(".app-similar-projects")).toContain(`/projects/${closed.id}`);
    expect(page.fieldValue("title")).toBe(closed.title);
    expect(page.fieldValue("problem")).toBe("Patients wait too long");
    expect(page.errorSummary()).toEqual([]);
    expect(count()).toBe(before);
  });

  it("the board's decision page on a proposal lists the similar projects, never the proposal itself", async () => {
    const closed = closedProject();
    const programmeId = one<{ id: number }>("select id from programmes").id;
    const proposalId = Number(
      server.db.$client
        .prepare("insert into projects (programme_id, title, problem, stage, created_at, updated_at) values (?, ?, ?, 'proposed', ?, ?)")
        .run(programmeId, closed.title, closed.problem, Date.now(), Date.now()).lastInsertRowid,
    );
    const board = await Client.signedIn(server.url, "board@example.org");
    const page = await readPage(await board.get(`/projects/${proposalId}/decision`));
    const similar = page.hrefs(".app-similar-projects");
    expect(similar[0]).toBe(`/projects/${closed.id}`);
    expect(similar).not.toContain(`/projects/${proposalId}`);
  });
});
