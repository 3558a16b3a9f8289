// % agreeing per statement as horizontal bars drawn on the server (no client charting): this
// campaign, and its baseline beside it when there is one. The table below it is the text alternative.
const ROW = 34;
const LEFT = 40;
const WIDTH = 640;
const BAR = 12;

export function PulseChart({ percent, baseline, title }: { percent: number[]; baseline: number[] | null; title: string }) {
  const height = percent.length * ROW + 30;
  const x = (p: number) => LEFT + ((WIDTH - LEFT - 50) * p) / 100;
  return (
    <figure className="app-pulse-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby="pulse-chart-title" className="app-pulse-chart__svg">
        <title id="pulse-chart-title">{title}</title>
        {[0, 25, 50, 75, 100].map((p) => (
          <g key={p}>
            <line x1={x(p)} x2={x(p)} y1={0} y2={height - 24} className="app-pulse-chart__grid" />
            <text x={x(p)} y={height - 8} textAnchor="middle" className="app-pulse-chart__axis">
              {p}%
            </text>
          </g>
        ))}
        {percent.map((p, i) => {
          const top = i * ROW + 4;
          return (
            <g key={i}>
              <text x={LEFT - 8} y={top + BAR + 2} textAnchor="end" className="app-pulse-chart__label">
                {i + 1}
              </text>
              {baseline ? <rect x={LEFT} y={top} width={Math.max(0, x(baseline[i] ?? 0) - LEFT)} height={BAR} className="app-pulse-chart__baseline" /> : null}
              <rect x={LEFT} y={baseline ? top + BAR + 2 : top + 6} width={Math.max(0, x(p) - LEFT)} height={BAR} className="app-pulse-chart__current" />
              <text x={x(p) + 4} y={(baseline ? top + BAR + 2 : top + 6) + BAR - 2} className="app-pulse-chart__value">
                {p}%
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="app-pulse-chart__key">
        {baseline ? (
          <>
            <span className="app-pulse-chart__swatch app-pulse-chart__swatch--baseline" /> Baseline{" "}
            <span className="app-pulse-chart__swatch app-pulse-chart__swatch--current" /> This campaign. Statement numbers as in the table below.
          </>
        ) : (
          "% agreeing per statement. Statement numbers as in the table below."
        )}
      </figcaption>
    </figure>
  );
}
