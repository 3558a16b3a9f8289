// QI capability: each write is one transaction with its audit row; refusals and conflicts write nothing;
// and the shares and counts against figures worked out by hand on a small trust.
import { describe, expect, it } from "vitest";
import { addTrainingLevel, changeTrainingLevel, recordTraining, removeTrainingRecord } from "~/models/capability-commands.server";
import { currentLevels, engagement, ensureTrainingLevels, listTrainingLevels, teamTrainedShares, trainedPerDivision } from "~/models/capability.server";
import { divisions, pdsaCycles, changeIdeas, programmes, projectTeam, projects, trainingLevels, trainingRecords, users } from "../../db/schema";
import { DEFAULT_TRAINING_LEVELS } from "~/domain/capability";
import { actorFor, auditSince, lastAuditId, rows, seededDb, TODAY } from "../helpers/command-fixture";
import { createTestDb } from "../helpers/db";

function setup() {
  const { db, programmeId } = seededDb();
  const as = (email: string, role: "admin" | "board" | "staff" | "viewer") => ({ ...actorFor(db, email), role });
  return {
    db,
    programmeId,
    admin: as("admin@example.org", "admin"),
    board: as("board@example.org", "board"),
    staff: as("staff@example.org", "staff"),
    viewer: as("viewer@example.org", "viewer"),
  };
}

const counts = (db: ReturnType<typeof setup>["db"]) => [rows(db, "training_levels"), rows(db, "training_records"), rows(db, "audit_events")];

describe("training levels", () => {
  it("the demo starts with the default levels in order", () => {
    const s = setup();
    expect(listTrainingLevels(s.db, s.programmeId).map((l) => l.name)).toEqual([...DEFAULT_TRAINING_LEVELS]);
    ensureTrainingLevels(s.db, s.programmeId);
    expect(rows(s.db, "training_levels")).toBe(DEFAULT_TRAINING_LEVELS.length);
  });

  it("an admin adds, renames, retires, restores and moves a level, each with one audit row", () => {
    const s = setup();
    const since = lastAuditId(s.db).n;
    const added = addTrainingLevel(s.db, s.admin, { programmeId: s.programmeId, name: "Bronze" });
    expect(added.ok).toBe(true);
    const levelId = added.ok ? added.value.levelId : 0;
    expect(listTrainingLevels(s.db, s.programmeId).at(-1)?.name).toBe("Bronze");
    const change = (version: number, c: Parameters<typeof changeTrainingLevel>[2]["change"]) =>
      changeTrainingLevel(s.db, s.admin, { programmeId: s.programmeId, levelId, version, change: c });
    expect(change(1, { kind: "rename", name: "Silver" })).toEqual({ ok: true, value: { changed: true } });
    expect(change(2, { kind: "retire" })).toEqual({ ok: true, value: { changed: true } });
    expect(listTrainingLevels(s.db, s.programmeId).find((l) => l.id === levelId)).toMatchObject({ name: "Silver", retired: true, version: 3 });
    expect(change(3, { kind: "restore" })).toEqual({ ok: true, value: { changed: true } });
    expect(change(4, { kind: "move", direction: "up" })).toEqual({ ok: true, value: { changed: true } });
    expect(listTrainingLevels(s.db, s.programmeId).map((l) => l.name)).toEqual([
      "Level 1 introduction",
      "Level 2 project course",
      "Improvement coach",
      "Silver",
      "QI sponsor",
    ]);
    expect(auditSince(s.db, since).map((a) => a.action)).toEqual([
      "training.level_added",
      "training.level_changed",
      "training.level_changed",
      "training.level_changed",
      "training.level_changed",
    ]);
    expect(auditSince(s.db, since).at(-1)?.summary).toBe('Moved the training level "Silver" below "QI sponsor"');
  });

  it("answers a stale version with a conflict naming the change, and writes nothing", () => {
    const s = setup();
    const level = listTrainingLevels(s.db, s.programmeId)[0];
    expect(
      changeTrainingLevel(s.db, s.admin, { programmeId: s.programmeId, levelId: level.id, version: 1, change: { kind: "rename", name: "Foundations" } }).ok,
    ).toBe(true);
    const before = counts(s.db);
    const stale = changeTrainingLevel(s.db, s.admin, { programmeId: s.programmeId, levelId: level.id, version: 1, change: { kind: "rename", name: "Other" } });
    expect("conflict" in stale && stale.conflict.fields.map((f) => f.name)).toEqual(["name"]);
    // Moving the neighbour of a level whose form is stale conflicts too.
    const second = listTrainingLevels(s.db, s.programmeId)[1];
    expect(
      "conflict" in
        changeTrainingLevel(s.db, s.admin, { programmeId: s.programmeId, levelId: second.id, version: 2, change: { kind: "move", direction: "up" } }),
    ).toBe(true);
    expect(counts(s.db)).toEqual(before);
    expect(listTrainingLevels(s.db, s.programmeId)[0].name).toBe("Foundations");
  });

  it("refuses a taken name (any case), a board member, and an unknown level, writing nothing", () => {
    const s = setup();
    const before = counts(s.db);
    expect(addTrainingLevel(s.db, s.admin, { programmeId: s.programmeId, name: "qi SPONSOR" })).toMatchObject({ ok: false, status: 400 });
    expect(addTrainingLevel(s.db, s.board, { programmeId: s.programmeId, name: "Gold" })).toMatchObject({ ok: false, status: 403 });
    const first = listTrainingLevels(s.db, s.programmeId)[0];
    expect(
      changeTrainingLevel(s.db, s.admin, {
        programmeId: s.programmeId,
        levelId: first.id,
        version: first.version,
        change: { kind: "rename", name: "QI sponsor" },
      }),
    ).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(changeTrainingLevel(s.db, s.admin, { programmeId: s.programmeId, levelId: 99999, version: 1, change: { kind: "retire" } })).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(counts(s.db)).toEqual(before);
  });
});

