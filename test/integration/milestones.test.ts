import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, isNull, notInArray } from "drizzle-orm";
import { auditEvents, milestoneChanges, milestones, projectTeam } from "../../db/schema";
import { readPage, textOf } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";
import { userIdOf } from "../helpers/db";

let server: TestServer;
let lead: Client;
let admin: Client;
let viewer: Client;
let projectId: number; // a project lead@ is on
let otherProjectId: number; // a project lead@ is not on

beforeAll(async () => {
  server = await startTestServer();
  lead = new Client(server.url);
  admin = new Client(server.url);
  viewer = new Client(server.url);
  await lead.signIn("lead@example.org");
  await admin.signIn("admin@example.org");
  await viewer.signIn("viewer@example.org");
  const leadId = userId("lead@example.org");
  const teams = server.db
    .select({ projectId: projectTeam.projectId })
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, leadId), isNull(projectTeam.endedAt)))
    .all()
    .map((r) => r.projectId);
  projectId = teams[0];
  otherProjectId = server.db.select({ projectId: projectTeam.projectId }).from(projectTeam).where(notInArray(projectTeam.projectId, teams)).get()!.projectId;
});
afterAll(async () => {
  await server?.close();
});

const userId = (email: string) => userIdOf(server.db, email);
const milestoneRow = (id: number) => server.db.select().from(milestones).where(eq(milestones.id, id)).get()!;
const milestoneCount = () => server.db.select().from(milestones).all().length;
const changesOf = (id: number) => server.db.select().from(milestoneChanges).where(eq(milestoneChanges.milestoneId, id)).all();
const auditFor = (id: number) =>
  server.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "milestone"), eq(auditEvents.entityId, id)))
    .orderBy(desc(auditEvents.id))
    .all();
const auditTotal = () => server.db.select().from(auditEvents).all().length;
const listPath = (p = projectId) => `/projects/${p}/milestones`;
const pagePath = (id: number, p = projectId) => `/projects/${p}/milestones/${id}`;

async function addMilestone(title: string, baselineDate = "2026-12-01") {
  const res = await lead.post(listPath(), { intent: "create", title, owner: "Fiona McLeod", baselineDate });
  expect(res.status).toBe(302);
  return Number(new URL(res.headers.get("location")!, server.url).searchParams.get("added"));
}

function updateForm(id: number, changes: Record<string, string>) {
  const m = milestoneRow(id);
  return {
    intent: "update",
    version: String(m.version),
    title: m.title,
    owner: m.owner,
    forecastDate: m.forecastDate,
    completedOn: m.completedOn ?? "",
    ...changes,
  };
}

