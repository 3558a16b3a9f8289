// The PDSA cycle log over real HTTP: create, edit, delete, every refusal, and the board's activity query.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull, max, sql } from "drizzle-orm";
import { auditEvents, changeIdeas, measures, pdsaCycleMeasures, pdsaCycles, projects, projectTeam } from "../../db/schema";
import { latestPdsaActivity } from "~/models/pdsa.server";
import { readPage } from "../helpers/html";
import { Client, startTestServer, TEST_TODAY, type TestServer } from "../helpers/server";
import { userIdOf } from "../helpers/db";
import { pdsaCreateForm, pdsaEditForm } from "../helpers/pdsa-form";

let server: TestServer;
let lead: Client;
let viewer: Client;
let admin: Client;
/** A project lead@ is on, with measures; another project lead@ is not on, also with measures. */
let ownId: number;
let otherId: number;
let ownMeasures: number[];
let otherMeasure: number;

const userId = (email: string) => userIdOf(server.db, email);

function measureIdsOf(projectId: number) {
  return server.db
    .select({ id: measures.id })
    .from(measures)
    .where(and(eq(measures.projectId, projectId), isNull(measures.deletedAt)))
    .all()
    .map((m) => m.id);
}

const counts = () => ({
  cycles: server.db
    .select({ n: sql<number>`count(*)` })
    .from(pdsaCycles)
    .get()!.n,
  ideas: server.db
    .select({ n: sql<number>`count(*)` })
    .from(changeIdeas)
    .get()!.n,
  links: server.db
    .select({ n: sql<number>`count(*)` })
    .from(pdsaCycleMeasures)
    .get()!.n,
  pdsaAudit: server.db
    .select({ n: sql<number>`count(*)` })
    .from(auditEvents)
    .where(sql`${auditEvents.action} like 'pdsa.%'`)
    .get()!.n,
});

const cycleRow = (id: number) => server.db.select().from(pdsaCycles).where(eq(pdsaCycles.id, id)).get()!;

const auditFor = (action: string, cycleId: number) =>
  server.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action as never), eq(auditEvents.entityId, cycleId)))
    .all();

const createForm = (overrides: Record<string, string | string[]> = {}) => pdsaCreateForm([ownMeasures[0]], overrides);

async function createCycle(overrides: Record<string, string | string[]> = {}) {
  const res = await lead.post(`/projects/${ownId}/pdsa/new`, createForm(overrides));
  expect(res.status, await res.clone().text()).toBe(302);
  const id = Number(res.headers.get("location")!.match(/\/pdsa\/(\d+)\?saved=created$/)![1]);
  return id;
}

beforeAll(async () => {
  server = await startTestServer();
  const leadId = userId("lead@example.org");
  const onTeam = server.db
    .select({ projectId: projectTeam.projectId })
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, leadId), isNull(projectTeam.endedAt)))
    .all()
    .map((r) => r.projectId);
  ownId = onTeam.find((id) => measureIdsOf(id).length >= 2)!;
  const all = server.db
    .select({ id: projects.id })
    .from(projects)
    .all()
    .map((p) => p.id);
  otherId = all.find((id) => !onTeam.includes(id) && measureIdsOf(id).length > 0)!;
  expect(ownId).toBeTruthy();
  expect(otherId).toBeTruthy();
  ownMeasures = measureIdsOf(ownId);
  otherMeasure = measureIdsOf(otherId)[0];
  lead = new Client(server.url);
  viewer = new Client(server.url);
  admin = new Client(server.url);
  await lead.signIn("lead@example.org");
  await viewer.signIn("viewer@example.org");
  await admin.signIn("admin@example.org");
});
afterAll(async () => {
  await server?.close();
});

