// Proposals, governance decisions, stage moves, closure and the team, over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { auditEvents, divisions, projects, projectTeam, users } from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";
import { userIdOf } from "../helpers/db";

let server: TestServer;
const clients: Record<string, Client> = {};
beforeAll(async () => {
  server = await startTestServer();
  for (const who of ["admin", "board", "staff", "viewer", "lead"]) {
    clients[who] = new Client(server.url);
    await clients[who].signIn(`${who}@example.org`);
  }
});
afterAll(async () => {
  await server?.close();
});

const userId = (email: string) => userIdOf(server.db, email);
const personId = (name: string) => server.db.select().from(users).where(eq(users.name, name)).get()!.id;
const row = (id: number) => server.db.select().from(projects).where(eq(projects.id, id)).get()!;
const projectCount = () =>
  server.db
    .select({ n: sql<number>`count(*)` })
    .from(projects)
    .get()!.n;
const byTitle = (title: string) => server.db.select().from(projects).where(eq(projects.title, title)).get()!;
const team = (id: number) => server.db.select().from(projectTeam).where(eq(projectTeam.projectId, id)).all();
const currentTeam = (id: number) =>
  server.db
    .select()
    .from(projectTeam)
    .where(and(eq(projectTeam.projectId, id), isNull(projectTeam.endedAt)))
    .all();
const audits = (id: number) => server.db.select().from(auditEvents).where(eq(auditEvents.projectId, id)).orderBy(desc(auditEvents.id)).all();

let proposalCounter = 0;
/** staff@ proposes a fresh project; returns its id. */
async function propose(who = "staff"): Promise<number> {
  proposalCounter++;
  const title = `Hydration rounds on Ward 7 (${proposalCounter})`;
  const res = await clients[who].post("/projects/new", {
    title,
    problem: "Older patients on Ward 7 are often dehydrated by the afternoon.",
    proposalIdea: "A protected drinks round at 10:00, 14:00 and 18:00.",
  });
  expect(res.status).toBe(302);
  return byTitle(title).id;
}

const LEADS = () => ({
  executiveLeadId: String(personId("Helen Whitfield")),
  operationalLeadId: String(personId("David Singh")),
  clinicalLeadId: String(personId("Dr Hannah Lewis")),
});

async function approve(id: number) {
  const res = await clients.board.post(`/projects/${id}/decision`, {
    intent: "approve",
    version: String(row(id).version),
    ...LEADS(),
  });
  expect(res.status).toBe(302);
}

describe("proposing a project", () => {
  it("lets staff propose: stage proposed, the proposer on the team, audited", async () => {
    const division = server.db.select().from(divisions).where(eq(divisions.name, "Medicine")).get()!;
    expect((await clients.staff.get("/projects/new")).status).toBe(200);
    const res = await clients.staff.post("/projects/new", {
      title: "Falls prevention at night",
      problem: "Most falls on the elderly care wards happen between 22:00 and 06:00.",
      proposalIdea: "Intentional rounding every hour at night, with a low bed for anyone at risk.",
      divisionId: String(division.id),
    });
    expect(res.status).toBe(302);
    const p = byTitle("Falls prevention at night");
    expect(res.headers.get("location")).toBe(`/projects/${p.id}`);
    expect(p).toMatchObject({
      stage: "proposed",
      createdBy: userId("staff@example.org"),
      divisionId: division.id,
      proposalIdea: "Intentional rounding every hour at night, with a low bed for anyone at risk.",
      progressScore: null,
    });
    expect(currentTeam(p.id)).toMatchObject([{ userId: userId("staff@example.org"), role: "member" }]);
    expect(audits(p.id)[0]).toMatchObject({ action: "project.proposed", userId: userId("staff@example.org") });

    // The proposer keeps working on it.
    expect((await clients.staff.get(`/projects/${p.id}/edit`)).status).toBe(200);
    const page = await readPage(await clients.staff.get(`/projects/${p.id}`));
    expect(page.text).toContain("Intentional rounding every hour at night");
    expect(page.text).toContain("Edit the charter");
  });

  it("refuses a viewer with 403 and creates nothing", async () => {
    const before = projectCount();
    expect((await clients.viewer.get("/projects/new")).status).toBe(403);
    const res = await clients.viewer.post("/projects/new", { title: "Viewer idea", problem: "x", proposalIdea: "y" });
    expect(res.status).toBe(403);
    expect(projectCount()).toBe(before);
  });

  const bad: [string, Record<string, string>, string][] = [
    ["no title", { title: "" }, "Enter a title for the project"],
    ["no problem", { problem: " " }, "Describe the problem you want to fix"],
    ["no idea", { proposalIdea: "" }, "Describe your idea for improving it"],
    ["a division that does not exist", { divisionId: "424242" }, "Choose a division from the list"],
    ["a forged stage", { stage: "active" }, "This form cannot change stage"],
    ["a forged creator", { createdBy: "1" }, "This form cannot change createdBy"],
  ];
  for (const [name, changes, message] of bad) {
    it(`refuses ${name} with 400, "${message}", and creates nothing`, async () => {
      const before = projectCount();
      const res = await clients.staff.post("/projects/new", {
        title: "Kept proposal title",
        problem: "A problem",
        proposalIdea: "An idea",
        ...changes,
      });
      expect(res.status).toBe(400);
      const html = await readPage(res);
      expect(html.text).toContain(message);
      expect(projectCount()).toBe(before);
    });
  }
});

