// The cohort on the wave's page (ADR 110): sponsor and champions beside the timeline of events,
// then each team's mission, quick wins and outcome stories, and the way to the Pass it On booklet.
import { Link } from "@remix-run/react";
import { WavePeople, WaveTeams, WaveTimeline, type TeamSummary, type TimelineEvent } from "~/components/wave-cohort";

export type WaveCohortData = {
  sponsorName: string | null;
  champions: readonly { userId: number; name: string; jobTitle: string }[];
  events: readonly TimelineEvent[];
  teams: readonly TeamSummary[];
  canRun: boolean;
};

export function WaveCohortSection({ waveId, cohort, today }: { waveId: number; cohort: WaveCohortData; today: string }) {
  return (
    <>
      <div className="nhsuk-grid-row">
        <section className="nhsuk-grid-column-one-third" aria-labelledby="wave-people">
          <h2 className="nhsuk-heading-m" id="wave-people">
            Sponsor and champions
          </h2>
          <WavePeople sponsorName={cohort.sponsorName} champions={cohort.champions} />
        </section>
        <section className="nhsuk-grid-column-two-thirds" aria-labelledby="wave-timeline">
          <h2 className="nhsuk-heading-m" id="wave-timeline">
            Timeline
          </h2>
          <WaveTimeline events={cohort.events} today={today} editBase={cohort.canRun ? `/waves/${waveId}/events` : null} />
        </section>
      </div>
      <p>
        {cohort.canRun ? (
          <>
            <Link to={`/waves/${waveId}/cohort`}>Set the sponsor and champions, and log events</Link>
            {" · "}
          </>
        ) : null}
        <Link to={`/waves/${waveId}/pass-it-on`}>Pass it On: every team on a page</Link>
      </p>
      {cohort.teams.length ? (
        <>
          <h2 className="nhsuk-heading-m">Teams: missions, quick wins and stories</h2>
          <WaveTeams teams={cohort.teams} />
        </>
      ) : null}
    </>
  );
}