describe("reading", () => {
  it("shows every signed-in user the timeline grouped by change idea", async () => {
    const cycles = server.db
      .select({ title: pdsaCycles.title, idea: changeIdeas.title })
      .from(pdsaCycles)
      .innerJoin(changeIdeas, eq(changeIdeas.id, pdsaCycles.changeIdeaId))
      .where(and(eq(pdsaCycles.projectId, otherId), isNull(pdsaCycles.deletedAt)))
      .all();
    expect(cycles.length).toBeGreaterThan(0);
    const res = await viewer.get(`/projects/${otherId}/pdsa`);
    expect(res.status).toBe(200);
    const html = await readPage(res);
    expect(html.text).toContain("Timeline by driver");
    for (const c of cycles) {
      expect(html.text).toContain(c.title);
      expect(html.text).toContain(c.idea);
    }
    expect(html.anywhere).not.toContain("Plan a new PDSA cycle");
  });

  it("shows a cycle's worksheet to a viewer, without edit controls", async () => {
    const cycle = server.db.select().from(pdsaCycles).where(eq(pdsaCycles.projectId, otherId)).get()!;
    const res = await viewer.get(`/projects/${otherId}/pdsa/${cycle.id}?edit`);
    expect(res.status).toBe(200);
    const html = await readPage(res);
    expect(html.text).toContain(`Cycle ${cycle.number}: ${cycle.title}`);
    expect(html.anywhere).not.toContain("Save the worksheet");
    expect(html.anywhere).not.toContain("Delete this cycle");
  });

  it("says what to do next when a project has no cycles", async () => {
    const empty = server.db
      .select({ id: projects.id })
      .from(projects)
      .where(sql`not exists (select 1 from pdsa_cycles c where c.project_id = ${projects.id})`)
      .get()!;
    const html = await readPage(await admin.get(`/projects/${empty.id}/pdsa`));
    expect(html.text).toContain("No PDSA cycles yet. Plan the first cycle");
    expect(html.text).toContain("Plan a new PDSA cycle");
  });

  it("answers 404 for a cycle of another project, a missing cycle and a malformed id", async () => {
    const foreign = server.db.select().from(pdsaCycles).where(eq(pdsaCycles.projectId, otherId)).get()!;
    expect((await lead.get(`/projects/${ownId}/pdsa/${foreign.id}`)).status).toBe(404);
    expect((await lead.get(`/projects/${ownId}/pdsa/999999`)).status).toBe(404);
    expect((await lead.get(`/projects/${ownId}/pdsa/abc`)).status).toBe(404);
    expect((await lead.get(`/projects/${ownId}/pdsa/new?from=${foreign.id}`)).status).toBe(404);
    const before = counts();
    const res = await lead.post(`/projects/${ownId}/pdsa/${foreign.id}`, pdsaEditForm(server.db, foreign.id, { title: "Hijacked" }));
    expect(res.status).toBe(404);
    expect(cycleRow(foreign.id).title).toBe(foreign.title);
    expect(counts()).toEqual(before);
  });
});

