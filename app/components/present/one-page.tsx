// "Project on a page": the deck's content laid out to print on one A4 landscape sheet
// (styles/_present.scss). Long text is clamped by the stylesheet so the page never spills.
import { PdsaDecisionTag, PdsaStatusTag } from "~/components/pdsa-timeline";
import { Table } from "~/components/nhs";
import { RagTag, StageTag } from "~/components/tags";
import { ASK_STATE_LABELS, progressLabel, TEAM_ROLE_LABELS } from "~/domain/labels";
import { describeSlip, milestoneStatus, MILESTONE_STATUS_LABELS, slipDays } from "~/domain/milestone-rules";
import { groupByChangeIdea } from "~/domain/pdsa-rules";
import { plural } from "~/domain/plural";
import { formatDay } from "~/web/dates";
import { aimSentence, SECTION_LABELS } from "~/web/presentation";
import type { PresentationData } from "~/models/presentation.server";
import { MeasurePanel } from "./measure-panel";
import { waveLabel } from "~/domain/wave-label";

/** The driver diagram in brief: each primary driver with how its change ideas stand (the full diagram follows the sheet on screen). */
function DriversPanel({ data }: { data: PresentationData }) {
  const d = data.diagram;
  const ideasUnder = (primaryId: number) => {
    const secondaries = new Set(d.secondaries.filter((s) => s.parentIds.includes(primaryId)).map((s) => s.id));
    return d.ideas.filter((i) => i.driverIds.some((id) => secondaries.has(id)));
  };
  return (
    <section className="app-one-page__drivers">
      <h3>{SECTION_LABELS.drivers}</h3>
      {d.primaries.length === 0 ? (
        <p>No driver diagram yet.</p>
      ) : (
        <ul className="app-one-page__list">
          {d.primaries.slice(0, 4).map((p) => {
            const ideas = ideasUnder(p.id);
            const adopted = ideas.filter((i) => i.status === "adopted").length;
            return (
              <li key={p.id} className="app-one-page__clamp app-one-page__clamp--2">
                <strong>{p.title}</strong>: {plural(ideas.length, "change idea")}
                {adopted ? `, ${adopted} adopted` : ""}
              </li>
            );
          })}
          {d.primaries.length > 4 ? <li>and {plural(d.primaries.length - 4, "more primary driver")}</li> : null}
        </ul>
      )}
    </section>
  );
}

