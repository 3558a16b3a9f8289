// The charter edit form over real HTTP: saving, every kind of bad input, patient data,
// optimistic concurrency and who may edit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, isNull, notInArray } from "drizzle-orm";
import { auditEvents, divisions, projectCqcDomains, projects, projectTeam } from "../../db/schema";
import { readPage, type Page } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";
import { charterForm } from "../helpers/charter-form";
import { userIdOf } from "../helpers/db";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const userId = (email: string) => userIdOf(server.db, email);
const row = (id: number) => server.db.select().from(projects).where(eq(projects.id, id)).get()!;
const domains = (id: number) =>
  server.db
    .select()
    .from(projectCqcDomains)
    .where(eq(projectCqcDomains.projectId, id))
    .all()
    .map((d) => d.domain)
    .sort();
const audits = (id: number) => server.db.select().from(auditEvents).where(eq(auditEvents.projectId, id)).orderBy(desc(auditEvents.id)).all();

/** Projects whose current team includes this person. */
function teamProjects(email: string) {
  return server.db
    .select({ id: projectTeam.projectId })
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, userId(email)), isNull(projectTeam.endedAt)))
    .all()
    .map((r) => r.id);
}

/** The version the page's form will send back. */
const versionIn = (page: Page) => Number(page.fieldValue("version"));

let leadProject: number;
let otherProject: number;
let lead: Client;

beforeAll(async () => {
  const mine = teamProjects("lead@example.org");
  expect(mine.length).toBe(5);
  leadProject = mine[0];
  otherProject = server.db.select({ id: projects.id }).from(projects).where(notInArray(projects.id, mine)).get()!.id;
  lead = new Client(server.url);
  await lead.signIn("lead@example.org");
});

describe("the edit page", () => {
  it("opens filled in with the charter and carries the version", async () => {
    const res = await lead.get(`/projects/${leadProject}/edit`);
    expect(res.status).toBe(200);
    const html = await readPage(res);
    const p = row(leadProject);
    expect(html.text).toContain("Edit the charter");
    expect(html.fieldValue("title")).toBe(p.title);
    expect(versionIn(html)).toBe(p.version);
    for (const label of ["Safe", "Effective", "Caring", "Responsive", "Well-led"]) expect(html.text).toContain(label);
  });

  it("answers 404 for a project that does not exist", async () => {
    expect((await lead.get("/projects/999999/edit")).status).toBe(404);
  });
});

