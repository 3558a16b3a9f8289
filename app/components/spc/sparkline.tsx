// A tiny line for tables: the series' shape, with the latest point marked by
// the same colour and shape as on the full chart.
import { formatNumber, type Direction, type SpecialCause } from "~/domain/spc";
import { SPECIAL_CAUSE_LABELS } from "./labels";
import { markClassName, markPaths } from "./marks";
import { r1, withUnit } from "./scale";

export interface SparklineProps {
  values: readonly number[];
  /** The latest point's signal; colours and shapes its mark. */
  latest?: SpecialCause | null;
  latestDirection?: Direction | null;
  /** What the values are, for the spoken summary ("Falls per 1,000 bed days"). */
  label?: string;
  unitLabel?: string;
  width?: number;
  height?: number;
}

export function sparklineSummary({ values, latest, label, unitLabel }: SparklineProps): string {
  const n = values.length;
  const prefix = label ? `${label}: ` : "";
  if (n === 0) return `${prefix}no data`;
  let min = values[0];
  let max = values[0];
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const u = (x: number) => withUnit(x, unitLabel);
  const last = values[n - 1];
  const signal = latest ? `; latest point: ${SPECIAL_CAUSE_LABELS[latest].toLowerCase()}` : "";
  if (n === 1) return `${prefix}1 value, ${u(last)}${signal}`;
  return `${prefix}${n} values from ${u(values[0])} to ${u(last)}, lowest ${u(min)}, highest ${u(max)}${signal}`;
}

export function Sparkline(props: SparklineProps) {
  const { values, latest = null, latestDirection = null, width = 120, height = 28 } = props;
  const n = values.length;
  const summary = sparklineSummary(props);
  if (n === 0) {
    return <span className="app-spc-sparkline app-spc-sparkline--empty app-muted">No data</span>;
  }
  const pad = 5;
  let min = values[0];
  let max = values[0];
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min || 1;
  const x = (i: number) => (n === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (n - 1));
  const y = (v: number) => (max === min ? height / 2 : height - pad - ((v - min) / span) * (height - 2 * pad));
  const kind = latest ?? "common";
  const mark = markPaths(kind, latestDirection, x(n - 1), y(values[n - 1]), 0.6);
  return (
    <svg
      className="app-spc-sparkline"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={summary}
      focusable="false"
      data-latest={formatNumber(values[n - 1])}
    >
      <title>{summary}</title>
      <polyline className="app-spc-sparkline__line" points={values.map((v, i) => `${r1(x(i))},${r1(y(v))}`).join(" ")} fill="none" />
      <g className={markClassName(kind)}>
        <path className="app-spc-point__mark" d={mark.outer} />
        {mark.inner ? <path className="app-spc-point__inner" d={mark.inner} /> : null}
      </g>
    </svg>
  );
}
