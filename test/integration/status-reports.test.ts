import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, isNull, notInArray } from "drizzle-orm";
import { asks, auditEvents, projectTeam, statusReports } from "../../db/schema";
import { readPage, textOf } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";
import { userIdOf } from "../helpers/db";

let server: TestServer;
let lead: Client;
let viewer: Client;
let projectId: number; // a project lead@ is on
let otherProjectId: number; // a project lead@ is not on

beforeAll(async () => {
  server = await startTestServer();
  lead = new Client(server.url);
  viewer = new Client(server.url);
  await lead.signIn("lead@example.org");
  await viewer.signIn("viewer@example.org");
  const teams = server.db
    .select({ projectId: projectTeam.projectId })
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, userId("lead@example.org")), isNull(projectTeam.endedAt)))
    .all()
    .map((r) => r.projectId);
  projectId = teams[0];
  otherProjectId = server.db.select({ projectId: projectTeam.projectId }).from(projectTeam).where(notInArray(projectTeam.projectId, teams)).get()!.projectId;
});
afterAll(async () => {
  await server?.close();
});

const userId = (email: string) => userIdOf(server.db, email);
const counts = () => ({
  reports: server.db.select().from(statusReports).all().length,
  asks: server.db.select().from(asks).all().length,
  audit: server.db.select().from(auditEvents).all().length,
});
const newPath = (p = projectId) => `/projects/${p}/status/new`;
const reportIdFrom = (res: Response) => Number(res.headers.get("location")!.match(/\/status\/(\d+)\?written=1$/)![1]);

const GOOD = {
  reportDate: "2026-11-26",
  rag: "green",
  progress: "Antibiotics within the hour at 84% for six weeks.",
  nextSteps: "Test the champion role in paediatric ED.",
  risks: "Winter demand.",
};

