// Measure data writes: each ok write leaves one audit row and a refreshed SPC summary; a stale
// stamp or a missing row writes nothing; a form token makes an add happen once.
import { describe, expect, it } from "vitest";
import {
  addAnnotation,
  addPoint,
  addRebase,
  correctPoint,
  deletePoint,
  importPoints,
  removeAnnotation,
  removeRebase,
} from "~/models/measure-data-commands.server";
import { getMeasure } from "~/models/measure.server";
import { workbook } from "./workbook-fixture";

function setup() {
  const w = workbook();
  const { id, projectId } = w.one<{ id: number; projectId: number }>(
    `select m.id, m.project_id as projectId from measures m
      where m.deleted_at is null and m.uses_ratio = 0 and m.frequency = 'monthly'
        and (select count(*) from measure_points p where p.measure_id = m.id) >= 6
      order by m.id`,
  );
  const measure = getMeasure(w.db, projectId, id)!;
  const point = w.one<{ id: number; periodDate: string; updatedAt: number; value: number }>(
    "select id, period_date as periodDate, updated_at as updatedAt, value from measure_points where measure_id = ? order by period_date desc",
    id,
  );
  const summary = () => w.one<{ n: number; at: number }>("select spc_points as n, spc_computed_at as at from measures where id = ?", id);
  const points = () => w.count("measure_points", "measure_id = ?", id);
  // Stored summaries start stale so a refresh shows.
  w.db.$client.prepare("update measures set spc_points = -1 where id = ?").run(id);
  return { ...w, measure, point, summary, points };
}

const values = (periodDate: string, value = 7) => ({ periodDate, value, numerator: null, denominator: null, note: "" });

