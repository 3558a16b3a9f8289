// The IHI progress score over real HTTP: append-only history with evidence, the current
// score kept in step, bad input refused, concurrent scoring caught, and the step chart shown.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, isNull, notInArray } from "drizzle-orm";
import { auditEvents, progressScores, projects, projectTeam } from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";
import { userIdOf } from "../helpers/db";

let server: TestServer;
let lead: Client;
let leadProject: number;
let otherProject: number;

const userId = (email: string) => userIdOf(server.db, email);
const project = (id: number) => server.db.select().from(projects).where(eq(projects.id, id)).get()!;
const history = (id: number) => server.db.select().from(progressScores).where(eq(progressScores.projectId, id)).orderBy(progressScores.id).all();
const latestAudit = (id: number) => server.db.select().from(auditEvents).where(eq(auditEvents.projectId, id)).orderBy(desc(auditEvents.id)).get();
const since = (id: number) => String(history(id).at(-1)?.id ?? 0);

beforeAll(async () => {
  server = await startTestServer();
  const mine = server.db
    .select({ id: projectTeam.projectId })
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, userId("lead@example.org")), isNull(projectTeam.endedAt)))
    .all()
    .map((r) => r.id);
  leadProject = server.db
    .select({ id: projects.id })
    .from(projects)
    .where(eq(projects.stage, "active"))
    .all()
    .map((r) => r.id)
    .find((id) => mine.includes(id))!;
  otherProject = server.db.select({ id: projects.id }).from(projects).where(notInArray(projects.id, mine)).get()!.id;
  lead = new Client(server.url);
  await lead.signIn("lead@example.org");
});
afterAll(async () => {
  await server?.close();
});

describe("recording a score", () => {
  it("appends a row with who, when and the evidence, updates the current score and audits it", async () => {
    const before = history(leadProject);
    const previous = project(leadProject);
    const evidence = "Twenty weeks above the target line; the PGD is now standard in majors and resus.";
    const res = await lead.post(`/projects/${leadProject}/progress`, {
      score: "4.5",
      evidence,
      since: since(leadProject),
    });
    expect(res.status).toBe(302);
    const after = history(leadProject);
    expect(after).toHaveLength(before.length + 1);
    expect(after.slice(0, -1)).toEqual(before); // append-only: earlier scores untouched
    expect(after.at(-1)).toMatchObject({ score: 4.5, evidence, byUserId: userId("lead@example.org") });
    expect(Math.abs(after.at(-1)!.at.getTime() - Date.now())).toBeLessThan(60_000);
    expect(project(leadProject)).toMatchObject({ progressScore: 4.5, version: previous.version });
    expect(latestAudit(leadProject)).toMatchObject({
      action: "project.progress_scored",
      userId: userId("lead@example.org"),
      summary: `Progress score: ${previous.progressScore!.toFixed(1)} → 4.5 Sustainable improvement`,
    });
  });

  it("shows the scale with its meanings as help, the step chart and the history", async () => {
    const res = await lead.get(`/projects/${leadProject}/progress`);
    expect(res.status).toBe(200);
    const html = await readPage(res);
    expect(html.text).toContain("0.5 Intent to participate");
    expect(html.text).toContain("Learning cycles begun: baseline data, process study, surveys");
    expect(html.text).toContain("5.0 Outstanding sustainable results");
    expect(html.text).toContain("IHI progress score over time");
    expect(html.get("path.app-progress-chart__line").getAttribute("d")).toMatch(/^M [\d.]+ [\d.]+( H [\d.]+ V [\d.]+)+ H [\d.]+$/);
    expect(html.text).toContain("Twenty weeks above the target line");
    expect(html.findAll("[style]")).toEqual([]);

    const overview = await readPage(await lead.get(`/projects/${leadProject}`));
    expect(overview.text).toContain("IHI progress score over time");
    expect(overview.text).toContain("4.5 Sustainable improvement");
    expect(overview.text).toContain("Show the scores as a table");
  });

  it("lets a viewer read the history but not score", async () => {
    const viewer = new Client(server.url);
    await viewer.signIn("viewer@example.org");
    const page = await viewer.get(`/projects/${leadProject}/progress`);
    expect(page.status).toBe(200);
    expect((await readPage(page)).anywhere).not.toContain("Save the score");
    const before = history(leadProject);
    const res = await viewer.post(`/projects/${leadProject}/progress`, {
      score: "5",
      evidence: "x",
      since: since(leadProject),
    });
    expect(res.status).toBe(403);
    expect(history(leadProject)).toEqual(before);
  });
});

