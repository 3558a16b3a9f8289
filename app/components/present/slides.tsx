// What each slide of a project's deck says, from the live workbook. Each slide has a
// title (its heading and its name in "3 of 9: …") and a body; empty states say what is missing.
import type { ReactNode } from "react";
import { PdsaTimeline } from "~/components/pdsa-timeline";
import { PlanStrip } from "~/components/plan-strip";
import { RagTag, StageTag } from "~/components/tags";
import { PDSA_DECISIONS } from "~/domain/enums";
import { ASK_STATE_LABELS, PDSA_DECISION_LABELS, progressLabel, TEAM_ROLE_LABELS } from "~/domain/labels";
import { plural } from "~/domain/plural";
import { formatDay } from "~/web/dates";
import { aimSentence, SECTION_LABELS, type SlideRef } from "~/web/presentation";
import type { PresentationData } from "~/models/presentation.server";
import { MeasurePanel } from "./measure-panel";
import { Details, Tag } from "~/components/nhs";
import { DriverDiagramList, DriverDiagramSvg } from "~/components/driver-diagram";
import { diagramView } from "~/web/driver-view";
import { waveLabel } from "~/domain/wave-label";

export type Slide = { key: string; title: string; body: ReactNode };

const Empty = ({ children }: { children: ReactNode }) => <p className="app-present-empty">{children}</p>;

