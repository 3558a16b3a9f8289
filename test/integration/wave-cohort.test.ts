// Waves as cohorts over HTTP without JavaScript: the board sets a wave's sponsor and champions and
// logs its events; a team records its mission, quick wins and outcome stories; the Pass it On booklet
// gathers them. Bad input is explained and saves nothing; stale forms are a 409; others are refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";
import { userIdOf } from "../helpers/db";

let server: TestServer;
let board: Client;
let admin: Client;
let viewer: Client;
let wave: { id: number; startsOn: string; endsOn: string; version: number };
let projectId: number;

beforeAll(async () => {
  server = await startTestServer();
  board = new Client(server.url);
  admin = new Client(server.url);
  viewer = new Client(server.url);
  await Promise.all([board.signIn("board@example.org"), admin.signIn("admin@example.org"), viewer.signIn("viewer@example.org")]);
  wave = server.db.$client.prepare("select id, starts_on as startsOn, ends_on as endsOn, version from waves where number = 2").get() as typeof wave;
  projectId = (server.db.$client.prepare("select id from projects where wave_id = ? order by id").get(wave.id) as { id: number }).id;
});
afterAll(async () => {
  await server?.close();
});

const count = (sql: string, ...args: unknown[]) => (server.db.$client.prepare(sql).get(...args) as { n: number }).n;
const day = (iso: string, name = "heldOn") => {
  const [y, m, d] = iso.split("-");
  return { [`${name}.day`]: String(Number(d)), [`${name}.month`]: String(Number(m)), [`${name}.year`]: y };
};
const event = (overrides: Record<string, string> = {}) => ({
  intent: "add-event",
  kind: "checkpoint",
  ...day(wave.startsOn),
  title: "Week 3 huddle",
  attendance: "11",
  notes: "",
  ...overrides,
});

