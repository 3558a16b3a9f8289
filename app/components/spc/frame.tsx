// The parts both SPC charts share: axes, right-hand line labels, PDSA and
// annotation markers on the time axis, and the notes listing those markers.
import { useId } from "react";
import { formatNumber, type SpcResult } from "~/domain/spc";
import { formatDay } from "~/web/dates";
import { BANDS, LINE_LABEL_ROOM, bandClass, pdsaCodeBaseline, spacedIndices, textWidth, tickBaseline, wrapWords, type Band } from "./bands";
import { HEIGHT, PLOT, WIDTH, pointLabeller, r1, withUnit, xForDate, xOf, type YScale } from "./scale";
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
  /** A cycle not yet started: drawn hollow, and placed at the end of the axis when its date is after the data. */
  planned?: boolean;
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
            <text className="app-spc-chart__tick app-spc-chart__tick--y" x={PLOT.left - 8} y={y} textAnchor="end" dominantBaseline="central">
              {formatNumber(t)}
              {percent ? "%" : ""}
            </text>
          </g>
        );
      })}
      {/* The unit over the axis when it fits in full; the reading and the legend always name it. */}
      {unitLabel && !percent && textWidth(unitLabel, 12) <= WIDTH / 2 ? (
        <text className="app-spc-chart__unit" x={4} y={16}>
          {unitLabel}
        </text>
      ) : null}
      <line className="app-spc-chart__axis-line" x1={PLOT.left} x2={PLOT.right} y1={PLOT.bottom} y2={PLOT.bottom} fill="none" />
    </g>
  );
}

/** The right edge the drawing shows in a band: narrow charts crop the room the line labels would take. */
const visibleRight = (band: Band) => (band.lineLabels ? WIDTH : 640);

export interface XTick {
  index: number;
  x: number;
  anchor: "start" | "middle" | "end";
  text: string;
}

/**
 * The x-axis labels for one band: evenly spaced points whose labels, at the band's text size, fit inside the
 * drawing (the first and last slide inwards rather than run off it) and never touch one another.
 */
export function bandTicks(n: number, label: (i: number) => string, band: Band): XTick[] {
  if (n === 0) return [];
  const widest = Math.max(...[0, n - 1].map((i) => textWidth(label(i), band.font)));
  const fit = Math.max(1, Math.floor((PLOT.right - PLOT.left) / (widest + 16)));
  const step = Math.max(1, Math.ceil((n - 1) / Math.max(1, fit - 1)));
  const right = visibleRight(band) - 2;
  // Left of the plot are the y-axis numbers (hidden only on the narrowest charts): the first label starts at the axis.
  const left = band.id === "e" ? 2 : PLOT.left - 6;
  const ticks: XTick[] = [];
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i += step) {
    const x = xOf(i, n);
    const text = label(i);
    const w = textWidth(text, band.font);
    const [anchor, from] = x - w / 2 < left ? (["start", left] as const) : x + w / 2 > right ? (["end", right - w] as const) : (["middle", x - w / 2] as const);
    if (from < lastEnd + 12) continue;
    ticks.push({ index: i, x: anchor === "start" ? left : anchor === "end" ? right : x, anchor, text });
    lastEnd = from + w;
  }
  return ticks;
}