describe("adding a milestone", () => {
  it("saves it with the forecast at the baseline, audited, and lists it", async () => {
    const id = await addMilestone("Sepsis screen live on Ward 7");
    const m = milestoneRow(id);
    expect(m).toMatchObject({
      projectId,
      title: "Sepsis screen live on Ward 7",
      owner: "Fiona McLeod",
      baselineDate: "2026-12-01",
      forecastDate: "2026-12-01",
      completedOn: null,
      version: 1,
    });
    const [audit] = auditFor(id);
    expect(audit).toMatchObject({ action: "milestone.created", projectId, userId: userId("lead@example.org") });
    expect(audit.summary).toContain("Sepsis screen live on Ward 7");
    const html = await readPage(await lead.get(`${listPath()}?added=${id}`));
    expect(html.text).toContain("Milestone added: Sepsis screen live on Ward 7");
    expect(html.text).toContain("1 Dec 2026");
  });

  it.each([
    [{ title: "" }, "Enter the milestone"],
    [{ title: "   " }, "Enter the milestone"],
    [{ title: "x".repeat(201) }, "The milestone must be 200 characters or fewer"],
    [{ baselineDate: "" }, "Enter the baseline date"],
    [{ baselineDate: "next Tuesday" }, "The baseline date must be a real date"],
    [{ baselineDate: "2026-02-30" }, "The baseline date must be a real date"],
    [{ baselineDate: "01/12/2026" }, "The baseline date must be a real date"],
  ] as [Record<string, string>, string][])("refuses %o with 400 and changes nothing", async (bad, message) => {
    const before = { milestones: milestoneCount(), audit: auditTotal() };
    const form = { intent: "create", title: "A good title", owner: "Someone", baselineDate: "2026-12-01", ...bad };
    const res = await lead.post(listPath(), form);
    expect(res.status).toBe(400);
    const html = await readPage(res);
    expect(html.text).toContain("There is a problem");
    expect(html.text).toContain(message);
    if (!("title" in bad)) expect(html.fieldValue("title")).toBe("A good title"); // the user's input is kept
    expect({ milestones: milestoneCount(), audit: auditTotal() }).toEqual(before);
  });

  it("refuses a forged field", async () => {
    const before = milestoneCount();
    const res = await lead.post(listPath(), {
      intent: "create",
      title: "Forged",
      baselineDate: "2026-12-01",
      projectId: "1",
      deletedAt: "1",
    });
    expect(res.status).toBe(400);
    expect(milestoneCount()).toBe(before);
  });

  it("warns about patient data and saves only once the user confirms", async () => {
    const before = milestoneCount();
    const form = { intent: "create", title: "Review for patient 943 476 5919", baselineDate: "2026-12-01" };
    const warned = await lead.post(listPath(), form);
    expect(warned.status).toBe(400);
    expect((await readPage(warned)).text).toContain("patient-identifiable");
    expect(milestoneCount()).toBe(before);
    const confirmed = await lead.post(listPath(), { ...form, confirmNoPatientData: "yes" });
    expect(confirmed.status).toBe(302);
    expect(milestoneCount()).toBe(before + 1);
  });
});

