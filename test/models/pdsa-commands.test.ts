// PDSA cycle writes: each ok write leaves its audit rows, a stale version or a failed audit row leaves nothing.
import { describe, expect, it } from "vitest";
import type { CycleValues } from "~/forms/pdsa-form";
import { createCycle, deleteCycle, updateCycle } from "~/models/pdsa-commands.server";
import { workbook } from "./workbook-fixture";

const TODAY = "2026-06-01";
const NO_AUDIT = "create trigger no_audit before insert on audit_events begin select raise(abort, 'audit refused'); end";

function setup() {
  const w = workbook();
  const c = w.one<{ id: number; projectId: number; number: number; version: number; title: string }>(
    "select id, project_id as projectId, number, version, title from pdsa_cycles where deleted_at is null order by id",
  );
  const measure = w.one<{ id: number }>("select id from measures where project_id = ? and deleted_at is null order by id", c.projectId);
  const values = (extra: Partial<CycleValues> = {}): CycleValues =>
    ({
      changeIdea: "new",
      newChangeIdea: "Huddle checklist",
      title: "Checklist at the 08:00 huddle",
      question: "Will a checklist cut missed handovers?",
      measureIds: [measure.id],
      startDate: "2026-03-02",
      endDate: "2026-03-20",
      ...extra,
    }) as CycleValues;
  const snapshot = () => [w.count("pdsa_cycles"), w.count("change_ideas"), w.count("pdsa_cycle_measures"), w.count("audit_events"), w.count("form_tokens")];
  const cycle = () => w.one("select version, title, deleted_at as gone from pdsa_cycles where id = ?", c.id);
  return { ...w, c, measure, values, snapshot, cycle };
}

describe("createCycle", () => {
  it("plans the next cycle with its new change idea, each audited, once per form token", () => {
    const w = setup();
    const before = w.snapshot();
    const input = { projectId: w.c.projectId, values: w.values(), formToken: "token-pdsa-0001" };
    const first = createCycle(w.db, w.actor, input);
    expect(first).toMatchObject({ ok: true, value: { replayed: false } });
    const made = w.one<{ id: number; number: number }>("select id, number from pdsa_cycles order by id desc");
    expect(first.ok && first.value.location).toBe(`/projects/${w.c.projectId}/pdsa/${made.id}?saved=created`);
    expect(w.audits("change_idea.created").at(-1)).toMatchObject({
      summary: "Added change idea: Huddle checklist",
      ip: "192.0.2.1",
    });
    expect(w.audits("pdsa.created").at(-1)).toMatchObject({
      entity_id: made.id,
      user_id: w.actor.id,
      summary: `Planned PDSA cycle ${made.number}: Checklist at the 08:00 huddle (change idea: Huddle checklist)`,
    });
    expect(w.one("select project_id as projectId from audit_events where action = 'pdsa.created' order by id desc")).toEqual({ projectId: w.c.projectId });

    const replay = createCycle(w.db, w.actor, input);
    expect(replay).toEqual({
      ok: true,
      value: { replayed: true, location: first.ok && first.value.location, id: null },
    });
    const [cycles, ideas, links, audits, tokens] = before;
    expect(w.snapshot()).toEqual([cycles + 1, ideas + 1, links + 1, audits + 2, tokens + 1]);
  });

  it("writes nothing, not even the change idea or the spent token, when the audit row cannot be written", () => {
    const w = setup();
    const before = w.snapshot();
    w.db.$client.exec(NO_AUDIT);
    expect(() => createCycle(w.db, w.actor, { projectId: w.c.projectId, values: w.values(), formToken: "token-pdsa-0002" })).toThrow(/audit refused/);
    expect(w.snapshot()).toEqual(before);
  });
});

