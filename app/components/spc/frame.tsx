// The parts both SPC charts share: axes, right-hand line labels, PDSA and
// annotation markers on the time axis, and the notes listing those markers.
import { useId } from "react";
import { formatNumber, type SpcResult } from "~/domain/spc";
import { formatDay } from "~/web/dates";
import { HEIGHT, PLOT, WIDTH, fitText, pointLabeller, r1, spreadLabels, thinnedLabelIndices, withUnit, xForDate, xOf, type YScale } from "./scale";
import { markScale } from "./marks";

/** Above this many points, points are drawn as one path per kind and the data table stands in for them. */
export const FOCUSABLE_POINT_LIMIT = 250;

export function resolveDates(result: SpcResult, dates?: readonly string[]): readonly string[] | null {
  if (dates && dates.length === result.n) return dates;
  if (result.n > 0 && result.points.every((p) => p.date !== null)) return result.points.map((p) => p.date as string);
  return null;
}

/** What both chart kinds work out the same way from their props. */
export function useChartBasics(result: SpcResult, datesProp?: readonly string[], targetProp?: number | null) {
  const id = useId();
  const n = result.n;
  const dates = resolveDates(result, datesProp);
  const target = targetProp === undefined ? result.target : targetProp;
  return {
    titleId: `${id}-title`,
    descId: `${id}-desc`,
    n,
    dates,
    target: target ?? null,
    label: pointLabeller(dates, n),
    focusable: n <= FOCUSABLE_POINT_LIMIT,
    k: markScale(n, PLOT.right - PLOT.left),
  };
}

/** A full-width horizontal line: the target, the median. */
export function HorizontalLine({ className, y }: { className: string; y: number }) {
  return <line className={className} x1={PLOT.left} x2={PLOT.right} y1={r1(y)} y2={r1(y)} fill="none" aria-hidden="true" />;
}

/** The line joining the values, under the point marks. */
export function ValuesLine({ result, y }: { result: SpcResult; y: (v: number) => number }) {
  return (
    <polyline
      className="app-spc-chart__values"
      points={result.points.map((p) => `${r1(xOf(p.index, result.n))},${r1(y(p.value))}`).join(" ")}
      fill="none"
      aria-hidden="true"
    />
  );
}

export function targetLabel(target: number, y: (v: number) => number, unitLabel?: string): LineLabel {
  return { y: y(target), text: `Target ${withUnit(target, unitLabel)}`, className: "app-spc-chart__label--target" };
}

export interface PdsaMarker {
  date: string;
  label: string;
}

export interface ChartAnnotation {
  date: string;
  text: string;
}

export function YAxis({ scale, unitLabel }: { scale: YScale; unitLabel?: string }) {
  const percent = unitLabel?.startsWith("%");
  return (
    <g className="app-spc-chart__axis" aria-hidden="true">
      {scale.ticks.map((t) => {
        const y = r1(scale.y(t));
        return (
          <g key={t}>
            <line className="app-spc-chart__grid" x1={PLOT.left} x2={PLOT.right} y1={y} y2={y} fill="none" />
            <text className="app-spc-chart__tick" x={PLOT.left - 8} y={y + 4} textAnchor="end">
              {formatNumber(t)}
              {percent ? "%" : ""}
            </text>
          </g>
        );
      })}
      {unitLabel && !percent ? (
        <text className="app-spc-chart__unit" x={4} y={16}>
          {fitText(unitLabel, 200)}
        </text>
      ) : null}
      <line className="app-spc-chart__axis-line" x1={PLOT.left} x2={PLOT.right} y1={PLOT.bottom} y2={PLOT.bottom} fill="none" />
    </g>
  );
}

