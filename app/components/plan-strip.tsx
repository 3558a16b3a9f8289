// The milestone plan strip: one row per milestone, baseline (hollow diamond) against
// forecast (dot), the slip between them as a bar, completions as a ticked square and
// today as a dashed line. Server-rendered SVG; the words are in <desc>, each row's
// <title> and the status column, so colour and position are never the only cue.
import { addDays } from "date-fns/addDays";
import { addMonths } from "date-fns/addMonths";
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import { startOfMonth } from "date-fns/startOfMonth";
import { daysBetween, formatDay } from "~/web/dates";
import { describeSlip, isOverdue, MILESTONE_STATUS_LABELS, slipDays, type MilestoneDates, type MilestoneStatus } from "~/domain/milestone-rules";
import { Tag, type TagColour } from "~/components/nhs";

export type PlanStripMilestone = MilestoneDates & { id: number; title: string };

const W = 800;
const X0 = 244; // titles sit left of the track
const X1 = 600;
const STATUS_X = 616;
const TOP = 36;
const ROW = 28;
const PAD_DAYS = 7;
const MIN_SPAN = 42;

const clip = (s: string, n = 34) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

function statusText(m: PlanStripMilestone, today: string): string {
  if (m.completedOn) return `Done ${formatDay(m.completedOn)}`;
  const slip = slipDays(m);
  if (!isOverdue(m, today)) return describeSlip(slip);
  return slip > 0 ? `Overdue, ${describeSlip(slip)}` : "Overdue";
}

/** One sentence per milestone: what a screen reader hears instead of the picture. */
export function describeMilestone(m: PlanStripMilestone, today: string): string {
  const dates = `baseline ${formatDay(m.baselineDate)}, forecast ${formatDay(m.forecastDate)}`;
  return `${m.title}: ${dates}; ${statusText(m, today).toLowerCase()}.`;
}

function timeScale(milestones: readonly PlanStripMilestone[], today: string) {
  const days = [today, ...milestones.flatMap((m) => [m.baselineDate, m.forecastDate, m.completedOn ?? m.forecastDate])];
  days.sort();
  const shift = (day: string, n: number) => format(addDays(parseISO(day), n), "yyyy-MM-dd");
  let start = shift(days[0], -PAD_DAYS);
  const end = shift(days[days.length - 1], PAD_DAYS);
  const span0 = daysBetween(start, end);
  // A short plan still gets a readable scale: widen it to the left.
  if (span0 < MIN_SPAN) start = shift(start, -(MIN_SPAN - span0));
  const span = Math.max(daysBetween(start, end), MIN_SPAN);
  const x = (day: string) => X0 + (daysBetween(start, day) / span) * (X1 - X0);
  const months: { x: number; label: string }[] = [];
  // Month ticks, thinned to quarters, years or runs of years on a long plan (about a dozen
  // labels at most: a plan stored with a far-off date must not draw thousands).
  const step = span > 1000 ? 12 * Math.ceil(span / 365 / 12) : span > 540 ? 3 : span > 200 ? 2 : 1;
  for (let m = startOfMonth(addMonths(parseISO(start), 1)); format(m, "yyyy-MM-dd") <= end; m = addMonths(m, 1)) {
    if ((m.getFullYear() * 12 + m.getMonth()) % step !== 0) continue;
    const first = months.length === 0 || m.getMonth() === 0;
    months.push({ x: x(format(m, "yyyy-MM-dd")), label: format(m, step === 12 ? "yyyy" : first ? "MMM yyyy" : "MMM") });
  }
  return { x, months };
}

const r1 = (n: number) => Math.round(n * 10) / 10;
const diamond = (x: number, y: number, s = 6) => `M${r1(x)} ${y - s}L${r1(x + s)} ${y}L${r1(x)} ${y + s}L${r1(x - s)} ${y}Z`;

