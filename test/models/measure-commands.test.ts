// Measure definition writes: each ok write leaves one audit row; a stale version writes nothing,
// not even the switch of the primary measure; a form token makes a new measure once.
import { describe, expect, it } from "vitest";
import { createMeasure, deleteMeasure, makePrimary, updateMeasure } from "~/models/measure-commands.server";
import { definitionOf, getMeasure } from "~/models/measure.server";
import { workbook } from "./workbook-fixture";

function setup() {
  const w = workbook();
  const { id, projectId } = w.one<{ id: number; projectId: number }>(
    `select id, project_id as projectId from measures m
      where deleted_at is null and is_primary = 0
        and exists (select 1 from measures p where p.project_id = m.project_id and p.is_primary = 1 and p.deleted_at is null)
      order by id`,
  );
  const measure = getMeasure(w.db, projectId, id)!;
  const primary = () => w.all<{ id: number }>("select id from measures where project_id = ? and is_primary = 1 and deleted_at is null", projectId);
  return { ...w, measure, projectId, primary };
}

type W = ReturnType<typeof setup>;
const writes: [string, string, (w: W, version: number) => { ok: boolean }][] = [
  [
    "update",
    "measure.updated",
    (w, version) =>
      updateMeasure(w.db, w.actor, {
        before: w.measure,
        values: { ...definitionOf(w.measure), name: "Renamed", isPrimary: true },
        version,
      }),
  ],
  ["make primary", "measure.updated", (w, version) => makePrimary(w.db, w.actor, { measure: w.measure, version })],
  ["delete", "measure.deleted", (w, version) => deleteMeasure(w.db, w.actor, { measure: w.measure, version })],
];

describe("measure commands", () => {
  it.each(writes)("%s: writes the measure and one %s audit row", (_name, action, run) => {
    const w = setup();
    expect(run(w, w.measure.version).ok).toBe(true);
    expect(w.one("select version from measures where id = ?", w.measure.id)).toEqual({
      version: w.measure.version + 1,
    });
    expect(w.audits(action).filter((a) => a.entity_id === w.measure.id)).toHaveLength(1);
    expect(w.audits(action).at(-1)).toMatchObject({ user_id: w.actor.id, ip: "192.0.2.1" });
  });

  it.each(writes)("%s: a stale version returns the current one and writes nothing", (_name, _action, run) => {
    const w = setup();
    const before = [w.count("audit_events"), w.primary()];
    expect(run(w, w.measure.version - 1)).toMatchObject({ ok: false, conflict: { currentVersion: w.measure.version } });
    expect(w.one("select version, name, deleted_at as gone from measures where id = ?", w.measure.id)).toEqual({
      version: w.measure.version,
      name: w.measure.name,
      gone: null,
    });
    expect([w.count("audit_events"), w.primary()]).toEqual(before);
  });

  it("update refreshes the stored SPC summary with the definition", () => {
    const w = setup();
    w.db.$client.prepare("update measures set spc_points = -1 where id = ?").run(w.measure.id);
    const values = { ...definitionOf(w.measure), baselinePoints: null };
    expect(updateMeasure(w.db, w.actor, { before: w.measure, values, version: w.measure.version }).ok).toBe(true);
    expect(w.one("select spc_points as n from measures where id = ?", w.measure.id)).toEqual({
      n: w.count("measure_points", "measure_id = ?", w.measure.id),
    });
  });

  it("makePrimary moves the primary measure and names the one it replaced", () => {
    const w = setup();
    const [was] = w.primary();
    const wasName = w.one<{ name: string }>("select name from measures where id = ?", was.id).name;
    expect(makePrimary(w.db, w.actor, { measure: w.measure, version: w.measure.version })).toEqual({
      ok: true,
      value: { changed: true },
    });
    expect(w.primary()).toEqual([{ id: w.measure.id }]);
    expect(w.audits("measure.updated").at(-1)!.summary).toBe(`Made ${w.measure.name} the primary measure (was ${wasName})`);
    expect(was.id).not.toBe(w.measure.id);
    const again = getMeasure(w.db, w.projectId, w.measure.id)!;
    const before = w.count("audit_events");
    expect(makePrimary(w.db, w.actor, { measure: again, version: 0 })).toEqual({ ok: true, value: { changed: false } });
    expect(w.count("audit_events")).toBe(before);
  });

  it("createMeasure adds one measure per form token, as the primary one when asked", () => {
    const w = setup();
    const before = w.count("measures");
    const values = { ...definitionOf(w.measure), name: "Door to needle", isPrimary: true };
    const input = { projectId: w.projectId, values, formToken: "measure-token-01", locate: (id: number) => `/m/${id}` };
    const first = createMeasure(w.db, w.actor, input);
    expect(first).toMatchObject({ ok: true, value: { location: expect.stringMatching(/^\/m\/\d+$/) } });
    expect(createMeasure(w.db, w.actor, input)).toMatchObject({
      ok: true,
      value: { location: first.ok && first.value.location },
    });
    expect(w.count("measures")).toBe(before + 1);
    const id = first.ok ? first.value.id : null;
    expect(w.primary()).toEqual([{ id }]);
    expect(w.audits("measure.created")).toEqual([expect.objectContaining({ entity_id: id, summary: "Added measure: Door to needle (primary)" })]);
    expect(w.one("select spc_computed_at is not null as done from measures where id = ?", id)).toEqual({ done: 1 });
  });
});