describe("running a wave", () => {
  it("shows the demo's sponsor, champions and timeline on the wave's page, past and next marked", async () => {
    const page = await readPage(await viewer.get(`/waves/${wave.id}`));
    expect(page.text).toContain("Executive sponsor");
    expect(page.text).toContain("Helen Whitfield");
    expect(page.text).toContain("Wave 2 Pass it On");
    expect(page.text).toContain("Held");
    expect(page.text).not.toContain("Set the sponsor and champions");
    const three = await readPage(await viewer.get(`/waves/${(server.db.$client.prepare("select id from waves where number = 3").get() as { id: number }).id}`));
    expect(three.text).toContain("Next");
  });

  it("sets the sponsor; a stale form is a 409 that keeps the newer sponsor", async () => {
    const sam = userIdOf(server.db, "staff@example.org");
    const saved = await board.post(`/waves/${wave.id}/cohort`, { intent: "sponsor", version: String(wave.version), sponsorUserId: String(sam) });
    expect(saved.status).toBe(302);
    const stale = await board.post(`/waves/${wave.id}/cohort`, {
      intent: "sponsor",
      version: String(wave.version),
      sponsorUserId: String(userIdOf(server.db, "board@example.org")),
    });
    expect(stale.status).toBe(409);
    expect((await readPage(stale)).text).toContain("since you opened it");
    expect(count("select count(*) n from waves where id = ? and sponsor_user_id = ?", wave.id, sam)).toBe(1);
  });

  it("adds and removes a champion, and says when they are one already", async () => {
    const lee = String(userIdOf(server.db, "lead@example.org"));
    expect((await board.post(`/waves/${wave.id}/cohort`, { intent: "add-champion", championUserId: lee })).status).toBe(302);
    const twice = await board.post(`/waves/${wave.id}/cohort`, { intent: "add-champion", championUserId: lee });
    expect(twice.status).toBe(400);
    expect((await readPage(twice)).errorSummary()).toEqual(["Lee Lead is already a champion of this wave"]);
    expect((await board.post(`/waves/${wave.id}/cohort`, { intent: "remove-champion", championUserId: lee })).status).toBe(302);
    expect(count("select count(*) n from wave_champions where wave_id = ? and user_id = ?", wave.id, lee)).toBe(0);
  });

  it("explains what to fix in an event, including a date far from the wave, and saves nothing", async () => {
    const before = count("select count(*) n from wave_events");
    const bad = await board.post(`/waves/${wave.id}/cohort`, event({ title: "", attendance: "lots", kind: "party" }));
    expect(bad.status).toBe(400);
    expect((await readPage(bad)).errorSummary()).toEqual([
      "Choose what kind of event it is",
      "Enter a title for the event",
      "Enter the number of people who attended, for example 40, or leave it empty",
    ]);
    const far = await board.post(`/waves/${wave.id}/cohort`, event(day("2001-02-03")));
    expect(far.status).toBe(400);
    expect((await readPage(far)).errorSummary()[0]).toMatch(/^The date must be between .+ within 13 weeks of the wave's dates$/);
    expect(count("select count(*) n from wave_events")).toBe(before);
  });

  it("logs, edits (409 on a stale form) and removes an event after its confirm step", async () => {
    const logged = await board.post(`/waves/${wave.id}/cohort`, event());
    expect(logged.status).toBe(302);
    const id = (server.db.$client.prepare("select max(id) id from wave_events").get() as { id: number }).id;
    const edit = { ...event({ intent: "edit", attendance: "13" }), version: "1" };
    expect((await board.post(`/waves/${wave.id}/events/${id}`, edit)).status).toBe(302);
    const stale = await board.post(`/waves/${wave.id}/events/${id}`, { ...edit, attendance: "20" });
    expect(stale.status).toBe(409);
    expect((await readPage(stale)).conflict()).toBeTruthy();
    expect(count("select attendance n from wave_events where id = ?", id)).toBe(13);
    const confirm = await readPage(await board.get(`/waves/${wave.id}/events/${id}?remove=1`));
    expect(confirm.text).toContain("Yes, remove this event");
    expect((await board.post(`/waves/${wave.id}/events/${id}`, { intent: "remove", version: "1" })).status).toBe(409);
    expect((await board.post(`/waves/${wave.id}/events/${id}`, { intent: "remove", version: "2" })).status).toBe(302);
    expect(count("select count(*) n from wave_events where id = ? and deleted_at is not null", id)).toBe(1);
  });

  it("refuses viewers and staff off the board", async () => {
    const before = count("select count(*) n from wave_events");
    expect((await viewer.get(`/waves/${wave.id}/cohort`)).status).toBe(403);
    expect((await viewer.post(`/waves/${wave.id}/cohort`, event())).status).toBe(403);
    expect(count("select count(*) n from wave_events")).toBe(before);
  });
});

describe("a team's part and the Pass it On booklet", () => {
  it("saves the mission; a stale form is a 409", async () => {
    const version = count("select version n from team_missions where project_id = ?", projectId);
    const saved = await admin.post(`/projects/${projectId}/wave`, {
      intent: "mission",
      version: String(version),
      mission: "Every child screened within the hour.",
    });
    expect(saved.status).toBe(302);
    const stale = await admin.post(`/projects/${projectId}/wave`, { intent: "mission", version: String(version), mission: "Something else." });
    expect(stale.status).toBe(409);
    expect((await readPage(await viewer.get(`/projects/${projectId}/wave`))).text).toContain("Every child screened within the hour.");
  });

  it("counts one of the project's wins as a quick win, never another project's", async () => {
    const own = server.db.$client
      .prepare("insert into wins (project_id, title, evidence_kind, at) values (?, 'Huddle board up', 'other', 0) returning id")
      .get(projectId) as { id: number };
    const other = server.db.$client.prepare("select id from wins where project_id <> ? order by id").get(projectId) as { id: number };
    const refused = await admin.post(`/projects/${projectId}/wave`, { intent: "add-quick-win", winId: String(other.id) });
    expect(refused.status).toBe(400);
    expect((await readPage(refused)).errorSummary()).toEqual(["Choose one of the project's wins"]);
    expect((await admin.post(`/projects/${projectId}/wave`, { intent: "add-quick-win", winId: String(own.id) })).status).toBe(302);
    expect(count("select count(*) n from team_quick_wins where win_id = ?", own.id)).toBe(1);
  });

  it("adds, edits and removes an outcome story; viewers may not", async () => {
    expect((await admin.post(`/projects/${projectId}/wave`, { intent: "add-story", title: "", story: "" })).status).toBe(400);
    expect(
      (await admin.post(`/projects/${projectId}/wave`, { intent: "add-story", title: "Parents heard", story: "Parents now raise the alarm." })).status,
    ).toBe(302);
    const id = (server.db.$client.prepare("select max(id) id from outcome_stories").get() as { id: number }).id;
    const edit = { intent: "edit-story", storyId: String(id), version: "1", title: "Parents heard", story: "Parents raise the alarm early." };
    expect((await admin.post(`/projects/${projectId}/wave`, edit)).status).toBe(302);
    expect((await admin.post(`/projects/${projectId}/wave`, edit)).status).toBe(409);
    expect((await viewer.post(`/projects/${projectId}/wave`, { intent: "remove-story", storyId: String(id), version: "2" })).status).toBe(403);
    expect((await admin.post(`/projects/${projectId}/wave`, { intent: "remove-story", storyId: String(id), version: "2" })).status).toBe(302);
    expect(count("select count(*) n from outcome_stories where id = ? and deleted_at is null", id)).toBe(0);
  });

  it("gathers every team's summary in the booklet and names the next wave's teams", async () => {
    const page = await readPage(await viewer.get(`/waves/${wave.id}/pass-it-on`));
    const title = (server.db.$client.prepare("select title from projects where id = ?").get(projectId) as { title: string }).title;
    expect(page.text).toContain(title);
    expect(page.text).toContain("Every child screened within the hour.");
    expect(page.text).toContain("Huddle board up");
    expect(page.text).toContain("PDSA cycle");
    const next = server.db.$client.prepare("select p.title from projects p join waves w on w.id = p.wave_id where w.number = 3 order by p.title").all() as {
      title: string;
    }[];
    expect(next.length).toBeGreaterThan(0);
    expect(page.text).toContain("Handing the baton to");
    for (const t of next) expect(page.text).toContain(t.title);
  });
});
