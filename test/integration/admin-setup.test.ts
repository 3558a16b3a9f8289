// Day one on an empty trust: the Admin area's navigation, the set-up checklist, waves and CQC actions that can be
// edited and archived, and a refused rename shown beside its own row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, cqcActions, divisions, waves } from "../../db/schema";
import { readPage } from "../helpers/html";
import { startEmptyTrust } from "../helpers/empty-trust";
import type { Client, TestServer } from "../helpers/server";

let server: TestServer;
let admin: Client;
let adminId: number;
beforeAll(async () => {
  ({ server, admin, adminId } = await startEmptyTrust());
});
afterAll(async () => {
  await server?.close();
});

const stepState = async () => {
  const page = await readPage(await admin.get("/admin/setup"));
  const rows = page.tableRows();
  expect(rows.length).toBeGreaterThan(0);
  return Object.fromEntries(rows.map((r) => [r[0], r[1]]));
};

describe("the set-up checklist on an empty trust", () => {
  it("is linked from the admin's home page, and every admin page has the Admin navigation", async () => {
    const home = await readPage(await admin.get("/"));
    expect(home.text).toContain("Set up your trust");
    expect(home.hrefs()).toContain("/admin/setup");
    for (const path of ["/admin/setup", "/admin/users", "/admin/programme", "/admin/audit"]) {
      const page = await readPage(await admin.get(path));
      const nav = page.hrefs('nav[aria-label="Admin"]');
      expect(nav).toEqual(["/admin/setup", "/admin/users", "/admin/programme", "/admin/import/people", "/admin/export", "/admin/audit", "/admin/outbox"]);
    }
  });

  it("lists every step with its state and a link, and a step is done once it is", async () => {
    const page = await readPage(await admin.get("/admin/setup"));
    expect(page.text).toContain("0 of 8 steps done"); // the admin alone is not yet the people
    const before = await stepState();
    expect(Object.keys(before)).toEqual([
      "Name the trust and programme",
      "Strategic themes",
      "Divisions",
      "Waves",
      "Attention thresholds",
      "CQC must-do and should-do actions",
      "People",
      "Projects",
    ]);
    expect(before["Divisions"]).toBe("To do");
    expect(page.hrefs("table")).toEqual(expect.arrayContaining(["/admin/programme", "/admin/programme#divisions", "/cqc", "/admin/import/people"]));
    expect((await admin.post("/admin/programme", { intent: "division-add", name: "Medicine" })).status).toBe(200);
    expect((await stepState())["Divisions"]).toBe("Done");
  });

  it("is for admins only", async () => {
    const anon = await fetch(`${server.url}/admin/setup`, { redirect: "manual" });
    expect(anon.status).toBe(302);
  });
});

describe("renaming a division in use", () => {
  it("shows a refused rename beside its own row, keeps the typed text marked as not saved, and changes nothing", async () => {
    await admin.post("/admin/programme", { intent: "division-add", name: "Medicine" });
    await admin.post("/admin/programme", { intent: "division-add", name: "Surgery" });
    const surgery = server.db.select().from(divisions).where(eq(divisions.name, "Surgery")).get()!;
    const res = await admin.post("/admin/programme", { intent: "division-rename", id: String(surgery.id), name: "medicine" });
    expect(res.status).toBe(400);
    const page = await readPage(res);
    expect(page.textOf(`#division-${surgery.id}-error`)).toContain("There is already a division called medicine. Not saved: the name is still Surgery.");
    expect(page.get(`#division-${surgery.id}`).getAttribute("value")).toBe("medicine");
    expect(page.find("#division-new-error")).toBeNull();
    expect(server.db.select().from(divisions).where(eq(divisions.id, surgery.id)).get()!.name).toBe("Surgery");
    const blank = await readPage(await admin.post("/admin/programme", { intent: "division-rename", id: String(surgery.id), name: "  " }));
    expect(blank.textOf(`#division-${surgery.id}-error`)).toContain("Enter the division's name");
  });
});

