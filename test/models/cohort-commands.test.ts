// Waves as cohorts: each write is one transaction with its audit row; refusals and conflicts write nothing.
import { describe, expect, it } from "vitest";
import {
  addChampion,
  addQuickWin,
  addStory,
  logWaveEvent,
  removeChampion,
  removeQuickWin,
  removeStory,
  removeWaveEvent,
  saveMission,
  setSponsor,
  updateStory,
  updateWaveEvent,
} from "~/models/cohort-commands.server";
import { getMission, getWaveCohort, listChampions, listWaveEvents, listWaveTeams } from "~/models/cohort.server";
import { eventDateProblem, markTimeline, nextWave } from "~/domain/cohort";
import { actorFor, auditSince, lastAuditId, rows, seededDb } from "../helpers/command-fixture";

function setup() {
  const { db, programmeId } = seededDb();
  const as = (email: string, role: "admin" | "board" | "staff" | "viewer") => ({ ...actorFor(db, email), role });
  const board = as("board@example.org", "board");
  const staff = as("staff@example.org", "staff");
  const wave = db.$client.prepare("select id, starts_on as startsOn, ends_on as endsOn, version from waves where number = 3").get() as {
    id: number;
    startsOn: string;
    endsOn: string;
    version: number;
  };
  const values = { kind: "checkpoint" as const, heldOn: wave.startsOn, title: "Week 1 huddle", attendance: 12, notes: "" };
  return { db, programmeId, board, staff, wave, values };
}

const count = (db: ReturnType<typeof setup>["db"], tables: string[]) => tables.map((t) => rows(db, t));

describe("a wave's sponsor and champions", () => {
  it("sets the sponsor (versioned: a stale version is a conflict) with one audit row", () => {
    const s = setup();
    const since = lastAuditId(s.db).n;
    const result = setSponsor(s.db, s.board, { programmeId: s.programmeId, waveId: s.wave.id, version: s.wave.version, sponsorUserId: s.staff.id });
    expect(result).toEqual({ ok: true, value: { changed: true } });
    expect(getWaveCohort(s.db, s.programmeId, s.wave.id)).toMatchObject({ sponsorUserId: s.staff.id, version: s.wave.version + 1 });
    expect(auditSince(s.db, since).map((a) => [a.action, a.entityId])).toEqual([["wave.sponsor_set", s.wave.id]]);
    const stale = setSponsor(s.db, s.board, { programmeId: s.programmeId, waveId: s.wave.id, version: s.wave.version, sponsorUserId: s.board.id });
    expect(stale.ok).toBe(false);
    expect("conflict" in stale && stale.conflict.fields.map((f) => [f.theirs, f.yours])).toEqual([["Sam Staff", "Blake Board"]]);
    expect(getWaveCohort(s.db, s.programmeId, s.wave.id)?.sponsorUserId).toBe(s.staff.id);
    expect(auditSince(s.db, since)).toHaveLength(1);
  });

  it("refuses staff, an unknown person and another programme's wave, writing nothing", () => {
    const s = setup();
    const before = count(s.db, ["audit_events", "wave_champions"]);
    const input = { programmeId: s.programmeId, waveId: s.wave.id, version: s.wave.version, sponsorUserId: s.staff.id };
    expect(setSponsor(s.db, s.staff, input)).toMatchObject({ ok: false, status: 403 });
    expect(setSponsor(s.db, s.board, { ...input, sponsorUserId: 99999 })).toMatchObject({ ok: false, status: 400 });
    expect(setSponsor(s.db, s.board, { ...input, waveId: 99999 })).toMatchObject({ ok: false, status: 404 });
    expect(addChampion(s.db, s.staff, { programmeId: s.programmeId, waveId: s.wave.id, userId: s.staff.id })).toMatchObject({ ok: false, status: 403 });
    expect(count(s.db, ["audit_events", "wave_champions"])).toEqual(before);
  });

  it("adds a champion once and removes them", () => {
    const s = setup();
    const since = lastAuditId(s.db).n;
    const input = { programmeId: s.programmeId, waveId: s.wave.id, userId: s.board.id };
    expect(addChampion(s.db, s.board, input)).toEqual({ ok: true, value: { added: true } });
    expect(listChampions(s.db, s.wave.id).map((c) => c.name)).toContain("Blake Board");
    expect(addChampion(s.db, s.board, input)).toMatchObject({ ok: false, status: 400, refused: "Blake Board is already a champion of this wave" });
    expect(removeChampion(s.db, s.board, input)).toEqual({ ok: true, value: { removed: true } });
    expect(removeChampion(s.db, s.board, input)).toMatchObject({ ok: false, status: 409 });
    expect(listChampions(s.db, s.wave.id).map((c) => c.name)).not.toContain("Blake Board");
    expect(auditSince(s.db, since).map((a) => a.action)).toEqual(["wave.champion_added", "wave.champion_removed"]);
  });
});