describe("training records", () => {
  it("the board records a level with one audit row; the same level again is a 409; removal is soft and audited", () => {
    const s = setup();
    const level = listTrainingLevels(s.db, s.programmeId)[3];
    const since = lastAuditId(s.db).n;
    const input = { programmeId: s.programmeId, userId: s.viewer.id, levelId: level.id, achievedOn: "2026-02-10", today: TODAY };
    const recorded = recordTraining(s.db, s.board, input);
    expect(recorded.ok).toBe(true);
    const recordId = recorded.ok ? recorded.value.recordId : 0;
    expect(auditSince(s.db, since).map((a) => [a.action, a.entityId, a.summary])).toEqual([
      ["training.recorded", recordId, 'Recorded that Vic Viewer achieved "QI sponsor" on 10 Feb 2026'],
    ]);
    expect(currentLevels(s.db, s.programmeId).find((c) => c.userId === s.viewer.id)?.levelName).toBe("QI sponsor");
    const before = counts(s.db);
    expect(recordTraining(s.db, s.board, { ...input, achievedOn: "2026-03-01" })).toMatchObject({ ok: false, status: 409 });
    expect(counts(s.db)).toEqual(before);
    expect(removeTrainingRecord(s.db, s.board, { programmeId: s.programmeId, recordId })).toEqual({ ok: true, value: { removed: true } });
    expect(s.db.$client.prepare("select removed_at is not null as gone, removed_by from training_records where id = ?").get(recordId)).toEqual({
      gone: 1,
      removed_by: s.board.id,
    });
    expect(auditSince(s.db, since).at(-1)?.action).toBe("training.removed");
    expect(removeTrainingRecord(s.db, s.board, { programmeId: s.programmeId, recordId })).toMatchObject({ ok: false, status: 409 });
    // Recorded again after the removal: history kept, one live record.
    expect(recordTraining(s.db, s.board, { ...input, achievedOn: "2026-03-01" }).ok).toBe(true);
  });

  it("refuses staff, an unknown person, a retired level and a future date, writing nothing", () => {
    const s = setup();
    const levels = listTrainingLevels(s.db, s.programmeId);
    const input = { programmeId: s.programmeId, userId: s.viewer.id, levelId: levels[0].id, achievedOn: "2026-02-10", today: TODAY };
    expect(
      changeTrainingLevel(s.db, s.admin, { programmeId: s.programmeId, levelId: levels[2].id, version: levels[2].version, change: { kind: "retire" } }).ok,
    ).toBe(true);
    const before = counts(s.db);
    expect(recordTraining(s.db, s.staff, input)).toMatchObject({ ok: false, status: 403 });
    expect(recordTraining(s.db, s.board, { ...input, userId: 99999 })).toMatchObject({ ok: false, status: 400 });
    expect(recordTraining(s.db, s.board, { ...input, levelId: levels[2].id })).toMatchObject({ ok: false, status: 400 });
    expect(recordTraining(s.db, s.board, { ...input, achievedOn: "2026-03-12" })).toMatchObject({
      ok: false,
      status: 400,
      refused: "The date achieved must be today or in the past",
    });
    expect(recordTraining(s.db, s.board, { ...input, achievedOn: TODAY }).ok).toBe(true);
    expect(counts(s.db)[0]).toBe(before[0]);
  });
});

