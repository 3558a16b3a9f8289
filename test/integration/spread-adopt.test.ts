// Adopting a spread candidate over HTTP (ADR 104): /changes offers "Adopt in my project" to people with an
// open project of their own, the two-step page lists only those projects, the copy lands on the chosen
// diagram linked to its origin, both projects' audit trails show it and the origin shows "Spread to N
// projects" (on its diagram, its idea page, /changes and the CSV). Refusals change nothing; a stale
// confirmation is a 409; a removed copy no longer counts.
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let lead: Client;
let staff: Client;
let viewer: Client;
let sbar: { id: number; projectId: number; version: number };

const one = <T>(sql: string, ...params: unknown[]) => server.db.$client.prepare(sql).get(...params) as T;
const count = (sql: string, ...params: unknown[]) => one<{ n: number }>(`select count(*) as n ${sql}`, ...params).n;
const project = (title: string) => one<{ id: number }>("select id from projects where title = ?", title).id;
const ideas = () => count("from change_ideas");
const audits = () => count("from audit_events where action in ('change_idea.adopted_from', 'change_idea.spread')");
const version = () => one<{ version: number }>("select version from change_ideas where id = ?", sbar.id).version;
let HAND_HYGIENE: number;
let SEPSIS: number;
const adoptPath = () => `/changes/${sbar.id}/adopt`;

async function csvRow(client: Client, title: string) {
  const csv = await (await client.get("/changes.csv?spread=ready")).text();
  const [header, ...data] = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
  const row = data.find((r) => r[0] === title && r[header.indexOf("Adopted from")] === "")!;
  return (name: string) => row[header.indexOf(name)];
}

beforeAll(async () => {
  server = await startTestServer();
  lead = await Client.signedIn(server.url, "lead@example.org");
  staff = await Client.signedIn(server.url, "staff@example.org");
  viewer = await Client.signedIn(server.url, "viewer@example.org");
  sbar = one("select id, project_id as projectId, version from change_ideas where title = 'SBAR escalation card' and origin_change_idea_id is null");
  HAND_HYGIENE = project("Hand hygiene and clean commodes on Ward 12");
  SEPSIS = project("Sepsis Six within one hour in the Emergency Department");
  expect(sbar).toBeTruthy();
});
afterAll(() => server?.close());