describe("moving the forecast", () => {
  it("refuses a later forecast without a reason, and changes nothing", async () => {
    const id = await addMilestone("Champion on every shift");
    const before = { row: milestoneRow(id), audit: auditFor(id).length };
    const res = await lead.post(pagePath(id), updateForm(id, { forecastDate: "2026-12-15" }));
    expect(res.status).toBe(400);
    const html = await readPage(res);
    expect(html.text).toContain("Give the reason the forecast is moving later than 1 Dec 2026");
    expect(html.dateValue("forecastDate")).toBe("2026-12-15");
    expect(milestoneRow(id)).toEqual(before.row);
    expect(changesOf(id)).toEqual([]);
    expect(auditFor(id)).toHaveLength(before.audit);
  });

  it("saves a later forecast with its reason in milestone_changes and the audit trail, and shows the slip", async () => {
    const id = await addMilestone("Paediatric screen agreed");
    const reason = "Paediatric consultants asked for a second test cycle.";
    const res = await lead.post(pagePath(id), updateForm(id, { forecastDate: "2026-12-15", forecastReason: reason }));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${pagePath(id)}?saved=1`);
    expect(milestoneRow(id)).toMatchObject({ baselineDate: "2026-12-01", forecastDate: "2026-12-15", version: 2 });
    expect(changesOf(id)).toEqual([
      expect.objectContaining({
        kind: "forecast",
        fromDate: "2026-12-01",
        toDate: "2026-12-15",
        reason,
        byUserId: userId("lead@example.org"),
      }),
    ]);
    const [audit] = auditFor(id);
    expect(audit.action).toBe("milestone.updated");
    expect(audit.summary).toContain("Forecast: 1 Dec 2026 → 15 Dec 2026");
    expect(audit.summary).toContain(reason);

    const page = await readPage(await viewer.get(pagePath(id)));
    expect(page.text).toContain("14 days late");
    expect(page.text).toContain(reason);
    const list = await readPage(await viewer.get(listPath()));
    expect(list.textsOf("svg.app-plan-strip__svg text")).toContainEqual(expect.stringContaining("Paediatric screen agreed"));
    expect(list.text).toContain("Paediatric screen agreed: baseline 1 Dec 2026, forecast 15 Dec 2026; 14 days late.");
  });

  it("moves a forecast earlier without a reason and records no slip", async () => {
    const id = await addMilestone("Audit tool ready", "2026-12-20");
    const res = await lead.post(pagePath(id), updateForm(id, { forecastDate: "2026-12-10" }));
    expect(res.status).toBe(302);
    expect(milestoneRow(id).forecastDate).toBe("2026-12-10");
    expect(changesOf(id)).toEqual([]);
    expect(auditFor(id)[0].action).toBe("milestone.updated");
    expect((await readPage(await lead.get(pagePath(id)))).text).toContain("10 days early");
  });

  it("marks a milestone complete (audited as a completion) but never in the future", async () => {
    const id = await addMilestone("Grab bags in resus", "2026-11-20");
    const future = await lead.post(pagePath(id), updateForm(id, { completedOn: "2026-11-27" }));
    expect(future.status).toBe(400);
    expect((await readPage(future)).text).toContain("The completed date must be today or in the past");
    expect(milestoneRow(id).completedOn).toBeNull();

    const done = await lead.post(pagePath(id), updateForm(id, { completedOn: "2026-11-24" }));
    expect(done.status).toBe(302);
    expect(milestoneRow(id).completedOn).toBe("2026-11-24");
    expect(auditFor(id)[0].action).toBe("milestone.completed");
  });

  it("overdue: a past forecast that is not complete is flagged", async () => {
    const id = await addMilestone("Late milestone", "2026-11-01");
    const html = await readPage(await viewer.get(listPath()));
    const row = html.get(`tr a[href="${pagePath(id)}"]`).closest("tr")!;
    expect(textOf(row)).toMatch(/^Late milestone .*Overdue/);
  });
});

describe("re-baselining", () => {
  it("needs a reason, and a different date", async () => {
    const id = await addMilestone("Training complete");
    const version = String(milestoneRow(id).version);
    const noReason = await lead.post(pagePath(id), { intent: "rebaseline", version, baselineDate: "2027-01-15" });
    expect(noReason.status).toBe(400);
    expect((await readPage(noReason)).text).toContain("Give the reason for re-baselining");
    const same = await lead.post(pagePath(id), {
      intent: "rebaseline",
      version,
      baselineDate: "2026-12-01",
      reason: "Board agreed",
    });
    expect(same.status).toBe(400);
    expect((await readPage(same)).text).toContain("The baseline is already 1 Dec 2026");
    expect(milestoneRow(id).baselineDate).toBe("2026-12-01");
    expect(changesOf(id)).toEqual([]);
  });

  it("records the old and new baseline with the reason", async () => {
    const id = await addMilestone("Electronic form live");
    const reason = "Programme board agreed a new date after the EPR freeze.";
    const res = await lead.post(pagePath(id), {
      intent: "rebaseline",
      version: String(milestoneRow(id).version),
      baselineDate: "2027-02-01",
      reason,
    });
    expect(res.status).toBe(302);
    expect(milestoneRow(id)).toMatchObject({ baselineDate: "2027-02-01", forecastDate: "2026-12-01" });
    expect(changesOf(id)).toEqual([expect.objectContaining({ kind: "rebaseline", fromDate: "2026-12-01", toDate: "2027-02-01", reason })]);
    expect(auditFor(id)[0]).toMatchObject({ action: "milestone.rebaselined" });
    const page = await readPage(await lead.get(pagePath(id)));
    expect(page.text).toContain("Re-baselined");
    expect(page.text).toContain(reason);
  });
});

describe("concurrent edits", () => {
  it("answers 409 to the second save of the same version and keeps the first", async () => {
    const id = await addMilestone("Shared milestone");
    const staleForm = updateForm(id, { title: "Admin's title" });
    const first = await lead.post(pagePath(id), updateForm(id, { title: "Lead's title", owner: "Lee" }));
    expect(first.status).toBe(302);
    const second = await admin.post(pagePath(id), staleForm);
    expect(second.status).toBe(409);
    const html = await readPage(second);
    expect(html.text).toContain("Someone else changed this");
    expect(html.text).toContain("This was changed by Lee Lead");
    expect(html.conflict()?.fields).toContainEqual({
      field: expect.any(String),
      theirs: "Lead's title",
      yours: "Admin's title",
    });
    expect(html.fieldValue("title")).toBe("Admin's title"); // yours kept in the form
    expect(html.fieldValue("version")).toBe("2"); // saving again is a knowing choice
    expect(milestoneRow(id)).toMatchObject({ title: "Lead's title", owner: "Lee", version: 2 });
  });
});

describe("deleting", () => {
  it("asks for confirmation, then soft-deletes and audits", async () => {
    const id = await addMilestone("Added by mistake");
    const confirm = await readPage(await lead.get(`${pagePath(id)}?delete`));
    expect(confirm.text).toContain("Delete this milestone?");
    expect(confirm.text).toContain("Yes, delete this milestone");
    expect(milestoneRow(id).deletedAt).toBeNull();

    const res = await lead.post(pagePath(id), { intent: "delete", version: String(milestoneRow(id).version) });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${listPath()}?deleted=1`);
    expect(milestoneRow(id).deletedAt).not.toBeNull();
    expect(auditFor(id)[0]).toMatchObject({ action: "milestone.deleted" });
    expect((await lead.get(pagePath(id))).status).toBe(404);
    expect((await readPage(await lead.get(listPath()))).anywhere).not.toContain("Added by mistake");
  });

  it("refuses a delete of a version that has since changed", async () => {
    const id = await addMilestone("Still wanted");
    const stale = String(milestoneRow(id).version);
    await admin.post(pagePath(id), updateForm(id, { owner: "New owner" }));
    const res = await lead.post(pagePath(id), { intent: "delete", version: stale });
    expect(res.status).toBe(409);
    expect(milestoneRow(id).deletedAt).toBeNull();
  });
});

