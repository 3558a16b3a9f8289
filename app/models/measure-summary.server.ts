// The stored SPC summary of each measure, recomputed when its data or settings change,
// so the board reads one row per measure instead of analysing every series per request.
import { asc, eq, isNull } from "drizzle-orm";
import { IMMEDIATE, measurePoints, measureRebases, measures } from "~/db.server";
import type { Db } from "~/db.server";
import { measureSpcInput } from "~/domain/measure-periods";
import { analyseSeries } from "~/domain/spc";
import { nowMs } from "~/clock.server";

const SPARKLINE_POINTS = 26;

export function refreshMeasureSummary(db: Db, measureId: number) {
  const measure = db
    .select({
      improvement: measures.improvement,
      target: measures.target,
      baselinePoints: measures.baselinePoints,
      chartType: measures.chartType,
      unit: measures.unit,
      ratePer: measures.ratePer,
    })
    .from(measures)
    .where(eq(measures.id, measureId))
    .get();
  if (!measure) return;
  const points = db
    .select({ periodDate: measurePoints.periodDate, value: measurePoints.value, numerator: measurePoints.numerator, denominator: measurePoints.denominator })
    .from(measurePoints)
    .where(eq(measurePoints.measureId, measureId))
    .orderBy(asc(measurePoints.periodDate))
    .all();
  const rebaseDates = db
    .select({ periodDate: measureRebases.periodDate })
    .from(measureRebases)
    .where(eq(measureRebases.measureId, measureId))
    .all()
    .map((r) => r.periodDate);
  const latest = points.at(-1);
  if (!latest) {
    db.update(measures)
      .set({
        spcPoints: 0,
        spcLatestDate: null,
        spcLatestValue: null,
        spcLatestSignal: null,
        spcVariationIcon: null,
        spcAssuranceIcon: null,
        spcMean: null,
        spcUcl: null,
        spcLcl: null,
        spcSparkline: null,
        spcComputedAt: new Date(nowMs()),
      })
      .where(eq(measures.id, measureId))
      .run();
    return;
  }
  // The same input the measure page and the deck draw (the measure's chart type, ADR 030).
  const result = analyseSeries(measureSpcInput(points, rebaseDates, measure));
  const last = result.points[result.points.length - 1];
  db.update(measures)
    .set({
      spcPoints: points.length,
      spcLatestDate: latest.periodDate,
      spcLatestValue: latest.value,
      spcLatestSignal: last.special_cause,
      spcVariationIcon: result.variation_icon,
      spcAssuranceIcon: result.assurance_icon,
      spcMean: result.mean,
      spcUcl: result.ucl,
      spcLcl: result.lcl,
      spcSparkline: JSON.stringify(points.slice(-SPARKLINE_POINTS).map((p) => p.value)),
      spcComputedAt: new Date(nowMs()),
    })
    .where(eq(measures.id, measureId))
    .run();
}

export function refreshAllMeasureSummaries(db: Db) {
  const ids = db.select({ id: measures.id }).from(measures).where(isNull(measures.deletedAt)).all();
  db.transaction(() => {
    for (const { id } of ids) refreshMeasureSummary(db, id);
  }, IMMEDIATE);
}