describe("creating a cycle", () => {
  it("saves a cycle with a new change idea, the next number, its measures and audit rows", async () => {
    const numbersBefore =
      server.db
        .select({ n: max(pdsaCycles.number) })
        .from(pdsaCycles)
        .where(eq(pdsaCycles.projectId, ownId))
        .get()!.n ?? 0;
    const before = counts();
    const id = await createCycle({ measureIds: ownMeasures.slice(0, 2).map(String) });
    const row = cycleRow(id);
    expect(row).toMatchObject({
      projectId: ownId,
      number: numbersBefore + 1,
      title: "Prompt card at every bedside, day shifts",
      status: "planned",
      startDate: "2026-11-20",
      endDate: "2026-12-04",
      previousCycleId: null,
      version: 1,
      createdBy: userId("lead@example.org"),
    });
    const idea = server.db.select().from(changeIdeas).where(eq(changeIdeas.id, row.changeIdeaId)).get()!;
    expect(idea).toMatchObject({ projectId: ownId, title: "Bedside prompt card" });
    const links = server.db.select().from(pdsaCycleMeasures).where(eq(pdsaCycleMeasures.cycleId, id)).all();
    expect(links.map((l) => l.measureId).sort()).toEqual(ownMeasures.slice(0, 2).sort());
    expect(counts()).toEqual({
      cycles: before.cycles + 1,
      ideas: before.ideas + 1,
      links: before.links + 2,
      pdsaAudit: before.pdsaAudit + 1,
    });
    const audit = auditFor("pdsa.created", id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ projectId: ownId, userId: userId("lead@example.org") });
    expect(audit[0].summary).toContain(`Planned PDSA cycle ${row.number}`);
    expect(auditFor("change_idea.created", idea.id)).toHaveLength(1);

    const shown = await readPage(await lead.get(`/projects/${ownId}/pdsa/${id}?saved=created`));
    expect(shown.text).toContain(`Cycle ${row.number} is planned`);
    const overview = await readPage(await viewer.get(`/projects/${ownId}`));
    expect(overview.text).toContain("Prompt card at every bedside, day shifts");
  });

  it("reuses an existing change idea, chosen or named again in other capitals", async () => {
    const first = cycleRow(await createCycle({ newChangeIdea: "Huddle checklist", title: "Checklist at the 08:00 huddle" }));
    const chosen = cycleRow(
      await createCycle({
        changeIdea: String(first.changeIdeaId),
        newChangeIdea: "",
        title: "Checklist at every huddle",
      }),
    );
    const named = cycleRow(await createCycle({ newChangeIdea: "huddle CHECKLIST", title: "Checklist on nights" }));
    expect(chosen.changeIdeaId).toBe(first.changeIdeaId);
    expect(named.changeIdeaId).toBe(first.changeIdeaId);
    expect(
      server.db
        .select()
        .from(changeIdeas)
        .where(eq(changeIdeas.projectId, ownId))
        .all()
        .filter((i) => /huddle checklist/i.test(i.title)),
    ).toHaveLength(1);
  });

  // Ids are looked up in beforeAll, after these tables are built: overrides are functions.
  const refusals: [string, () => Record<string, string | string[]>, string][] = [
    ["a missing title", () => ({ title: "" }), "Enter the change being tested"],
    ["a title of spaces", () => ({ title: "   " }), "Enter the change being tested"],
    ["a start date that is not a date", () => ({ startDate: "26/11/2026" }), "Start date must be a real date"],
    ["an impossible start date", () => ({ startDate: "2026-02-30" }), "Start date must be a real date"],
    ["a missing start date", () => ({ startDate: "" }), "Enter the start date"],
    ["an end date before the start", () => ({ startDate: "2026-11-20", endDate: "2026-11-19" }), "The end date must be on or after the start date"],
    ["a new change idea with no name", () => ({ changeIdea: "new", newChangeIdea: "" }), "Enter the new change idea"],
    ["another project's measure", () => ({ measureIds: [String(ownMeasures[0]), String(otherMeasure)] }), "Choose measures from this project's list"],
    ["a measure id that is not a number", () => ({ measureIds: ["first"] }), "Choose measures from this project's list"],
    ["a forged project id", () => ({ projectId: String(otherId) }), "This form cannot change projectId"],
    ["a forged cycle number", () => ({ number: "1" }), "This form cannot change number"],
    ["a forged status", () => ({ status: "done" }), "This form cannot change status"],
    ["Do, Study or Act on the planning form", () => ({ actDecision: "adopt" }), "This form cannot change actDecision"],
  ];

  it.each(refusals)("refuses %s with 400 and saves nothing", async (_name, overrides, message) => {
    const before = counts();
    const res = await lead.post(`/projects/${ownId}/pdsa/new`, createForm({ newChangeIdea: "Idea that must not be saved", ...overrides() }));
    expect(res.status).toBe(400);
    const html = await readPage(res);
    expect(html.text).toContain(message);
    expect(html.text).toContain("There is a problem");
    expect(counts()).toEqual(before);
  });

  it("keeps what the person typed when it refuses", async () => {
    const res = await lead.post(`/projects/${ownId}/pdsa/new`, createForm({ title: "", prediction: "Kept prediction text" }));
    expect(res.status).toBe(400);
    expect((await readPage(res)).fieldValue("prediction")).toBe("Kept prediction text");
  });

  it("refuses another project's change idea", async () => {
    const foreignIdea = server.db.select().from(changeIdeas).where(eq(changeIdeas.projectId, otherId)).get()!;
    const before = counts();
    const res = await lead.post(`/projects/${ownId}/pdsa/new`, createForm({ changeIdea: String(foreignIdea.id), newChangeIdea: "" }));
    expect(res.status).toBe(400);
    expect((await readPage(res)).text).toContain("Choose one of this project's change ideas, or name a new one");
    expect(counts()).toEqual(before);
  });

  it("refuses to follow another project's cycle", async () => {
    const foreign = server.db.select().from(pdsaCycles).where(eq(pdsaCycles.projectId, otherId)).get()!;
    const before = counts();
    const res = await lead.post(`/projects/${ownId}/pdsa/new`, createForm({ previousCycleId: String(foreign.id) }));
    expect(res.status).toBe(400);
    expect((await readPage(res)).text).toContain("The cycle this one follows is not part of this project");
    expect(counts()).toEqual(before);
  });

  it("warns about patient data and saves once the person confirms", async () => {
    const before = counts();
    const risky = createForm({ planWho: "Started with Mrs Jane Smith 03/04/1950 on bay B" });
    const warned = await lead.post(`/projects/${ownId}/pdsa/new`, risky);
    expect(warned.status).toBe(400);
    const html = await readPage(warned);
    expect(html.text).toContain("This looks like patient-identifiable data");
    expect(html.text).toContain("I have checked: this text does not identify a patient");
    expect(counts()).toEqual(before);
    const confirmed = await lead.post(`/projects/${ownId}/pdsa/new`, { ...risky, confirmNoPatientData: "yes" });
    expect(confirmed.status).toBe(302);
  });

  it("refuses people who may not edit the project: 403 and nothing saved", async () => {
    const before = counts();
    const otherLead = await lead.post(`/projects/${otherId}/pdsa/new`, createForm({ measureIds: [String(otherMeasure)] }));
    expect(otherLead.status).toBe(403);
    expect((await lead.get(`/projects/${otherId}/pdsa/new`)).status).toBe(403);
    const byViewer = await viewer.post(`/projects/${ownId}/pdsa/new`, createForm());
    expect(byViewer.status).toBe(403);
    expect((await viewer.get(`/projects/${ownId}/pdsa/new`)).status).toBe(403);
    expect(counts()).toEqual(before);
    const refused = server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.permission_denied"), eq(auditEvents.projectId, otherId)))
      .all();
    expect(refused.length).toBeGreaterThan(0);
  });
});

