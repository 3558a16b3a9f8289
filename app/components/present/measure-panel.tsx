// One measure as the deck and the one-page print show it: the Making Data Count icons,
// a one-line reading, and the chart (a run chart under 12 values, as on the measure page).
import { useMemo } from "react";
import { AssuranceIcon, RunChart, SpcChart, VariationIcon, type PdsaMarker } from "~/components/spc";
import { MEASURE_TYPE_LABELS } from "~/domain/labels";
import { defaultChart, measureSpcInput, PERIOD_NOUNS, unitSuffix } from "~/domain/measure-periods";
import { analyseSeries, describeResult } from "~/domain/spc";
import type { PresentationData } from "~/models/presentation.server";

export type DeckMeasure = PresentationData["measures"][number];

export function useMeasureResult(m: DeckMeasure) {
  return useMemo(() => {
    const result = analyseSeries(
      measureSpcInput(
        m.series,
        m.rebases.map((r) => r.periodDate),
        m,
      ),
    );
    const index = new Map(m.series.map((p, i) => [p.periodDate, i]));
    const rebaseReasons = m.rebases.map((r) => ({ index: index.get(r.periodDate) as number, reason: r.reason }));
    return { result, rebaseReasons };
  }, [m]);
}

export function MeasurePanel({
  measure: m,
  pdsaMarkers,
  iconSize,
  headingLevel: H,
}: {
  measure: DeckMeasure;
  pdsaMarkers: readonly PdsaMarker[];
  iconSize: number;
  headingLevel: "h2" | "h3";
}) {
  const { result, rebaseReasons } = useMeasureResult(m);
  const unit = unitSuffix(m);
  const reading =
    result.n === 0
      ? "No data yet: add values on the measure's page to see its chart."
      : describeResult(result, { unitLabel: unit, periodWord: PERIOD_NOUNS[m.frequency].many });
  const assuranceNone = m.improvement === "neutral" ? "No assurance: neutral measure" : m.target === null ? "No assurance: no target" : "No assurance yet";
  const chart = defaultChart(result.n);
  return (
    <div className="app-present-measure">
      <H className="app-present-measure__title">
        <span className="app-present-measure__type">
          {MEASURE_TYPE_LABELS[m.type]} measure{m.isPrimary ? " · primary" : ""}
        </span>{" "}
        {m.name}
      </H>
      <div className="app-present-measure__summary">
        {result.n > 0 ? (
          <div className="app-present-measure__icons">
            <VariationIcon icon={result.variation_icon} size={iconSize} showLabel />
            <AssuranceIcon icon={result.assurance_icon} size={iconSize} showLabel noneText={assuranceNone} />
          </div>
        ) : null}
        <p className="app-present-measure__reading">{reading}</p>
      </div>
      {result.n === 0 ? null : chart === "run" ? (
        <RunChart result={result} title={`${m.name}: run chart`} unitLabel={unit} pdsaMarkers={pdsaMarkers} />
      ) : (
        <SpcChart result={result} title={`${m.name}: XmR chart`} unitLabel={unit} pdsaMarkers={pdsaMarkers} rebaseReasons={rebaseReasons} />
      )}
    </div>
  );
}
