import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { WinList } from "~/components/win-list";
import { getDb } from "~/db.server";
import { requireUser } from "~/auth/guards.server";
import { getProgramme } from "~/models/programme.server";
import { listRecentWins } from "~/models/win.server";

export const meta: MetaFunction = () => [{ title: "Wins – Stepping Up" }];

/** Enough for a programme's history on one page; older wins stay on each project's page. */
const LIMIT = 200;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const db = getDb();
  const programme = getProgramme(db);
  return { programmeName: programme.name, wins: listRecentWins(db, programme.id, LIMIT), limit: LIMIT };
}

export default function Wins() {
  const { programmeName, wins, limit } = useLoaderData<typeof loader>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <span className="nhsuk-caption-l">{programmeName}</span>
        <h1>Wins</h1>
        <p>What the programme&apos;s teams have achieved, newest first, each linked to its evidence.</p>
        <p>
          <Link to="/wins/newsletter">This month in Stepping Up</Link>: a month&apos;s wins by division or theme, to print for notice boards and the trust
          newsletter.
        </p>
        {wins.length ? (
          <>
            <WinList wins={wins} showProject headingLevel={2} />
            {wins.length === limit ? <p className="app-muted">Showing the latest {limit} wins. Each project&apos;s Wins page lists all of its own.</p> : null}
          </>
        ) : (
          <p className="app-muted">
            No wins yet. When a measure improves, a milestone is completed or a change is adopted, the project team confirms the win on its project&apos;s Wins
            page. <Link to="/projects">Go to the projects</Link>.
          </p>
        )}
      </div>
    </div>
  );
}