describe("a wave's events", () => {
  it("logs an event with named attendees, edits it (versioned) and removes it softly", () => {
    const s = setup();
    const since = lastAuditId(s.db).n;
    const logged = logWaveEvent(s.db, s.board, { programmeId: s.programmeId, waveId: s.wave.id, values: s.values, attendeeIds: [s.staff.id, s.board.id] });
    expect(logged.ok).toBe(true);
    const eventId = logged.ok ? logged.value.eventId : 0;
    const event = listWaveEvents(s.db, s.wave.id).find((e) => e.id === eventId);
    expect(event?.attendees.map((a) => a.name)).toEqual(["Blake Board", "Sam Staff"]);
    const edit = { programmeId: s.programmeId, waveId: s.wave.id, eventId, version: 1, values: { ...s.values, attendance: 15 }, attendeeIds: [s.staff.id] };
    expect(updateWaveEvent(s.db, s.board, edit)).toEqual({ ok: true, value: { changed: true } });
    expect(auditSince(s.db, since).at(-1)?.summary).toContain("Attendance: 12 → 15");
    const stale = updateWaveEvent(s.db, s.board, { ...edit, values: { ...s.values, attendance: 99 } });
    expect("conflict" in stale && stale.conflict.fields.map((f) => f.name)).toEqual(["attendance"]);
    expect(s.db.$client.prepare("select attendance, version from wave_events where id = ?").get(eventId)).toEqual({ attendance: 15, version: 2 });
    expect(removeWaveEvent(s.db, s.board, { programmeId: s.programmeId, waveId: s.wave.id, eventId, version: 1 }).ok).toBe(false);
    expect(removeWaveEvent(s.db, s.board, { programmeId: s.programmeId, waveId: s.wave.id, eventId, version: 2 })).toEqual({
      ok: true,
      value: { removed: true },
    });
    expect(listWaveEvents(s.db, s.wave.id).some((e) => e.id === eventId)).toBe(false);
    expect(auditSince(s.db, since).map((a) => a.action)).toEqual(["wave.event_logged", "wave.event_updated", "wave.event_removed"]);
  });

  it("refuses a date far from the wave, an unknown attendee and staff, writing nothing", () => {
    const s = setup();
    const before = count(s.db, ["audit_events", "wave_events", "wave_event_attendees"]);
    const input = { programmeId: s.programmeId, waveId: s.wave.id, values: s.values, attendeeIds: [] };
    const far = logWaveEvent(s.db, s.board, { ...input, values: { ...s.values, heldOn: "2001-01-01" } });
    expect(far).toMatchObject({ ok: false, status: 400 });
    expect(!far.ok && far.refused).toMatch(/^The date must be between \d+ \w+ \d{4} and \d+ \w+ \d{4}/);
    expect(logWaveEvent(s.db, s.board, { ...input, attendeeIds: [99999] })).toMatchObject({ ok: false, status: 400 });
    expect(logWaveEvent(s.db, s.staff, input)).toMatchObject({ ok: false, status: 403 });
    expect(count(s.db, ["audit_events", "wave_events", "wave_event_attendees"])).toEqual(before);
  });
});