describe("waves", () => {
  it("are edited and archived, each change audited", async () => {
    const add = await admin.post("/admin/programme", {
      intent: "wave-add",
      number: "1",
      name: "Wave 1: Spring 2027",
      "startsOn.day": "1",
      "startsOn.month": "3",
      "startsOn.year": "2027",
      "endsOn.day": "19",
      "endsOn.month": "7",
      "endsOn.year": "2027",
    });
    expect(add.status).toBe(200);
    const wave = server.db.select().from(waves).where(eq(waves.number, 1)).get()!;
    expect((await readPage(await admin.get("/admin/programme"))).hrefs()).toContain(`/admin/waves/${wave.id}`);
    const edited = await admin.post(`/admin/waves/${wave.id}`, { intent: "edit", number: "1", name: "Spring", startsOn: "2027-03-08", endsOn: "2027-07-26" });
    expect(edited.status).toBe(302);
    expect(server.db.select().from(waves).where(eq(waves.id, wave.id)).get()).toMatchObject({ name: "Spring", startsOn: "2027-03-08" });
    const bad = await admin.post(`/admin/waves/${wave.id}`, { intent: "edit", number: "1", name: "Spring", startsOn: "2027-03-08", endsOn: "2027-03-01" });
    expect(bad.status).toBe(400);
    expect((await readPage(bad)).errorSummary()).toContain("The end date must be after the start date");
    expect((await admin.post(`/admin/waves/${wave.id}`, { intent: "archive" })).status).toBe(302);
    expect(server.db.select().from(waves).where(eq(waves.id, wave.id)).get()!.archivedAt).not.toBeNull();
    const page = await readPage(await admin.get(`/admin/waves/${wave.id}`));
    expect(page.text).toContain("Wave 1: Spring (archived)");
    const events = server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "wave"), eq(auditEvents.entityId, wave.id)))
      .all()
      .map((e) => e.summary);
    expect(events).toEqual(expect.arrayContaining(["Archived wave 1", expect.stringMatching(/^Changed wave 1/)]));
    expect((await admin.post(`/admin/waves/${wave.id}`, { intent: "restore" })).status).toBe(302);
    expect(server.db.select().from(waves).where(eq(waves.id, wave.id)).get()!.archivedAt).toBeNull();
    expect((await admin.get("/admin/waves/99999")).status).toBe(404);
  });
});

describe("CQC actions", () => {
  it("get an owner and a due date, and are archived out of the open register", async () => {
    await admin.post("/cqc", { intent: "add", reference: "MD1", kind: "must_do", domain: "safe", service: "ED", text: "Ensure sepsis screening" });
    const action = server.db.select().from(cqcActions).where(eq(cqcActions.reference, "MD1")).get()!;
    const form = { intent: "edit", kind: "must_do", domain: "safe", service: "ED", text: "Ensure sepsis screening for every adult" };
    const saved = await admin.post(`/cqc/${action.id}`, { ...form, ownerId: String(adminId), dueOn: "2027-06-30" });
    expect(saved.status).toBe(302);
    expect(server.db.select().from(cqcActions).where(eq(cqcActions.id, action.id)).get()).toMatchObject({ ownerId: adminId, dueOn: "2027-06-30" });
    const register = await readPage(await admin.get("/cqc"));
    expect(register.text).toContain("Owner: Head of QI · Due: 30 Jun 2027");
    const badOwner = await admin.post(`/cqc/${action.id}`, { ...form, ownerId: "99999", dueOn: "2027-06-30" });
    expect(badOwner.status).toBe(400);
    const badPage = await readPage(badOwner);
    expect(badPage.errorSummary()).toContain("Choose an owner from the list");
    expect((await admin.post(`/cqc/${action.id}`, { intent: "archive" })).status).toBe(302);
    const after = await readPage(await admin.get("/cqc"));
    expect(after.textOf("main")).toContain("Archived actions");
    expect(after.text).not.toContain("must-do action with no active project");
    const audit = server.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, action.id))
      .all()
      .map((e) => e.summary);
    expect(audit).toEqual(
      expect.arrayContaining(["Archived CQC action MD1", expect.stringMatching(/^Changed CQC action MD1: owner Head of QI, due 2027-06-30/)]),
    );
  });
});
