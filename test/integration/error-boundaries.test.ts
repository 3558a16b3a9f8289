// An error inside a project (a missing cycle, milestone or measure) is shown inside the project's
// frame: its title and workbook navigation stay, so the person is never stranded.
import { afterAll, beforeAll, expect, it } from "vitest";
import { projects } from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let viewer: Client;
beforeAll(async () => {
  server = await startTestServer();
  viewer = await Client.signedIn(server.url, "viewer@example.org");
});
afterAll(async () => {
  await server?.close();
});

it.each(["pdsa/999999", "milestones/999999", "status/999999", "measures/999999"])(
  "a missing record at /projects/:id/%s answers 404 inside the project's navigation",
  async (rest) => {
    const project = server.db.select({ id: projects.id, title: projects.title }).from(projects).get()!;
    const res = await viewer.get(`/projects/${project.id}/${rest}`);
    expect(res.status).toBe(404);
    const html = await readPage(res);
    expect(html.text).toContain("Page not found");
    expect(html.find('[aria-label="Project workbook"]')).not.toBeNull();
    expect(html.text).toContain(project.title);
  },
);

it("a missing project has no frame to keep: the app's own 404 page", async () => {
  const res = await viewer.get("/projects/999999/pdsa");
  expect(res.status).toBe(404);
  const html = await readPage(res);
  expect(html.text).toContain("Page not found");
  expect(html.find('[aria-label="Project workbook"]')).toBeNull();
});
