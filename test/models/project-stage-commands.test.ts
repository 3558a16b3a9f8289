// Proposals and stage decisions: the stage rule, the version check and the audit row in one place.
import { describe, expect, it } from "vitest";
import { assessProject } from "~/models/board-commands.server";
import { decideStage, proposeProject, refuseStageAction } from "~/models/project-stage-commands.server";
import type { Db } from "../../db/client";
import { actorFor, auditSince, lastAuditId, rows, seededDb } from "../helpers/command-fixture";

const one = <T>(db: Db, sql: string, ...args: unknown[]) => db.$client.prepare(sql).get(...args) as T;
const projectIn = (db: Db, stage: string) =>
  one<{ id: number; version: number }>(db, "select id, version from projects where stage = ? order by id limit 1", stage);
const stageOf = (db: Db, id: number) => one<{ stage: string; version: number }>(db, "select stage, version from projects where id = ?", id);

function setup() {
  const { db, programmeId } = seededDb();
  return {
    db,
    programmeId,
    board: actorFor(db, "board@example.org"),
    lead: actorFor(db, "lead@example.org"),
    since: lastAuditId(db).n,
  };
}

describe("proposeProject", () => {
  it("creates the proposal with the proposer on its team, once per token, audited", () => {
    const { db, programmeId, lead, since } = setup();
    const [projects, team] = [rows(db, "projects"), rows(db, "project_team")];
    const once = { userId: lead.id, kind: "project", token: "token-token-token-1" };
    const input = {
      programmeId,
      title: "Fewer falls",
      problem: "Falls",
      proposalIdea: "Rounding",
      divisionId: null,
      once,
    };
    const first = proposeProject(db, lead, input);
    expect(first).toMatchObject({
      ok: true,
      value: { replayed: false, location: expect.stringMatching(/^\/projects\/\d+$/) },
    });
    expect(proposeProject(db, lead, input)).toMatchObject({ ok: true, value: { replayed: true } });
    expect([rows(db, "projects"), rows(db, "project_team")]).toEqual([projects + 1, team + 1]);
    expect(auditSince(db, since)).toMatchObject([{ action: "project.proposed", summary: 'Proposed "Fewer falls"' }]);
  });
});

describe("proposeProject with a SMART aim", () => {
  it("saves the aim given with the proposal in the same step, audited once", () => {
    const { db, programmeId, lead, since } = setup();
    const aim = {
      aimWhat: "Fewer falls at night",
      aimForWhom: "older inpatients",
      aimMeasure: "Falls per 1,000 bed days",
      aimBaseline: 8.2,
      aimTarget: 5,
      aimTargetDate: "2027-06-30",
    };
    const result = proposeProject(db, lead, {
      programmeId,
      title: "Falls with an aim",
      problem: "Falls",
      proposalIdea: "Rounding",
      divisionId: null,
      ...aim,
      once: { userId: lead.id, kind: "project", token: "token-token-token-aim" },
    });
    expect(result).toMatchObject({ ok: true });
    const saved = db.$client
      .prepare("select aim_what, aim_for_whom, aim_measure, aim_baseline, aim_target, aim_target_date, stage from projects where title = ?")
      .get("Falls with an aim");
    expect(saved).toEqual({
      aim_what: aim.aimWhat,
      aim_for_whom: aim.aimForWhom,
      aim_measure: aim.aimMeasure,
      aim_baseline: 8.2,
      aim_target: 5,
      aim_target_date: "2027-06-30",
      stage: "proposed",
    });
    expect(auditSince(db, since)).toMatchObject([{ action: "project.proposed" }]);
  });
});

