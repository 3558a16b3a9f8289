// Lost updates: two people open the same charter, milestone or PDSA cycle and both save.
// The second save must get 409 with both versions shown and must not overwrite the first;
// two saves sent at the same instant must give exactly one winner, whole.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { auditEvents, milestones, pdsaCycleMeasures, pdsaCycles, projectCqcDomains, projects, projectTeam, users } from "../../db/schema";
import { charterForm } from "../helpers/charter-form";
import { readPage, type Page } from "../helpers/html";
import { pdsaEditForm } from "../helpers/pdsa-form";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let lead: Client;
let admin: Client;
let leadName: string;
let adminName: string;
let projectId: number;

beforeAll(async () => {
  server = await startTestServer();
  lead = new Client(server.url);
  admin = new Client(server.url);
  await lead.signIn("lead@example.org");
  await admin.signIn("admin@example.org");
  const person = (email: string) => server.db.select().from(users).where(eq(users.email, email)).get()!;
  leadName = person("lead@example.org").name;
  adminName = person("admin@example.org").name;
  projectId = server.db
    .select({ id: projectTeam.projectId })
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, person("lead@example.org").id), isNull(projectTeam.endedAt)))
    .orderBy(asc(projectTeam.projectId))
    .get()!.id;
});
afterAll(async () => {
  await server?.close();
});

/** The version the page's form will send back. */
const versionIn = (page: Page) => Number(page.fieldValue("version"));
/** The 409 panel's rows: each field with the value they saved and the one you sent. */
const conflictFields = (page: Page) => {
  const conflict = page.conflict();
  expect(conflict, "the page shows the conflict panel").not.toBeNull();
  return conflict!.fields;
};
const auditCount = (action: string, entityId: number) =>
  server.db
    .select({ n: sql<number>`count(*)` })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action as never), eq(auditEvents.entityId, entityId)))
    .get()!.n;

/** Both people open the form; the version each page carries is the one in the database. */
async function bothOpen(path: string, stored: number) {
  const [mine, theirs] = await Promise.all([lead.get(path), admin.get(path)]);
  expect(mine.status).toBe(200);
  expect(theirs.status).toBe(200);
  const versions = [versionIn(await readPage(mine)), versionIn(await readPage(theirs))];
  expect(versions).toEqual([stored, stored]);
  return stored;
}

/** Sends both saves at once: exactly one wins (302), the other gets 409 and writes nothing. */
async function race(path: string, leadForm: Record<string, string | string[]>, adminForm: Record<string, string | string[]>) {
  const [a, b] = await Promise.all([lead.post(path, leadForm), admin.post(path, adminForm)]);
  expect([a.status, b.status].sort()).toEqual([302, 409]);
  const loser = a.status === 409 ? a : b;
  const page = await readPage(loser);
  expect(page.textOf("#conflict-title")).toBe("Someone else changed this");
  return { winner: a.status === 302 ? "lead" : "admin", loser: page };
}

describe("the charter", () => {
  const row = () => server.db.select().from(projects).where(eq(projects.id, projectId)).get()!;
  const domains = () =>
    server.db
      .select()
      .from(projectCqcDomains)
      .where(eq(projectCqcDomains.projectId, projectId))
      .all()
      .map((d) => d.domain)
      .sort();
  const form = (changes: Record<string, string | string[]>) => charterForm(server.db, projectId, changes);
  const path = () => `/projects/${projectId}/edit`;

  it("refuses the second save of the same version with 409 and both versions, and keeps every field of the first", async () => {
    const version = await bothOpen(path(), row().version);
    const adminForm = form({ service: "Service from the second save" }); // opened before the first save
    const audits = auditCount("project.updated", projectId);

    const first = await lead.post(path(), form({ scope: "Scope from the first save", aimTarget: "91", cqcDomains: ["safe", "caring"] }));
    expect(first.status).toBe(302);
    const afterFirst = row();
    expect(afterFirst).toMatchObject({ scope: "Scope from the first save", aimTarget: 91, version: version + 1 });

    const second = await admin.post(path(), adminForm);
    expect(second.status).toBe(409);
    const page = await readPage(second);
    expect(page.conflict()?.message).toContain(`This was changed by ${leadName} at`);
    expect(conflictFields(page)).toContainEqual(expect.objectContaining({ theirs: "Scope from the first save" }));
    expect(conflictFields(page)).toContainEqual(expect.objectContaining({ yours: "Service from the second save" }));
    expect(versionIn(page)).toBe(version + 1);

    expect(row()).toEqual(afterFirst);
    expect(domains()).toEqual(["caring", "safe"]);
    expect(auditCount("project.updated", projectId)).toBe(audits + 1);
  });

  it("lets exactly one of two simultaneous saves win, whole", async () => {
    const audits = auditCount("project.updated", projectId);
    const { winner, loser } = await race(
      path(),
      form({ title: "Title raced by the lead", scope: "Scope raced by the lead" }),
      form({ title: "Title raced by the admin", scope: "Scope raced by the admin" }),
    );
    const p = row();
    expect(p.title).toBe(`Title raced by the ${winner}`);
    expect(p.scope).toBe(`Scope raced by the ${winner}`);
    expect(loser.conflict()?.message).toContain(`This was changed by ${winner === "lead" ? leadName : adminName}`);
    expect(auditCount("project.updated", projectId)).toBe(audits + 1);
  });
});

