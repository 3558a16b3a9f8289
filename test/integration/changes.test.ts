// /changes and /changes.csv over HTTP: every change idea not removed, filters by theme, status and PICK
// category, sorting, paging, the empty state, and a CSV of the same filtered list.
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let staff: Client;

const all = <T>(sql: string, ...params: unknown[]) => server.db.$client.prepare(sql).all(...params) as T[];
const one = <T>(sql: string, ...params: unknown[]) => server.db.$client.prepare(sql).get(...params) as T;

beforeAll(async () => {
  server = await startTestServer();
  staff = await Client.signedIn(server.url, "staff@example.org");
});
afterAll(() => server?.close());

const liveIdeas = () =>
  all<{ id: number; title: string; themeId: number | null }>(
    "select c.id, c.title, p.theme_id as themeId from change_ideas c join projects p on p.id = c.project_id where c.deleted_at is null",
  );

const csv = async (query = "") => {
  const res = await staff.get(`/changes.csv${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/text\/csv/);
  expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="stepping-up-change-package-\d{4}-\d{2}-\d{2}\.csv"/);
  const [header, ...rows] = Papa.parse<string[]>((await res.text()).replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
  return { header, rows, col: (row: string[], name: string) => row[header.indexOf(name)] };
};

describe("/changes", () => {
  it("asks a signed-out visitor to sign in, for the page and the CSV", async () => {
    for (const path of ["/changes", "/changes.csv"]) {
      const res = await new Client(server.url).get(path);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/login/);
    }
  });

  it("lists change ideas with their project, theme, drivers, status, cycles, learning and PICK", async () => {
    const res = await staff.get("/changes");
    expect(res.status).toBe(200);
    const page = await readPage(res);
    expect(page.text).toContain(`${liveIdeas().length} change ideas`);
    const rows = page.tableRows("#change-package");
    expect(rows.length).toBe(Math.min(50, liveIdeas().length));
    const adopted = one<{ id: number; title: string; projectId: number }>(
      `select c.id, c.title, c.project_id as projectId from change_ideas c
       where c.deleted_at is null and (select act_decision from pdsa_cycles where change_idea_id = c.id and deleted_at is null order by number desc limit 1) = 'adopt'
       order by c.id`,
    );
    const hrefs = page.hrefs("#change-package");
    expect(hrefs).toContain(`/projects/${adopted.projectId}/drivers#node-idea-${adopted.id}`);
    expect(page.anywhere).toContain("Change package");
  });

  it("filters by theme, status and PICK category with a GET form, and says when nothing matches", async () => {
    const theme = one<{ id: number; n: number }>(
      "select p.theme_id as id, count(*) as n from change_ideas c join projects p on p.id = c.project_id where c.deleted_at is null and p.theme_id is not null group by p.theme_id order by n desc",
    );
    const byTheme = await readPage(await staff.get(`/changes?theme=${theme.id}`));
    expect(byTheme.text).toContain(`${theme.n} change idea${theme.n === 1 ? "" : "s"} match these filters`);
    expect(byTheme.fieldValue("theme")).toBe(String(theme.id));

    const adopted = await readPage(await staff.get("/changes?status=adopted"));
    const statuses = adopted.tableRows("#change-package").map((r) => r[4]);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(["Adopted"]));

    const { rows: picks, col } = await csv("?pick=implement");
    expect(picks.length).toBeGreaterThan(0);
    expect(new Set(picks.map((r) => col(r, "PICK category")))).toEqual(new Set(["Implement"]));

    const empty = await readPage(await staff.get(`/changes?theme=999999`));
    expect(empty.find("#change-package")).toBeNull();
    expect(empty.text).toContain("No change ideas match these filters");
  });

  it("ignores bad filter values rather than failing", async () => {
    const res = await staff.get("/changes?status=nonsense&pick=%27&theme=abc&sort=drop&page=-3");
    expect(res.status).toBe(200);
    expect((await readPage(res)).text).toContain(`${liveIdeas().length} change ideas.`);
  });

  it("sorts by cycles and by latest activity, the sorted header marked", async () => {
    const page = await readPage(await staff.get("/changes?sort=cycles"));
    const cycles = page.tableRows("#change-package").map((r) => Number(r[5]));
    expect(cycles.length).toBeGreaterThan(1);
    expect(cycles).toEqual([...cycles].sort((a, b) => b - a));
    expect(page.find('th[aria-sort="descending"]')?.text).toContain("Cycles");
    const { rows, col } = await csv("?sort=activity");
    const days = rows.map((r) => col(r, "Latest activity")).map((d) => Date.parse(d));
    expect(days.length).toBeGreaterThan(1);
    expect(days).toEqual([...days].sort((a, b) => b - a));
  });

  it("pages a long list, keeping the filters", async () => {
    const projectId = one<{ id: number }>("select id from projects order by id").id;
    const add = server.db.$client.prepare("insert into change_ideas (project_id, title, created_at) values (?, ?, ?)");
    for (let i = 1; i <= 30; i++) add.run(projectId, `Paging idea ${i}`, Date.now());
    const total = liveIdeas().length;
    expect(total).toBeGreaterThan(50);
    const first = await readPage(await staff.get("/changes?sort=status"));
    expect(first.hrefs()).toContain("/changes?sort=status&page=2");
    const second = await readPage(await staff.get("/changes?sort=status&page=2"));
    expect(second.tableRows("#change-package").length).toBe(Math.min(50, total - 50));
  });

  it("downloads every change idea of the filters as CSV, not only the page, text safe for spreadsheets", async () => {
    const { header, rows, col } = await csv();
    expect(header).toEqual([
      "Change idea",
      "Project",
      "Project stage",
      "Theme",
      "Drivers",
      "Status",
      "PDSA cycles",
      "Latest learning",
      "PICK category",
      "Latest activity",
      "Ready to spread: what to copy",
      "Spread to projects",
      "Spread to",
      "Adopted from",
    ]);
    expect(rows.length).toBe(liveIdeas().length);
    expect(rows.map((r) => col(r, "Change idea")).sort()).toEqual(
      liveIdeas()
        .map((i) => i.title)
        .sort(),
    );
    expect(rows.some((r) => col(r, "Drivers").length > 0)).toBe(true);
    const adopted = await csv("?status=adopted");
    expect(adopted.rows.length).toBeGreaterThan(0);
    expect(adopted.rows.length).toBeLessThan(rows.length);
  });
});
