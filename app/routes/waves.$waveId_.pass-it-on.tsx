// Pass it On (ADR 112): at the wave's end, every team's one-page summary, printable as a booklet
// (one team to a sheet of A4), handing the baton to the next wave's teams.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Breadcrumbs } from "~/components/layout";
import { InsetText } from "~/components/nhs";
import { useMeasureResult, type DeckMeasure } from "~/components/present/measure-panel";
import { AssuranceIcon, VariationIcon } from "~/components/spc";
import { StageTag } from "~/components/tags";
import { getDb } from "~/db.server";
import { TEAM_ROLE_LABELS } from "~/domain/labels";
import { PERIOD_NOUNS, unitSuffix } from "~/domain/measure-periods";
import { plural } from "~/domain/plural";
import { describeResult } from "~/domain/spc";
import { waveLabel } from "~/domain/wave-label";
import { notFound, parseId, requireUser } from "~/auth/guards.server";
import { formatDay } from "~/web/dates";
import { aimSentence } from "~/web/presentation";
import { passItOn } from "~/models/cohort.server";
import { getProgramme } from "~/models/programme.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? `Pass it On: wave ${data.wave.number}` : "Pass it On"} – Stepping Up` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const db = getDb();
  return passItOn(db, getProgramme(db).id, parseId(params.waveId, "wave")) ?? notFound("wave");
}

function PrintButton() {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button type="button" className="nhsuk-button nhsuk-u-margin-bottom-3" onClick={() => window.print()}>
      Print the booklet
    </button>
  );
}

function LatestMeasure({ measure: m }: { measure: DeckMeasure }) {
  const { result } = useMeasureResult(m);
  if (result.n === 0) return <p>{m.name}: no data yet.</p>;
  const assuranceNone = m.improvement === "neutral" ? "No assurance: neutral measure" : m.target === null ? "No assurance: no target" : "No assurance yet";
  return (
    <div className="app-pass-it-on__measure">
      <p className="nhsuk-u-margin-bottom-1">
        <strong>{m.name}</strong>
      </p>
      <div className="app-pass-it-on__icons">
        <VariationIcon icon={result.variation_icon} size={40} showLabel />
        <AssuranceIcon icon={result.assurance_icon} size={40} showLabel noneText={assuranceNone} />
      </div>
      <p>{describeResult(result, { unitLabel: unitSuffix(m), periodWord: PERIOD_NOUNS[m.frequency].many })}</p>
    </div>
  );
}

export default function PassItOn() {
  const { wave, events, teams, next } = useLoaderData<typeof loader>();
  const label = waveLabel(wave.number, wave.name);
  const baton = next ? (
    next.teams.length ? (
      <>
        Handing the baton to <Link to={`/waves/${next.id}`}>{waveLabel(next.number, next.name)}</Link>: {next.teams.map((t) => t.title).join("; ")}.
      </>
    ) : (
      <>
        Handing the baton to <Link to={`/waves/${next.id}`}>{waveLabel(next.number, next.name)}</Link>, whose teams are still to join.
      </>
    )
  ) : (
    "No later wave yet: the baton waits for the next one."
  );
  return (
    <>
      <div className="app-no-print">
        <Breadcrumbs
          items={[
            { to: "/waves", label: "Waves" },
            { to: `/waves/${wave.id}`, label },
          ]}
        />
      </div>
      <div className="app-pass-it-on">
        <header className="app-pass-it-on__cover">
          <span className="nhsuk-caption-l">{label}</span>
          <h1>Pass it On</h1>
          <p className="nhsuk-lede-text">
            {plural(teams.length, "team")} · {formatDay(wave.startsOn)} to {formatDay(wave.endsOn)}
            {wave.sponsorName ? ` · Executive sponsor ${wave.sponsorName}` : ""}
          </p>
          {events.map((event) => (
            <p key={event.id}>
              {event.title}, {formatDay(event.heldOn)}
              {event.attendance !== null ? ` · ${plural(event.attendance, "person", "people")} attended` : ""}
            </p>
          ))}
          <p className="app-pass-it-on__baton">{baton}</p>
          <div className="app-no-print">
            <p>Print the booklet, or save it as a PDF, from your browser's print command: each team prints on its own sheet of A4.</p>
            <PrintButton />
          </div>
        </header>
        {teams.length === 0 ? (
          <InsetText>
            <p>No teams in this wave yet. Projects join a wave from their charter.</p>
          </InsetText>
        ) : null}
        {teams.map((t) => {
          const leads = t.team.filter((m) => m.role !== "member");
          const members = t.team.filter((m) => m.role === "member");
          return (
            <article key={t.id} className="app-pass-it-on__team" aria-labelledby={`team-${t.id}`}>
              <p className="app-pass-it-on__kicker">
                {label} · <StageTag stage={t.project.stage} />
              </p>
              <h2 id={`team-${t.id}`}>
                <Link to={`/projects/${t.id}/wave`}>{t.title}</Link>
              </h2>
              <p>
                {leads.map((m) => `${TEAM_ROLE_LABELS[m.role]}: ${m.name}`).join(" · ") || "No leads named"}
                {members.length ? ` · Team: ${members.map((m) => m.name).join(", ")}` : ""}
              </p>
              <h3>Mission</h3>
              <p className="app-pre-line">{t.mission || "No mission recorded."}</p>
              <h3>SMART aim</h3>
              <p>{t.project.aimWhat.trim() ? aimSentence(t.project, formatDay) : "No SMART aim yet."}</p>
              <div className="app-pass-it-on__grid">
                <section aria-labelledby={`team-${t.id}-wins`}>
                  <h3 id={`team-${t.id}-wins`}>Quick wins</h3>
                  {t.quickWins.length ? (
                    <ul>
                      {t.quickWins.map((q) => (
                        <li key={q.winId}>{q.title}</li>
                      ))}
                    </ul>
                  ) : (
                    <p>No quick wins recorded.</p>
                  )}
                </section>
                <section aria-labelledby={`team-${t.id}-measure`}>
                  <h3 id={`team-${t.id}-measure`}>Measure</h3>
                  {t.measure ? <LatestMeasure measure={t.measure} /> : <p>No measures yet.</p>}
                  <p>
                    <strong>{plural(t.pdsaCycles, "PDSA cycle")}</strong>
                  </p>
                </section>
              </div>
              <h3>Outcome stories</h3>
              {t.stories.length ? (
                t.stories.map((s) => (
                  <div key={s.id} className="app-pass-it-on__story">
                    <h4>{s.title}</h4>
                    <p className="app-pre-line">{s.story}</p>
                  </div>
                ))
              ) : (
                <p>No outcome stories recorded.</p>
              )}
            </article>
          );
        })}
      </div>
    </>
  );
}