describe("a milestone", () => {
  let milestoneId: number;
  const row = () => server.db.select().from(milestones).where(eq(milestones.id, milestoneId)).get()!;
  const form = (changes: Record<string, string>) => {
    const m = row();
    return {
      intent: "update",
      version: String(m.version),
      title: m.title,
      owner: m.owner,
      forecastDate: m.forecastDate,
      completedOn: m.completedOn ?? "",
      ...changes,
    };
  };
  const path = () => `/projects/${projectId}/milestones/${milestoneId}`;
  const audits = () => auditCount("milestone.updated", milestoneId) + auditCount("milestone.completed", milestoneId);

  beforeAll(() => {
    milestoneId = server.db
      .select({ id: milestones.id })
      .from(milestones)
      .where(and(eq(milestones.projectId, projectId), isNull(milestones.deletedAt), isNull(milestones.completedOn)))
      .orderBy(asc(milestones.id))
      .get()!.id;
  });

  it("refuses the second save of the same version with 409 and both versions, and keeps every field of the first", async () => {
    const version = await bothOpen(path(), row().version);
    const adminForm = form({ owner: "Owner from the second save" });
    const before = audits();

    const first = await lead.post(path(), form({ title: "Milestone title from the first save" }));
    expect(first.status).toBe(302);
    const afterFirst = row();
    expect(afterFirst).toMatchObject({ title: "Milestone title from the first save", version: version + 1 });

    const second = await admin.post(path(), adminForm);
    expect(second.status).toBe(409);
    const page = await readPage(second);
    expect(page.conflict()?.message).toContain(`This was changed by ${leadName} at`);
    expect(conflictFields(page)).toContainEqual(expect.objectContaining({ theirs: "Milestone title from the first save" }));
    expect(conflictFields(page)).toContainEqual(expect.objectContaining({ yours: "Owner from the second save" }));
    expect(versionIn(page)).toBe(version + 1);

    expect(row()).toEqual(afterFirst);
    expect(audits()).toBe(before + 1);
  });

  it("lets exactly one of two simultaneous saves win, whole", async () => {
    const before = audits();
    const { winner } = await race(
      path(),
      form({ title: "Milestone raced by the lead", owner: "Owner raced by the lead" }),
      form({ title: "Milestone raced by the admin", owner: "Owner raced by the admin" }),
    );
    expect(row()).toMatchObject({ title: `Milestone raced by the ${winner}`, owner: `Owner raced by the ${winner}` });
    expect(audits()).toBe(before + 1);
  });
});

describe("a PDSA cycle", () => {
  let cycleId: number;
  const row = () => server.db.select().from(pdsaCycles).where(eq(pdsaCycles.id, cycleId)).get()!;
  const links = () =>
    server.db
      .select({ id: pdsaCycleMeasures.measureId })
      .from(pdsaCycleMeasures)
      .where(eq(pdsaCycleMeasures.cycleId, cycleId))
      .all()
      .map((m) => String(m.id))
      .sort();
  const form = (changes: Record<string, string | string[]>) => pdsaEditForm(server.db, cycleId, changes);
  const path = () => `/projects/${projectId}/pdsa/${cycleId}?edit`;

  beforeAll(() => {
    cycleId = server.db
      .select({ id: pdsaCycles.id })
      .from(pdsaCycles)
      .where(and(eq(pdsaCycles.projectId, projectId), isNull(pdsaCycles.deletedAt)))
      .orderBy(asc(pdsaCycles.id))
      .get()!.id;
  });

  it("refuses the second save of the same version with 409 and both versions, and keeps every field of the first", async () => {
    const version = await bothOpen(path(), row().version);
    const linksBefore = links();
    const adminForm = form({ studyLearning: "Learning from the second save" });
    const before = auditCount("pdsa.updated", cycleId);

    const first = await lead.post(path(), form({ doWhatHappened: "What happened, from the first save", planWho: "Who, from the first save" }));
    expect(first.status).toBe(302);
    const afterFirst = row();
    expect(afterFirst).toMatchObject({
      doWhatHappened: "What happened, from the first save",
      planWho: "Who, from the first save",
      version: version + 1,
    });

    const second = await admin.post(path(), adminForm);
    expect(second.status).toBe(409);
    const page = await readPage(second);
    expect(page.conflict()?.message).toContain(`This was changed by ${leadName} at`);
    expect(conflictFields(page)).toContainEqual(expect.objectContaining({ theirs: "What happened, from the first save" }));
    expect(conflictFields(page)).toContainEqual(expect.objectContaining({ yours: "Learning from the second save" }));
    expect(versionIn(page)).toBe(version + 1);

    expect(row()).toEqual(afterFirst);
    expect(links()).toEqual(linksBefore);
    expect(auditCount("pdsa.updated", cycleId)).toBe(before + 1);
  });

  it("lets exactly one of two simultaneous saves win, whole", async () => {
    const before = auditCount("pdsa.updated", cycleId);
    const { winner } = await race(
      path(),
      form({ doObservations: "Observed by the lead", studyResults: "Results by the lead" }),
      form({ doObservations: "Observed by the admin", studyResults: "Results by the admin" }),
    );
    expect(row()).toMatchObject({
      doObservations: `Observed by the ${winner}`,
      studyResults: `Results by the ${winner}`,
    });
    expect(auditCount("pdsa.updated", cycleId)).toBe(before + 1);
  });
});
