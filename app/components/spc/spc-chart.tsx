// An XmR (individuals) chart drawn as server-rendered SVG: values, mean,
// process limits per segment with a labelled break at each rebase, target,
// PDSA markers and annotations; points coloured and shaped by signal, each
// focusable with its date, value and signal; a text alternative and the data
// as a table. Needs no JavaScript and no inline styles.
import { describeResult, type SpcResult } from "~/domain/spc";
import { ChartFigure, type ChartProps } from "./chart-figure";
import { HorizontalLine, targetLabel, useChartBasics, type LineLabel } from "./frame";
import { pointSignalText } from "./labels";
import { ChartLegend, legendValues, markClassName, markPaths, type MarkKind } from "./marks";
import { BANDS, bandClass, textWidth } from "./bands";
import { PLOT, WIDTH, inferPeriod, pointLabeller, r1, withUnit, xOf, yScale } from "./scale";
import { limitsVary, steppedPath } from "./stepped-limits";

/** Above this many points, points are drawn as one path per kind and are not focusable (the table lists them). */
export { FOCUSABLE_POINT_LIMIT, resolveDates } from "./frame";

export interface SpcChartProps extends ChartProps {
  /** Why limits were recalculated at each rebase (index = first point of the new segment). */
  rebaseReasons?: readonly { index: number; reason: string }[];
}

/** The text alternative: the plain-English reading, then the latest mean and limits, then any rebases. */
export function spcChartSummary(
  result: SpcResult,
  opts: { unitLabel?: string; dates: readonly string[] | null; rebaseReasons?: SpcChartProps["rebaseReasons"] },
): string {
  const reading = describeResult(result, { unitLabel: opts.unitLabel, periodWord: inferPeriod(opts.dates) });
  if (result.n === 0 || result.mean === null) return reading;
  const u = opts.unitLabel;
  const latest = result.segments.length > 1 ? " in the latest segment" : "";
  const limits =
    result.ucl !== null && result.lcl !== null
      ? `Mean${latest} ${withUnit(result.mean, u)}; process limits ${withUnit(result.lcl, u)} to ${withUnit(result.ucl, u)}.`
      : `Mean${latest} ${withUnit(result.mean, u)}; no process limits yet (one point).`;
  const label = pointLabeller(opts.dates, result.n);
  const rebases = result.segments.slice(1).map((s) => {
    const reason = opts.rebaseReasons?.find((r) => r.index === s.first_index)?.reason;
    return `from ${label(s.first_index)}${reason ? ` (${reason})` : ""}`;
  });
  const rebaseText = rebases.length ? ` Limits were recalculated ${rebases.join(", ")}.` : "";
  return `${reading} ${limits}${rebaseText}`;
}