export function XAxis({ n, label }: { n: number; label: (i: number) => string }) {
  return (
    <g className="app-spc-chart__axis" aria-hidden="true">
      {BANDS.map((band) => (
        <g key={band.id} className={bandClass(band)}>
          {bandTicks(n, label, band).map((t) => {
            const x = r1(xOf(t.index, n));
            return (
              <g key={t.index}>
                <line className="app-spc-chart__axis-line" x1={x} x2={x} y1={PLOT.bottom} y2={PLOT.bottom + 5} fill="none" />
                <text className="app-spc-chart__tick app-spc-chart__tick--x" x={r1(t.x)} y={tickBaseline(band)} textAnchor={t.anchor}>
                  {t.text}
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </g>
  );
}

export interface LineLabel {
  y: number;
  text: string;
  className: string;
}

/** A line label laid out for one band: its lines of text and where its first line sits. */
export interface PlacedLabel extends LineLabel {
  lines: string[];
  top: number;
}

/**
 * Line labels wrapped to the room right of the plot and stacked so none overlaps another (each as close
 * to its line as the others allow), kept within the drawing's height.
 */
export function placeLineLabels(labels: readonly LineLabel[], band: Band): PlacedLabel[] {
  const lineHeight = Math.round(band.font * 1.15);
  const placed = [...labels].sort((a, b) => a.y - b.y).map((l) => ({ ...l, lines: wrapWords(l.text, LINE_LABEL_ROOM, band.font), top: l.y }));
  const height = (l: PlacedLabel) => l.lines.length * lineHeight;
  // `top` is the middle of the first line; a block runs from top - lineHeight/2 to that plus its height.
  for (let i = 1; i < placed.length; i++) {
    const prev = placed[i - 1];
    const min = prev.top + height(prev) + 2;
    if (placed[i].top < min) placed[i].top = min;
  }
  const last = placed[placed.length - 1];
  const overflow = last ? last.top - lineHeight / 2 + height(last) - HEIGHT : 0;
  if (overflow > 0) for (const l of placed) l.top -= overflow;
  const underflow = placed[0] ? lineHeight / 2 - placed[0].top : 0;
  if (underflow > 0) for (const l of placed) l.top += underflow;
  return placed;
}

/** Labels at the right-hand end of the mean, limits and target lines: wrapped, never cut, kept apart. */
export function LineLabels({ labels }: { labels: LineLabel[] }) {
  return (
    <g aria-hidden="true">
      {BANDS.filter((band) => band.lineLabels).map((band) => (
        <g key={band.id} className={bandClass(band)}>
          {placeLineLabels(labels, band).map((l) => (
            <text key={l.text} className={`app-spc-chart__line-label ${l.className}`} x={PLOT.right + 8} y={r1(l.top)} dominantBaseline="central">
              {l.lines.map((line, i) => (
                <tspan key={i} x={PLOT.right + 8} dy={i === 0 ? 0 : Math.round(band.font * 1.15)}>
                  {line}
                </tspan>
              ))}
            </text>
          ))}
        </g>
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

/** Where a PDSA cycle goes on the time axis: at its date, or a planned cycle after the latest data at the axis's end. */
export function pdsaPosition(marker: PdsaMarker, dates: readonly string[] | null, n: number): { x: number; afterData: boolean } | null {
  const x = xForDate(marker.date, dates, n);
  if (x !== null) return { x, afterData: false };
  if (marker.planned && dates && dates.length === n && n > 0 && marker.date.slice(0, 10) > dates[n - 1]) return { x: PLOT.right, afterData: true };
  return null;
}

/** PDSA cycles as marks on the time axis (hollow when planned) with their codes; annotations as numbered circles at the top. */
export function DatedMarkers({ pdsaMarkers, annotations, dates, n }: MarkerProps) {
  const placed = pdsaMarkers
    .map((m, k) => ({ m, k, at: pdsaPosition(m, dates, n) }))
    .filter((p): p is { m: PdsaMarker; k: number; at: { x: number; afterData: boolean } } => p.at !== null);
  return (
    <g>
      {placed.map(({ m, k, at }) => {
        const x = r1(at.x);
        const y = PLOT.bottom;
        return (
          <g key={`p${k}`} className={`app-spc-chart__pdsa${m.planned ? " app-spc-chart__pdsa--planned" : ""}`}>
            <title>{`PDSA cycle P${k + 1}${m.planned ? " (planned)" : ""}, ${formatDay(m.date)}: ${m.label}`}</title>
            <line className="app-spc-chart__pdsa-line" x1={x} x2={x} y1={PLOT.top} y2={PLOT.bottom} fill="none" />
            <path className="app-spc-chart__pdsa-tick" d={`M${x} ${y - 9}L${r1(at.x + 5)} ${y}L${r1(at.x - 5)} ${y}Z`} />
          </g>
        );
      })}
      {BANDS.filter((band) => band.pdsaCodes).map((band) => {
        const codeWidth = textWidth("P10", band.font);
        const shown = spacedIndices(
          placed.map((p) => p.at.x),
          codeWidth,
        );
        return (
          <g key={band.id} className={bandClass(band)} aria-hidden="true">
            {shown.map((i) => (
              <text key={i} className="app-spc-chart__marker-text" x={r1(placed[i].at.x)} y={pdsaCodeBaseline(band)} textAnchor="middle">
                P{placed[i].k + 1}
              </text>
            ))}
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
            <text className="app-spc-chart__annotation-text" x={r1(x)} y={y} textAnchor="middle" dominantBaseline="central">
              {k + 1}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** The same markers in words, under the chart: planned cycles said so, and any that are not on the chart. */
export function MarkerNotes({ pdsaMarkers, annotations, dates, n }: MarkerProps) {
  if (pdsaMarkers.length === 0 && annotations.length === 0) return null;
  const where = (m: PdsaMarker) => {
    const at = pdsaPosition(m, dates, n);
    if (at?.afterData) return " (planned, after the latest data: marked at the end of the time axis)";
    if (at) return m.planned ? " (planned)" : "";
    return m.planned ? " (planned; not on the chart: before its first date)" : " (not on the chart: outside its dates)";
  };
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
                {where(m)}
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