describe("bad input changes nothing", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["a 6.0 score", { score: "6.0" }, "Choose a score from 0.5 to 5.0 on the IHI scale"],
    ["a score between the steps", { score: "2.7" }, "Choose a score from 0.5 to 5.0 on the IHI scale"],
    ["a zero score", { score: "0" }, "Choose a score from 0.5 to 5.0 on the IHI scale"],
    ["a score that is not a number", { score: "high" }, "Choose a score from 0.5 to 5.0 on the IHI scale"],
    ["no score", { score: "" }, "Choose a progress score"],
    ["no evidence", { evidence: "   " }, "Describe the evidence for this score"],
    ["a forged scorer", { byUserId: "1" }, "This form cannot change byUserId"],
  ];
  for (const [name, changes, message] of cases) {
    it(`refuses ${name} with 400: "${message}"`, async () => {
      const before = history(leadProject);
      const current = project(leadProject);
      const res = await lead.post(`/projects/${leadProject}/progress`, {
        score: "3",
        evidence: "Kept evidence text",
        since: since(leadProject),
        ...changes,
      });
      expect(res.status).toBe(400);
      const html = await readPage(res);
      expect(html.text).toContain(message);
      if (!("evidence" in changes)) expect(html.fieldValue("evidence")).toBe("Kept evidence text");
      expect(history(leadProject)).toEqual(before);
      expect(project(leadProject)).toEqual(current);
    });
  }

  it("asks before saving evidence that looks like patient data", async () => {
    const before = history(leadProject);
    const form = {
      score: "4.5",
      evidence: "Mrs Jane Smith 03/04/1950 had antibiotics in 40 minutes.",
      since: since(leadProject),
    };
    const res = await lead.post(`/projects/${leadProject}/progress`, form);
    expect(res.status).toBe(400);
    expect((await readPage(res)).text).toContain("a date of birth beside a name");
    expect(history(leadProject)).toEqual(before);
  });
});

describe("who and when", () => {
  it("refuses lead@ on a project whose team they are not on", async () => {
    const before = history(otherProject);
    const res = await lead.post(`/projects/${otherProject}/progress`, {
      score: "3",
      evidence: "Not mine",
      since: since(otherProject),
    });
    expect(res.status).toBe(403);
    expect(history(otherProject)).toEqual(before);
  });

  it("answers 409 when someone scored since the page was opened, keeping both", async () => {
    const opened = since(leadProject);
    const admin = new Client(server.url);
    await admin.signIn("admin@example.org");
    expect(
      (
        await admin.post(`/projects/${leadProject}/progress`, {
          score: "4",
          evidence: "Admin's view: one measure slipped.",
          since: opened,
        })
      ).status,
    ).toBe(302);
    const before = history(leadProject);
    const res = await lead.post(`/projects/${leadProject}/progress`, {
      score: "5",
      evidence: "Lead's view: all goals met.",
      since: opened,
    });
    expect(res.status).toBe(409);
    const html = await readPage(res);
    expect(html.text).toMatch(/changed by Alex Admin at .* since you opened it/);
    expect(html.text).toContain("4.0 Significant improvement");
    expect(html.text).toContain("5.0 Outstanding sustainable results");
    expect(html.text).toContain("Lead's view: all goals met.");
    expect(history(leadProject)).toEqual(before);
    expect(project(leadProject).progressScore).toBe(4);
  });

  it("refuses a new score once the project is finished", async () => {
    const closed = server.db.select().from(projects).where(eq(projects.stage, "closed")).get()!;
    const admin = new Client(server.url);
    await admin.signIn("admin@example.org");
    const before = history(closed.id);
    const res = await admin.post(`/projects/${closed.id}/progress`, {
      score: "5",
      evidence: "After the fact",
      since: since(closed.id),
    });
    expect(res.status).toBe(400);
    expect((await readPage(res)).text).toContain("This project is closed, so its progress score can no longer change");
    expect(history(closed.id)).toEqual(before);
  });

  it("says what to do when there is no score yet", async () => {
    const unscored = server.db.select().from(projects).where(isNull(projects.progressScore)).get()!;
    const admin = new Client(server.url);
    await admin.signIn("admin@example.org");
    const html = await readPage(await admin.get(`/projects/${unscored.id}/progress`));
    expect(html.text).toContain("No progress score yet. Record the first one below");
    expect(html.anywhere).not.toContain("IHI progress score over time");
  });
});