describe("starting the next cycle", () => {
  it("pre-fills the same change idea for adapt, the question and the next step, and links the cycles", async () => {
    const first = await createCycle({ newChangeIdea: "Sepsis trolley", title: "Trolley in bay A" });
    const done = await lead.post(
      `/projects/${ownId}/pdsa/${first}`,
      pdsaEditForm(server.db, first, {
        doWhatHappened: "Used for 9 of 12 patients",
        studyResults: "75% against 80% predicted",
        actDecision: "adapt",
        actNextStep: "Restock the trolley at every handover",
      }),
    );
    expect(done.status).toBe(302);
    const form = await readPage(await lead.get(`/projects/${ownId}/pdsa/new?from=${first}`));
    const idea = cycleRow(first).changeIdeaId;
    expect(form.checkedValues("changeIdea")).toEqual([String(idea)]);
    expect(form.text).toContain("Does a bedside card make escalation quicker?");
    expect(form.text).toContain("Restock the trolley at every handover");
    expect(form.fieldValue("previousCycleId")).toBe(String(first));
    expect(form.text).toContain("was adapted");

    const second = await createCycle({
      changeIdea: String(idea),
      newChangeIdea: "",
      previousCycleId: String(first),
      title: "Trolley restocked at handover",
    });
    expect(cycleRow(second)).toMatchObject({ previousCycleId: first, changeIdeaId: idea });
    const view = await readPage(await lead.get(`/projects/${ownId}/pdsa/${first}`));
    expect(view.text).toContain("Followed by");
    expect(view.text).toContain("Trolley restocked at handover");
  });

  it("asks for a new change idea after abandon", async () => {
    const id = await createCycle({ newChangeIdea: "Paper reminder", title: "Reminder sticker" });
    const res = await lead.post(
      `/projects/${ownId}/pdsa/${id}`,
      pdsaEditForm(server.db, id, {
        studyResults: "No change in escalation",
        actDecision: "abandon",
        actNextStep: "Try an EPR alert",
      }),
    );
    expect(res.status).toBe(302);
    const form = await readPage(await lead.get(`/projects/${ownId}/pdsa/new?from=${id}`));
    expect(form.checkedValues("changeIdea")).toEqual(["new"]);
    expect(form.text).toContain("was abandoned");
  });
});