describe("decideStage", () => {
  const cases = [
    { action: "start" as const, from: "approved", to: "active", audit: "project.stage_changed", reason: "" },
    { action: "decline" as const, from: "proposed", to: "declined", audit: "project.declined", reason: "Not now" },
    { action: "stop" as const, from: "active", to: "stopped", audit: "project.stage_changed", reason: "Merged" },
  ];
  it.each(cases)("$action: $from → $to, audited as $audit", ({ action, from, to, audit, reason }) => {
    const { db, board, since } = setup();
    const project = projectIn(db, from);
    expect(decideStage(db, board, { projectId: project.id, action, version: project.version, reason, assignments: [] })).toEqual({
      ok: true,
      value: { projectId: project.id },
    });
    expect(stageOf(db, project.id)).toEqual({ stage: to, version: project.version + 1 });
    expect(auditSince(db, since)).toMatchObject([{ action: audit, projectId: project.id, summary: expect.stringMatching(/^Stage: /) }]);
  });

  it("approval names the missing leads in the same step; without them it is refused and nothing changes", () => {
    const { db, board, since } = setup();
    const project = projectIn(db, "proposed");
    const refusedResult = decideStage(db, board, {
      projectId: project.id,
      action: "approve",
      version: project.version,
      reason: "",
      assignments: [],
    });
    expect(refusedResult).toMatchObject({ ok: false, status: 400 });
    expect(stageOf(db, project.id)).toEqual({ stage: "proposed", version: project.version });
    expect(auditSince(db, since)).toEqual([]);
    const people = db.$client.prepare("select id, name from users where disabled_at is null order by id limit 3").all() as { id: number; name: string }[];
    const roles = ["executive_lead", "operational_lead", "clinical_lead"] as const;
    const assignments = roles.map((role, i) => ({ role, userId: people[i].id, name: people[i].name }));
    expect(
      decideStage(db, board, {
        projectId: project.id,
        action: "approve",
        version: project.version,
        reason: "",
        assignments,
      }).ok,
    ).toBe(true);
    expect(stageOf(db, project.id).stage).toBe("approved");
    expect(auditSince(db, since)).toMatchObject([{ action: "project.approved", summary: expect.stringContaining("; named executive lead") }]);
  });

  it("a stale version writes nothing and returns the project as it is now; a refusal by rights is audited", () => {
    const { db, lead, since } = setup();
    const project = projectIn(db, "approved");
    const result = decideStage(db, lead, {
      projectId: project.id,
      action: "start",
      version: project.version + 4,
      reason: "",
      assignments: [],
    });
    expect(result).toMatchObject({
      ok: false,
      conflict: { id: project.id, stage: "approved", version: project.version },
    });
    expect(stageOf(db, project.id)).toEqual({ stage: "approved", version: project.version });
    expect(auditSince(db, since)).toEqual([]);
    refuseStageAction(db, lead, { projectId: project.id, action: "stop" });
    expect(auditSince(db, since)).toMatchObject([{ action: "auth.permission_denied", projectId: project.id, summary: "Refused: stop the project" }]);
  });
});

describe("assessProject", () => {
  it("records the board's view with its audit row", () => {
    const { db, board, since } = setup();
    const before = rows(db, "board_assessments");
    expect(assessProject(db, board, { projectId: 1, rag: "red", reason: "Off track", comment: "" }).ok).toBe(true);
    expect(rows(db, "board_assessments")).toBe(before + 1);
    expect(auditSince(db, since)).toMatchObject([{ action: "board.assessed", projectId: 1, summary: "Board's view: Red — Off track" }]);
  });

  it("records a view once per form token and sends the replay where the first went", () => {
    const { db, board, since } = setup();
    const before = rows(db, "board_assessments");
    const input = {
      projectId: 1,
      rag: "amber" as const,
      reason: "Slipping",
      comment: "",
      formToken: "token-0123456789abcdef",
      back: "/board?theme=2",
    };
    expect(assessProject(db, board, input)).toMatchObject({ ok: true, value: { location: "/board?theme=2" } });
    expect(assessProject(db, board, { ...input, back: "/board" })).toMatchObject({
      ok: true,
      value: { id: null, location: "/board?theme=2" },
    });
    expect(rows(db, "board_assessments")).toBe(before + 1);
    expect(auditSince(db, since)).toHaveLength(1);
  });
});
