// What the XmR chart and the run chart share around their own lines and points: the figure, its
// title and reading, the axes, the PDSA and note markers, the line of values, the labels at the
// right-hand end, and under the chart the legend, the markers in words and the data as a table.
import type { ReactNode } from "react";
import type { SpcResult } from "~/domain/spc";
import { formatDay } from "~/web/dates";
import { SpcDataTable, type DataTableView } from "./data-table";
import {
  DatedMarkers,
  LineLabels,
  MarkerNotes,
  ValuesLine,
  XAxis,
  YAxis,
  chartSvgProps,
  useChartBasics,
  type ChartAnnotation,
  type LineLabel,
  type PdsaMarker,
} from "./frame";
import type { YScale } from "./scale";

/** What either chart is drawn from. */
export interface ChartProps {
  result: SpcResult;
  title: string;
  /** One ISO date per point; defaults to the dates in the result. */
  dates?: readonly string[];
  /** "%" is attached ("95%"), anything else spaced ("12 minutes"). */
  unitLabel?: string;
  /** Defaults to the result's target. */
  target?: number | null;
  pdsaMarkers?: readonly PdsaMarker[];
  annotations?: readonly ChartAnnotation[];
  /** How the data table under the chart is shown; by default every point (up to TABLE_ROW_LIMIT). */
  table?: DataTableView;
}

export function ChartFigure({
  variant,
  className,
  chart,
  basics,
  reading,
  scale,
  lines,
  points,
  lineLabels,
  legend,
  tableCaption,
}: {
  variant: "xmr" | "run";
  className: string;
  /** The chart's own props: the result, title, unit and the dated markers come from here. */
  chart: ChartProps;
  basics: ReturnType<typeof useChartBasics>;
  reading: ReactNode;
  scale: YScale;
  /** Drawn under the markers: the centre line, limits, target. */
  lines: ReactNode;
  /** Drawn over the line of values. */
  points: ReactNode;
  lineLabels: LineLabel[];
  /** Under the chart, before the markers in words. */
  legend: ReactNode;
  /** What the data table holds, before its date span. */
  tableCaption: string;
}) {
  const { titleId, descId, n, dates, label, focusable } = basics;
  const { result, title, unitLabel, pdsaMarkers = [], annotations = [] } = chart;
  return (
    <figure className={className}>
      <figcaption className="app-spc-chart__title" id={titleId}>
        {title}
      </figcaption>
      <p className="app-spc-chart__reading" id={descId}>
        {reading}
      </p>
      {n === 0 ? null : (
        <>
          <svg {...chartSvgProps(`${titleId} ${descId}`, focusable)}>
            <YAxis scale={scale} unitLabel={unitLabel} />
            <XAxis n={n} label={label} />
            {lines}
            <DatedMarkers pdsaMarkers={pdsaMarkers} annotations={annotations} dates={dates} n={n} />
            <ValuesLine result={result} y={scale.y} />
            {points}
            <LineLabels labels={lineLabels} />
          </svg>
          {legend}
          <MarkerNotes pdsaMarkers={pdsaMarkers} annotations={annotations} dates={dates} n={n} />
          <SpcDataTable
            result={result}
            variant={variant}
            pointLabel={label}
            hasDates={dates !== null}
            view={chart.table}
            caption={`${tableCaption}${dates !== null ? `, ${formatDay(dates[0])} to ${formatDay(dates[n - 1])}` : ""}`}
          />
        </>
      )}
    </figure>
  );
}
