// The IHI progress score over time as a step chart: a score holds until the next one.
// Server-rendered SVG (no script, no inline styles) with a text summary and a table beside it.
import { useId } from "react";
import { progressLabel } from "~/domain/labels";
import { formatDateTime } from "~/web/dates";
import { Details, Table } from "~/components/nhs";

export type ScorePoint = {
  id: number;
  score: number;
  at: string | number | Date;
  byName: string | null;
  evidence: string;
};

const WIDTH = 640;
const HEIGHT = 240;
const PLOT = { left: 44, right: 20, top: 12, bottom: 36 };
const DAY = 86_400_000;
const LINE = "#005eb8";

const ms = (v: string | number | Date) => new Date(v).getTime();
/** The UK calendar day of an instant ("26 Nov 2026"). */
const dayOf = (t: number) => formatDateTime(t).split(",")[0];

/** One sentence a screen reader can use in place of the picture. */
export function describeScores(points: readonly ScorePoint[]): string {
  if (points.length === 0) return "No progress score recorded yet.";
  const first = points[0];
  const last = points[points.length - 1];
  if (points.length === 1) return `Scored ${progressLabel(first.score)} on ${dayOf(ms(first.at))}.`;
  return `${points.length} scores from ${first.score.toFixed(1)} on ${dayOf(ms(first.at))} to ${progressLabel(last.score)} on ${dayOf(ms(last.at))}.`;
}

export function ProgressChart({
  points,
  until,
  showTable = true,
}: {
  points: readonly ScorePoint[];
  /** The chart runs to this day (ISO), so the latest score shows how long it has held. */
  until: string;
  showTable?: boolean;
}) {
  const id = useId();
  if (points.length === 0) return null;
  const times = points.map((p) => ms(p.at));
  const start = times[0];
  const end = Math.max(times[times.length - 1], ms(`${until}T23:59:59Z`), start + DAY);
  const x = (t: number) => PLOT.left + ((t - start) / (end - start)) * (WIDTH - PLOT.left - PLOT.right);
  const y = (score: number) => HEIGHT - PLOT.bottom - (score / 5) * (HEIGHT - PLOT.top - PLOT.bottom);
  const r = (n: number) => Math.round(n * 10) / 10;

  let path = `M ${r(x(times[0]))} ${r(y(points[0].score))}`;
  for (let i = 1; i < points.length; i++) path += ` H ${r(x(times[i]))} V ${r(y(points[i].score))}`;
  path += ` H ${r(x(end))}`;
  const ticks = [start, start + (end - start) / 2, end];

  return (
    <figure className="app-spc-chart nhsuk-u-margin-0">
      <svg className="app-spc-chart__svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} focusable="false">
        <title id={`${id}-title`}>IHI progress score over time</title>
        <desc id={`${id}-desc`}>{describeScores(points)}</desc>
        {[1, 2, 3, 4, 5].map((s) => (
          <g key={s}>
            <line className="app-spc-chart__grid" x1={PLOT.left} x2={WIDTH - PLOT.right} y1={y(s)} y2={y(s)} stroke="#d8dde0" />
            <text className="app-spc-chart__tick" x={PLOT.left - 8} y={y(s) + 4} textAnchor="end" fontSize="12">
              {s.toFixed(1)}
            </text>
          </g>
        ))}
        <line className="app-spc-chart__axis-line" x1={PLOT.left} x2={WIDTH - PLOT.right} y1={y(0)} y2={y(0)} stroke="#4c6272" />
        {ticks.map((t, i) => (
          <text
            key={t}
            className="app-spc-chart__tick"
            x={x(t)}
            y={HEIGHT - PLOT.bottom + 18}
            textAnchor={i === 0 ? "start" : i === ticks.length - 1 ? "end" : "middle"}
            fontSize="12"
          >
            {dayOf(t)}
          </text>
        ))}
        <path className="app-progress-chart__line" d={path} fill="none" stroke={LINE} strokeWidth="2.5" />
        {points.map((p, i) => (
          <circle key={p.id} className="app-progress-chart__point" cx={r(x(times[i]))} cy={r(y(p.score))} r="5" fill={LINE} stroke="#fff" strokeWidth="1.5">
            <title>{`${dayOf(times[i])}: ${progressLabel(p.score)}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="nhsuk-body-s app-muted">{describeScores(points)}</figcaption>
      {showTable ? (
        <Details summary="Show the scores as a table">
          <ScoreTable points={points} />
        </Details>
      ) : null}
    </figure>
  );
}

/** The score history, newest first: the chart's text alternative and the evidence behind each claim. */
export function ScoreTable({ points }: { points: readonly ScorePoint[] }) {
  return (
    <Table
      caption="Progress score history, newest first"
      captionHidden
      scroll
      rows={[...points].reverse()}
      rowKey={(p) => p.id}
      columns={[
        { id: "when", header: "When", cell: (p) => formatDateTime(p.at) },
        { id: "score", header: "Score", cell: (p) => progressLabel(p.score) },
        { id: "evidence", header: "Evidence", cellClassName: "app-pre-line", cell: (p) => p.evidence },
        { id: "by", header: "By", cell: (p) => p.byName ?? "Unknown" },
      ]}
    />
  );
}