describe("a team's mission, quick wins and outcome stories", () => {
  function team() {
    const s = setup();
    const project = s.db.$client.prepare("select id from projects where wave_id = ? order by id").get(s.wave.id) as { id: number };
    const win = s.db.$client
      .prepare("insert into wins (project_id, title, evidence_kind, at) values (?, 'New rota', 'other', 0) returning id")
      .get(project.id) as {
      id: number;
    };
    return { ...s, projectId: project.id, winId: win.id };
  }

  it("writes, then updates the mission; a form opened before another save is a conflict", () => {
    const s = team();
    s.db.$client.prepare("delete from team_missions where project_id = ?").run(s.projectId);
    const since = lastAuditId(s.db).n;
    expect(saveMission(s.db, s.staff, { projectId: s.projectId, version: 0, mission: "Every patient seen on time." })).toEqual({
      ok: true,
      value: { changed: true },
    });
    expect(saveMission(s.db, s.staff, { projectId: s.projectId, version: 0, mission: "Another" }).ok).toBe(false);
    expect(saveMission(s.db, s.staff, { projectId: s.projectId, version: 1, mission: "Every patient seen within 30 minutes." }).ok).toBe(true);
    expect(getMission(s.db, s.projectId)).toMatchObject({ mission: "Every patient seen within 30 minutes.", version: 2 });
    expect(auditSince(s.db, since).map((a) => [a.action, a.projectId])).toEqual([
      ["team.mission_saved", s.projectId],
      ["team.mission_saved", s.projectId],
    ]);
  });

  it("counts one of the project's wins as a quick win, once, and never another project's", () => {
    const s = team();
    const since = lastAuditId(s.db).n;
    expect(addQuickWin(s.db, s.staff, { projectId: s.projectId, winId: s.winId })).toEqual({ ok: true, value: { added: true } });
    expect(addQuickWin(s.db, s.staff, { projectId: s.projectId, winId: s.winId })).toMatchObject({ ok: false, status: 400 });
    const other = s.db.$client.prepare("select id from projects where id <> ? order by id").get(s.projectId) as { id: number };
    expect(addQuickWin(s.db, s.staff, { projectId: other.id, winId: s.winId })).toMatchObject({ ok: false, status: 400 });
    const teams = listWaveTeams(s.db, s.programmeId, s.wave.id);
    expect(teams.find((t) => t.id === s.projectId)?.quickWins.map((q) => q.title)).toContain("New rota");
    expect(removeQuickWin(s.db, s.staff, { projectId: s.projectId, winId: s.winId })).toEqual({ ok: true, value: { removed: true } });
    expect(rows(s.db, "wins")).toBeGreaterThan(0);
    expect(s.db.$client.prepare("select count(*) n from wins where id = ?").get(s.winId)).toEqual({ n: 1 });
    expect(auditSince(s.db, since).map((a) => a.action)).toEqual(["team.quick_win_added", "team.quick_win_removed"]);
  });

  it("tells, edits (versioned) and removes an outcome story", () => {
    const s = team();
    const since = lastAuditId(s.db).n;
    const added = addStory(s.db, s.staff, { projectId: s.projectId, title: "Home sooner", story: "Mrs B went home a day early." });
    const storyId = added.ok ? added.value.storyId : 0;
    const edit = { projectId: s.projectId, storyId, version: 1, title: "Home sooner", story: "Mrs B went home two days early." };
    expect(updateStory(s.db, s.staff, edit)).toEqual({ ok: true, value: { changed: true } });
    const stale = updateStory(s.db, s.staff, { ...edit, story: "Other" });
    expect("conflict" in stale && stale.conflict.fields.map((f) => f.name)).toEqual(["story"]);
    expect(removeStory(s.db, s.staff, { projectId: s.projectId, storyId, version: 1 }).ok).toBe(false);
    expect(removeStory(s.db, s.staff, { projectId: s.projectId, storyId, version: 2 }).ok).toBe(true);
    expect(updateStory(s.db, s.staff, { ...edit, version: 3 })).toMatchObject({ ok: false, status: 404 });
    expect(auditSince(s.db, since).map((a) => a.action)).toEqual(["team.story_added", "team.story_updated", "team.story_removed"]);
  });
});

describe("the cohort's rules", () => {
  const wave = { startsOn: "2026-01-05", endsOn: "2026-05-24" };
  it("accepts event dates within 13 weeks either side of the wave", () => {
    expect(eventDateProblem(wave, "2025-10-06")).toBeNull();
    expect(eventDateProblem(wave, "2025-10-05")).toBe("The date must be between 6 Oct 2025 and 23 Aug 2026, within 13 weeks of the wave's dates");
    expect(eventDateProblem(wave, "2026-08-23")).toBeNull();
    expect(eventDateProblem(wave, "2026-08-24")).not.toBeNull();
  });

  it("marks past, next and later events, and finds the next wave by start date", () => {
    const marks = markTimeline([{ heldOn: "2026-03-01" }, { heldOn: "2026-01-01" }, { heldOn: "2026-02-01" }, { heldOn: "2026-04-01" }], "2026-02-01");
    expect(marks.map((m) => [m.heldOn, m.mark])).toEqual([
      ["2026-01-01", "past"],
      ["2026-02-01", "next"],
      ["2026-03-01", "later"],
      ["2026-04-01", "later"],
    ]);
    const waves = [
      { id: 1, startsOn: "2026-01-01" },
      { id: 3, startsOn: "2026-09-01" },
      { id: 2, startsOn: "2026-05-01" },
    ];
    expect(nextWave(waves, waves[0])?.id).toBe(2);
    expect(nextWave(waves, waves[1])).toBeNull();
  });
});