describe("shares and counts on a small trust, against figures worked out by hand", () => {
  function smallTrust() {
    const { db } = createTestDb();
    const programmeId = db.insert(programmes).values({ name: "QI", trustName: "Small trust" }).returning({ id: programmes.id }).get().id;
    ensureTrainingLevels(db, programmeId);
    const [l1, l2, coach] = listTrainingLevels(db, programmeId).map((l) => l.id);
    const division = (name: string) => db.insert(divisions).values({ programmeId, name }).returning({ id: divisions.id }).get().id;
    const medicine = division("Medicine");
    const surgery = division("Surgery");
    const person = (name: string, divisionId: number | null, disabled = false) =>
      db
        .insert(users)
        .values({ email: `${name.toLowerCase()}@small.example`, name, divisionId, disabledAt: disabled ? new Date("2026-01-01T00:00:00Z") : null })
        .returning({ id: users.id })
        .get().id;
    // Seven enabled accounts and one disabled.
    const [ann, bob, cat, dan, eve, fay, gus] = [
      person("Ann", medicine),
      person("Bob", medicine),
      person("Cat", surgery),
      person("Dan", surgery),
      person("Eve", null),
      person("Fay", medicine),
      person("Gus", surgery),
    ];
    const hal = person("Hal", surgery, true);
    const project = (title: string, stage: "active" | "closed" | "approved") =>
      db.insert(projects).values({ programmeId, title, stage }).returning({ id: projects.id }).get().id;
    const alpha = project("Alpha", "active");
    const beta = project("Beta", "approved");
    const gamma = project("Gamma", "closed");
    const team = (projectId: number, userId: number, role: "project_lead" | "member" | "clinical_lead", ended = false) =>
      db
        .insert(projectTeam)
        .values({ projectId, userId, role, startedAt: new Date("2026-01-05T09:00:00Z"), endedAt: ended ? new Date("2026-02-01T09:00:00Z") : null })
        .run();
    // Alpha: Ann (lead and member: once), Bob, Cat, and Dan who left → 3 current members.
    team(alpha, ann, "project_lead");
    team(alpha, ann, "member");
    team(alpha, bob, "member");
    team(alpha, cat, "member");
    team(alpha, dan, "member", true);
    // Beta: Cat, Eve, and Hal whose account is disabled (a member still, not counted as involved).
    team(beta, cat, "project_lead");
    team(beta, eve, "member");
    team(beta, hal, "member");
    // Gamma is closed: Gus is not involved.
    team(gamma, gus, "project_lead");
    const record = (userId: number, levelId: number, achievedOn: string, removed = false) =>
      db
        .insert(trainingRecords)
        .values({ userId, levelId, achievedOn, removedAt: removed ? new Date("2026-03-01T00:00:00Z") : null })
        .run();
    record(ann, l1, "2025-05-10");
    record(ann, coach, "2026-01-20");
    record(bob, l2, "2025-11-03"); // a higher level without the first: still trained
    record(cat, l1, "2026-02-01", true); // removed: not trained
    record(eve, l1, "2025-12-31");
    record(fay, l1, "2025-08-15");
    record(hal, l2, "2025-04-01");
    // PDSA cycles: Alpha two in the last 12 weeks (from 2026-01-06 to 2026-03-30) and one before; Gamma's is closed.
    const idea = (projectId: number) => db.insert(changeIdeas).values({ projectId, title: "Idea" }).returning({ id: changeIdeas.id }).get().id;
    const cycle = (projectId: number, changeIdeaId: number, number: number, startDate: string) =>
      db
        .insert(pdsaCycles)
        .values({ projectId, changeIdeaId, number, title: `Cycle ${number}`, startDate })
        .run();
    const ideaA = idea(alpha);
    cycle(alpha, ideaA, 1, "2026-01-06");
    cycle(alpha, ideaA, 2, "2026-03-20");
    cycle(alpha, ideaA, 3, "2026-01-05");
    cycle(gamma, idea(gamma), 1, "2026-03-01");
    return { db, programmeId, alpha, beta, gamma, names: { ann, bob, cat, dan, eve, fay, gus, hal }, levels: db.select().from(trainingLevels).all() };
  }

  it("each team's share of trained members", () => {
    const t = smallTrust();
    // Alpha: Ann and Bob trained of Ann, Bob, Cat → 2 of 3. Beta: Eve and Hal of Cat, Eve, Hal → 2 of 3. Gamma is closed.
    expect(teamTrainedShares(t.db, t.programmeId)).toEqual([
      { projectId: t.alpha, title: "Alpha", members: 3, trained: 2 },
      { projectId: t.beta, title: "Beta", members: 3, trained: 2 },
    ]);
    // One project's own line counts it whatever its stage: Gamma 0 of 1.
    expect(teamTrainedShares(t.db, t.programmeId, t.gamma)).toEqual([{ projectId: t.gamma, title: "Gamma", members: 1, trained: 0 }]);
  });

  it("each person's current level is the highest reached", () => {
    const t = smallTrust();
    expect(currentLevels(t.db, t.programmeId).map((c) => [c.personName, c.levelName])).toEqual([
      ["Ann", "Improvement coach"],
      ["Bob", "Level 2 project course"],
      ["Eve", "Level 1 introduction"],
      ["Fay", "Level 1 introduction"],
      ["Hal", "Level 2 project course"],
    ]);
  });

  it("people trained per division, cumulatively by quarter of their first level", () => {
    const t = smallTrust();
    // First levels: Hal (Surgery) Apr 2025, Ann (Medicine) May 2025, Fay (Medicine) Aug 2025, Bob (Medicine) Nov 2025, Eve (none) Dec 2025.
    expect(trainedPerDivision(t.db, t.programmeId, "2026-03-11")).toEqual({
      quarters: ["2025-04", "2025-07", "2025-10", "2026-01"],
      divisions: [
        { name: "Medicine", cumulative: [1, 2, 3, 3] },
        { name: "Surgery", cumulative: [1, 1, 1, 1] },
        { name: "No division recorded", cumulative: [0, 0, 1, 1] },
      ],
    });
  });

  it("the board's engagement figures", () => {
    const t = smallTrust();
    // Involved (current team of an approved/active/sustaining project, enabled account): Ann, Bob, Cat, Eve → 4
    // (Medicine 2, Surgery 1, none 1); 7 enabled accounts; 2 cycles of live projects since 2026-01-06.
    expect(engagement(t.db, t.programmeId, "2026-01-06")).toEqual({
      byDivision: [
        { division: "Medicine", people: 2 },
        { division: "No division recorded", people: 1 },
        { division: "Surgery", people: 1 },
      ],
      involved: 4,
      activeUsers: 7,
      recentCycles: 2,
    });
  });
});
