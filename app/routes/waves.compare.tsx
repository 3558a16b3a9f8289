import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BackLink, InsetText, Table, type TableColumn } from "~/components/nhs";
import { WaveCompareChart } from "~/components/wave-compare-chart";
import { getDb } from "~/db.server";
import { describePulseChange, WAVE_FIGURES, type WaveComparisonRow } from "~/domain/wave-compare";
import { requireUser } from "~/auth/guards.server";
import { freshProgramme } from "~/models/programme.server";
import { waveComparison } from "~/models/wave-compare.server";
import { today as getToday } from "~/today.server";
import { formatDay } from "~/web/dates";

export const meta: MetaFunction = () => [{ title: "Compare waves – Stepping Up" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const db = getDb();
  const today = getToday();
  const programme = freshProgramme(db, today);
  return { waves: waveComparison(db, programme.id, today) };
}

const COLUMNS: TableColumn<WaveComparisonRow>[] = [
  {
    id: "wave",
    header: "Wave",
    rowHeader: true,
    cell: (w) => (
      <>
        <Link to={`/waves/${w.id}`}>{w.label}</Link>
        <br />
        <span className="nhsuk-body-s">
          {formatDay(w.startsOn)} to {formatDay(w.endsOn)}
        </span>
      </>
    ),
  },
  ...WAVE_FIGURES.map((f) => ({
    id: f.id,
    header: f.label,
    numeric: true,
    cell: (w: WaveComparisonRow) => (f.id === "improving" ? `${f.value(w)} of ${w.measures}` : f.value(w)),
  })),
  { id: "pulse", header: "Pulse Check change", cell: (w) => describePulseChange(w.pulse) },
];

export default function CompareWaves() {
  const { waves } = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to="/waves">Waves</BackLink>
      <h1>Compare waves</h1>
      <p className="nhsuk-lede-text">Each wave&apos;s teams, people and results side by side.</p>
      {waves.length === 0 ? (
        <InsetText>
          <p>No waves yet. An administrator can add them in programme set-up.</p>
        </InsetText>
      ) : (
        <>
          <WaveCompareChart waves={waves} />
          <Table caption="Waves compared" scroll columns={COLUMNS} rows={waves} rowKey={(w) => w.id} />
          <p>
            <a href="/waves/compare.csv" download>
              Download these figures (CSV)
            </a>
          </p>
          <h2>How the figures are counted</h2>
          <ul>
            <li>Teams: the projects in the wave.</li>
            <li>People involved: everyone who has been a member of one of the wave&apos;s teams, counted once.</li>
            <li>
              PDSA cycles: cycles the wave&apos;s teams started between the wave&apos;s first and last day, so that a finished wave and one still running are
              compared over the same weeks.
            </li>
            <li>
              Measures showing special-cause improvement: the measures whose SPC icon on the board shows special-cause improvement, of all the teams&apos;
              measures.
            </li>
            <li>Quick wins: the teams&apos; confirmed wins dated within the wave.</li>
            <li>
              Pulse Check change: the wave&apos;s latest closed follow-up against its baseline, % agreeing averaged over the statements. Shown only when both
              have at least 10 answers; otherwise &ldquo;Not enough answers&rdquo;.
            </li>
          </ul>
        </>
      )}
    </>
  );
}