describe("editing the worksheet", () => {
  it("saves Do, moves the status on, bumps the version and audits the change", async () => {
    const id = await createCycle({ newChangeIdea: "Edit test idea", title: "Edit test" });
    const res = await lead.post(`/projects/${ownId}/pdsa/${id}`, pdsaEditForm(server.db, id, { doWhatHappened: "The card was used 14 times" }));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/projects/${ownId}/pdsa/${id}?saved=updated`);
    expect(cycleRow(id)).toMatchObject({
      doWhatHappened: "The card was used 14 times",
      status: "doing",
      version: 2,
      updatedBy: userId("lead@example.org"),
    });
    const audit = auditFor("pdsa.updated", id);
    expect(audit).toHaveLength(1);
    expect(audit[0].summary).toContain("What happened: (empty) → The card was used 14 times");
    expect(audit[0].summary).toContain("Status: Planned → Doing");

    const studied = await lead.post(`/projects/${ownId}/pdsa/${id}`, pdsaEditForm(server.db, id, { studyLearning: "It helps new starters most" }));
    expect(studied.status).toBe(302);
    expect(cycleRow(id).status).toBe("studying");
    const acted = await lead.post(
      `/projects/${ownId}/pdsa/${id}`,
      pdsaEditForm(server.db, id, {
        studyResults: "14 of 20",
        actDecision: "adopt",
        actNextStep: "All wards",
        endDate: "2026-11-30",
        measureIds: [String(ownMeasures[1])],
      }),
    );
    expect(acted.status).toBe(302);
    expect(cycleRow(id)).toMatchObject({ status: "done", actDecision: "adopt", endDate: "2026-11-30", version: 4 });
    const links = server.db.select().from(pdsaCycleMeasures).where(eq(pdsaCycleMeasures.cycleId, id)).all();
    expect(links.map((l) => l.measureId)).toEqual([ownMeasures[1]]);

    const cleared = await lead.post(`/projects/${ownId}/pdsa/${id}`, pdsaEditForm(server.db, id, { actDecision: "" }));
    expect(cleared.status).toBe(302);
    expect(cycleRow(id)).toMatchObject({ status: "studying", actDecision: null });
  });

  const editRefusals: [string, () => Record<string, string | string[]>, string][] = [
    ["a missing title", () => ({ title: "" }), "Enter the change being tested"],
    ["a wrong end date type", () => ({ endDate: "next week" }), "End date must be a real date"],
    ["an end date before the start", () => ({ startDate: "2026-11-20", endDate: "2026-11-01" }), "The end date must be on or after the start date"],
    ["a decision that is not adopt, adapt or abandon", () => ({ studyResults: "Good", actDecision: "continue" }), "Choose adopt, adapt or abandon"],
    ["a decision with no results", () => ({ studyResults: "", actDecision: "adopt" }), "Enter the results before you choose adopt, adapt or abandon"],
    ["another project's measure", () => ({ measureIds: [String(otherMeasure)] }), "Choose measures from this project's list"],
    ["a forged status", () => ({ status: "done" }), "This form cannot change status"],
    ["a forged project id", () => ({ projectId: String(otherId) }), "This form cannot change projectId"],
    ["a forged cycle number", () => ({ number: "1" }), "This form cannot change number"],
    ["unconfirmed patient data", () => ({ doObservations: "Seen: Mr John Brown 12/03/1948" }), "This looks like patient-identifiable data"],
  ];

  it.each(editRefusals)("refuses %s with 400 and changes nothing", async (_name, overrides, message) => {
    const id = server.db
      .select()
      .from(pdsaCycles)
      .where(and(eq(pdsaCycles.projectId, ownId), isNull(pdsaCycles.deletedAt)))
      .get()!.id;
    const before = cycleRow(id);
    const counted = counts();
    const res = await lead.post(`/projects/${ownId}/pdsa/${id}`, pdsaEditForm(server.db, id, { doProblems: "Must not be saved", ...overrides() }));
    expect(res.status).toBe(400);
    const html = await readPage(res);
    expect(html.text).toContain(message);
    expect(html.text).toContain("There is a problem");
    expect(html.fieldValue("doProblems")).toBe("Must not be saved"); // the person's input is kept
    expect(cycleRow(id)).toEqual(before);
    expect(counts()).toEqual(counted);
  });

  it("answers 409 on a concurrent edit with both versions, keeping the first save", async () => {
    const id = await createCycle({ newChangeIdea: "Conflict idea", title: "Conflict test" });
    const opened = pdsaEditForm(server.db, id); // both people opened version 1
    const colleague = new Client(server.url);
    await colleague.signIn("admin@example.org");
    const first = await colleague.post(`/projects/${ownId}/pdsa/${id}`, {
      ...opened,
      doWhatHappened: "Theirs: ran on two shifts",
    });
    expect(first.status).toBe(302);
    const auditsBefore = auditFor("pdsa.updated", id).length;

    const second = await lead.post(`/projects/${ownId}/pdsa/${id}`, {
      ...opened,
      doWhatHappened: "Mine: ran on one shift",
    });
    expect(second.status).toBe(409);
    const html = await readPage(second);
    expect(html.textOf("#conflict-title")).toBe("Someone else changed this");
    expect(html.conflict()?.message).toMatch(/This was changed by .+ at \d{1,2} [A-Z][a-z]{2} \d{4}/);
    expect(html.conflict()?.fields).toContainEqual({
      field: expect.any(String),
      theirs: "Theirs: ran on two shifts",
      yours: "Mine: ran on one shift",
    });
    expect(html.fieldValue("version")).toBe("2");
    expect(cycleRow(id)).toMatchObject({ doWhatHappened: "Theirs: ran on two shifts", version: 2 });
    expect(auditFor("pdsa.updated", id)).toHaveLength(auditsBefore);

    // Saving again with the new version is a knowing choice.
    const again = await lead.post(`/projects/${ownId}/pdsa/${id}`, {
      ...opened,
      version: "2",
      doWhatHappened: "Mine: ran on one shift",
    });
    expect(again.status).toBe(302);
    expect(cycleRow(id)).toMatchObject({ doWhatHappened: "Mine: ran on one shift", version: 3 });
  });

  it("does not keep a new change idea named in a losing save", async () => {
    const id = await createCycle({ newChangeIdea: "Race idea", title: "Race test" });
    const opened = pdsaEditForm(server.db, id);
    expect((await lead.post(`/projects/${ownId}/pdsa/${id}`, { ...opened, doProblems: "first" })).status).toBe(302);
    const before = counts();
    const res = await lead.post(`/projects/${ownId}/pdsa/${id}`, {
      ...opened,
      changeIdea: "new",
      newChangeIdea: "Idea from a stale form",
    });
    expect(res.status).toBe(409);
    expect(counts()).toEqual(before);
  });

  it("refuses people who may not edit: 403 and nothing changed", async () => {
    const foreign = server.db.select().from(pdsaCycles).where(eq(pdsaCycles.projectId, otherId)).get()!;
    const byLead = await lead.post(`/projects/${otherId}/pdsa/${foreign.id}`, pdsaEditForm(server.db, foreign.id, { title: "Changed by lead" }));
    expect(byLead.status).toBe(403);
    const own = server.db.select().from(pdsaCycles).where(eq(pdsaCycles.projectId, ownId)).get()!;
    const byViewer = await viewer.post(`/projects/${ownId}/pdsa/${own.id}`, pdsaEditForm(server.db, own.id, { title: "Changed by viewer" }));
    expect(byViewer.status).toBe(403);
    const deleteByViewer = await viewer.post(`/projects/${ownId}/pdsa/${own.id}`, {
      intent: "delete",
      version: String(own.version),
    });
    expect(deleteByViewer.status).toBe(403);
    expect(cycleRow(foreign.id)).toEqual(foreign);
    expect(cycleRow(own.id)).toEqual(own);
  });
});

describe("deleting a cycle", () => {
  it("asks for confirmation, soft-deletes, audits, and never reuses the number", async () => {
    const id = await createCycle({ newChangeIdea: "Delete idea", title: "Delete me" });
    const number = cycleRow(id).number;
    const confirm = await readPage(await lead.get(`/projects/${ownId}/pdsa/${id}?delete`));
    expect(confirm.text).toContain(`Delete cycle ${number}: Delete me?`);
    expect(confirm.text).toContain("Yes, delete this cycle");
    expect(cycleRow(id).deletedAt).toBeNull(); // showing the question deletes nothing

    const res = await lead.post(`/projects/${ownId}/pdsa/${id}`, {
      intent: "delete",
      version: String(cycleRow(id).version),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/projects/${ownId}/pdsa?deleted=${number}`);
    expect(cycleRow(id).deletedAt).not.toBeNull();
    const audit = auditFor("pdsa.deleted", id);
    expect(audit).toHaveLength(1);
    expect(audit[0].summary).toBe(`Deleted PDSA cycle ${number}: Delete me`);

    expect((await lead.get(`/projects/${ownId}/pdsa/${id}`)).status).toBe(404);
    const list = await readPage(await lead.get(`/projects/${ownId}/pdsa?deleted=${number}`));
    expect(list.text).toContain(`Cycle ${number} is deleted`);
    expect(list.text).not.toContain("Delete me");
    expect((await readPage(await lead.get(`/projects/${ownId}`))).text).not.toContain(`${number}. Delete me`);

    const next = await createCycle({ newChangeIdea: "After delete", title: "After delete" });
    expect(cycleRow(next).number).toBe(number + 1);
  });

  it("does not delete a cycle changed since the confirmation was shown", async () => {
    const id = await createCycle({ newChangeIdea: "Stale delete", title: "Stale delete" });
    expect((await lead.post(`/projects/${ownId}/pdsa/${id}`, pdsaEditForm(server.db, id, { doProblems: "changed" }))).status).toBe(302);
    const res = await lead.post(`/projects/${ownId}/pdsa/${id}`, { intent: "delete", version: "1" });
    expect(res.status).toBe(409);
    expect((await readPage(res)).text).toContain("so it has not been deleted");
    expect(cycleRow(id).deletedAt).toBeNull();
    expect(auditFor("pdsa.deleted", id)).toHaveLength(0);
  });

  it("refuses a malformed delete", async () => {
    const id = await createCycle({ newChangeIdea: "Bad delete", title: "Bad delete" });
    const res = await lead.post(`/projects/${ownId}/pdsa/${id}`, {
      intent: "delete",
      version: "1",
      projectId: String(otherId),
    });
    expect(res.status).toBe(400);
    expect(cycleRow(id).deletedAt).toBeNull();
  });
});

