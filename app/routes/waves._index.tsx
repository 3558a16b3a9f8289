import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { describeWaveClock, waveClock } from "~/domain/wave-clock";
import { formatDay } from "~/web/dates";
import { requireUser } from "~/auth/guards.server";
import { today as getToday } from "~/today.server";
import { getProgramme } from "~/models/programme.server";
import { ensureSummariesFresh } from "~/models/summary.server";
import { compareWaves, listWaves } from "~/models/wave.server";

export const meta: MetaFunction = () => [{ title: "Waves – Stepping Up" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const db = getDb();
  const programme = getProgramme(db);
  const today = getToday();
  ensureSummariesFresh(db, programme.id, today);
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

export default function Waves() {
  const { waves } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Waves</h1>
      <p className="nhsuk-lede-text">
        Cohorts of staff-led projects that start together, support each other for about 20 weeks and share their
        results, as in Listening into Action.
      </p>
      {waves.length === 0 ? (
        <div className="nhsuk-inset-text">
          <p>No waves yet. An administrator can add them in programme set-up.</p>
        </div>
      ) : (
        <div className="app-table-wrap">
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption">Waves compared</caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">Wave</th>
                <th scope="col">Dates</th>
                <th scope="col">Clock</th>
                <th scope="col" className="nhsuk-table__header--numeric">Projects</th>
                <th scope="col" className="nhsuk-table__header--numeric">PDSA cycles</th>
                <th scope="col" className="nhsuk-table__header--numeric">With special-cause improvement</th>
                <th scope="col" className="nhsuk-table__header--numeric">Closed or sustaining</th>
                <th scope="col" className="nhsuk-table__header--numeric">Need attention</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {waves.map((w) => {
                const n = w.stats?.projects ?? 0;
                return (
                  <tr key={w.id}>
                    <th scope="row">
                      <Link to={`/waves/${w.id}`}>Wave {w.number}</Link>
                      {w.name && w.name !== `Wave ${w.number}` ? <span className="nhsuk-body-s app-muted"><br />{w.name}</span> : null}
                    </th>
                    <td>
                      {formatDay(w.startsOn)} to {formatDay(w.endsOn)}
                    </td>
                    <td>{w.clock}</td>
                    <td className="nhsuk-table__cell--numeric">{n}</td>
                    <td className="nhsuk-table__cell--numeric">{w.stats?.pdsaCycles ?? 0}</td>
                    <td className="nhsuk-table__cell--numeric">{percent(w.stats?.withImprovement ?? 0, n)}</td>
                    <td className="nhsuk-table__cell--numeric">{percent(w.stats?.closedOrSustaining ?? 0, n)}</td>
                    <td className="nhsuk-table__cell--numeric">{w.stats?.needAttention ?? 0}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
