// People trained per division over time, as small multiples drawn on the server (no client charting):
// one panel per division, one bar per quarter (cumulative). The table beside it is the text alternative.
import { quarterLabel, type TrainedByQuarter } from "~/domain/capability";

const WIDTH = 300;
const HEIGHT = 120;
const BOTTOM = 18;
const TOP = 14;

export function TrainedByQuarterChart({ data }: { data: TrainedByQuarter }) {
  const max = Math.max(1, ...data.divisions.flatMap((d) => d.cumulative));
  const n = data.quarters.length;
  const slot = WIDTH / Math.max(1, n);
  const bar = Math.max(2, slot * 0.7);
  const y = (v: number) => ((HEIGHT - BOTTOM - TOP) * v) / max;
  const first = data.quarters[0];
  const last = data.quarters[n - 1];
  return (
    <div className="app-compare-chart">
      {data.divisions.map((d, i) => (
        <figure key={d.name} className="app-compare-chart__panel">
          <figcaption className="app-compare-chart__title" id={`trained-${i}`}>
            {d.name}: {d.cumulative[n - 1] ?? 0} trained
          </figcaption>
          <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`trained-${i}`} className="app-compare-chart__svg">
            {d.cumulative.map((v, q) => (
              <rect
                key={data.quarters[q]}
                x={q * slot + (slot - bar) / 2}
                y={HEIGHT - BOTTOM - y(v)}
                width={bar}
                height={y(v)}
                className="app-compare-chart__bar"
              >
                <title>{`${quarterLabel(data.quarters[q])}: ${v}`}</title>
              </rect>
            ))}
            <text x={0} y={HEIGHT - 4} className="app-compare-chart__label">
              {first ? quarterLabel(first) : ""}
            </text>
            <text x={WIDTH} y={HEIGHT - 4} textAnchor="end" className="app-compare-chart__label">
              {last && last !== first ? quarterLabel(last) : ""}
            </text>
            <text x={WIDTH} y={TOP - 2} textAnchor="end" className="app-compare-chart__value">
              {d.cumulative[n - 1] ?? 0}
            </text>
          </svg>
        </figure>
      ))}
    </div>
  );
}