function TitleSlide({ data }: { data: PresentationData }) {
  const p = data.project;
  return (
    <>
      <p className="app-present-kicker">
        {p.theme ?? "No strategic theme"}
        {p.waveNumber ? ` · ${waveLabel(p.waveNumber, p.waveName)}` : " · Not in a wave"}
      </p>
      <h2 className="app-present-title">{p.title}</h2>
      <p>
        <StageTag stage={p.stage} /> <span className="app-present-score">{progressLabel(p.progressScore)}</span>
      </p>
      {data.team.length ? (
        <dl className="app-present-team">
          {data.team.map((m) => (
            <div key={m.id} className="app-present-team__row">
              <dt>{TEAM_ROLE_LABELS[m.role]}</dt>
              <dd>
                {m.name}
                {m.jobTitle ? <span className="app-present-muted">, {m.jobTitle}</span> : null}
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <Empty>No team named yet.</Empty>
      )}
    </>
  );
}

function AimSlide({ data }: { data: PresentationData }) {
  const p = data.project;
  return (
    <>
      <h2>{SECTION_LABELS.aim}</h2>
      <h3>The problem</h3>
      {p.problem.trim() ? <p className="app-pre-line">{p.problem}</p> : <Empty>No problem statement in the charter yet.</Empty>}
      <h3>Our SMART aim</h3>
      {p.aimWhat.trim() ? (
        <>
          <p className="app-present-aim">{aimSentence(p, formatDay)}</p>
          {p.aimMeasure ? <p>Measured by: {p.aimMeasure}</p> : null}
        </>
      ) : (
        <Empty>No SMART aim in the charter yet.</Empty>
      )}
    </>
  );
}

function DriversSlide({ data }: { data: PresentationData }) {
  const d = diagramView(data.diagram);
  const empty = d.primaries.length === 0 && d.ideas.length === 0;
  return (
    <>
      <h2>{SECTION_LABELS.drivers}</h2>
      {empty ? (
        <Empty>No driver diagram yet: the team draws its theory of change on the project&apos;s driver diagram.</Empty>
      ) : (
        <>
          <div className="app-present-drivers">
            <DriverDiagramSvg
              d={d}
              title={`Driver diagram of ${data.project.title}. The same diagram follows as a list.`}
              titleId="present-driver-diagram-title"
            />
          </div>
          <Details summary="The driver diagram as a list">
            <DriverDiagramList d={d} cycleBase={`/projects/${data.project.id}/pdsa`} />
          </Details>
        </>
      )}
    </>
  );
}

function PdsaSlide({ data }: { data: PresentationData }) {
  const decided = data.cycles.filter((c) => c.actDecision);
  return (
    <>
      <h2>{SECTION_LABELS.pdsa}</h2>
      {data.cycles.length === 0 ? (
        <Empty>No PDSA cycles yet: the first test of a change idea will appear here.</Empty>
      ) : (
        <>
          <p>
            {plural(data.cycles.length, "cycle")} testing {plural(new Set(data.cycles.map((c) => c.changeIdeaId)).size, "change idea")}
            {decided.length
              ? `; decisions: ${PDSA_DECISIONS.map((d) => ({ d, n: decided.filter((c) => c.actDecision === d).length }))
                  .filter((x) => x.n > 0)
                  .map((x) => `${x.n} ${PDSA_DECISION_LABELS[x.d].toLowerCase()}`)
                  .join(", ")}`
              : ""}
            .
          </p>
          <PdsaTimeline projectId={data.project.id} cycles={data.cycles} />
        </>
      )}
    </>
  );
}

function MilestonesSlide({ data, today }: { data: PresentationData; today: string }) {
  return (
    <>
      <h2>{SECTION_LABELS.milestones}</h2>
      {data.milestones.length === 0 ? <Empty>No milestones yet.</Empty> : <PlanStrip milestones={data.milestones} today={today} />}
    </>
  );
}

function AsksSlide({ data }: { data: PresentationData }) {
  return (
    <>
      <h2>{SECTION_LABELS.asks}</h2>
      {data.asks.length === 0 ? (
        <Empty>No open or accepted asks: the team is not asking the executive team for anything.</Empty>
      ) : (
        <ul className="app-present-list">
          {data.asks.map((a) => (
            <li key={a.id}>
              <Tag colour={a.state === "open" ? "blue" : "green"}>{ASK_STATE_LABELS[a.state]}</Tag> <span className="app-pre-line">{a.what}</span>
              <span className="app-present-muted">
                {" "}
                — to {a.addressee === "board" ? "the programme board" : (a.addresseeName ?? "a named person")}
                {a.dueOn ? `, by ${formatDay(a.dueOn)}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function NextStepsSlide({ data }: { data: PresentationData }) {
  const r = data.report;
  return (
    <>
      <h2>{SECTION_LABELS["next-steps"]}</h2>
      {!r ? (
        <Empty>No status report yet: next steps come from the latest status report.</Empty>
      ) : (
        <>
          <p className="app-present-muted">
            From the status report of {formatDay(r.reportDate)} <RagTag rag={r.rag} />
          </p>
          {r.nextSteps.trim() ? <p className="app-pre-line">{r.nextSteps}</p> : <Empty>The latest status report has no next steps.</Empty>}
        </>
      )}
    </>
  );
}

/** The deck's slides in order, as the loader chose them (hidden ones are already left out). */
export function buildSlides(data: PresentationData, today: string): Slide[] {
  const measures = new Map(data.measures.map((m) => [m.id, m]));
  return data.slides.flatMap((s: SlideRef): Slide[] => {
    switch (s.kind) {
      case "title":
        return [{ key: s.key, title: data.project.title, body: <TitleSlide data={data} /> }];
      case "aim":
        return [{ key: s.key, title: SECTION_LABELS.aim, body: <AimSlide data={data} /> }];
      case "measure": {
        const m = measures.get(s.measureId as number);
        if (!m) return [];
        return [
          {
            key: s.key,
            title: m.name,
            body: <MeasurePanel measure={m} pdsaMarkers={data.pdsaMarkers} iconSize={96} headingLevel="h2" />,
          },
        ];
      }
      case "drivers":
        return [{ key: s.key, title: SECTION_LABELS.drivers, body: <DriversSlide data={data} /> }];
      case "pdsa":
        return [{ key: s.key, title: SECTION_LABELS.pdsa, body: <PdsaSlide data={data} /> }];
      case "milestones":
        return [{ key: s.key, title: SECTION_LABELS.milestones, body: <MilestonesSlide data={data} today={today} /> }];
      case "asks":
        return [{ key: s.key, title: SECTION_LABELS.asks, body: <AsksSlide data={data} /> }];
      case "next-steps":
        return [{ key: s.key, title: SECTION_LABELS["next-steps"], body: <NextStepsSlide data={data} /> }];
    }
  });
}