describe("measure data commands", () => {
  it("addPoint adds the value, its audit row and the refreshed summary, once per form token", () => {
    const w = setup();
    const before = w.points();
    const input = {
      measure: w.measure,
      values: values("2026-03-01"),
      formToken: "point-token-0001",
      location: "/x?saved=added",
    };
    expect(w.count("measure_points", "measure_id = ? and period_date = '2026-03-01'", w.measure.id)).toBe(0);
    const first = addPoint(w.db, w.actor, input);
    expect(first).toMatchObject({ ok: true, value: { location: "/x?saved=added" } });
    expect(addPoint(w.db, w.actor, input)).toMatchObject({ ok: true, value: { location: "/x?saved=added", id: null } });
    expect(w.points()).toBe(before + 1);
    expect(w.summary().n).toBe(before + 1);
    const audits = w.audits("measure.data_changed");
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entity_id: w.measure.id, ip: "192.0.2.1", user_id: w.actor.id });
    expect(audits[0].summary).toBe(`${w.measure.name}: added 7 for March 2026`);
  });

  it("correctPoint saves at the stamp it read; a stale stamp is a conflict that writes nothing", () => {
    const w = setup();
    const input = { measure: w.measure, pointId: w.point.id, values: values(w.point.periodDate, 99) };
    const stale = correctPoint(w.db, w.actor, { ...input, updatedAt: w.point.updatedAt - 1 });
    expect(stale).toMatchObject({
      ok: false,
      conflict: {
        updatedAt: w.point.updatedAt,
        notice: { fields: [expect.objectContaining({ name: "value", theirs: expect.any(String) })] },
      },
    });
    expect(w.one("select value from measure_points where id = ?", w.point.id)).toEqual({ value: w.point.value });
    expect(w.count("audit_events", "action like 'measure.%'")).toBe(0);
    expect(w.summary().n).toBe(-1);

    expect(correctPoint(w.db, w.actor, { ...input, updatedAt: w.point.updatedAt })).toEqual({
      ok: true,
      value: { id: w.point.id },
    });
    expect(w.one("select value from measure_points where id = ?", w.point.id)).toEqual({ value: 99 });
    expect(w.audits("measure.data_changed").at(-1)!.summary).toMatch(/: corrected .*→ 99$/);
    expect(w.summary().n).toBe(w.points());
  });

  it("deletePoint removes the value at its stamp; stale is a conflict, missing is refused", () => {
    const w = setup();
    const before = w.points();
    const ref = { measure: w.measure, pointId: w.point.id };
    expect(deletePoint(w.db, w.actor, { ...ref, updatedAt: 1 })).toMatchObject({
      ok: false,
      conflict: { updatedAt: w.point.updatedAt },
    });
    expect(w.points()).toBe(before);
    expect(deletePoint(w.db, w.actor, { ...ref, updatedAt: w.point.updatedAt }).ok).toBe(true);
    expect(w.points()).toBe(before - 1);
    expect(w.summary().n).toBe(before - 1);
    expect(deletePoint(w.db, w.actor, { ...ref, updatedAt: w.point.updatedAt })).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(w.audits("measure.data_changed").map((a) => a.summary)).toEqual([expect.stringMatching(new RegExp(`^${w.measure.name}: deleted the value for `))]);
  });

  it("importPoints adds and replaces in one transaction with one audit row; a failing row writes nothing", () => {
    const w = setup();
    const before = w.points();
    const row = (line: number, periodDate: string, value: number) => ({
      line,
      entered: periodDate,
      periodDate,
      value,
      numerator: null,
      denominator: null,
    });
    const rows = [row(2, w.point.periodDate, 1), row(3, "2026-03-01", 2)];
    const locate = (s: { added: number; replaced: number }) => `/x?added=${s.added}&replaced=${s.replaced}`;
    const input = { measure: w.measure, rows, replacing: 1, formToken: "import-token-0001", locate };
    expect(importPoints(w.db, w.actor, input)).toEqual({ ok: true, value: { location: "/x?added=1&replaced=1" } });
    expect(importPoints(w.db, w.actor, input)).toEqual({ ok: true, value: { location: "/x?added=1&replaced=1" } });
    expect(w.points()).toBe(before + 1);
    expect(w.summary().n).toBe(before + 1);
    expect(w.audits("measure.data_changed").map((a) => a.summary)).toEqual([
      expect.stringMatching(/imported 2 values from .* to March 2026 \(1 added, 1 replaced\)$/),
    ]);

    const broken = [row(2, "2026-02-01", 3), { ...rows[0], value: null as unknown as number }];
    expect(() => importPoints(w.db, w.actor, { measure: w.measure, rows: broken, replacing: 0, locate })).toThrow();
    expect(w.points()).toBe(before + 1);
    expect(w.audits("measure.data_changed")).toHaveLength(1);
  });

  it("addRebase and removeRebase record the limits change and refresh the summary", () => {
    const w = setup();
    const input = {
      measure: w.measure,
      periodDate: w.point.periodDate,
      reason: "New triage",
      formToken: "rebase-token-001",
      location: "/x",
      trialConfirmed: true,
    };
    const added = addRebase(w.db, w.actor, input);
    expect(added.ok).toBe(true);
    addRebase(w.db, w.actor, input);
    expect(w.count("measure_rebases", "measure_id = ?", w.measure.id)).toBe(1);
    expect(w.summary().n).toBe(w.points());
    const rebaseId = (added.ok && added.value.id) as number;
    expect(removeRebase(w.db, w.actor, { measure: w.measure, rebaseId }).ok).toBe(true);
    expect(removeRebase(w.db, w.actor, { measure: w.measure, rebaseId })).toMatchObject({ ok: false, status: 404 });
    expect(w.count("measure_rebases", "measure_id = ?", w.measure.id)).toBe(0);
    expect(w.audits("measure.updated").map((a) => a.summary)).toEqual([
      expect.stringMatching(/: limits recalculated from .* \(New triage\); trial limits on 1 point, confirmed$/),
      expect.stringMatching(/: removed the rebase from .* \(New triage\)$/),
    ]);
  });

  it("addRebase refuses trial limits (fewer than 12 points after it) unless confirmed, and writes nothing", () => {
    const w = setup();
    const periods = w.all<{ periodDate: string }>(
      "select period_date as periodDate from measure_points where measure_id = ? order by period_date",
      w.measure.id,
    );
    expect(periods.length).toBeGreaterThan(13);
    const late = periods.at(-5)!.periodDate; // 5 points from here on
    const before = [w.count("measure_rebases"), w.count("audit_events"), w.count("form_tokens")];
    const refused = addRebase(w.db, w.actor, {
      measure: w.measure,
      periodDate: late,
      reason: "New triage",
      formToken: "rebase-token-002",
      location: "/x",
      trialConfirmed: false,
    });
    expect(refused).toMatchObject({ ok: false, status: 400, refused: expect.stringContaining("only 5 points follow this period, fewer than the 12") });
    expect([w.count("measure_rebases"), w.count("audit_events"), w.count("form_tokens")]).toEqual(before);
    expect(w.summary().n).toBe(-1);

    // From a period with 12 or more points after it, no confirmation is needed.
    const early = periods.at(-12)!.periodDate;
    const enough = addRebase(w.db, w.actor, {
      measure: w.measure,
      periodDate: early,
      reason: "New triage",
      formToken: "rebase-token-003",
      location: "/x",
      trialConfirmed: false,
    });
    expect(enough.ok).toBe(true);
    expect(w.audits("measure.updated").at(-1)!.summary).toMatch(/\(New triage\)$/);
  });

  it("addAnnotation and removeAnnotation record the note without touching the summary", () => {
    const w = setup();
    const input = {
      measure: w.measure,
      periodDate: w.point.periodDate,
      text: "Ward closed",
      formToken: "note-token-00001",
      location: "/x",
    };
    const added = addAnnotation(w.db, w.actor, input);
    addAnnotation(w.db, w.actor, input);
    expect(w.count("measure_annotations", "measure_id = ?", w.measure.id)).toBe(1);
    const annotationId = (added.ok && added.value.id) as number;
    const other = { measure: { ...w.measure, id: w.measure.id + 1000 }, annotationId };
    expect(removeAnnotation(w.db, w.actor, other)).toMatchObject({ ok: false, status: 404 });
    expect(removeAnnotation(w.db, w.actor, { measure: w.measure, annotationId }).ok).toBe(true);
    expect(w.count("measure_annotations", "measure_id = ?", w.measure.id)).toBe(0);
    expect(w.summary().n).toBe(-1);
    expect(w.audits("measure.updated").map((a) => a.summary)).toEqual([
      expect.stringMatching(/: added a chart note for /),
      expect.stringMatching(/: removed the chart note for /),
    ]);
  });
});
