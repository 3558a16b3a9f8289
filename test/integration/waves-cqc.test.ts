import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditEvents, cqcActionProjects, cqcActions, projects, waves } from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let admin: Client;
let viewer: Client;
beforeAll(async () => {
  server = await startTestServer();
  admin = new Client(server.url);
  await admin.signIn("admin@example.org");
  viewer = new Client(server.url);
  await viewer.signIn("viewer@example.org");
});
afterAll(async () => {
  await server?.close();
});

describe("waves", () => {
  it("compares the waves with a clock for the one in progress", async () => {
    const html = await readPage(await viewer.get("/waves"));
    const all = server.db.select().from(waves).all();
    expect(all.length).toBeGreaterThan(0);
    for (const w of all) expect(html.hrefs()).toContain(`/waves/${w.id}`);
    expect(html.text).toMatch(/Week \d+ of 20/);
    expect(html.text).toContain("Finished (20 weeks)");
  });

  it("shows a wave's projects and its own roll-up", async () => {
    const wave = server.db.select().from(waves).where(eq(waves.number, 3)).get()!;
    const inWave = server.db.select().from(projects).where(eq(projects.waveId, wave.id)).all();
    expect(inWave.length).toBeGreaterThan(0);
    const html = await readPage(await viewer.get(`/waves/${wave.id}`));
    for (const p of inWave) expect(html.text).toContain(p.title);
    expect(html.text).toContain(`(${inWave.length} project${inWave.length === 1 ? "" : "s"} in this view)`);
    expect((await viewer.get("/waves/99999")).status).toBe(404);
  });
});

describe("CQC register", () => {
  it("flags a must-do with no active project", async () => {
    const html = await readPage(await viewer.get("/cqc"));
    expect(html.text).toContain("No active project");
    expect(html.anywhere).not.toContain("Add an action"); // viewers only read
  });

  it("an admin pastes actions; one bad line saves nothing", async () => {
    const before = server.db.select().from(cqcActions).all().length;
    const bad = await admin.post("/cqc", {
      intent: "paste",
      rows: "MD90, must do, safe, ED, Ensure triage within 15 minutes\nSD91, could do, caring, Ward 3, Something",
    });
    expect(bad.status).toBe(400);
    expect((await readPage(bad)).text).toContain("Line 2: the kind must be");
    expect(server.db.select().from(cqcActions).all().length).toBe(before);
    const ok = await admin.post("/cqc", {
      intent: "paste",
      rows: "MD90\tmust do\tsafe\tED\tEnsure triage within 15 minutes\nSD91\tshould do\twell-led\tBoard\tStrengthen governance",
    });
    expect(ok.status).toBe(200);
    const added = server.db.select().from(cqcActions).where(eq(cqcActions.reference, "SD91")).get()!;
    expect(added.domain).toBe("well_led");
    expect(server.db.select().from(cqcActions).all().length).toBe(before + 2);
    const again = await admin.post("/cqc", { intent: "paste", rows: "MD90, must do, safe, ED, Duplicate" });
    expect(again.status).toBe(400);
    expect((await readPage(again)).text).toContain("MD90 is already in the register");
  });

  it("links a project to an action; only admins may change the register", async () => {
    const action = server.db.select().from(cqcActions).where(eq(cqcActions.reference, "MD90")).get()!;
    const project = server.db.select().from(projects).where(eq(projects.stage, "active")).get()!;
    expect((await viewer.post("/cqc", { intent: "link", actionId: String(action.id), projectId: String(project.id) })).status).toBe(403);
    const res = await admin.post("/cqc", {
      intent: "link",
      actionId: String(action.id),
      projectId: String(project.id),
    });
    expect(res.status).toBe(200);
    expect(server.db.select().from(cqcActionProjects).where(eq(cqcActionProjects.cqcActionId, action.id)).all()).toHaveLength(1);
    expect(server.db.select().from(auditEvents).where(eq(auditEvents.action, "cqc.updated")).all().length).toBeGreaterThanOrEqual(2);
    const missing = await admin.post("/cqc", { intent: "add", reference: "", kind: "", domain: "", text: "" });
    expect(missing.status).toBe(400);
    const html = await readPage(missing);
    expect(html.text).toContain("Enter a reference, such as MD1");
    expect(html.text).toContain("Choose the CQC domain");
  });
});