export function OnePage({ data, today }: { data: PresentationData; today: string }) {
  const p = data.project;
  const shown = new Set(data.slides.map((s) => s.key));
  const leads = data.team.filter((m) => m.role !== "member");
  const members = data.team.filter((m) => m.role === "member");
  return (
    <article className="app-one-page" aria-labelledby="one-page-title">
      <header className="app-one-page__head">
        <div>
          <p className="app-one-page__kicker">
            {p.theme ?? "No strategic theme"}
            {p.waveNumber ? ` · ${waveLabel(p.waveNumber, p.waveName)}` : ""} · as at {formatDay(today)}
          </p>
          <h2 className="app-one-page__title" id="one-page-title">
            {p.title}
          </h2>
          <p className="app-one-page__team">
            {leads.map((m) => (
              <span key={m.id}>
                {TEAM_ROLE_LABELS[m.role]}: <strong>{m.name}</strong>
              </span>
            ))}
            {members.length ? <span>Team: {members.map((m) => m.name).join(", ")}</span> : null}
            {data.team.length === 0 ? <span>No team named yet</span> : null}
          </p>
        </div>
        <p className="app-one-page__status">
          <StageTag stage={p.stage} /> {data.report ? <RagTag rag={data.report.rag} /> : null}
          <span>{progressLabel(p.progressScore)}</span>
        </p>
      </header>

      <div className="app-one-page__grid">
        <div className="app-one-page__col">
          {shown.has("aim") ? (
            <section>
              <h3>The problem</h3>
              <p className="app-one-page__clamp app-one-page__clamp--5">{p.problem.trim() || "No problem statement yet."}</p>
              <h3>SMART aim</h3>
              <p className="app-one-page__clamp app-one-page__clamp--4">{p.aimWhat.trim() ? aimSentence(p, formatDay) : "No SMART aim yet."}</p>
            </section>
          ) : null}
          {shown.has("drivers") ? <DriversPanel data={data} /> : null}
          {shown.has("asks") ? (
            <section>
              <h3>{SECTION_LABELS.asks}</h3>
              {data.asks.length === 0 ? (
                <p>No open or accepted asks.</p>
              ) : (
                <ul className="app-one-page__list">
                  {data.asks.slice(0, 4).map((a) => (
                    <li key={a.id} className="app-one-page__clamp app-one-page__clamp--2">
                      <strong>{ASK_STATE_LABELS[a.state]}:</strong> {a.what}
                      {a.dueOn ? ` (by ${formatDay(a.dueOn)})` : ""}
                    </li>
                  ))}
                  {data.asks.length > 4 ? <li>and {data.asks.length - 4} more</li> : null}
                </ul>
              )}
            </section>
          ) : null}
          {shown.has("next-steps") ? (
            <section>
              <h3>{SECTION_LABELS["next-steps"]}</h3>
              <p className="app-one-page__clamp app-one-page__clamp--6 app-pre-line">
                {data.report ? data.report.nextSteps.trim() || "The latest status report has no next steps." : "No status report yet."}
              </p>
            </section>
          ) : null}
        </div>

        <section className="app-one-page__measures" aria-label="Measures">
          {data.measures.length === 0 ? <p>No measures to show.</p> : null}
          {data.measures.slice(0, 4).map((m) => (
            <MeasurePanel key={m.id} measure={m} pdsaMarkers={data.pdsaMarkers} iconSize={28} headingLevel="h3" />
          ))}
          {data.measures.length > 4 ? <p>and {plural(data.measures.length - 4, "more measure")}: see the deck.</p> : null}
        </section>

        <div className="app-one-page__col">
          {shown.has("pdsa") ? (
            <section>
              <h3>{SECTION_LABELS.pdsa}</h3>
              {data.cycles.length === 0 ? (
                <p>No PDSA cycles yet.</p>
              ) : (
                groupByChangeIdea(data.cycles).map((ramp) => (
                  <div key={ramp.changeIdeaId} className="app-one-page__ramp">
                    <p className="app-one-page__idea">{ramp.changeIdea}</p>
                    <ol className="app-one-page__cycles">
                      {ramp.cycles.map((c) => (
                        <li key={c.id}>
                          <span className="app-one-page__clamp app-one-page__clamp--1">
                            {c.number}. {c.title}
                          </span>{" "}
                          {c.actDecision ? <PdsaDecisionTag decision={c.actDecision} /> : <PdsaStatusTag status={c.status} />}
                        </li>
                      ))}
                    </ol>
                  </div>
                ))
              )}
            </section>
          ) : null}
          {shown.has("milestones") ? (
            <section>
              <h3>{SECTION_LABELS.milestones}</h3>
              {data.milestones.length === 0 ? (
                <p>No milestones yet.</p>
              ) : (
                <Table
                  caption={SECTION_LABELS.milestones}
                  captionHidden
                  className="app-one-page__table"
                  rows={data.milestones.slice(0, 8)}
                  rowKey={(m) => m.id}
                  columns={[
                    {
                      id: "milestone",
                      header: "Milestone",
                      cell: (m) => <MilestoneCell milestone={m} today={today} />,
                    },
                    { id: "baseline", header: "Baseline", cell: (m) => formatDay(m.baselineDate) },
                    { id: "forecast", header: "Forecast", cell: (m) => formatDay(m.forecastDate) },
                  ]}
                />
              )}
              {data.milestones.length > 8 ? <p>and {plural(data.milestones.length - 8, "more milestone")}.</p> : null}
            </section>
          ) : null}
        </div>
      </div>
    </article>
  );
}

type Milestone = PresentationData["milestones"][number];

function MilestoneCell({ milestone: m, today }: { milestone: Milestone; today: string }) {
  const status = milestoneStatus(m, today);
  return (
    <>
      {m.title}{" "}
      <span className={`app-one-page__ms app-one-page__ms--${status}`}>
        {m.completedOn
          ? `Done ${formatDay(m.completedOn)}`
          : status === "on_track"
            ? MILESTONE_STATUS_LABELS[status]
            : `${MILESTONE_STATUS_LABELS[status]}${slipDays(m) > 0 ? `, ${describeSlip(slipDays(m))}` : ""}`}
      </span>
    </>
  );
}
