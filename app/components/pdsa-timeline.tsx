// The PDSA timeline: one ramp per change idea, its cycles in order with their dates and
// decisions, so a run of cycles reads as a story. Plain lists, so it reads the same to a screen reader.
import { Link } from "@remix-run/react";
import type { PdsaDecision, PdsaStatus } from "~/domain/enums";
import { PDSA_DECISION_LABELS, PDSA_STATUS_LABELS } from "~/domain/labels";
import { groupByChangeIdea, type ChangeIdeaRamp } from "~/domain/pdsa-rules";
import { formatDay } from "~/web/dates";
import { Tag, type TagColour } from "~/components/nhs";

const STATUS_COLOURS: Record<PdsaStatus, TagColour> = {
  planned: "white",
  doing: "blue",
  studying: "purple",
  done: "grey",
};

export function PdsaStatusTag({ status }: { status: PdsaStatus }) {
  return <Tag colour={STATUS_COLOURS[status]}>{PDSA_STATUS_LABELS[status]}</Tag>;
}

const DECISION_COLOURS: Record<PdsaDecision, TagColour> = {
  adopt: "green",
  adapt: "yellow",
  abandon: "red",
};

/** The word as well as the colour, so colour is never the only cue. */
export function PdsaDecisionTag({ decision }: { decision: PdsaDecision }) {
  return <Tag colour={DECISION_COLOURS[decision]}>{PDSA_DECISION_LABELS[decision]}</Tag>;
}

export function CycleDates({ start, end }: { start: string; end: string | null }) {
  return (
    <>
      <time dateTime={start}>{formatDay(start)}</time>
      {end ? (
        <>
          {" to "}
          <time dateTime={end}>{formatDay(end)}</time>
        </>
      ) : (
        ", no end date yet"
      )}
    </>
  );
}

export type TimelineEntry = {
  id: number;
  number: number;
  title: string;
  changeIdeaId: number;
  changeIdea: string;
  status: PdsaStatus;
  actDecision: PdsaDecision | null;
  startDate: string;
  endDate: string | null;
  previousNumber: number | null;
  previousChangeIdeaId: number | null;
};

export function PdsaTimeline({ projectId, cycles }: { projectId: number; cycles: TimelineEntry[] }) {
  const ramps = groupByChangeIdea(cycles);
  return (
    <div className="app-pdsa-timeline">
      {ramps.map((ramp) => (
        <PdsaRamp key={ramp.changeIdeaId} projectId={projectId} ramp={ramp} />
      ))}
    </div>
  );
}

/** One change idea's ramp; `idPrefix` keeps ids unique when a ramp is shown more than once on a page. */
export function PdsaRamp({
  projectId,
  ramp,
  headingLevel = 3,
  idPrefix = "",
}: {
  projectId: number;
  ramp: ChangeIdeaRamp<TimelineEntry>;
  headingLevel?: 3 | 4 | 5;
  idPrefix?: string;
}) {
  const latest = ramp.cycles.at(-1)!;
  const count = ramp.cycles.length;
  const Heading = `h${headingLevel}` as "h3";
  const headingId = `${idPrefix}idea-${ramp.changeIdeaId}`;
  return (
    <section className="app-pdsa-idea" aria-labelledby={headingId}>
      <Heading className="app-pdsa-idea__title" id={headingId}>
        <span className="nhsuk-caption-m">Change idea</span> {ramp.changeIdea}
      </Heading>
      <p className="app-pdsa-idea__summary">
        {count} {count === 1 ? "cycle" : "cycles"} from <time dateTime={ramp.firstStart}>{formatDay(ramp.firstStart)}</time>
        {ramp.lastDate > ramp.firstStart ? (
          <>
            {" to "}
            <time dateTime={ramp.lastDate}>{formatDay(ramp.lastDate)}</time>
          </>
        ) : null}
        {latest.actDecision ? (
          <>
            {" · latest decision "}
            <PdsaDecisionTag decision={latest.actDecision} />
          </>
        ) : null}
      </p>
      <ol className="app-pdsa-ramp">
        {ramp.cycles.map((c) => (
          <li key={c.id} className={`app-pdsa-ramp__step app-pdsa-ramp__step--${c.actDecision ?? c.status}`}>
            <span className="app-pdsa-ramp__number">Cycle {c.number}</span>
            <Link className="app-pdsa-ramp__link" to={`/projects/${projectId}/pdsa/${c.id}`}>
              {c.title}
            </Link>
            <span className="app-pdsa-ramp__dates">
              <CycleDates start={c.startDate} end={c.endDate} />
            </span>
            <span className="app-pdsa-ramp__tags">
              <PdsaStatusTag status={c.status} />
              {c.actDecision ? <PdsaDecisionTag decision={c.actDecision} /> : null}
            </span>
            {c.previousNumber !== null && c.previousChangeIdeaId !== c.changeIdeaId ? (
              <span className="app-pdsa-ramp__from">Follows cycle {c.previousNumber} of another change idea</span>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
