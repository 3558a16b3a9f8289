// A run chart in the same style as the XmR chart: values around the median,
// read with the Anhøj rules (and the older IHI rules) in words. Suits short
// series: the calculator shows it by default under 12 points.
import type { RunChartResult } from "~/domain/spc";
import { ChartFigure, type ChartProps } from "./chart-figure";
import { HorizontalLine, targetLabel, useChartBasics, type LineLabel } from "./frame";
import { ChartLegend, legendValues, markClassName, markPaths } from "./marks";
import { withUnit, xOf, yScale } from "./scale";

export type RunChartProps = ChartProps;

/** The Anhøj reading in words, e.g. "Signal: … The longest run … 8 points (more than 7 is a signal) …". */
export function describeRunChart(rc: RunChartResult, unitLabel?: string): string {
  if (rc.median === null) return "No data yet: there is nothing to read.";
  const median = `Median ${withUnit(rc.median, unitLabel)}${rc.n_median < rc.n_obs ? ` (from the first ${rc.n_median} points)` : ""}.`;
  if (rc.longest_run === null || rc.crossings === null || rc.longest_run_max === null || rc.crossings_min === null) {
    return `${median} Every point is on the median, so the runs cannot be read.`;
  }
  const verdict = rc.signal ? "Signal of non-random variation (Anhøj rules)" : "No signal of non-random variation (Anhøj rules)";
  const why: string[] = [];
  if (rc.longest_run > rc.longest_run_max) why.push("the longest run is too long");
  if (rc.crossings < rc.crossings_min) why.push("the line crosses the median too few times");
  const because = why.length ? `: ${why.join(" and ")}` : "";
  const runs = `The longest run on one side of the median is ${rc.longest_run} ${rc.longest_run === 1 ? "point" : "points"} (more than ${rc.longest_run_max} is a signal)`;
  const crossingsLimit = rc.crossings_min > 0 ? `fewer than ${rc.crossings_min} is a signal` : "too few points for crossings to signal";
  const crossings = `the line crosses the median ${rc.crossings} ${rc.crossings === 1 ? "time" : "times"} (${crossingsLimit})`;
  const pointsOn = rc.n_obs - rc.n_useful;
  const onMedian = pointsOn > 0 ? ` ${pointsOn} ${pointsOn === 1 ? "point is" : "points are"} on the median and not counted.` : "";
  return `${verdict}${because}. ${median} ${runs}; ${crossings}.${onMedian}`;
}

export function RunChart(props: RunChartProps) {
  const { result, unitLabel } = props;
  const basics = useChartBasics(result, props.dates, props.target);
  const { n, target, label, focusable, k } = basics;
  const rc = result.run_chart;
  const median = rc.median;
  const scale = yScale([...result.points.map((p) => p.value), median, target]);
  const y = scale.y;
  const sideOf = (v: number) => (median === null ? "" : v > median ? "above the median" : v < median ? "below the median" : "on the median");

  const lineLabels: LineLabel[] = [];
  if (median !== null)
    lineLabels.push({
      y: y(median),
      text: `Median ${withUnit(median, unitLabel)}`,
      className: "app-spc-chart__label--median",
    });
  if (target !== null) lineLabels.push(targetLabel(target, y, unitLabel));

  return (
    <ChartFigure
      variant="run"
      className="app-spc-chart app-spc-chart--run"
      chart={props}
      basics={basics}
      reading={`Run chart of ${n} ${n === 1 ? "point" : "points"}. ${describeRunChart(rc, unitLabel)}`}
      scale={scale}
      lines={
        <>
          {median !== null ? <HorizontalLine className="app-spc-chart__median" y={y(median)} /> : null}
          {target !== null ? <HorizontalLine className="app-spc-chart__target" y={y(target)} /> : null}
        </>
      }
      points={
        focusable ? (
          <g className="app-spc-chart__points">
            {result.points.map((p) => {
              const text = `${label(p.index)}: ${withUnit(p.value, unitLabel)} — ${sideOf(p.value)}`;
              return (
                <g key={p.index} className={markClassName("run")} data-index={p.index} tabIndex={0} role="img" aria-label={text}>
                  <title>{text}</title>
                  <path className="app-spc-point__mark" d={markPaths("run", null, xOf(p.index, n), y(p.value), k).outer} />
                </g>
              );
            })}
          </g>
        ) : (
          <g className={`app-spc-chart__points ${markClassName("run")}`} aria-hidden="true">
            <path className="app-spc-point__mark" d={result.points.map((p) => markPaths("run", null, xOf(p.index, n), y(p.value), k).outer).join("")} />
          </g>
        )
      }
      lineLabels={lineLabels}
      legend={
        <ChartLegend variant="run" hasTarget={target !== null} values={legendValues({ centre: median, target, unitLabel })} pdsaMarkers={props.pdsaMarkers} />
      }
      tableCaption={`${props.title}: data and median`}
    />
  );
}
