import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { InsetText, Table, type TableColumn } from "~/components/nhs";
import { getDb } from "~/db.server";
import { describeWaveClock, waveClock } from "~/domain/wave-clock";
import { formatDay } from "~/web/dates";
import { requireUser } from "~/auth/guards.server";
import { today as getToday } from "~/today.server";
import { freshProgramme } from "~/models/programme.server";
import { compareWaves, listWaves } from "~/models/wave.server";
import { waveLabel } from "~/domain/wave-label";

export const meta: MetaFunction = () => [{ title: "Waves – Stepping Up" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const db = getDb();
  const today = getToday();
  const programme = freshProgramme(db, today);
  const stats = compareWaves(db, programme.id);
  return {
    waves: listWaves(db, programme.id).map((w) => ({
      ...w,
      clock: describeWaveClock(waveClock(w.startsOn, w.endsOn, today)),
      stats: stats.find((st) => st.waveId === w.id) ?? null,
    })),
  };
}

const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : "—");

type Wave = ReturnType<typeof useLoaderData<typeof loader>>["waves"][number];

const count = (w: Wave) => w.stats?.projects ?? 0;

const WAVE_COLUMNS: TableColumn<Wave>[] = [
  {
    id: "wave",
    header: "Wave",
    rowHeader: true,
    cell: (w) => (
      <>
        <Link to={`/waves/${w.id}`}>{waveLabel(w.number, w.name)}</Link>
      </>
    ),
  },
  { id: "dates", header: "Dates", cell: (w) => `${formatDay(w.startsOn)} to ${formatDay(w.endsOn)}` },
  { id: "clock", header: "Clock", cell: (w) => w.clock },
  { id: "projects", header: "Projects", numeric: true, cell: count },
  { id: "pdsa", header: "PDSA cycles", numeric: true, cell: (w) => w.stats?.pdsaCycles ?? 0 },
  {
    id: "improving",
    header: "With special-cause improvement",
    numeric: true,
    cell: (w) => percent(w.stats?.withImprovement ?? 0, count(w)),
  },
  {
    id: "closed",
    header: "Closed or sustaining",
    numeric: true,
    cell: (w) => percent(w.stats?.closedOrSustaining ?? 0, count(w)),
  },
  { id: "attention", header: "Need attention", numeric: true, cell: (w) => w.stats?.needAttention ?? 0 },
];

export default function Waves() {
  const { waves } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Waves</h1>
      <p className="nhsuk-lede-text">
        Cohorts of staff-led projects that start together, support each other for about 20 weeks and share their results, as in Listening into Action.
      </p>
      {waves.length === 0 ? (
        <InsetText>
          <p>No waves yet. An administrator can add them in programme set-up.</p>
        </InsetText>
      ) : (
        <>
          <Table caption="Waves compared" scroll columns={WAVE_COLUMNS} rows={waves} rowKey={(w) => w.id} />
          <p>
            <Link to="/waves/compare">Compare waves: teams, people, PDSA cycles, quick wins and the Pulse Check</Link>
          </p>
        </>
      )}
    </>
  );
}