describe("writing a status report", () => {
  it("saves a green report (no reason needed) with an audit row, and shows it in full", async () => {
    const res = await lead.post(newPath(), GOOD);
    expect(res.status).toBe(302);
    const id = reportIdFrom(res);
    const row = server.db.select().from(statusReports).where(eq(statusReports.id, id)).get()!;
    expect(row).toMatchObject({ ...GOOD, projectId, ragReason: "", createdBy: userId("lead@example.org") });
    const audit = server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "status_report"), eq(auditEvents.entityId, id)))
      .get()!;
    expect(audit).toMatchObject({ action: "status_report.created", projectId });
    expect(audit.summary).toBe("Wrote the status report for 26 Nov 2026 (Green)");
    const page = await readPage(await viewer.get(`/projects/${projectId}/status/${id}`));
    expect(page.text).toContain("Status report for 26 Nov 2026");
    for (const text of Object.values(GOOD).slice(2)) expect(page.text).toContain(text);
  });

  it("turns each ask in the report into an open ask linked to it, each audited", async () => {
    const staff = userId("staff@example.org");
    const res = await lead.post(newPath(), {
      ...GOOD,
      rag: "amber",
      ragReason: "The paediatric screen is late.",
      "asks[0].what": "Fund a band 6 nurse for two sessions a week.",
      "asks[0].addressee": "board",
      "asks[0].dueOn": "2026-12-10",
      "asks[1].what": "Share the Ward 7 tally sheet.",
      "asks[1].addressee": "person",
      "asks[1].addresseeUserId": String(staff),
    });
    expect(res.status).toBe(302);
    const id = reportIdFrom(res);
    const raised = server.db.select().from(asks).where(eq(asks.statusReportId, id)).orderBy(asks.id).all();
    expect(raised).toEqual([
      expect.objectContaining({
        projectId,
        what: "Fund a band 6 nurse for two sessions a week.",
        addressee: "board",
        addresseeUserId: null,
        dueOn: "2026-12-10",
        state: "open",
        response: "",
      }),
      expect.objectContaining({ addressee: "person", addresseeUserId: staff, dueOn: null, state: "open" }),
    ]);
    const askAudits = server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "ask.created"), eq(auditEvents.projectId, projectId)))
      .orderBy(desc(auditEvents.id))
      .limit(2)
      .all();
    expect(askAudits.map((a) => a.entityId).sort()).toEqual(raised.map((a) => a.id).sort());
    const page = await readPage(await lead.get(`/projects/${projectId}/status/${id}?written=1`));
    expect(page.text).toContain("Status report saved, with 2 asks for the board to answer.");
    expect(page.text).toContain("Fund a band 6 nurse for two sessions a week.");
    expect(page.text).toContain("to Sam Staff");
  });

  it.each([
    [{ rag: "amber", ragReason: "" }, "Give the reason for the amber rating"],
    [{ rag: "red", ragReason: "   " }, "Give the reason for the red rating"],
    [{ rag: "" }, "Choose a RAG rating: green, amber or red"],
    [{ rag: "purple" }, "Choose a RAG rating: green, amber or red"],
    [{ reportDate: "2026-11-27" }, "The reporting date must be today or in the past"],
    [{ reportDate: "27/11/2026" }, "The reporting date must be a real date"],
    [{ reportDate: "" }, "Enter the reporting date"],
    [{ progress: "" }, "Enter the progress since the last report"],
    [{ nextSteps: " " }, "Enter the next steps"],
    [{ "asks[0].what": "A person, unnamed", "asks[0].addressee": "person" }, "Choose the person the ask is for"],
    [{ "asks[0].what": "", "asks[0].addressee": "board" }, "Enter what you need"],
    [{ "asks[0].what": "Soon", "asks[0].addressee": "board", "asks[0].dueOn": "2026-11-25" }, "must be today or in the future"],
  ] as [Record<string, string>, string][])("refuses %o with 400, keeps the input and saves nothing", async (bad, message) => {
    const before = counts();
    const res = await lead.post(newPath(), { ...GOOD, ...bad });
    expect(res.status).toBe(400);
    const html = await readPage(res);
    expect(html.text).toContain("There is a problem");
    expect(html.text).toContain(message);
    if (!("progress" in bad)) expect(html.text).toContain(GOOD.progress); // the user's input is kept
    expect(counts()).toEqual(before);
  });

  it("refuses an ask to a viewer (who could never answer it), saving nothing", async () => {
    const before = counts();
    const res = await lead.post(newPath(), {
      ...GOOD,
      "asks[0].what": "Please decide",
      "asks[0].addressee": "person",
      "asks[0].addresseeUserId": String(userId("viewer@example.org")),
    });
    expect(res.status).toBe(400);
    expect((await readPage(res)).text).toContain("Choose a person from the list");
    expect(counts()).toEqual(before);
  });

  it("warns about patient data in free text and saves once confirmed", async () => {
    const before = counts();
    const form = { ...GOOD, risks: "Mrs Jane Smith 03/04/1950 was missed at triage." };
    const warned = await lead.post(newPath(), form);
    expect(warned.status).toBe(400);
    expect((await readPage(warned)).text).toContain("This looks like patient-identifiable data");
    expect(counts()).toEqual(before);
    expect((await lead.post(newPath(), { ...form, confirmNoPatientData: "yes" })).status).toBe(302);
    expect(counts().reports).toBe(before.reports + 1);
  });

  it("adds an ask slot without JavaScript (conform's list intent) and saves nothing", async () => {
    const before = counts();
    const res = await lead.post(newPath(), {
      ...GOOD,
      __intent__: JSON.stringify({ type: "insert", payload: { name: "asks", defaultValue: { addressee: "board" } } }),
    });
    expect(res.status).toBe(200);
    const html = await readPage(res);
    expect(html.text).toContain("Ask 1");
    expect(html.find('textarea[name="asks[0].what"], input[name="asks[0].what"]')).not.toBeNull();
    expect(html.anywhere).not.toContain("There is a problem");
    expect(html.text).toContain(GOOD.progress);
    expect(counts()).toEqual(before);
  });
});