export function PlanStrip({ milestones, today }: { milestones: readonly PlanStripMilestone[]; today: string }) {
  if (milestones.length === 0) return null;
  const { x, months } = timeScale(milestones, today);
  const height = TOP + milestones.length * ROW + 8;
  const xToday = r1(x(today));
  const late = milestones.filter((m) => !m.completedOn && slipDays(m) > 0).length;
  const overdue = milestones.filter((m) => isOverdue(m, today)).length;
  const done = milestones.filter((m) => m.completedOn).length;
  const summary = `${milestones.length} ${
    milestones.length === 1 ? "milestone" : "milestones"
  }: ${done} complete, ${late} slipped, ${overdue} overdue. Today is ${formatDay(today)}.`;

  return (
    <figure className="app-plan-strip">
      <figcaption className="app-plan-strip__caption">Plan strip: baseline against forecast. {summary}</figcaption>
      <div className="app-plan-strip__scroll">
        <svg
          className="app-plan-strip__svg"
          viewBox={`0 0 ${W} ${height}`}
          width={W}
          height={height}
          role="img"
          aria-labelledby="plan-strip-title plan-strip-desc"
          focusable="false"
        >
          <title id="plan-strip-title">Plan strip of {milestones.length} milestones</title>
          <desc id="plan-strip-desc">{milestones.map((m) => describeMilestone(m, today)).join(" ")}</desc>
          {months.map((m) => (
            <g key={m.label + m.x} className="app-plan-strip__month">
              <line x1={r1(m.x)} x2={r1(m.x)} y1={TOP - 6} y2={height - 4} className="app-plan-strip__grid" />
              <text x={r1(m.x) + 3} y={TOP - 10} className="app-plan-strip__axis-label">
                {m.label}
              </text>
            </g>
          ))}
          {milestones.map((m, i) => {
            const y = TOP + i * ROW + ROW / 2;
            const xb = r1(x(m.baselineDate));
            const xf = r1(x(m.forecastDate));
            const slip = slipDays(m);
            const state = m.completedOn ? "done" : isOverdue(m, today) ? "overdue" : slip > 0 ? "late" : "on-track";
            return (
              <g key={m.id} className={`app-plan-strip__row app-plan-strip__row--${state}`} data-milestone-id={m.id}>
                <title>{describeMilestone(m, today)}</title>
                <text x={0} y={y + 4} className="app-plan-strip__label">
                  {clip(m.title)}
                </text>
                <line x1={X0} x2={X1} y1={y} y2={y} className="app-plan-strip__track" />
                {slip !== 0 && !m.completedOn ? (
                  <rect
                    x={Math.min(xb, xf)}
                    y={y - 3}
                    width={r1(Math.abs(xf - xb))}
                    height={6}
                    className={`app-plan-strip__slip app-plan-strip__slip--${slip > 0 ? "late" : "early"}`}
                  />
                ) : null}
                <path d={diamond(xb, y)} className="app-plan-strip__baseline" />
                {m.completedOn ? (
                  <g className="app-plan-strip__done">
                    <rect x={r1(x(m.completedOn)) - 6} y={y - 6} width={12} height={12} />
                    <path d={`M${r1(x(m.completedOn)) - 3.5} ${y}l2.5 2.5l4.5-5`} className="app-plan-strip__tick" />
                  </g>
                ) : (
                  <circle cx={xf} cy={y} r={5} className="app-plan-strip__forecast" />
                )}
                <text x={STATUS_X} y={y + 4} className="app-plan-strip__status">
                  {statusText(m, today)}
                </text>
              </g>
            );
          })}
          <line x1={xToday} x2={xToday} y1={TOP - 8} y2={height - 2} className="app-plan-strip__today" />
          <text x={xToday} y={TOP - 24} className="app-plan-strip__today-label">
            Today
          </text>
        </svg>
      </div>
      <ul className="app-plan-strip__legend" aria-hidden="true">
        <li className="app-plan-strip__key app-plan-strip__key--baseline">Baseline</li>
        <li className="app-plan-strip__key app-plan-strip__key--forecast">Forecast</li>
        <li className="app-plan-strip__key app-plan-strip__key--late">Slipped later</li>
        <li className="app-plan-strip__key app-plan-strip__key--early">Ahead of plan</li>
        <li className="app-plan-strip__key app-plan-strip__key--done">Completed</li>
        <li className="app-plan-strip__key app-plan-strip__key--overdue">Overdue</li>
      </ul>
    </figure>
  );
}

const STATUS_TAGS: Record<MilestoneStatus, TagColour> = {
  complete: "green",
  overdue: "red",
  late: "orange",
  on_track: "blue",
};

/** The milestone's status as a tag: colour plus the word. */
export function MilestoneStatusTag({ status }: { status: MilestoneStatus }) {
  return <Tag colour={STATUS_TAGS[status]}>{MILESTONE_STATUS_LABELS[status]}</Tag>;
}