describe("approving and declining", () => {
  it("refuses a staff proposer who posts an approval (400, audited) and changes nothing", async () => {
    const id = await propose();
    const before = row(id);
    const res = await clients.staff.post(`/projects/${id}/decision`, {
      intent: "approve",
      version: String(before.version),
      ...LEADS(),
    });
    expect(res.status).toBe(400);
    expect((await readPage(res)).text).toContain("Only the programme board or an administrator can approve the proposal");
    expect(row(id)).toEqual(before);
    expect(currentTeam(id)).toHaveLength(1);
    expect(audits(id)[0]).toMatchObject({ action: "auth.permission_denied", userId: userId("staff@example.org") });
  });

  it("refuses staff who are not on the team with 403", async () => {
    const id = await propose("lead");
    const before = row(id);
    expect((await clients.staff.get(`/projects/${id}/decision`)).status).toBe(403);
    expect((await clients.staff.post(`/projects/${id}/decision`, { intent: "approve", version: String(before.version) })).status).toBe(403);
    expect(
      (
        await clients.viewer.post(`/projects/${id}/decision`, {
          intent: "decline",
          version: String(before.version),
          reason: "No",
        })
      ).status,
    ).toBe(403);
    expect(row(id)).toEqual(before);
  });

  it("will not approve without the three required leads, and names each one missing", async () => {
    const id = await propose();
    const before = row(id);
    const res = await clients.board.post(`/projects/${id}/decision`, {
      intent: "approve",
      version: String(before.version),
      clinicalLeadId: String(personId("Dr Hannah Lewis")),
    });
    expect(res.status).toBe(400);
    const html = await readPage(res);
    expect(html.text).toContain("Choose an executive lead");
    expect(html.text).toContain("Choose an operational lead");
    expect(row(id)).toEqual(before);
    expect(currentTeam(id)).toHaveLength(1);
  });

  it("lets the board approve, naming the leads in the same step", async () => {
    const id = await propose();
    const before = row(id);
    expect((await readPage(await clients.board.get(`/projects/${id}`))).text).toContain("Approve or decline the proposal");
    await approve(id);
    const after = row(id);
    expect(after).toMatchObject({
      stage: "approved",
      version: before.version + 1,
      updatedBy: userId("board@example.org"),
    });
    const leads = currentTeam(id).filter((m) => m.role !== "member");
    expect(leads.map((m) => [m.role, m.userId]).sort()).toEqual(
      [
        ["clinical_lead", personId("Dr Hannah Lewis")],
        ["executive_lead", personId("Helen Whitfield")],
        ["operational_lead", personId("David Singh")],
      ].sort(),
    );
    const audit = audits(id)[0];
    expect(audit).toMatchObject({ action: "project.approved", userId: userId("board@example.org") });
    expect(audit.summary).toContain("Proposed → Approved");
    expect(audit.summary).toContain("executive lead Helen Whitfield");

    // Approving twice is refused with the reason.
    const again = await clients.board.post(`/projects/${id}/decision`, {
      intent: "approve",
      version: String(after.version),
    });
    expect(again.status).toBe(400);
    // In the response's data only: the page of an approved project has no approval form to show it on.
    expect((await readPage(again)).anywhere).toContain("This project is approved: only a proposed project can be moved to approved");
    expect(row(id)).toEqual(after);
  });

  it("approves a proposal whose leads are already named without asking again", async () => {
    const hca = byTitle("Sepsis awareness for ward healthcare assistants");
    const res = await clients.admin.post(`/projects/${hca.id}/decision`, {
      intent: "approve",
      version: String(hca.version),
      executiveLeadId: String(personId("Dr Priya Raman")),
      operationalLeadId: String(personId("David Singh")),
    });
    expect(res.status).toBe(302);
    expect(row(hca.id).stage).toBe("approved");
    expect(currentTeam(hca.id).find((m) => m.role === "clinical_lead")?.userId).toBe(personId("Dr Kwame Mensah"));
  });

  it("declines only with a reason, which the overview then shows", async () => {
    const id = await propose();
    const before = row(id);
    const noReason = await clients.board.post(`/projects/${id}/decision`, {
      intent: "decline",
      version: String(before.version),
      reason: "",
    });
    expect(noReason.status).toBe(400);
    expect((await readPage(noReason)).text).toContain("Enter the reason for declining the proposal");
    expect(row(id)).toEqual(before);

    const reason = "Already covered by the trust-wide nutrition and hydration work.";
    const res = await clients.board.post(`/projects/${id}/decision`, {
      intent: "decline",
      version: String(before.version),
      reason,
    });
    expect(res.status).toBe(302);
    expect(row(id)).toMatchObject({ stage: "declined", stageReason: reason });
    expect(audits(id)[0]).toMatchObject({ action: "project.declined" });
    expect((await readPage(await clients.staff.get(`/projects/${id}`))).text).toContain(`Reason declined: ${reason}`);
  });

  it("refuses a decision made on a stale version with 409 and changes nothing", async () => {
    const id = await propose();
    const stale = row(id).version;
    await clients.staff.post(`/projects/${id}/edit`, {
      version: String(stale),
      title: row(id).title,
      origin: "staff_idea",
    });
    const before = row(id);
    expect(before.version).toBe(stale + 1);
    const res = await clients.board.post(`/projects/${id}/decision`, {
      intent: "decline",
      version: String(stale),
      reason: "Not now",
    });
    expect(res.status).toBe(409);
    expect((await readPage(res)).text).toMatch(/changed by Sam Staff at .* since you opened it/);
    expect(row(id)).toEqual(before);
  });

  it("refuses a forged field on a decision", async () => {
    const id = await propose();
    const before = row(id);
    const res = await clients.board.post(`/projects/${id}/decision`, {
      intent: "decline",
      version: String(before.version),
      reason: "No",
      stage: "closed",
    });
    expect(res.status).toBe(400);
    expect((await readPage(res)).text).toContain("This form cannot change stage");
    expect(row(id)).toEqual(before);
  });
});