describe("saving the charter", () => {
  it("stores every field, replaces the CQC domains, bumps the version and audits the change", async () => {
    const before = row(leadProject);
    const division = server.db.select().from(divisions).where(isNull(divisions.retiredAt)).get()!;
    const res = await lead.post(
      `/projects/${leadProject}/edit`,
      charterForm(server.db, leadProject, {
        title: "Sepsis Six within the hour: ED and the acute medical unit",
        aimBaseline: "58",
        aimTarget: "92.5",
        aimTargetDate: "2027-06-30",
        scope: "Adults in majors, resus and the AMU.",
        divisionId: String(division.id),
        service: "ED and AMU",
        cqcDomains: ["safe", "responsive", "well_led"],
        origin: "cqc_should_do",
        originReference: "CQC report 2025, para 4.13",
        plannedStart: "2026-01-05",
        plannedEnd: "2027-06-30",
      }),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/projects/${leadProject}`);
    const after = row(leadProject);
    expect(after).toMatchObject({
      title: "Sepsis Six within the hour: ED and the acute medical unit",
      aimBaseline: 58,
      aimTarget: 92.5,
      aimTargetDate: "2027-06-30",
      divisionId: division.id,
      service: "ED and AMU",
      origin: "cqc_should_do",
      originReference: "CQC report 2025, para 4.13",
      plannedStart: "2026-01-05",
      plannedEnd: "2027-06-30",
      version: before.version + 1,
      updatedBy: userId("lead@example.org"),
      stage: before.stage,
      createdBy: before.createdBy,
    });
    expect(domains(leadProject)).toEqual(["responsive", "safe", "well_led"]);
    const audit = audits(leadProject)[0];
    expect(audit.action).toBe("project.updated");
    expect(audit.userId).toBe(userId("lead@example.org"));
    expect(audit.summary).toContain(`Aim: target: ${before.aimTarget} → 92.5`);
    expect(audit.summary).toContain("CQC domains");

    const page = await readPage(await lead.get(`/projects/${leadProject}`));
    expect(page.text).toContain("Safe, Responsive, Well-led");
    expect(page.text).toContain("to 92.5 by 30 Jun 2027");
    expect(page.anywhere).not.toContain("not yet SMART");
  });

  it("warns on the form and on the overview when the aim has no target or date, but still saves", async () => {
    const res = await lead.post(`/projects/${leadProject}/edit`, charterForm(server.db, leadProject, { aimTarget: "", aimTargetDate: "" }));
    expect(res.status).toBe(302);
    expect(row(leadProject)).toMatchObject({ aimTarget: null, aimTargetDate: null });
    const warning = "This aim is not yet SMART: it needs a target value and a date to reach the target.";
    expect((await readPage(await lead.get(`/projects/${leadProject}`))).text).toContain(warning);
    expect((await readPage(await lead.get(`/projects/${leadProject}/edit`))).text).toContain(warning);
    await lead.post(`/projects/${leadProject}/edit`, charterForm(server.db, leadProject, { aimTarget: "90", aimTargetDate: "2027-03-31" }));
    expect((await readPage(await lead.get(`/projects/${leadProject}`))).anywhere).not.toContain("not yet SMART");
  });
});

describe("bad input changes nothing", () => {
  const cases: [string, Record<string, string | string[]>, string][] = [
    ["a missing title", { title: "  " }, "Enter a title for the project"],
    ["a target that is not a number", { aimTarget: "lots" }, "Enter the target as a number, like 90 or 12.5"],
    ["a baseline that is not a number", { aimBaseline: "58%" }, "Enter the baseline as a number, like 58 or 12.5"],
    ["an impossible date", { aimTargetDate: "2027-02-30" }, "The date to reach the target must be a real date"],
    ["dates out of order", { plannedStart: "2027-05-01", plannedEnd: "2027-04-30" }, "The planned end date must be on or after the planned start date"],
    ["a forged stage", { stage: "closed" }, "This form cannot change stage"],
    ["a forged creator", { createdBy: "1" }, "This form cannot change createdBy"],
    ["a forged progress score", { progressScore: "5" }, "This form cannot change progressScore"],
    ["an unknown CQC domain", { cqcDomains: ["safe", "kind"] }, "Choose CQC domains from the list"],
    ["an unknown origin", { origin: "twitter" }, "Choose where the project came from"],
    ["a division that does not exist", { divisionId: "99999" }, "Choose a division from the list"],
    ["a division id that is not a number", { divisionId: "surgery" }, "Choose a division from the list"],
    ["a title over 200 characters", { title: "x".repeat(201) }, "The title must be 200 characters or fewer"],
  ];
  for (const [name, changes, message] of cases) {
    it(`refuses ${name} with 400 and says "${message}"`, async () => {
      const before = row(leadProject);
      const beforeDomains = domains(leadProject);
      const auditCount = audits(leadProject).length;
      const res = await lead.post(`/projects/${leadProject}/edit`, charterForm(server.db, leadProject, { title: "Kept title", ...changes }));
      expect(res.status).toBe(400);
      const html = await readPage(res);
      expect(html.text).toContain("There is a problem");
      expect(html.text).toContain(message);
      expect(row(leadProject)).toEqual(before);
      expect(domains(leadProject)).toEqual(beforeDomains);
      expect(audits(leadProject).length).toBe(auditCount);
      if (!("title" in changes)) expect(html.fieldValue("title")).toBe("Kept title"); // the user's input is kept
    });
  }
});

describe("patient data", () => {
  it("warns before saving an NHS number, then saves once the person confirms", async () => {
    const before = row(leadProject);
    const problem = "Audit of patient 943 476 5919 showed the delay.";
    const warned = await lead.post(`/projects/${leadProject}/edit`, charterForm(server.db, leadProject, { problem }));
    expect(warned.status).toBe(400);
    const html = await readPage(warned);
    expect(html.text).toContain("This looks like patient-identifiable data (an NHS number)");
    expect(html.text).toContain("I have checked: this text does not identify a patient");
    expect(row(leadProject)).toEqual(before);

    const confirmed = await lead.post(`/projects/${leadProject}/edit`, charterForm(server.db, leadProject, { problem, confirmNoPatientData: "yes" }));
    expect(confirmed.status).toBe(302);
    expect(row(leadProject).problem).toBe(problem);

    // Text already confirmed is not questioned again when something else changes.
    const later = await lead.post(`/projects/${leadProject}/edit`, charterForm(server.db, leadProject, { scope: "Adults in majors." }));
    expect(later.status).toBe(302);
  });
});

describe("two people editing at once", () => {
  it("answers the second save with 409 and both versions, keeps the first save whole, and lets the second save knowingly", async () => {
    const other = new Client(server.url);
    await other.signIn("admin@example.org");
    const first = await lead.get(`/projects/${leadProject}/edit`);
    const second = await other.get(`/projects/${leadProject}/edit`);
    const version = versionIn(await readPage(first));
    expect(versionIn(await readPage(second))).toBe(version);

    const leadChanges = {
      version: String(version),
      title: "Sepsis Six: the lead's title",
      aimTarget: "95",
      scope: "The lead's scope",
      cqcDomains: ["safe", "effective"],
    };
    expect((await lead.post(`/projects/${leadProject}/edit`, charterForm(server.db, leadProject, leadChanges))).status).toBe(302);
    const afterFirst = row(leadProject);

    const adminChanges = {
      version: String(version),
      title: "Sepsis Six: the admin's title",
      scope: "The admin's scope",
    };
    const clash = await other.post(`/projects/${leadProject}/edit`, charterForm(server.db, leadProject, adminChanges));
    expect(clash.status).toBe(409);
    const html = await readPage(clash);
    expect(html.textOf("#conflict-title")).toBe("Someone else changed this");
    expect(html.conflict()?.message).toMatch(/This was changed by Lee Lead at \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d since you opened it/);
    const fields = html.conflict()?.fields;
    expect(fields).toContainEqual({
      field: expect.any(String),
      theirs: "Sepsis Six: the lead's title",
      yours: "Sepsis Six: the admin's title",
    });
    expect(fields).toContainEqual({
      field: expect.any(String),
      theirs: "The lead's scope",
      yours: "The admin's scope",
    });
    expect(versionIn(html)).toBe(version + 1);

    // Nothing of the first save was lost.
    expect(row(leadProject)).toEqual(afterFirst);
    expect(afterFirst).toMatchObject({
      title: "Sepsis Six: the lead's title",
      aimTarget: 95,
      scope: "The lead's scope",
    });
    expect(domains(leadProject)).toEqual(["effective", "safe"]);

    // Saving again with the version from the 409 page is a knowing choice.
    const again = await other.post(`/projects/${leadProject}/edit`, charterForm(server.db, leadProject, { ...adminChanges, version: String(versionIn(html)) }));
    expect(again.status).toBe(302);
    expect(row(leadProject).title).toBe("Sepsis Six: the admin's title");
  });
});

describe("who may edit", () => {
  it("refuses lead@ on a project whose team they are not on, and audits the refusal", async () => {
    const before = row(otherProject);
    expect((await lead.get(`/projects/${otherProject}/edit`)).status).toBe(403);
    const res = await lead.post(`/projects/${otherProject}/edit`, charterForm(server.db, otherProject, { title: "Hijacked" }));
    expect(res.status).toBe(403);
    expect(row(otherProject)).toEqual(before);
    expect(audits(otherProject)[0]).toMatchObject({
      action: "auth.permission_denied",
      userId: userId("lead@example.org"),
    });
  });

  it("refuses a viewer and a board member who is not on the team", async () => {
    for (const email of ["viewer@example.org", "board@example.org"]) {
      const board = server.db
        .select({ id: projectTeam.projectId })
        .from(projectTeam)
        .where(and(eq(projectTeam.userId, userId(email)), isNull(projectTeam.endedAt)))
        .all()
        .map((r) => r.id);
      const target = server.db
        .select({ id: projects.id })
        .from(projects)
        .where(notInArray(projects.id, [...board, 0]))
        .get()!.id;
      const client = new Client(server.url);
      await client.signIn(email);
      const before = row(target);
      expect((await client.post(`/projects/${target}/edit`, charterForm(server.db, target, { title: "Nope" }))).status, email).toBe(403);
      expect(row(target)).toEqual(before);
    }
  });

  it("shows the edit link on the overview only to those who may edit", async () => {
    expect((await readPage(await lead.get(`/projects/${leadProject}`))).text).toContain("Edit the charter");
    const viewer = new Client(server.url);
    await viewer.signIn("viewer@example.org");
    expect((await readPage(await viewer.get(`/projects/${leadProject}`))).anywhere).not.toContain("Edit the charter");
  });
});
