// The driver diagram as a slide of the deck and a panel of the project on a page; hidden with the
// deck's settings like any other slide.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let viewer: Client;
let lead: Client;
let project: { id: number; primary: string; idea: string };

const one = <T>(sql: string, ...params: unknown[]) => server.db.$client.prepare(sql).get(...params) as T;

beforeAll(async () => {
  server = await startTestServer();
  viewer = await Client.signedIn(server.url, "viewer@example.org");
  lead = await Client.signedIn(server.url, "lead@example.org");
  project = one(
    `select p.id, d.title as "primary",
       (select c.title from change_ideas c join change_idea_drivers cd on cd.change_idea_id = c.id where c.project_id = p.id and c.deleted_at is null order by c.id) as idea
     from projects p join drivers d on d.project_id = p.id and d.level = 'primary' and d.deleted_at is null
     join project_team t on t.project_id = p.id and t.ended_at is null join users u on u.id = t.user_id and u.email = 'lead@example.org'
     order by p.id, d.position`,
  );
  expect(project?.idea).toBeTruthy();
});
afterAll(() => server?.close());

describe("the driver diagram in presentations", () => {
  it("is a slide of the deck, drawn as SVG with the nested list beside it", async () => {
    const page = await readPage(await viewer.get(`/projects/${project.id}/present`));
    const slide = page.findAll('section[aria-roledescription="slide"]').find((s) => s.getAttribute("aria-label")?.endsWith("The driver diagram"));
    expect(slide, "a driver diagram slide").toBeTruthy();
    expect(slide!.getAttribute("aria-label")).toMatch(/^3 of \d+: /);
    const svg = slide!.querySelector("svg.app-driver-svg");
    expect(svg?.getAttribute("role")).toBe("img");
    expect(svg!.text).toContain(project.primary.slice(0, 12));
    expect(slide!.querySelector(".app-driver-list")?.text).toContain(project.idea);
  });

  it("is a panel of the project on a page: primary drivers on the sheet, the whole diagram under it", async () => {
    const page = await readPage(await viewer.get(`/projects/${project.id}/one-page`));
    expect(page.get(".app-one-page .app-one-page__drivers").text).toContain(project.primary);
    const panel = page.get(".app-one-page-drivers");
    expect(panel.querySelector("svg.app-driver-svg")).not.toBeNull();
    expect(panel.querySelector(".app-driver-list")?.text).toContain(project.idea);
    expect(panel.querySelectorAll("a").map((a) => a.getAttribute("href"))).toContain(`/projects/${project.id}/drivers`);
  });

  it("can be hidden from the deck and the page in the presentation settings", async () => {
    const settings = await readPage(await lead.get(`/projects/${project.id}/present/settings`));
    expect(settings.get('input[name="show"][value="drivers"]').hasAttribute("checked")).toBe(true);
    const measures = server.db.$client
      .prepare("select id from measures where project_id = ? and deleted_at is null order by is_primary desc, id")
      .all(project.id) as { id: number }[];
    const form: Record<string, string | string[]> = {
      rev: "0",
      show: ["aim", ...measures.map((m) => `measure-${m.id}`), "pdsa", "milestones", "asks", "next-steps"],
      formToken: settings.hiddenFields('form[method="post"]').formToken ?? "",
    };
    if (!form.formToken) delete form.formToken;
    measures.forEach((m, i) => {
      form[`measures[${i}].id`] = String(m.id);
      form[`measures[${i}].position`] = String(i + 1);
    });
    const res = await lead.post(`/projects/${project.id}/present/settings`, form);
    expect(res.status).toBe(302);
    const deck = await readPage(await viewer.get(`/projects/${project.id}/present`));
    expect(deck.findAll('section[aria-roledescription="slide"]').some((s) => s.getAttribute("aria-label")?.endsWith("The driver diagram"))).toBe(false);
    const sheet = await readPage(await viewer.get(`/projects/${project.id}/one-page`));
    expect(sheet.find(".app-one-page__drivers")).toBeNull();
    expect(sheet.find(".app-one-page-drivers")).toBeNull();
  });
});