describe("moving through the stages", () => {
  it("lets the team start and sustain, but not stop; the board stops only with a reason", async () => {
    const id = await propose();
    await approve(id);
    const post = (who: string, form: Record<string, string>) => clients[who].post(`/projects/${id}/decision`, { version: String(row(id).version), ...form });

    expect((await post("staff", { intent: "start" })).status).toBe(302);
    expect(row(id).stage).toBe("active");
    expect(audits(id)[0]).toMatchObject({ action: "project.stage_changed", summary: "Stage: Approved → Active" });

    const stopByStaff = await post("staff", { intent: "stop", reason: "We are done" });
    expect(stopByStaff.status).toBe(400);
    expect(row(id).stage).toBe("active");

    expect((await post("staff", { intent: "sustain" })).status).toBe(302);
    expect(row(id).stage).toBe("sustaining");

    const noReason = await post("board", { intent: "stop", reason: "" });
    expect(noReason.status).toBe(400);
    expect((await readPage(noReason)).text).toContain("Enter the reason for stopping the project");
    expect(row(id).stage).toBe("sustaining");

    expect((await post("board", { intent: "stop", reason: "Replaced by the trust-wide hydration programme." })).status).toBe(302);
    expect(row(id)).toMatchObject({ stage: "stopped", stageReason: "Replaced by the trust-wide hydration programme." });
    expect((await post("board", { intent: "start" })).status).toBe(400);
  });
});