describe("latestPdsaActivity for the board", () => {
  it("gives each project its latest start and update and the cycles started this quarter", async () => {
    const empty = server.db
      .select({ id: projects.id })
      .from(projects)
      .where(sql`not exists (select 1 from pdsa_cycles c where c.project_id = ${projects.id})`)
      .get()!.id;
    const before = latestPdsaActivity(server.db, [ownId, empty], TEST_TODAY);
    expect(before.get(empty)).toEqual({
      latestStartDate: null,
      latestUpdatedOn: null,
      latestActivityOn: null,
      startedThisQuarter: 0,
    });

    const started = server.db
      .select({ n: sql<number>`count(*)` })
      .from(pdsaCycles)
      .where(and(eq(pdsaCycles.projectId, ownId), isNull(pdsaCycles.deletedAt), sql`start_date between '2026-10-01' and ${TEST_TODAY}`))
      .get()!.n;
    expect(before.get(ownId)!.startedThisQuarter).toBe(started);

    const today = await createCycle({
      newChangeIdea: "Activity idea",
      title: "Starts today",
      startDate: TEST_TODAY,
      endDate: "",
    });
    await createCycle({
      newChangeIdea: "Activity idea",
      title: "Starts next quarter",
      startDate: "2027-01-10",
      endDate: "",
    });
    await createCycle({
      newChangeIdea: "Activity idea",
      title: "Started last quarter",
      startDate: "2026-09-30",
      endDate: "",
    });
    const after = latestPdsaActivity(server.db, [ownId], TEST_TODAY).get(ownId)!;
    expect(after.startedThisQuarter).toBe(started + 1);
    expect(after.latestStartDate).toBe(TEST_TODAY); // a cycle starting next year is not activity yet
    expect(after.latestUpdatedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await lead.post(`/projects/${ownId}/pdsa/${today}`, { intent: "delete", version: "1" });
    expect(latestPdsaActivity(server.db, [ownId], TEST_TODAY).get(ownId)!.startedThisQuarter).toBe(started);
    expect(latestPdsaActivity(server.db, [], TEST_TODAY).size).toBe(0);
  });
});

describe("rules a new user broke", () => {
  it("refuses to mark a cycle done before its start date, saying why, and saves nothing", async () => {
    const id = await createCycle({ title: "Starts next month", startDate: "2026-12-14", endDate: "2026-12-28" });
    const before = cycleRow(id);
    const audits = server.db.select().from(auditEvents).all().length;
    const res = await lead.post(`/projects/${ownId}/pdsa/${id}`, pdsaEditForm(server.db, id, { studyResults: "Early results", actDecision: "adopt" }));
    expect(res.status).toBe(400);
    const page = await readPage(res);
    expect(page.errorSummary().join(" ")).toContain("This cycle starts on 14 Dec 2026, so it cannot be done yet");
    expect(cycleRow(id)).toEqual(before);
    expect(server.db.select().from(auditEvents).all().length).toBe(audits);

    // From its start date it can be done.
    const started = await createCycle({ title: "Started today", startDate: TEST_TODAY, endDate: "" });
    const done = await lead.post(`/projects/${ownId}/pdsa/${started}`, pdsaEditForm(server.db, started, { studyResults: "It worked", actDecision: "adopt" }));
    expect(done.status).toBe(302);
    expect(cycleRow(started).status).toBe("done");
  });

  it("'start the next cycle' carries who, where and data collection over with the question and next step", async () => {
    const first = await createCycle({ planWho: "Night-shift nurse in charge", planWhere: "Ward 7, bays A to F", planDataCollection: "Tally sheet per shift" });
    const answered = await lead.post(
      `/projects/${ownId}/pdsa/${first}`,
      pdsaEditForm(server.db, first, { studyResults: "Faster", actDecision: "adapt", actNextStep: "Try it on nights" }),
    );
    expect(answered.status).toBe(302);
    const form = await readPage(await lead.get(`/projects/${ownId}/pdsa/new?from=${first}`));
    expect(form.fieldValue("planWho")).toBe("Night-shift nurse in charge");
    expect(form.fieldValue("planWhere")).toBe("Ward 7, bays A to F");
    expect(form.fieldValue("planDataCollection")).toBe("Tally sheet per shift");
    expect(form.fieldValue("planWhat")).toBe("Try it on nights");
    expect(form.fieldValue("question")).toBe("Does a bedside card make escalation quicker?");
  });
});