describe("who may do what", () => {
  it("refuses lead@ on another team's project with 403, audited, and saves nothing", async () => {
    const before = milestoneCount();
    const denied = () => server.db.select().from(auditEvents).where(eq(auditEvents.action, "auth.permission_denied")).all().length;
    const deniedBefore = denied();
    const res = await lead.post(listPath(otherProjectId), {
      intent: "create",
      title: "Not mine",
      baselineDate: "2026-12-01",
    });
    expect(res.status).toBe(403);
    expect(milestoneCount()).toBe(before);
    expect(denied()).toBe(deniedBefore + 1);

    const created = await admin.post(listPath(otherProjectId), {
      intent: "create",
      title: "Their milestone",
      baselineDate: "2026-12-01",
    });
    expect(created.status).toBe(302);
    const theirId = Number(new URL(created.headers.get("location")!, server.url).searchParams.get("added"));
    const edit = await lead.post(pagePath(theirId, otherProjectId), updateForm(theirId, { title: "Hijacked" }));
    expect(edit.status).toBe(403);
    const remove = await lead.post(pagePath(theirId, otherProjectId), { intent: "delete", version: "1" });
    expect(remove.status).toBe(403);
    expect(milestoneRow(theirId)).toMatchObject({ title: "Their milestone", deletedAt: null, version: 1 });
  });

  it("lets a viewer read but not add, and hides the forms", async () => {
    const page = await viewer.get(listPath());
    expect(page.status).toBe(200);
    expect((await readPage(page)).anywhere).not.toContain("Add a milestone");
    const res = await viewer.post(listPath(), { intent: "create", title: "Viewer's", baselineDate: "2026-12-01" });
    expect(res.status).toBe(403);
  });

  it("answers 404 for a milestone of another project, or none", async () => {
    const id = await addMilestone("Belongs to the lead's project");
    expect((await lead.get(pagePath(id, otherProjectId))).status).toBe(404);
    expect((await lead.get(pagePath(999999))).status).toBe(404);
    expect((await lead.get(`/projects/${projectId}/milestones/abc`)).status).toBe(404);
  });

  it("shows an empty state that says what to do next", async () => {
    const empty = server.db
      .select({ projectId: projectTeam.projectId })
      .from(projectTeam)
      .where(notInArray(projectTeam.projectId, server.db.select({ id: milestones.projectId }).from(milestones)))
      .get();
    expect(empty).toBeDefined();
    const html = await readPage(await admin.get(listPath(empty!.projectId)));
    expect(html.text).toContain("No milestones yet.");
    expect(html.text).toContain("Add the main steps of the plan below");
  });
});