describe("closing a project", () => {
  const closure = {
    closureAimAchieved: "yes",
    closureEvidence: "Dehydration on the afternoon audit fell from 30% to 8% and held for 12 weeks.",
    closureAdopted: "Three protected drinks rounds a day.",
    closureSustain: "Rounds are on the ward routine; the matron audits monthly.",
    closureOwner: "Tom Brennan, Ward Manager",
    closureLessons: "Start with the afternoon round: it made the biggest difference.",
  };

  async function activeProject() {
    const id = await propose();
    await approve(id);
    await clients.staff.post(`/projects/${id}/decision`, { intent: "start", version: String(row(id).version) });
    expect(row(id).stage).toBe("active");
    return id;
  }

  it("is for governance only", async () => {
    const id = await activeProject();
    expect((await clients.staff.get(`/projects/${id}/close`)).status).toBe(403);
    const res = await clients.staff.post(`/projects/${id}/close`, { version: String(row(id).version), ...closure });
    expect(res.status).toBe(403);
    expect(row(id).stage).toBe("active");
  });

  const missing: [keyof typeof closure, string][] = [
    ["closureAimAchieved", "Select whether the aim was achieved"],
    ["closureEvidence", "Describe the evidence that the aim was or was not achieved"],
    ["closureAdopted", "Describe what was adopted"],
    ["closureSustain", "Describe how the gain will be sustained"],
    ["closureOwner", "Enter who owns it now"],
    ["closureLessons", "Describe the lessons for others"],
  ];
  it("needs every part of the closure summary", async () => {
    const id = await activeProject();
    for (const [field, message] of missing) {
      const before = row(id);
      const res = await clients.board.post(`/projects/${id}/close`, {
        version: String(before.version),
        ...closure,
        [field]: "",
      });
      expect(res.status, field).toBe(400);
      expect((await readPage(res)).text, field).toContain(message);
      expect(row(id), field).toEqual(before);
    }
  });

  it("closes with the summary stored and audited, and shows it on the overview", async () => {
    const id = await activeProject();
    const res = await clients.board.post(`/projects/${id}/close`, { version: String(row(id).version), ...closure });
    expect(res.status).toBe(302);
    expect(row(id)).toMatchObject({ ...closure, closureAimAchieved: true, stage: "closed" });
    expect(audits(id)[0]).toMatchObject({ action: "project.closed", userId: userId("board@example.org") });
    const page = await readPage(await clients.viewer.get(`/projects/${id}`));
    expect(page.text).toContain("Closure summary");
    expect(page.text).toContain("Three protected drinks rounds a day.");
  });

  it("refuses to close a project that never started", async () => {
    const id = await propose();
    await approve(id);
    const before = row(id);
    const res = await clients.board.post(`/projects/${id}/close`, { version: String(before.version), ...closure });
    expect(res.status).toBe(400);
    expect((await readPage(res)).text).toContain("only an active or sustaining project can be moved to closed");
    expect(row(id)).toEqual(before);
  });
});

