// A measure's chart with its Making Data Count icons and a one-sentence reading. An XmR
// chart by default, a run chart under 12 values (limits from so few are only trial
// limits); links switch between them, so it works without JavaScript.
import { Link } from "@remix-run/react";
import { ChosenChart, SpcHeadline, type ChartAnnotation, type DataTableView, type PdsaMarker } from "~/components/spc";
import type { SpcResult } from "~/domain/spc";

export type ChartKind = "xmr" | "run";

export function MeasureChart({
  title,
  result,
  chart,
  autoChosen,
  unitLabel,
  periodWord,
  pdsaMarkers,
  annotations,
  rebaseReasons,
  limitsChart = "XmR",
  table,
}: {
  title: string;
  result: SpcResult;
  chart: ChartKind;
  /** The chart was chosen for the reader (no ?chart= in the address). */
  autoChosen: boolean;
  unitLabel: string | undefined;
  periodWord: "days" | "weeks" | "months";
  pdsaMarkers: readonly PdsaMarker[];
  annotations: readonly ChartAnnotation[];
  rebaseReasons: readonly { index: number; reason: string }[];
  /** The chart the limits come from: XmR, or the measure's attribute chart (p, u′, g…). */
  limitsChart?: string;
  /** The data table under the chart: the latest points, with a link to them all (ADR 117). */
  table?: DataTableView;
}) {
  const choices: { kind: ChartKind; label: string; show: string }[] = [
    { kind: "xmr", label: `${limitsChart} chart (with process limits)`, show: `Show the ${limitsChart} chart (with process limits)` },
    { kind: "run", label: "Run chart (median)", show: "Show the run chart (median)" },
  ];
  return (
    <section aria-labelledby="measure-chart-heading" className="app-measure-chart">
      <h3 id="measure-chart-heading">Chart</h3>
      <SpcHeadline
        result={result}
        unitLabel={unitLabel}
        periodWord={periodWord}
        data={{ icons: { "data-measure": "icons" }, reading: { "data-measure": "reading" } }}
      />
      <nav aria-label="Chart type" className="app-measure-chart__switch">
        <ul className="nhsuk-list app-measure-inline-list">
          {choices.map((c) => (
            <li key={c.kind}>
              {c.kind === chart ? (
                <strong aria-current="true">{c.label}</strong>
              ) : (
                <Link to={`?chart=${c.kind}`} preventScrollReset>
                  {c.show}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <ChosenChart
        chart={chart}
        autoChosen={autoChosen}
        autoNote={`With fewer than 12 values this is shown as a run chart: process limits from so few points are only trial limits. The icons and reading above use the ${limitsChart} chart's rules.`}
        result={result}
        title={title}
        unitLabel={unitLabel}
        pdsaMarkers={pdsaMarkers}
        annotations={annotations}
        rebaseReasons={rebaseReasons}
        table={table}
      />
    </section>
  );
}