export function XAxis({ n, label }: { n: number; label: (i: number) => string }) {
  const longest = n > 0 ? Math.max(label(0).length, label(n - 1).length) : 0;
  const shown = thinnedLabelIndices(n, longest);
  return (
    <g className="app-spc-chart__axis" aria-hidden="true">
      {shown.map((i) => {
        const x = r1(xOf(i, n));
        return (
          <g key={i}>
            <line className="app-spc-chart__axis-line" x1={x} x2={x} y1={PLOT.bottom} y2={PLOT.bottom + 5} fill="none" />
            <text className="app-spc-chart__tick" x={x} y={PLOT.bottom + 19} textAnchor="middle">
              {label(i)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

export interface LineLabel {
  y: number;
  text: string;
  className: string;
}

/** Labels at the right-hand end of the mean, limits and target lines, kept apart. */
export function LineLabels({ labels }: { labels: LineLabel[] }) {
  return (
    <g aria-hidden="true">
      {spreadLabels(labels).map((l) => (
        <text key={l.text} className={`app-spc-chart__line-label ${l.className}`} x={PLOT.right + 8} y={r1(l.y + 4)}>
          {fitText(l.text, WIDTH - PLOT.right - 10)}
        </text>
      ))}
    </g>
  );
}

/** The PDSA cycles and notes of a chart of `n` points, placed by their dates. */
type MarkerProps = {
  pdsaMarkers: readonly PdsaMarker[];
  annotations: readonly ChartAnnotation[];
  dates: readonly string[] | null;
  n: number;
};

/** PDSA cycles as small labelled ticks under the time axis; annotations as numbered circles at the top. */
export function DatedMarkers({ pdsaMarkers, annotations, dates, n }: MarkerProps) {
  return (
    <g>
      {pdsaMarkers.map((m, k) => {
        const x = xForDate(m.date, dates, n);
        if (x === null) return null;
        const code = `P${k + 1}`;
        const y = PLOT.bottom + 30;
        return (
          <g key={`p${k}`} className="app-spc-chart__pdsa">
            <title>{`PDSA cycle ${code}, ${formatDay(m.date)}: ${m.label}`}</title>
            <line className="app-spc-chart__pdsa-line" x1={r1(x)} x2={r1(x)} y1={PLOT.top} y2={PLOT.bottom} fill="none" />
            <path className="app-spc-chart__pdsa-tick" d={`M${r1(x)} ${y - 6}L${r1(x + 5)} ${y + 3}L${r1(x - 5)} ${y + 3}Z`} />
            <text className="app-spc-chart__marker-text" x={r1(x)} y={y + 16} textAnchor="middle">
              {code}
            </text>
          </g>
        );
      })}
      {annotations.map((a, k) => {
        const x = xForDate(a.date, dates, n);
        if (x === null) return null;
        const y = PLOT.top + 10;
        return (
          <g key={`a${k}`} className="app-spc-chart__annotation">
            <title>{`Note ${k + 1}, ${formatDay(a.date)}: ${a.text}`}</title>
            <circle cx={r1(x)} cy={y} r={8} />
            <text className="app-spc-chart__annotation-text" x={r1(x)} y={y + 4} textAnchor="middle">
              {k + 1}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** The same markers in words, under the chart, with any that fall outside the chart's dates said so. */
export function MarkerNotes({ pdsaMarkers, annotations, dates, n }: MarkerProps) {
  if (pdsaMarkers.length === 0 && annotations.length === 0) return null;
  const off = (date: string) => (xForDate(date, dates, n) === null ? " (not on the chart: outside its dates)" : "");
  return (
    <div className="app-spc-chart__notes">
      {pdsaMarkers.length > 0 ? (
        <>
          <p className="nhsuk-body-s app-spc-chart__notes-heading">PDSA cycles marked on the time axis</p>
          <ul className="nhsuk-list nhsuk-body-s">
            {pdsaMarkers.map((m, k) => (
              <li key={`p${k}`}>
                <strong>P{k + 1}</strong> {formatDay(m.date)}: {m.label}
                {off(m.date)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {annotations.length > 0 ? (
        <>
          <p className="nhsuk-body-s app-spc-chart__notes-heading">Notes</p>
          <ul className="nhsuk-list nhsuk-body-s">
            {annotations.map((a, k) => (
              <li key={`a${k}`}>
                <strong>{k + 1}</strong> {formatDay(a.date)}: {a.text}
                {off(a.date)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** The drawing's outer frame: a responsive viewBox (width 100% comes from the class). */
export function chartSvgProps(labelledBy: string, focusablePoints: boolean) {
  return {
    className: "app-spc-chart__svg",
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    xmlns: "http://www.w3.org/2000/svg",
    // With focusable points inside, the drawing is a labelled group (an image's
    // children are hidden from assistive technology); otherwise one image.
    role: focusablePoints ? "group" : "img",
    "aria-labelledby": labelledBy,
  } as const;
}
