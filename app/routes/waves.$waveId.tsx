import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BoardRollup } from "~/components/board/rollup";
import { BoardTable } from "~/components/board/board-table";
import { Breadcrumbs } from "~/components/layout";
import { getDb } from "~/db.server";
import { canGovern } from "~/domain/permissions";
import { describeWaveClock, waveClock } from "~/domain/wave-clock";
import { parseBoardQuery } from "~/web/board-query.server";
import { formatDay, lastTwelveMonths } from "~/web/dates";
import { notFound, parseId, requireUser } from "~/auth/guards.server";
import { today as getToday } from "~/today.server";
import { boardRollup, listBoardPage } from "~/models/board.server";
import { freshProgramme } from "~/models/programme.server";
import { getWave } from "~/models/wave.server";
import { waveLabel } from "~/domain/wave-label";
import { WavePulsePanel } from "~/components/wave-pulse-panel";
import { wavePulseSummary } from "~/models/pulse.server";
import { WaveCohortSection } from "~/components/wave-cohort-section";
import { canRunWave } from "~/domain/cohort";
import { waveCohortView } from "~/models/cohort.server";

export const handle = { wide: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? `Wave ${data.wave.number}` : "Wave"} – Stepping Up` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const today = getToday();
  const programme = freshProgramme(db, today);
  const wave = getWave(db, programme.id, parseId(params.waveId, "wave"));
  if (!wave) notFound("wave");
  const search = new URL(request.url).searchParams;
  search.set("wave", String(wave.id));
  search.set("size", "100");
  const query = parseBoardQuery(search);
  const months = lastTwelveMonths(today);
  return {
    wave,
    clock: describeWaveClock(waveClock(wave.startsOn, wave.endsOn, today)),
    query,
    today,
    months,
    rollup: boardRollup(db, programme.id, query, today),
    canAssess: canGovern(user),
    pulse: wavePulseSummary(db, programme.id, wave.id, today),
    cohort: { ...waveCohortView(db, programme.id, wave.id), canRun: canRunWave(user) },
    ...listBoardPage(db, programme.id, query),
  };
}

export default function WavePage() {
  const { wave, clock, query, today, months, rollup, canAssess, rows, total, groups, pulse, cohort } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs items={[{ to: "/waves", label: "Waves" }]} />
      <h1>{waveLabel(wave.number, wave.name)}</h1>
      <p className="nhsuk-lede-text">
        {formatDay(wave.startsOn)} to {formatDay(wave.endsOn)} · <strong>{clock}</strong>
      </p>
      <WaveCohortSection waveId={wave.id} cohort={cohort} today={today} />
      <BoardRollup rollup={rollup} months={months} total={total} />
      <WavePulsePanel campaigns={pulse} />
      <h2 className="nhsuk-heading-m">Projects in this wave</h2>
      {rows.length === 0 ? (
        <p>
          No projects in this wave yet. Projects join a wave from their charter. <Link to="/board">See the whole board</Link>.
        </p>
      ) : (
        <BoardTable rows={rows} groups={groups} query={query} today={today} canAssess={canAssess} />
      )}
    </>
  );
}
