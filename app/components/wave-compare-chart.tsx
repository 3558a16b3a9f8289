// Wave against wave as small multiples drawn on the server (no client charting): one panel per figure,
// one bar per wave, and the Pulse Check's baseline beside its follow-up. The table is the text alternative.
import { describePulseChange, NOT_ENOUGH_ANSWERS, WAVE_FIGURES, type WaveComparisonRow } from "~/domain/wave-compare";

const WIDTH = 300;
const LEFT = 70;
const RIGHT = 60;
const ROW = 22;
const BAR = 14;

function Panel({ id, title, waves, value }: { id: string; title: string; waves: readonly WaveComparisonRow[]; value: (w: WaveComparisonRow) => number }) {
  const max = Math.max(1, ...waves.map(value));
  const height = waves.length * ROW + 8;
  const x = (v: number) => ((WIDTH - LEFT - RIGHT) * v) / max;
  return (
    <figure className="app-compare-chart__panel">
      <figcaption className="app-compare-chart__title" id={`compare-${id}`}>
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`compare-${id}`} className="app-compare-chart__svg">
        {waves.map((w, i) => {
          const top = i * ROW + 4;
          const v = value(w);
          return (
            <g key={w.id}>
              <text x={LEFT - 6} y={top + BAR - 3} textAnchor="end" className="app-compare-chart__label">
                {w.label.split(":")[0]}
              </text>
              <rect x={LEFT} y={top} width={x(v)} height={BAR} className="app-compare-chart__bar" />
              <text x={LEFT + x(v) + 4} y={top + BAR - 3} className="app-compare-chart__value">
                {v}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

function PulsePanel({ waves }: { waves: readonly WaveComparisonRow[] }) {
  const rowHeight = 2 * BAR + 10;
  const height = waves.length * rowHeight + 8;
  const x = (p: number) => ((WIDTH - LEFT - RIGHT) * p) / 100;
  return (
    <figure className="app-compare-chart__panel">
      <figcaption className="app-compare-chart__title" id="compare-pulse">
        Pulse Check: % agreeing, baseline then follow-up
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby="compare-pulse" className="app-compare-chart__svg">
        {waves.map((w, i) => {
          const top = i * rowHeight + 4;
          const label = w.label.split(":")[0];
          return (
            <g key={w.id}>
              <text x={LEFT - 6} y={top + BAR + 3} textAnchor="end" className="app-compare-chart__label">
                {label}
              </text>
              {w.pulse ? (
                <>
                  <title>{`${label}: ${describePulseChange(w.pulse)}`}</title>
                  <rect x={LEFT} y={top} width={x(w.pulse.baseline)} height={BAR} className="app-compare-chart__bar--baseline" />
                  <text x={LEFT + x(w.pulse.baseline) + 4} y={top + BAR - 3} className="app-compare-chart__value">
                    {w.pulse.baseline}%
                  </text>
                  <rect x={LEFT} y={top + BAR + 2} width={x(w.pulse.followUp)} height={BAR} className="app-compare-chart__bar" />
                  <text x={LEFT + x(w.pulse.followUp) + 4} y={top + 2 * BAR - 1} className="app-compare-chart__value">
                    {w.pulse.followUp}%
                  </text>
                </>
              ) : (
                <text x={LEFT} y={top + BAR + 3} className="app-compare-chart__value">
                  {NOT_ENOUGH_ANSWERS}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function WaveCompareChart({ waves }: { waves: readonly WaveComparisonRow[] }) {
  return (
    <div className="app-compare-chart">
      {WAVE_FIGURES.map((f) => (
        <Panel key={f.id} id={f.id} title={f.label} waves={waves} value={f.value} />
      ))}
      <PulsePanel waves={waves} />
      <p className="nhsuk-body-s app-compare-chart__key">
        <span className="app-pulse-chart__swatch app-pulse-chart__swatch--baseline" /> Baseline{" "}
        <span className="app-pulse-chart__swatch app-pulse-chart__swatch--current" /> Follow-up (and every count). The table below gives the same figures.
      </p>
    </div>
  );
}
