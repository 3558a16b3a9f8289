// /waves/compare against figures worked out by hand on a small fixture of two waves, written
// through the real database beside the demo trust.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  changeIdeas,
  measures,
  pdsaCycles,
  programmes,
  projectTeam,
  projects,
  pulseAnswerScores,
  pulseAnswers,
  pulseCampaigns,
  pulseStatements,
  users,
  waves,
  wins,
} from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let viewer: Client;

type Db = TestServer["db"];
const at = (iso: string) => new Date(iso);

function addUser(db: Db, name: string) {
  return db
    .insert(users)
    .values({ email: `${name.toLowerCase().replace(/\s+/g, ".")}@compare.example.org`, name })
    .returning({ id: users.id })
    .get().id;
}

function addProject(db: Db, programmeId: number, waveId: number, title: string) {
  const id = db.insert(projects).values({ programmeId, waveId, title, stage: "active" }).returning({ id: projects.id }).get().id;
  const idea = db.insert(changeIdeas).values({ projectId: id, title: "Idea" }).returning({ id: changeIdeas.id }).get().id;
  return { id, idea };
}

function addCycle(db: Db, p: { id: number; idea: number }, number: number, startDate: string, deleted = false) {
  db.insert(pdsaCycles)
    .values({ projectId: p.id, changeIdeaId: p.idea, number, title: `Cycle ${number}`, startDate, deletedAt: deleted ? at("2025-03-01T12:00:00Z") : null })
    .run();
}

function addMeasure(db: Db, projectId: number, icon: (typeof measures.$inferInsert)["spcVariationIcon"], deleted = false) {
  db.insert(measures)
    .values({
      projectId,
      name: `Measure ${icon}`,
      type: "outcome",
      unit: "count",
      improvement: "increase",
      frequency: "weekly",
      spcVariationIcon: icon,
      deletedAt: deleted ? at("2025-03-01T12:00:00Z") : null,
    })
    .run();
}

function addWin(db: Db, projectId: number, when: string, confirmedBy: number | null) {
  db.insert(wins)
    .values({ projectId, title: `Win ${when}`, evidenceKind: "other", confirmedBy, at: at(when) })
    .run();
}

/** A closed campaign of two statements; `agree[i]` answers agree with statement i, the rest disagree. */
function addCampaign(
  db: Db,
  programmeId: number,
  values: { name: string; waveId: number | null; baselineId: number | null; closesOn: string },
  total: number,
  agree: [number, number],
) {
  const id = db
    .insert(pulseCampaigns)
    .values({
      programmeId,
      name: values.name,
      audience: values.waveId === null ? "trust" : "wave",
      waveId: values.waveId,
      kind: values.baselineId === null ? "baseline" : "follow_up",
      baselineId: values.baselineId,
      opensOn: values.closesOn.replace(/-\d\d$/, "-01"),
      closesOn: values.closesOn,
      token: `compare-${values.name.replace(/\W+/g, "-")}`,
    })
    .returning({ id: pulseCampaigns.id })
    .get().id;
  ["First statement", "Second statement"].forEach((wording, i) =>
    db
      .insert(pulseStatements)
      .values({ campaignId: id, position: i + 1, wording })
      .run(),
  );
  for (let n = 0; n < total; n++) {
    const answer = db.insert(pulseAnswers).values({ campaignId: id }).returning({ id: pulseAnswers.id }).get().id;
    agree.forEach((agreeing, i) =>
      db
        .insert(pulseAnswerScores)
        .values({ answerId: answer, position: i + 1, score: n < agreeing ? 4 : 2 })
        .run(),
    );
  }
  return id;
}

let waveA: number;
let waveB: number;