describe("updateCycle", () => {
  it("saves the worksheet and audits what changed", () => {
    const w = setup();
    const result = updateCycle(w.db, w.actor, {
      projectId: w.c.projectId,
      cycleId: w.c.id,
      today: TODAY,
      values: { ...w.values({ title: "Renamed cycle" }), version: w.c.version },
    });
    expect(result).toEqual({ ok: true, value: { id: w.c.id } });
    expect(w.cycle()).toEqual({ version: w.c.version + 1, title: "Renamed cycle", gone: null });
    const audit = w.audits("pdsa.updated").at(-1)!;
    expect(audit).toMatchObject({ entity_id: w.c.id, user_id: w.actor.id });
    expect(audit.summary).toMatch(new RegExp(`^Updated PDSA cycle ${w.c.number} \\(Renamed cycle\\): `));
    expect(audit.summary).toContain(`Change being tested: ${w.c.title} → Renamed cycle`);
  });

  it("a stale version returns the 409 panel and writes nothing, not even the new change idea", () => {
    const w = setup();
    const before = w.snapshot();
    const result = updateCycle(w.db, w.actor, {
      projectId: w.c.projectId,
      cycleId: w.c.id,
      today: TODAY,
      values: { ...w.values({ title: "Lost edit" }), version: w.c.version - 1 },
    });
    expect(result).toMatchObject({ ok: false, conflict: { currentVersion: w.c.version } });
    expect(!result.ok && "conflict" in result && result.conflict.fields.length).toBeGreaterThan(0);
    expect(w.cycle()).toEqual({ version: w.c.version, title: w.c.title, gone: null });
    expect(w.snapshot()).toEqual(before);
  });

  it("a deleted cycle is a conflict that says so", () => {
    const w = setup();
    expect(deleteCycle(w.db, w.actor, { projectId: w.c.projectId, cycleId: w.c.id, version: w.c.version }).ok).toBe(true);
    const result = updateCycle(w.db, w.actor, {
      projectId: w.c.projectId,
      cycleId: w.c.id,
      today: TODAY,
      values: { ...w.values(), version: w.c.version },
    });
    expect(result).toMatchObject({
      ok: false,
      conflict: { message: expect.stringContaining("Someone deleted this cycle"), currentVersion: w.c.version },
    });
  });

  it("refuses an Act decision before the start date and writes nothing", () => {
    const w = setup();
    const before = w.snapshot();
    const result = updateCycle(w.db, w.actor, {
      projectId: w.c.projectId,
      cycleId: w.c.id,
      today: "2026-03-01",
      values: { ...w.values({ studyResults: "Fewer misses", actDecision: "adopt" }), version: w.c.version },
    });
    expect(result).toMatchObject({ ok: false, status: 400, refused: expect.stringContaining("starts on 2 Mar 2026, so it cannot be done yet") });
    expect(w.cycle()).toEqual({ version: w.c.version, title: w.c.title, gone: null });
    expect(w.snapshot()).toEqual(before);

    const onTheDay = updateCycle(w.db, w.actor, {
      projectId: w.c.projectId,
      cycleId: w.c.id,
      today: "2026-03-02",
      values: { ...w.values({ studyResults: "Fewer misses", actDecision: "adopt" }), version: w.c.version },
    });
    expect(onTheDay.ok).toBe(true);
    expect(w.one("select status from pdsa_cycles where id = ?", w.c.id)).toEqual({ status: "done" });
    expect(w.audits("pdsa.updated").length).toBeGreaterThan(0);
  });

  it("rolls the save back when the audit row cannot be written", () => {
    const w = setup();
    const before = w.snapshot();
    w.db.$client.exec(NO_AUDIT);
    expect(() =>
      updateCycle(w.db, w.actor, {
        projectId: w.c.projectId,
        cycleId: w.c.id,
        today: TODAY,
        values: { ...w.values({ title: "Half" }), version: w.c.version },
      }),
    ).toThrow(/audit refused/);
    expect(w.cycle()).toEqual({ version: w.c.version, title: w.c.title, gone: null });
    expect(w.snapshot()).toEqual(before);
  });
});

describe("deleteCycle", () => {
  it("soft-deletes the cycle with one pdsa.deleted audit row", () => {
    const w = setup();
    const result = deleteCycle(w.db, w.actor, { projectId: w.c.projectId, cycleId: w.c.id, version: w.c.version });
    expect(result).toEqual({ ok: true, value: { number: w.c.number } });
    expect(w.cycle()).toMatchObject({ version: w.c.version + 1, gone: expect.any(Number) });
    expect(w.audits("pdsa.deleted").at(-1)).toMatchObject({
      entity_id: w.c.id,
      summary: `Deleted PDSA cycle ${w.c.number}: ${w.c.title}`,
    });
  });

  it("a stale version is a conflict naming who changed it, and deletes nothing", () => {
    const w = setup();
    const before = w.snapshot();
    const result = deleteCycle(w.db, w.actor, { projectId: w.c.projectId, cycleId: w.c.id, version: w.c.version - 1 });
    expect(result).toMatchObject({
      ok: false,
      conflict: { currentVersion: w.c.version, message: expect.stringContaining("so it has not been deleted") },
    });
    expect(w.cycle()).toMatchObject({ version: w.c.version, gone: null });
    expect(w.snapshot()).toEqual(before);
  });

  it("another project's cycle is refused as not found", () => {
    const w = setup();
    expect(deleteCycle(w.db, w.actor, { projectId: w.c.projectId + 1, cycleId: w.c.id, version: w.c.version })).toMatchObject({ ok: false, status: 404 });
  });

  it("rolls the delete back when the audit row cannot be written", () => {
    const w = setup();
    w.db.$client.exec(NO_AUDIT);
    expect(() => deleteCycle(w.db, w.actor, { projectId: w.c.projectId, cycleId: w.c.id, version: w.c.version })).toThrow(/audit refused/);
    expect(w.cycle()).toMatchObject({ version: w.c.version, gone: null });
  });
});