describe("the team", () => {
  it("replaces a lead, keeping the previous holder as history shown on the overview", async () => {
    const id = await propose();
    await approve(id);
    const old = currentTeam(id).find((m) => m.role === "operational_lead")!;
    const res = await clients.admin.post(`/projects/${id}/team`, {
      intent: "lead",
      role: "operational_lead",
      userId: String(personId("Karen Holt")),
      current: String(old.userId),
    });
    expect(res.status).toBe(200);
    expect((await readPage(res)).text).toContain("Karen Holt is now the operational lead.");
    const rows = team(id).filter((m) => m.role === "operational_lead");
    expect(rows).toHaveLength(2);
    expect(rows.find((m) => m.userId === old.userId)!.endedAt).not.toBeNull();
    expect(rows.find((m) => m.userId === personId("Karen Holt"))!.endedAt).toBeNull();
    expect(audits(id)[0]).toMatchObject({
      action: "project.team_changed",
      summary: "Operational lead: David Singh → Karen Holt",
    });
    const page = await readPage(await clients.viewer.get(`/projects/${id}`));
    expect(page.text).toContain("Team history");
    const earlier = page.tableRowsCaptioned("Earlier leads and members");
    expect(earlier.map(([role, person]) => [role, person])).toContainEqual(["Operational lead", "David Singh"]);
  });

  it("will not leave an approved project without a required lead, and refuses a stale change with 409", async () => {
    const id = await propose();
    await approve(id);
    const before = team(id);
    const exec = currentTeam(id).find((m) => m.role === "executive_lead")!;
    const vacate = await clients.admin.post(`/projects/${id}/team`, {
      intent: "vacate",
      role: "executive_lead",
      current: String(exec.userId),
    });
    expect(vacate.status).toBe(400);
    expect((await readPage(vacate)).text).toContain("An approved project must keep an executive lead");
    const stale = await clients.admin.post(`/projects/${id}/team`, {
      intent: "lead",
      role: "executive_lead",
      userId: String(personId("Mark Oyelaran")),
      current: "",
    });
    expect(stale.status).toBe(409);
    expect((await readPage(stale)).text).toContain("since you opened this page: it is now Helen Whitfield");
    expect(team(id)).toEqual(before);
  });

  it("adds and removes members, refusing duplicates and other projects' rows", async () => {
    const id = await propose();
    const add = () => clients.admin.post(`/projects/${id}/team`, { intent: "add-member", userId: String(personId("Amy Fletcher")) });
    expect((await add()).status).toBe(200);
    const dup = await add();
    expect(dup.status).toBe(400);
    expect((await readPage(dup)).text).toContain("Amy Fletcher is already a team member");
    const amy = currentTeam(id).find((m) => m.userId === personId("Amy Fletcher"))!;
    const otherProjectsRow = server.db
      .select()
      .from(projectTeam)
      .where(sql`${projectTeam.projectId} <> ${id}`)
      .get()!;
    expect(
      (
        await clients.admin.post(`/projects/${id}/team`, {
          intent: "remove-member",
          teamRowId: String(otherProjectsRow.id),
        })
      ).status,
    ).toBe(404);
    expect((await clients.admin.post(`/projects/${id}/team`, { intent: "remove-member", teamRowId: String(amy.id) })).status).toBe(200);
    expect(team(id).find((m) => m.id === amy.id)!.endedAt).not.toBeNull();
    expect(audits(id)[0].summary).toBe("Removed Amy Fletcher from the team");
  });

  it("refuses the team page to lead@ on another team, to viewers, to the board and to the proposer (a member, not a lead)", async () => {
    const id = await propose();
    const before = team(id);
    for (const who of ["lead", "viewer", "board", "staff"]) {
      expect((await clients[who].get(`/projects/${id}/team`)).status, who).toBe(403);
      const res = await clients[who].post(`/projects/${id}/team`, {
        intent: "add-member",
        userId: String(userId(`${who}@example.org`)),
      });
      expect(res.status, who).toBe(403);
    }
    expect(team(id)).toEqual(before);
  });
});