describe("adopting a change idea", () => {
  it("offers the demo's spread candidate, spread to 2 projects, to a person with an open project of their own only", async () => {
    const page = await readPage(await lead.get("/changes?spread=ready"));
    const row = page.tableRows("#change-package").find((r) => r[0].includes("SBAR escalation card"))!;
    expect(row[0]).toContain("Spread to 2 projects");
    expect(row[0]).toContain("Adopt in my project");
    expect(page.hrefs()).toContain(adoptPath());
    expect((await csvRow(lead, "SBAR escalation card"))("Spread to projects")).toBe("2");

    const asViewer = await readPage(await viewer.get("/changes?spread=ready"));
    expect(asViewer.hrefs()).not.toContain(adoptPath());
    const nowhere = await readPage(await viewer.get(adoptPath()));
    expect(nowhere.text).toContain("there is nowhere to adopt it");
  });

  it("lists only the person's open projects, and names one that already adopted it", async () => {
    const page = await readPage(await lead.get(adoptPath()));
    expect(page.text).toContain("What to copy");
    const offered = page.findAll("input[name=project]").map((i) => Number(i.getAttribute("value")));
    const mine = server.db.$client
      .prepare(
        "select p.id from project_team t join projects p on p.id = t.project_id join users u on u.id = t.user_id where u.email = 'lead@example.org' and t.ended_at is null and p.stage in ('approved','active','sustaining') order by p.title",
      )
      .all()
      .map((r) => (r as { id: number }).id);
    expect(mine.length).toBeGreaterThan(2);
    expect(offered.sort()).toEqual(mine.filter((id) => id !== sbar.projectId).sort());
    const none = await readPage(await lead.get(`${adoptPath()}?step=project`));
    expect(none.errorSummary()).toEqual(["Choose the project to adopt the change idea into"]);
    const forged = await readPage(await lead.get(`${adoptPath()}?step=project&project=${project("Timely discharge before noon on surgical wards")}`));
    expect(forged.errorSummary()).toEqual(["Choose the project to adopt the change idea into"]);
    expect(forged.find("#maincontent form[method=post]")).toBeNull();
    const already = await readPage(await lead.get(`${adoptPath()}?project=${SEPSIS}`));
    expect(already.text).toContain("Sepsis Six within one hour in the Emergency Department has already adopted this change idea");
    expect(already.find("#maincontent form[method=post]")).toBeNull();
  });

  it("refuses, changing nothing: a viewer, its own project, an already adopted project, an idea not ready, a bad driver, a stale confirmation", async () => {
    const before = { ideas: ideas(), audits: audits() };
    const form = (projectId: number, extra: Record<string, string> = {}) => ({ projectId: String(projectId), version: String(version()), ...extra });
    const asViewer = await viewer.post(adoptPath(), form(HAND_HYGIENE));
    expect(asViewer.status).toBe(403);
    const own = await staff.post(adoptPath(), form(sbar.projectId));
    expect(own.status).toBe(400);
    expect((await readPage(own)).errorSummary()).toEqual(["This change idea is already in that project: choose another project to adopt it into"]);
    const again = await lead.post(adoptPath(), form(SEPSIS));
    expect(again.status).toBe(400);
    expect((await readPage(again)).errorSummary()).toEqual(["Sepsis Six within one hour in the Emergency Department has already adopted SBAR escalation card"]);
    const notOnTeam = await lead.post(adoptPath(), form(project("Timely discharge before noon on surgical wards")));
    expect(notOnTeam.status).toBe(403);
    expect((await readPage(notOnTeam)).errorSummary()).toEqual(["You can only adopt a change idea into an open project whose team you are on and can edit"]);
    const grabBags = one<{ id: number; version: number }>("select id, version from change_ideas where title = 'Sepsis grab bags'");
    const notReady = await staff.post(`/changes/${grabBags.id}/adopt`, { projectId: String(sbar.projectId), version: String(grabBags.version) });
    expect(notReady.status).toBe(400);
    expect((await readPage(notReady)).errorSummary()).toEqual(["Sepsis grab bags is not marked ready to spread, so it cannot be adopted yet"]);
    const badDriver = await lead.post(adoptPath(), form(HAND_HYGIENE, { driverId: "999999" }));
    expect(badDriver.status).toBe(400);
    const noProject = await lead.post(adoptPath(), { version: String(version()) });
    expect(noProject.status).toBe(400);
    expect((await readPage(noProject)).errorSummary()).toEqual(["Choose the project to adopt the change idea into"]);
    const stale = await lead.post(adoptPath(), form(HAND_HYGIENE, { version: String(version() - 1) }));
    expect(stale.status).toBe(409);
    expect((await readPage(stale)).conflict()?.message).toContain("Read the change idea again below");
    expect(ideas()).toBe(before.ideas);
    expect(audits()).toBe(before.audits);
    expect((await lead.get("/changes/999999/adopt")).status).toBe(404);
  });

  it("adopts into the chosen project under a secondary driver: linked to its origin, audited on both, spread to 3 projects", async () => {
    const step = await readPage(await lead.get(`${adoptPath()}?project=${HAND_HYGIENE}`));
    expect(step.hiddenFields("#maincontent form[method=post]")).toMatchObject({ projectId: String(HAND_HYGIENE), version: String(version()) });
    const driverId = one<{ id: number }>(
      "select id from drivers where project_id = ? and level = 'secondary' and deleted_at is null order by id",
      HAND_HYGIENE,
    ).id;
    expect(step.find(`select[name=driverId] option[value="${driverId}"]`)).not.toBeNull();
    const res = await lead.post(adoptPath(), { projectId: String(HAND_HYGIENE), version: String(version()), driverId: String(driverId) });
    expect(res.status).toBe(302);
    const copy = one<{ id: number; origin: number }>(
      "select id, origin_change_idea_id as origin from change_ideas where project_id = ? and title = 'SBAR escalation card'",
      HAND_HYGIENE,
    );
    expect(copy.origin).toBe(sbar.id);
    expect(res.headers.get("location")).toBe(`/projects/${HAND_HYGIENE}/drivers?adopted=${copy.id}#node-idea-${copy.id}`);
    expect(count("from change_idea_drivers where change_idea_id = ? and driver_id = ?", copy.id, driverId)).toBe(1);
    expect(count("from audit_events where action = 'change_idea.adopted_from' and project_id = ? and entity_id = ?", HAND_HYGIENE, copy.id)).toBe(1);
    expect(count("from audit_events where action = 'change_idea.spread' and project_id = ? and entity_id = ?", sbar.projectId, sbar.id)).toBe(1);

    const target = await readPage(await lead.get(`/projects/${HAND_HYGIENE}/drivers?adopted=${copy.id}`));
    expect(target.text).toContain("Change idea adopted");
    expect(target.textOf(`#node-idea-${copy.id}`)).toContain("Adopted from NEWS2 escalation within 30 minutes on Ward 7 — SBAR escalation card");
    expect(target.hrefs(`#node-idea-${copy.id}`)).toContain(`/projects/${sbar.projectId}/drivers#node-idea-${sbar.id}`);
    const origin = await readPage(await viewer.get(`/projects/${sbar.projectId}/drivers`));
    expect(origin.textOf(`#node-idea-${sbar.id}`)).toContain("Spread to 3 projects");
    expect(origin.hrefs(`#node-idea-${sbar.id}`)).toContain(`/projects/${HAND_HYGIENE}/drivers#node-idea-${copy.id}`);
    const ideaPage = await readPage(await staff.get(`/projects/${sbar.projectId}/drivers/idea-${sbar.id}`));
    expect(ideaPage.text).toContain("Spread to 3 projects");
    const changes = await readPage(await viewer.get("/changes?spread=ready"));
    expect(changes.tableRows("#change-package").find((r) => r[0].includes("SBAR"))![0]).toContain("Spread to 3 projects");
    const col = await csvRow(viewer, "SBAR escalation card");
    expect(col("Spread to projects")).toBe("3");
    expect(col("Spread to")).toContain("Hand hygiene and clean commodes on Ward 12");
  });

  it("does not count a removed copy", async () => {
    server.db.$client.prepare("update change_ideas set deleted_at = 1 where project_id = ? and origin_change_idea_id = ?").run(HAND_HYGIENE, sbar.id);
    const origin = await readPage(await viewer.get(`/projects/${sbar.projectId}/drivers`));
    expect(origin.textOf(`#node-idea-${sbar.id}`)).toContain("Spread to 2 projects");
    expect((await csvRow(viewer, "SBAR escalation card"))("Spread to projects")).toBe("2");
  });
});