export function SpcChart(props: SpcChartProps) {
  const { result, unitLabel, rebaseReasons = [] } = props;
  const basics = useChartBasics(result, props.dates, props.target);
  const { n, dates, target, label, focusable, k } = basics;
  const summary = spcChartSummary(result, { unitLabel, dates, rebaseReasons });

  const scale = yScale([
    ...result.points.map((p) => p.value),
    ...result.segments.flatMap((s) => [s.ucl, s.lcl, s.mean]),
    ...result.points.flatMap((p) => [p.ucl, p.lcl]),
    target,
  ]);
  const y = scale.y;
  const kinds = new Set<MarkKind>(result.points.map((p) => p.special_cause));

  const latest = result.segments[result.segments.length - 1];
  const lineLabels: LineLabel[] = [];
  if (latest) {
    lineLabels.push({
      y: y(latest.mean),
      text: `Mean ${withUnit(latest.mean, unitLabel)}`,
      className: "app-spc-chart__label--mean",
    });
    if (latest.ucl !== null)
      lineLabels.push({
        y: y(latest.ucl),
        text: `Upper limit ${withUnit(latest.ucl, unitLabel)}`,
        className: "app-spc-chart__label--limit",
      });
    if (latest.lcl !== null)
      lineLabels.push({
        y: y(latest.lcl),
        text: `Lower limit ${withUnit(latest.lcl, unitLabel)}`,
        className: "app-spc-chart__label--limit",
      });
  }
  if (target !== null) lineLabels.push(targetLabel(target, y, unitLabel));

  return (
    <ChartFigure
      variant="xmr"
      className="app-spc-chart"
      chart={props}
      basics={basics}
      reading={summary}
      scale={scale}
      lines={
        <>
          <g className="app-spc-chart__segments" aria-hidden="true">
            {result.segments.map((s) => {
              const pad = s.n === 1 ? 8 : 0;
              const x1 = r1(xOf(s.first_index, n) - pad);
              const x2 = r1(xOf(s.last_index, n) + pad);
              if (limitsVary(result.points, s)) {
                return (
                  <g key={s.index} className="app-spc-chart__segment" data-segment={s.index} data-limits="per-point">
                    <line className="app-spc-chart__mean" x1={x1} x2={x2} y1={r1(y(s.mean))} y2={r1(y(s.mean))} fill="none" />
                    <path
                      className="app-spc-chart__limit app-spc-chart__limit--upper"
                      d={steppedPath(result.points, s, n, x1, x2, (p) => p.ucl, y)}
                      fill="none"
                    />
                    <path
                      className="app-spc-chart__limit app-spc-chart__limit--lower"
                      d={steppedPath(result.points, s, n, x1, x2, (p) => p.lcl, y)}
                      fill="none"
                    />
                  </g>
                );
              }
              return (
                <g key={s.index} className="app-spc-chart__segment" data-segment={s.index}>
                  <line className="app-spc-chart__mean" x1={x1} x2={x2} y1={r1(y(s.mean))} y2={r1(y(s.mean))} fill="none" />
                  {s.ucl !== null ? (
                    <line className="app-spc-chart__limit app-spc-chart__limit--upper" x1={x1} x2={x2} y1={r1(y(s.ucl))} y2={r1(y(s.ucl))} fill="none" />
                  ) : null}
                  {s.lcl !== null ? (
                    <line className="app-spc-chart__limit app-spc-chart__limit--lower" x1={x1} x2={x2} y1={r1(y(s.lcl))} y2={r1(y(s.lcl))} fill="none" />
                  ) : null}
                </g>
              );
            })}
          </g>

          {target !== null ? <HorizontalLine className="app-spc-chart__target" y={y(target)} /> : null}

          {result.segments.slice(1).map((s, j, rest) => {
            const x = (xOf(s.first_index - 1, n) + xOf(s.first_index, n)) / 2;
            const next = rest[j + 1];
            const room = (next ? (xOf(next.first_index - 1, n) + xOf(next.first_index, n)) / 2 : WIDTH - 4) - x - 8;
            const reason = rebaseReasons.find((r) => r.index === s.first_index)?.reason;
            const full = `New limits from ${label(s.first_index)}${reason ? `: ${reason}` : ""}`;
            return (
              <g key={s.index} className="app-spc-chart__rebase">
                <title>{full}</title>
                <line className="app-spc-chart__rebase-line" x1={r1(x)} x2={r1(x)} y1={PLOT.top - 16} y2={PLOT.bottom} fill="none" />
                {BANDS.map((band) => {
                  // The reason when it fits in full, else the word alone; the title and the notes carry the reason.
                  const text = [reason ? `Rebased: ${reason}` : null, "Rebased"].find((t) => t !== null && textWidth(t, band.font) <= room);
                  return text ? (
                    <text key={band.id} className={`app-spc-chart__rebase-text ${bandClass(band)}`} x={r1(x + 4)} y={PLOT.top - 20}>
                      {text}
                    </text>
                  ) : null;
                })}
              </g>
            );
          })}
        </>
      }
      points={
        focusable ? (
          <g className="app-spc-chart__points">
            {result.points.map((p) => {
              const { outer, inner } = markPaths(p.special_cause, p.direction, xOf(p.index, n), y(p.value), k);
              const text = `${label(p.index)}: ${withUnit(p.value, unitLabel)} — ${pointSignalText(p)}`;
              return (
                <g key={p.index} className={markClassName(p.special_cause)} data-index={p.index} tabIndex={0} role="img" aria-label={text}>
                  <title>{text}</title>
                  <path className="app-spc-point__mark" d={outer} />
                  {inner ? <path className="app-spc-point__inner" d={inner} /> : null}
                </g>
              );
            })}
          </g>
        ) : (
          <g className="app-spc-chart__points" aria-hidden="true">
            {[...kinds].map((kind) => {
              const marks = result.points.filter((p) => p.special_cause === kind).map((p) => markPaths(kind, p.direction, xOf(p.index, n), y(p.value), k));
              const inner = marks.map((m) => m.inner ?? "").join("");
              return (
                <g key={kind} className={markClassName(kind)}>
                  <path className="app-spc-point__mark" d={marks.map((m) => m.outer).join("")} />
                  {inner ? <path className="app-spc-point__inner" d={inner} /> : null}
                </g>
              );
            })}
          </g>
        )
      }
      lineLabels={lineLabels}
      legend={
        <>
          <ChartLegend
            variant="xmr"
            hasTarget={target !== null}
            kinds={kinds}
            values={legendValues({ centre: latest?.mean, lcl: latest?.lcl, ucl: latest?.ucl, target, unitLabel })}
            pdsaMarkers={props.pdsaMarkers}
          />
          {result.trial_limits ? (
            <p className="nhsuk-body-s app-spc-chart__warning">
              <strong>Trial limits:</strong> the latest segment has fewer than 12 points, so its limits may move as data arrives.
            </p>
          ) : null}
        </>
      }
      tableCaption={`${props.title}: data, mean, limits and signals`}
    />
  );
}
