// A measure's chart type (ADR 030): saving it is an audited definition change that
// refreshes the stored summary through the same input the chart draws.
import { describe, expect, it } from "vitest";
import { measureSpcInput } from "~/domain/measure-periods";
import { analyseSeries } from "~/domain/spc";
import { listRebases, listSeries } from "~/models/measure-data.server";
import { updateMeasure } from "~/models/measure-commands.server";
import { definitionOf, getMeasure } from "~/models/measure.server";
import { workbook } from "./workbook-fixture";

function ratioMeasure() {
  const w = workbook();
  const { id, projectId } = w.one<{ id: number; projectId: number }>(
    `select m.id, m.project_id as projectId from measures m
      where m.deleted_at is null and m.uses_ratio = 1 and m.unit = 'percent'
        and (select count(*) from measure_points p where p.measure_id = m.id and p.denominator is not null) >= 12
      order by m.id`,
  );
  return { ...w, measure: getMeasure(w.db, projectId, id)! };
}

const stored = (w: ReturnType<typeof ratioMeasure>) =>
  w.one<{ ucl: number | null; lcl: number | null; mean: number | null; icon: string | null; chart: string }>(
    "select spc_ucl as ucl, spc_lcl as lcl, spc_mean as mean, spc_variation_icon as icon, chart_type as chart from measures where id = ?",
    w.measure.id,
  );

describe("a measure's chart type", () => {
  it("switching to a p chart stores the p chart's latest limits and icons, with an audit row naming the chart", () => {
    const w = ratioMeasure();
    const xmr = stored(w);
    const result = updateMeasure(w.db, w.actor, { before: w.measure, values: { ...definitionOf(w.measure), chartType: "p" }, version: w.measure.version });
    expect(result.ok).toBe(true);
    const after = stored(w);
    expect(after.chart).toBe("p");

    const m = getMeasure(w.db, w.measure.projectId, w.measure.id)!;
    const series = listSeries(w.db, m.id);
    expect(series.length).toBeGreaterThanOrEqual(12);
    const p = analyseSeries(
      measureSpcInput(
        series,
        listRebases(w.db, m.id).map((r) => r.periodDate),
        m,
      ),
    );
    expect(p.chart).toBe("p");
    expect(after.ucl).toBe(p.ucl);
    expect(after.lcl).toBe(p.lcl);
    expect(after.mean).toBe(p.mean);
    expect(after.icon).toBe(p.variation_icon);
    // The p chart's limits come from the pooled proportion and the latest denominator, not the moving ranges.
    expect(after.ucl).not.toBe(xmr.ucl);
    const audit = w.audits("measure.updated").at(-1);
    expect(audit?.summary).toMatch(/Chart/);
  });

  it("a p chart on a measure without numerators and denominators is refused by the form rules", async () => {
    const { definitionProblems } = await import("~/forms/measure-form");
    const w = ratioMeasure();
    const v = { ...definitionOf(w.measure), usesRatio: false, chartType: "p" as const };
    expect(definitionProblems(v)?.chartType?.[0]).toMatch(/numerator and a denominator/);
  });
});
