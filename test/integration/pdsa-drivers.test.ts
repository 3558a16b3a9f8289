// The PDSA timeline grouped by the driver diagram: a ramp under each primary and secondary driver its
// change idea serves, "Not linked to a driver" last, and a gentle prompt (not an error) for cycles
// whose change ideas serve no driver.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let staff: Client;
let lead: Client;
let linked: { projectId: number; ideaId: number; idea: string; secondary: string; primary: string };

const one = <T>(sql: string, ...params: unknown[]) => server.db.$client.prepare(sql).get(...params) as T;

beforeAll(async () => {
  server = await startTestServer();
  staff = await Client.signedIn(server.url, "staff@example.org");
  lead = await Client.signedIn(server.url, "lead@example.org");
  linked = one(
    `select c.project_id as projectId, c.id as ideaId, c.title as idea, s.title as secondary, p.title as "primary"
     from change_ideas c
     join change_idea_drivers cd on cd.change_idea_id = c.id
     join drivers s on s.id = cd.driver_id and s.deleted_at is null
     join driver_links l on l.secondary_id = s.id
     join drivers p on p.id = l.primary_id and p.deleted_at is null
     join project_team t on t.project_id = c.project_id and t.ended_at is null
     join users u on u.id = t.user_id and u.email = 'lead@example.org'
     where c.deleted_at is null and exists (select 1 from pdsa_cycles y where y.change_idea_id = c.id and y.deleted_at is null)
     order by c.id`,
  );
  expect(linked).toBeTruthy();
});
afterAll(() => server?.close());

const timeline = async (client = staff) => {
  const res = await client.get(`/projects/${linked.projectId}/pdsa`);
  expect(res.status).toBe(200);
  return readPage(res);
};

describe("the PDSA timeline by driver", () => {
  it("shows each ramp under its primary and secondary driver", async () => {
    const page = await timeline();
    expect(page.text).toContain("Timeline by driver");
    const primary = page.findAll("section.app-pdsa-driver").find((s) => s.querySelector("h3")?.text.includes(linked.primary));
    expect(primary).toBeTruthy();
    const secondary = primary!.querySelectorAll("section.app-pdsa-driver__secondary").find((s) => s.querySelector("h4")?.text.includes(linked.secondary));
    expect(secondary).toBeTruthy();
    expect(secondary!.querySelectorAll("h5").map((h) => h.text)).toContainEqual(expect.stringContaining(linked.idea));
    // Ids stay unique when a ramp is shown under more than one driver.
    const ids = page.ids("[id]");
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("puts cycles of an idea linked to no driver last, with a gentle prompt linking to the diagram", async () => {
    const before = await timeline();
    const promptBefore = before.findAll(".nhsuk-inset-text").some((el) => el.text.includes("not linked to a driver"));
    const number = one<{ n: number }>("select coalesce(max(number), 0) + 1 as n from pdsa_cycles where project_id = ?", linked.projectId).n;
    const ideaId = Number(
      server.db.$client
        .prepare("insert into change_ideas (project_id, title, created_at) values (?, 'Stickers on the drug trolley', ?)")
        .run(linked.projectId, Date.now()).lastInsertRowid,
    );
    server.db.$client
      .prepare(
        "insert into pdsa_cycles (project_id, number, change_idea_id, title, start_date, created_at, updated_at) values (?, ?, ?, 'Try stickers', '2026-11-02', ?, ?)",
      )
      .run(linked.projectId, number, ideaId, Date.now(), Date.now());
    const page = await lead.get(`/projects/${linked.projectId}/pdsa`).then(readPage);
    const groups = page.findAll("section.app-pdsa-driver");
    const last = groups.at(-1)!;
    expect(last.querySelector("h3")?.text).toBe("Not linked to a driver");
    expect(last.text).toContain("Stickers on the drug trolley");
    const prompt = page.findAll(".nhsuk-inset-text").find((el) => el.text.includes("not linked to a driver yet"));
    expect(prompt).toBeTruthy();
    expect(prompt!.querySelector("a")?.getAttribute("href")).toBe(`/projects/${linked.projectId}/drivers`);
    expect(page.find(".nhsuk-error-summary")).toBeNull();
    expect(promptBefore || page.text.includes("1 change idea with PDSA cycles is not linked")).toBe(true);
  });

  it("shows no prompt when every tested idea serves a driver", async () => {
    const projectId = one<{ id: number }>(
      `select p.id from projects p where exists (select 1 from pdsa_cycles y where y.project_id = p.id and y.deleted_at is null)
       and not exists (select 1 from pdsa_cycles y join change_ideas c on c.id = y.change_idea_id where y.project_id = p.id and y.deleted_at is null
         and not exists (select 1 from change_idea_drivers cd join drivers d on d.id = cd.driver_id and d.deleted_at is null where cd.change_idea_id = c.id))
       order by p.id`,
    )?.id;
    expect(projectId).toBeTruthy();
    const page = await staff.get(`/projects/${projectId}/pdsa`).then(readPage);
    expect(page.text).not.toContain("not linked to a driver yet");
    expect(page.findAll("section.app-pdsa-driver").length).toBeGreaterThan(0);
  });

  it("plans a cycle with a new change idea under a chosen secondary driver, audited", async () => {
    const secondary = one<{ id: number; title: string }>(
      "select id, title from drivers where project_id = ? and level = 'secondary' and deleted_at is null order by id",
      linked.projectId,
    );
    const form = await lead.get(`/projects/${linked.projectId}/pdsa/new`).then(readPage);
    const options = form.findAll('select[name="newChangeIdeaDriver"] option').map((o) => o.text);
    expect(options).toContain(secondary.title);
    const res = await lead.post(`/projects/${linked.projectId}/pdsa/new`, {
      intent: "create",
      changeIdea: "new",
      newChangeIdea: "Handover card on the drug trolley",
      newChangeIdeaDriver: String(secondary.id),
      title: "Card on the trolley for a week",
      startDate: "2026-11-20",
    });
    expect(res.status).toBe(302);
    const idea = one<{ id: number }>("select id from change_ideas where project_id = ? and title = 'Handover card on the drug trolley'", linked.projectId);
    expect(one<{ driverId: number }>("select driver_id as driverId from change_idea_drivers where change_idea_id = ?", idea.id).driverId).toBe(secondary.id);
    const audit = one<{ summary: string }>("select summary from audit_events where action = 'change_idea.created' and entity_id = ? order by id desc", idea.id);
    expect(audit.summary).toBe(`Added change idea: Handover card on the drug trolley, under ${secondary.title}`);
  });

  it("refuses a driver that is not one of the project's secondary drivers, saving nothing", async () => {
    const foreign = one<{ id: number }>("select id from drivers where project_id <> ? and level = 'secondary' and deleted_at is null", linked.projectId);
    const primary = one<{ id: number }>("select id from drivers where project_id = ? and level = 'primary' and deleted_at is null", linked.projectId);
    const count = () => one<{ n: number }>("select count(*) as n from change_ideas").n;
    const before = count();
    for (const driverId of [foreign.id, primary.id]) {
      const res = await lead.post(`/projects/${linked.projectId}/pdsa/new`, {
        intent: "create",
        changeIdea: "new",
        newChangeIdea: "An idea under someone else's driver",
        newChangeIdeaDriver: String(driverId),
        title: "Should not be saved",
        startDate: "2026-11-20",
      });
      expect(res.status).toBe(400);
      expect((await readPage(res)).errorSummary()).toContain("Choose one of this project's secondary drivers");
    }
    expect(count()).toBe(before);
  });
});