describe("reports are append-only", () => {
  it("has no way to edit or delete a report", async () => {
    const res = await lead.post(newPath(), GOOD);
    const id = reportIdFrom(res);
    const before = server.db.select().from(statusReports).where(eq(statusReports.id, id)).get();
    const edit = await lead.post(`/projects/${projectId}/status/${id}`, { ...GOOD, rag: "red", ragReason: "Changed" });
    expect(edit.status).toBe(405);
    expect((await readPage(edit)).text).toContain("A status report cannot be changed once it is written");
    expect(server.db.select().from(statusReports).where(eq(statusReports.id, id)).get()).toEqual(before);
  });

  it("offers a correction pre-filled from the latest report, saved as a new report", async () => {
    const first = reportIdFrom(
      await lead.post(newPath(), {
        ...GOOD,
        rag: "amber",
        ragReason: "Staffing gap on nights.",
        progress: "Original text.",
      }),
    );
    const history = await readPage(await lead.get(`/projects/${projectId}/status`));
    expect(history.hrefs()).toContain(`/projects/${projectId}/status/new?correct=${first}`);
    const form = await readPage(await lead.get(`${newPath()}?correct=${first}`));
    expect(form.text).toContain("Write a correction");
    expect(form.fieldValue("progress")).toBe("Original text.");
    expect(form.fieldValue("ragReason")).toBe("Staffing gap on nights.");
    expect(form.fieldValue("corrects")).toBe(String(first));

    const res = await lead.post(newPath(), {
      ...GOOD,
      rag: "amber",
      ragReason: "Staffing gap on nights.",
      progress: "Corrected text.",
      corrects: String(first),
    });
    const second = reportIdFrom(res);
    expect(second).not.toBe(first);
    expect(server.db.select().from(statusReports).where(eq(statusReports.id, first)).get()!.progress).toBe("Original text.");
    const audit = server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "status_report"), eq(auditEvents.entityId, second)))
      .get()!;
    expect(audit.summary).toBe("Wrote a correction (Amber) to the status report for 26 Nov 2026");
    expect((await lead.get(`${newPath()}?correct=999999`)).status).toBe(404);
  });

  it("lists the history newest first, each report readable in full", async () => {
    await lead.post(newPath(), { ...GOOD, reportDate: "2026-10-01", progress: "October progress" });
    const html = await readPage(await viewer.get(`/projects/${projectId}/status`));
    const dates = html
      .findAll("a[href]")
      .filter((a) => /\/status\/\d+$/.test(a.getAttribute("href")!))
      .map((a) => textOf(a).match(/^\d{1,2} [A-Z][a-z]{2} \d{4}/)?.[0])
      .filter((date) => date !== undefined)
      .map((date) => new Date(date).getTime());
    expect(dates.length).toBeGreaterThan(3);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(html.anywhere).not.toContain("Write a status report"); // a viewer cannot write one
  });
});

describe("who may write", () => {
  it("refuses lead@ on another team's project with 403 and saves nothing", async () => {
    const before = counts();
    expect((await lead.get(newPath(otherProjectId))).status).toBe(403);
    const res = await lead.post(newPath(otherProjectId), GOOD);
    expect(res.status).toBe(403);
    expect(counts().reports).toBe(before.reports);
    expect(counts().asks).toBe(before.asks);
  });

  it("refuses a viewer, who can still read the history", async () => {
    expect((await viewer.get(`/projects/${projectId}/status`)).status).toBe(200);
    expect((await viewer.post(newPath(), GOOD)).status).toBe(403);
  });

  it("answers 404 for a report of another project", async () => {
    const id = server.db.select().from(statusReports).where(eq(statusReports.projectId, projectId)).get()!.id;
    expect((await viewer.get(`/projects/${otherProjectId}/status/${id}`)).status).toBe(404);
  });
});
