// Dates typed without JavaScript: the NHS date input's day, month and year boxes are posted as
// `<name>.day`, `.month` and `.year`; the server reads them with the same rule as the browser.
// An ISO `<name>` (API clients, older pages) is still taken.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { milestones, pdsaCycles, projectTeam, statusReports } from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";
import { userIdOf } from "../helpers/db";

let server: TestServer;
let lead: Client;
let admin: Client;
let projectId: number;

beforeAll(async () => {
  server = await startTestServer();
  lead = await Client.signedIn(server.url, "lead@example.org");
  admin = await Client.signedIn(server.url, "admin@example.org");
  projectId = server.db
    .select({ projectId: projectTeam.projectId })
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, userIdOf(server.db, "lead@example.org")), isNull(projectTeam.endedAt)))
    .get()!.projectId;
});
afterAll(async () => {
  await server?.close();
});

const boxes = (name: string, day: string, month: string, year: string) => ({ [`${name}.day`]: day, [`${name}.month`]: month, [`${name}.year`]: year });
const cycleCount = () => server.db.select().from(pdsaCycles).all().length;

const plan = {
  intent: "create",
  changeIdea: "new",
  newChangeIdea: "Typed-date prompt card",
  title: "Prompt card typed with the date boxes",
};

describe("a PDSA cycle's start date", () => {
  it("is saved from the three boxes, leading zeros and all", async () => {
    const res = await lead.post(`/projects/${projectId}/pdsa/new`, { ...plan, ...boxes("startDate", "01", "04", "2027"), ...boxes("endDate", "", "", "") });
    expect(res.status, await res.clone().text()).toBe(302);
    const id = Number(res.headers.get("location")!.match(/\/pdsa\/(\d+)/)![1]);
    expect(server.db.select().from(pdsaCycles).where(eq(pdsaCycles.id, id)).get()).toMatchObject({ startDate: "2027-04-01", endDate: null });
  });

  it("without a year is refused with the NHS message, the boxes kept and the year box marked; nothing is saved", async () => {
    const before = cycleCount();
    const res = await lead.post(`/projects/${projectId}/pdsa/new`, { ...plan, ...boxes("startDate", "1", "4", "") });
    expect(res.status).toBe(400);
    const page = await readPage(res);
    expect(page.errorSummary()).toEqual(["Start date must include a year"]);
    expect(page.dateValue("startDate")).toBe("1/4/");
    const year = page.get('input[name="startDate.year"]');
    expect(year.classList.contains("nhsuk-input--error")).toBe(true);
    expect(page.get('input[name="startDate.day"]').classList.contains("nhsuk-input--error")).toBe(false);
    expect(page.hrefs(".nhsuk-error-summary")).toEqual([`#${year.id}`]);
    expect(cycleCount()).toBe(before);
  });

  it("refuses a two-number year and a day the month does not have", async () => {
    const before = cycleCount();
    for (const [typed, message] of [
      [boxes("startDate", "1", "4", "27"), "Year must include 4 numbers"],
      [boxes("startDate", "31", "2", "2027"), "Start date must be a real date"],
      [boxes("startDate", "", "", "2027"), "Start date must include a day and month"],
      [boxes("startDate", "", "", ""), "Enter the start date"],
    ] as const) {
      const res = await lead.post(`/projects/${projectId}/pdsa/new`, { ...plan, ...typed });
      expect(res.status).toBe(400);
      expect((await readPage(res)).errorSummary()).toEqual([message]);
    }
    expect(cycleCount()).toBe(before);
  });

  it("still takes an ISO start date", async () => {
    const res = await lead.post(`/projects/${projectId}/pdsa/new`, { ...plan, startDate: "2026-11-20" });
    expect(res.status).toBe(302);
  });
});

describe("a status report's date", () => {
  const report = { rag: "green", progress: "Typed dates work.", nextSteps: "Carry on.", risks: "" };

  it("is saved from the boxes; a future date is refused as a whole, every box marked", async () => {
    const res = await lead.post(`/projects/${projectId}/status/new`, { ...report, ...boxes("reportDate", "20", "11", "2026") });
    expect(res.status).toBe(302);
    const id = Number(res.headers.get("location")!.match(/\/status\/(\d+)/)![1]);
    expect(server.db.select().from(statusReports).where(eq(statusReports.id, id)).get()!.reportDate).toBe("2026-11-20");

    const future = await lead.post(`/projects/${projectId}/status/new`, { ...report, ...boxes("reportDate", "1", "1", "2030") });
    expect(future.status).toBe(400);
    const page = await readPage(future);
    expect(page.errorSummary()).toHaveLength(1);
    expect(page.findAll(".nhsuk-date-input .nhsuk-input--error")).toHaveLength(3);
    expect(page.dateValue("reportDate")).toBe("2030-01-01");
  });

  it("refuses a date that is only a month", async () => {
    const res = await lead.post(`/projects/${projectId}/status/new`, { ...report, ...boxes("reportDate", "", "11", "") });
    expect(res.status).toBe(400);
    expect((await readPage(res)).errorSummary()).toEqual(["The reporting date must include a day and year"]);
  });
});

describe("a milestone's forecast", () => {
  it("moves with the boxes, and an impossible date is refused without a change", async () => {
    const added = await lead.post(`/projects/${projectId}/milestones`, { intent: "create", title: "Typed forecast", owner: "", baselineDate: "2026-12-01" });
    expect(added.status).toBe(302);
    const id = Number(new URL(added.headers.get("location")!, server.url).searchParams.get("added"));
    const row = () => server.db.select().from(milestones).where(eq(milestones.id, id)).get()!;
    const form = () => ({ intent: "update", version: String(row().version), title: "Typed forecast", owner: "", ...boxes("completedOn", "", "", "") });

    const before = row();
    const bad = await lead.post(`/projects/${projectId}/milestones/${id}`, { ...form(), ...boxes("forecastDate", "31", "11", "2026") });
    expect(bad.status).toBe(400);
    expect((await readPage(bad)).errorSummary()).toEqual(["The forecast date must be a real date"]);
    expect(row()).toEqual(before);

    const ok = await lead.post(`/projects/${projectId}/milestones/${id}`, { ...form(), ...boxes("forecastDate", "20", "11", "2026") });
    expect(ok.status).toBe(302);
    expect(row().forecastDate).toBe("2026-11-20");
  });
});

describe("the audit trail's date filters", () => {
  it("take the boxes or an ISO date, and say what is wrong with half a date instead of applying it", async () => {
    const typed = await readPage(await admin.get("/admin/audit?from.day=1&from.month=1&from.year=2099&to.day=&to.month=&to.year="));
    expect(typed.text).toContain("No events match these filters");
    expect(typed.dateValue("from")).toBe("2099-01-01");
    const iso = await readPage(await admin.get("/admin/audit?from=2099-01-01"));
    expect(iso.text).toContain("No events match these filters");
    expect(iso.dateValue("from")).toBe("2099-01-01");
    const half = await readPage(await admin.get("/admin/audit?from.day=1&from.month=1&from.year="));
    expect(half.textsOf(".nhsuk-error-message")).toEqual(["Error: From must include a year"]);
    expect(half.text).not.toContain("No events match these filters");
    expect(await readPage(await admin.get("/admin/audit")).then((p) => p.findAll("input[type=date]"))).toHaveLength(0);
  });
});
