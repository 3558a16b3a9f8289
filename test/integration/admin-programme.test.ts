import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { programmes, projects, themes, users, waves } from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startTestServer();
  admin = new Client(server.url);
  await admin.signIn("admin@example.org");
});
afterAll(async () => {
  await server?.close();
});

const details = {
  intent: "details",
  name: "Stepping Up",
  trustName: "Riverside University Hospitals NHS Foundation Trust",
  milestoneSlipDays: "30",
  pdsaStaleWeeks: "6",
  statusStaleWeeks: "5",
  measureGapPeriods: "3",
  askOpenDays: "14",
};

describe("programme set-up", () => {
  it("is for admins only", async () => {
    const board = new Client(server.url);
    await board.signIn("board@example.org");
    expect((await board.get("/admin/programme")).status).toBe(403);
    expect((await board.post("/admin/programme", details)).status).toBe(403);
  });

  it("saves thresholds, which the board's flags then use", async () => {
    await admin.get("/board");
    const res = await admin.post("/admin/programme", { ...details, statusStaleWeeks: "1" });
    expect(res.status).toBe(200);
    expect(server.db.select().from(programmes).get()!.statusStaleWeeks).toBe(1);
    const html = await readPage(await admin.get("/board?attention=1"));
    expect(html.text).toMatch(/Last status report \d+ weeks? ago|No recent status report/);
  });

  it("rejects bad thresholds and changes nothing", async () => {
    const before = server.db.select().from(programmes).get()!;
    const res = await admin.post("/admin/programme", {
      ...details,
      askOpenDays: "0",
      milestoneSlipDays: "ten",
      name: "",
    });
    expect(res.status).toBe(400);
    const html = await readPage(res);
    expect(html.text).toContain("Open ask age must be at least 1");
    expect(html.text).toContain("Milestone slip must be a whole number");
    expect(html.text).toContain("Enter the programme's name");
    expect(server.db.select().from(programmes).get()).toEqual(before);
  });

  it("keeps theme names unique, retires a theme in use, deletes only unused ones", async () => {
    const used = server.db
      .select()
      .from(themes)
      .all()
      .find((t) => server.db.select().from(projects).where(eq(projects.themeId, t.id)).all().length > 0)!;
    const dup = await admin.post("/admin/programme", { intent: "theme-add", name: used.name.toUpperCase() });
    expect(dup.status).toBe(400);
    expect((await readPage(dup)).text).toContain("There is already a strategic theme called");
    expect((await admin.post("/admin/programme", { intent: "theme-delete", id: String(used.id) })).status).toBe(400);
    expect(server.db.select().from(themes).where(eq(themes.id, used.id)).get()).toBeTruthy();
    expect((await admin.post("/admin/programme", { intent: "theme-retire", id: String(used.id) })).status).toBe(200);
    expect(server.db.select().from(themes).where(eq(themes.id, used.id)).get()!.retiredAt).not.toBeNull();
    await admin.post("/admin/programme", { intent: "theme-add", name: "Falls prevention" });
    const added = server.db.select().from(themes).where(eq(themes.name, "Falls prevention")).get()!;
    expect((await admin.post("/admin/programme", { intent: "theme-delete", id: String(added.id) })).status).toBe(200);
    expect(server.db.select().from(themes).where(eq(themes.id, added.id)).get()).toBeUndefined();
  });

  it("adds a wave whose end is after its start, with a unique number", async () => {
    const bad = await admin.post("/admin/programme", {
      intent: "wave-add",
      number: "4",
      name: "",
      startsOn: "2027-06-01",
      endsOn: "2027-05-01",
    });
    expect(bad.status).toBe(400);
    expect((await readPage(bad)).text).toContain("The end date must be after the start date");
    const taken = await admin.post("/admin/programme", {
      intent: "wave-add",
      number: "3",
      name: "",
      startsOn: "2027-01-04",
      endsOn: "2027-05-23",
    });
    expect(taken.status).toBe(400);
    expect((await readPage(taken)).text).toContain("There is already a wave 3");
    const ok = await admin.post("/admin/programme", {
      intent: "wave-add",
      number: "4",
      name: "",
      startsOn: "2027-01-04",
      endsOn: "2027-05-23",
    });
    expect(ok.status).toBe(200);
    expect(server.db.select().from(waves).where(eq(waves.number, 4)).get()!.name).toBe("Wave 4");
  });
});

describe("the audit trail", () => {
  it("lets an admin filter by person, project and date", async () => {
    await new Client(server.url).post("/login", { email: "viewer@example.org", password: "wrong-password" });
    const viewer = server.db.select().from(users).where(eq(users.email, "viewer@example.org")).get()!;
    const html = await readPage(await admin.get(`/admin/audit?user=${viewer.id}&from=2000-01-01`));
    expect(html.text).toContain("Failed sign-in for viewer@example.org");
    expect(html.textsOf("td").filter((cell) => cell.endsWith("Signed in"))).toEqual([]);
    const project = server.db.select().from(projects).get()!;
    const byProject = await readPage(await admin.get(`/admin/audit?project=${project.id}`));
    expect(byProject.anywhere).not.toContain("Failed sign-in");
    const none = await readPage(await admin.get("/admin/audit?from=2099-01-01"));
    expect(none.text).toContain("No events match these filters");
    const staff = new Client(server.url);
    await staff.signIn("staff@example.org");
    expect((await staff.get("/admin/audit")).status).toBe(403);
  });
});
