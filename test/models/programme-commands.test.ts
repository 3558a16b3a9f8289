// Programme set-up commands: each change with its audit row; refusals write nothing.
import { describe, expect, it } from "vitest";
import { addNamed, archiveWave, changeNamed, saveProgrammeDetails, saveWave } from "~/models/programme-commands.server";
import { actorFor, auditSince, lastAuditId, rows, seededDb } from "../helpers/command-fixture";

const summariesAsOf = (db: ReturnType<typeof seededDb>["db"]) => (db.$client.prepare("select summaries_as_of as s from programmes").get() as { s: unknown }).s;

function setup() {
  const { db, programmeId } = seededDb();
  const admin = actorFor(db, "admin@example.org");
  db.$client.prepare("update programmes set summaries_as_of = '2026-03-11'").run();
  return { db, programmeId, admin, since: lastAuditId(db).n };
}

describe("programme set-up commands", () => {
  it("saveProgrammeDetails saves the thresholds, clears the summaries and audits", () => {
    const { db, programmeId, admin, since } = setup();
    const values = {
      name: "Stepping Up",
      trustName: "Trust",
      milestoneSlipDays: 10,
      pdsaStaleWeeks: 5,
      statusStaleWeeks: 5,
      measureGapPeriods: 3,
      askOpenDays: 20,
    };
    expect(saveProgrammeDetails(db, admin, { programmeId, values }).ok).toBe(true);
    expect(db.$client.prepare("select milestone_slip_days as d from programmes").get()).toEqual({ d: 10 });
    expect(summariesAsOf(db)).toBeNull();
    expect(auditSince(db, since)).toMatchObject([{ action: "programme.updated", entityId: programmeId }]);
  });

  it("saveWave adds once per token and changes a wave; a taken number or a missing wave writes nothing", () => {
    const { db, programmeId, admin, since } = setup();
    const waves = rows(db, "waves");
    const once = { userId: admin.id, kind: "wave", token: "token-token-token-1" };
    const wave = { number: 9, name: "Wave 9", startsOn: "2027-01-04", endsOn: "2027-05-24" };
    expect(saveWave(db, admin, { programmeId, wave, once })).toMatchObject({ ok: true, value: { replayed: false } });
    expect(saveWave(db, admin, { programmeId, wave, once })).toMatchObject({ ok: true, value: { replayed: true } });
    expect(saveWave(db, admin, { programmeId, wave: { ...wave, id: 1 }, once: { ...once, token: undefined } })).toMatchObject({
      ok: false,
      status: 400,
      refused: "There is already a wave 9",
    });
    expect(saveWave(db, admin, { programmeId, wave: { ...wave, id: 999 }, once: { ...once, token: undefined } })).toMatchObject({ ok: false, status: 404 });
    expect(
      saveWave(db, admin, {
        programmeId,
        wave: { ...wave, id: 1, number: 1, name: "First" },
        once: { ...once, token: undefined },
      }).ok,
    ).toBe(true);
    expect(rows(db, "waves")).toBe(waves + 1);
    expect(auditSince(db, since).map((r) => r.summary)).toEqual(["Added wave 9 (4 Jan 2027 to 24 May 2027)", "Changed wave 1 (4 Jan 2027 to 24 May 2027)"]);
    expect(summariesAsOf(db)).toBeNull();
  });

  it("addNamed keeps names unique ignoring case", () => {
    const { db, programmeId, admin, since } = setup();
    const once = { userId: admin.id, kind: "theme", token: undefined };
    expect(addNamed(db, admin, { programmeId, kind: "theme", name: "Falls", once }).ok).toBe(true);
    expect(addNamed(db, admin, { programmeId, kind: "theme", name: "FALLS", once })).toMatchObject({
      ok: false,
      refused: "There is already a strategic theme called FALLS",
    });
    expect(auditSince(db, since).map((r) => r.summary)).toEqual(["Added the strategic theme Falls"]);
  });

  const changes = [
    { change: { verb: "rename" as const, name: "Mortality" }, summary: "Renamed a strategic theme to Mortality" },
    { change: { verb: "retire" as const }, summary: "Retired a strategic theme" },
    { change: { verb: "restore" as const }, summary: "Restored a strategic theme" },
  ];
  it.each(changes)("changeNamed $change.verb: written and audited", ({ change, summary }) => {
    const { db, programmeId, admin, since } = setup();
    expect(changeNamed(db, admin, { programmeId, kind: "theme", id: 1, change }).ok).toBe(true);
    expect(auditSince(db, since)).toMatchObject([{ action: "programme.updated", entityId: 1, summary }]);
    expect(summariesAsOf(db)).toBeNull();
  });

  it("changeNamed deletes only an unused one; a theme in use is refused and kept", () => {
    const { db, programmeId, admin, since } = setup();
    const themes = rows(db, "themes");
    expect(changeNamed(db, admin, { programmeId, kind: "theme", id: 1, change: { verb: "delete" } })).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(rows(db, "themes")).toBe(themes);
    expect(summariesAsOf(db)).toBe("2026-03-11");
    const id = (
      addNamed(db, admin, {
        programmeId,
        kind: "division",
        name: "Unused",
        once: { userId: admin.id, kind: "division", token: undefined },
      }) as { value: { id: number } }
    ).value.id;
    expect(changeNamed(db, admin, { programmeId, kind: "division", id, change: { verb: "delete" } }).ok).toBe(true);
    expect(auditSince(db, since).map((r) => r.summary)).toEqual(["Added the division Unused", "Deleted an unused division"]);
  });

  it("archiveWave archives and restores a wave, keeping its projects, clearing the summaries; a missing wave is a 404", () => {
    const { db, programmeId, admin, since } = setup();
    const wave = db.$client.prepare("select w.id, w.number from waves w where exists (select 1 from projects p where p.wave_id = w.id) limit 1").get() as {
      id: number;
      number: number;
    };
    const projectsInWave = () => (db.$client.prepare("select count(*) as n from projects where wave_id = ?").get(wave.id) as { n: number }).n;
    const before = projectsInWave();
    const archivedAt = () => (db.$client.prepare("select archived_at as a from waves where id = ?").get(wave.id) as { a: number | null }).a;
    expect(archiveWave(db, admin, { programmeId, waveId: wave.id, archive: true })).toEqual({ ok: true, value: { number: wave.number } });
    expect(archivedAt()).not.toBeNull();
    expect(summariesAsOf(db)).toBeNull();
    expect(projectsInWave()).toBe(before);
    expect(archiveWave(db, admin, { programmeId, waveId: wave.id, archive: false }).ok).toBe(true);
    expect(archivedAt()).toBeNull();
    expect(archiveWave(db, admin, { programmeId, waveId: 99_999, archive: true })).toMatchObject({ ok: false, status: 404 });
    expect(auditSince(db, since).map((r) => r.summary)).toEqual([`Archived wave ${wave.number}`, `Restored wave ${wave.number}`]);
  });
});