beforeAll(async () => {
  server = await startTestServer();
  viewer = new Client(server.url);
  await viewer.signIn("viewer@example.org");
  const db = server.db;
  const programmeId = db.select({ id: programmes.id }).from(programmes).get()!.id;
  waveA = db
    .insert(waves)
    .values({ programmeId, number: 98, name: "Compare A", startsOn: "2025-01-06", endsOn: "2025-05-25" })
    .returning({ id: waves.id })
    .get().id;
  waveB = db
    .insert(waves)
    .values({ programmeId, number: 99, name: "Compare B", startsOn: "2025-06-02", endsOn: "2025-10-19" })
    .returning({ id: waves.id })
    .get().id;
  const [u1, u2, u3, u4, u5] = ["Ada One", "Ben Two", "Cat Three", "Dan Four", "Eve Five"].map((n) => addUser(db, n));
  const p1 = addProject(db, programmeId, waveA, "Compare project one");
  const p2 = addProject(db, programmeId, waveA, "Compare project two");
  const p3 = addProject(db, programmeId, waveB, "Compare project three");
  const team = (projectId: number, userId: number, role: "project_lead" | "member", ended = false) =>
    db
      .insert(projectTeam)
      .values({ projectId, userId, role, startedAt: at("2025-01-06T09:00:00Z"), endedAt: ended ? at("2025-03-01T09:00:00Z") : null })
      .run();
  // Wave A: u1, u2 on one; u2, u3 and (who left) u4 on two → 4 people. Wave B: u1 and u5 → 2.
  team(p1.id, u1, "project_lead");
  team(p1.id, u2, "member");
  team(p2.id, u2, "project_lead");
  team(p2.id, u3, "member");
  team(p2.id, u4, "member", true);
  team(p3.id, u1, "project_lead");
  team(p3.id, u5, "member");
  // Wave A: one cycle in the wave, one before it, one deleted, one on its last day → 2. Wave B: one on its first day, one after it → 1.
  addCycle(db, p1, 1, "2025-02-01");
  addCycle(db, p1, 2, "2024-12-01");
  addCycle(db, p1, 3, "2025-02-10", true);
  addCycle(db, p2, 1, "2025-05-25");
  addCycle(db, p3, 1, "2025-06-02");
  addCycle(db, p3, 2, "2025-11-01");
  // Wave A: improvement high and low, common cause, and a deleted improving one → 2 of 3. Wave B: concern → 0 of 1.
  addMeasure(db, p1.id, "special_cause_improvement_high");
  addMeasure(db, p1.id, "common_cause");
  addMeasure(db, p2.id, "special_cause_improvement_low");
  addMeasure(db, p2.id, "special_cause_improvement_high", true);
  addMeasure(db, p3.id, "special_cause_concern_high");
  // Wave A: confirmed in the wave; unconfirmed; confirmed after the wave; confirmed at 23:30 UK time on its last day → 2. Wave B: 1.
  addWin(db, p1.id, "2025-03-01T12:00:00Z", u1);
  addWin(db, p1.id, "2025-03-02T12:00:00Z", null);
  addWin(db, p1.id, "2025-06-10T12:00:00Z", u1);
  addWin(db, p2.id, "2025-05-25T22:30:00Z", u2);
  addWin(db, p3.id, "2025-07-01T12:00:00Z", u5);
  // Pulse Check: baseline 10 answers, 5 and 3 agreeing → 50% and 30%, average 40%. Wave A's follow-up 12 answers,
  // 9 and 6 agreeing → 75% and 50%, average 62.5 → 63%: +23 points. Wave B's follow-up has 9 answers: not enough.
  const baseline = addCampaign(db, programmeId, { name: "Compare baseline", waveId: null, baselineId: null, closesOn: "2025-01-20" }, 10, [5, 3]);
  addCampaign(db, programmeId, { name: "Compare A follow-up", waveId: waveA, baselineId: baseline, closesOn: "2025-06-20" }, 12, [9, 6]);
  addCampaign(db, programmeId, { name: "Compare B follow-up", waveId: waveB, baselineId: baseline, closesOn: "2025-10-30" }, 9, [9, 9]);
});
afterAll(async () => {
  await server?.close();
});

describe("wave against wave", () => {
  it("shows the hand-computed figures in the table", async () => {
    const page = await readPage(await viewer.get("/waves/compare"));
    const rows = page.tableRowsCaptioned("Waves compared");
    expect(rows.length).toBeGreaterThan(2);
    const rowA = rows.find((r) => r[0]?.includes("Compare A"));
    const rowB = rows.find((r) => r[0]?.includes("Compare B"));
    expect(rowA?.slice(1)).toEqual(["2", "4", "2", "2 of 3", "2", "+23 points (40% to 63%)"]);
    expect(rowB?.slice(1)).toEqual(["1", "2", "1", "0 of 1", "1", "Not enough answers"]);
    expect(page.text).toContain("started between the wave's first and last day");
    expect(page.root.querySelectorAll(".app-compare-chart svg[role=img]").length).toBe(6);
    expect((await readPage(await viewer.get("/waves"))).hrefs()).toContain("/waves/compare");
  });

  it("downloads the same figures as CSV", async () => {
    const res = await viewer.get("/waves/compare.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text()).replace(/^\uFEFF/, "").split(/\r?\n/);
    expect(lines[0]).toContain("People involved");
    expect(lines.find((l) => l.includes("Compare A"))).toContain(",2,4,2,2,2,3,40,63,23");
    expect(lines.find((l) => l.includes("Compare B"))).toContain(",1,2,1,0,1,1,Not enough answers,Not enough answers,Not enough answers");
  });

  it("is for signed-in people only", async () => {
    const anonymous = new Client(server.url);
    expect((await anonymous.get("/waves/compare")).status).toBe(302);
    expect((await anonymous.get("/waves/compare.csv")).status).toBe(302);
  });
});
