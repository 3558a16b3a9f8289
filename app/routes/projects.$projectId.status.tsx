import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useOutlet } from "@remix-run/react";
import { InsetText, Table } from "~/components/nhs";
import { RagTag } from "~/components/tags";
import { daysBetween, formatDay } from "~/web/dates";
import { requireUser } from "~/auth/guards.server";
import { today } from "~/today.server";
import { projectFromUrl } from "~/auth/project-page.server";
import { listStatusReports } from "~/models/status-report.server";
import { useProjectLayout } from "~/routes/projects.$projectId";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Status reports – ${data?.projectTitle ?? "Project"} – Stepping Up` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const { db, projectId, header } = projectFromUrl(params);
  return { projectId, projectTitle: header.title, reports: listStatusReports(db, projectId), today: today() };
}

const ago = (days: number) => (days === 0 ? "today" : days === 1 ? "yesterday" : `${days} days ago`);

function ReportHistory() {
  const { projectId, reports, today } = useLoaderData<typeof loader>();
  const { permissions } = useProjectLayout();
  const base = `/projects/${projectId}/status`;
  const latest = reports[0];

  return (
    <>
      <h2>Status reports</h2>
      <p>
        The team&apos;s highlight report to the programme board: how it is going, what comes next, the risks, and what it needs from the board. Reports are
        never changed once written; a correction is a new report.
      </p>
      {permissions.edit ? (
        <div className="nhsuk-action-link">
          <Link className="nhsuk-action-link__link" to={`${base}/new`}>
            <span className="nhsuk-action-link__text">Write a status report</span>
          </Link>
        </div>
      ) : null}

      {latest ? (
        <>
          <p>
            Latest report <RagTag rag={latest.rag} /> for {formatDay(latest.reportDate)} ({ago(daysBetween(latest.reportDate, today))}).{" "}
            <Link to={`${base}/${latest.id}`}>Read the latest report</Link>
            {permissions.edit ? (
              <>
                {" or "}
                <Link to={`${base}/new?correct=${latest.id}`}>write a correction to it</Link>
              </>
            ) : null}
            .
          </p>
          <div className="app-table-wrap">
            <Table
              caption="History, newest first"
              captionSize="m"
              rows={reports}
              rowKey={(r) => r.id}
              columns={[
                {
                  id: "date",
                  header: "Reporting date",
                  cell: (r) => (
                    <Link to={`${base}/${r.id}`}>
                      {formatDay(r.reportDate)}
                      <span className="nhsuk-u-visually-hidden"> report, read in full</span>
                    </Link>
                  ),
                },
                { id: "rag", header: "RAG", cell: (r) => <RagTag rag={r.rag} /> },
                {
                  id: "reason",
                  header: "Reason for the rating",
                  cell: (r) => r.ragReason || <span className="app-muted">None given</span>,
                  cellClassName: "app-pre-line",
                },
                { id: "asks", header: "Asks", cell: (r) => r.asks },
                { id: "author", header: "Written by", cell: (r) => r.authorName ?? "—" },
              ]}
            />
          </div>
        </>
      ) : (
        <InsetText>
          <p>
            No status reports yet.{" "}
            {permissions.edit
              ? "Write the first one: a RAG rating with its reason, progress, next steps, risks, and any asks of the board."
              : "The project team writes them for the programme board."}
          </p>
        </InsetText>
      )}
      <p>
        <Link to={`/projects/${projectId}/asks`}>Asks of this project</Link>
        {permissions.edit ? " (you can also raise an ask there without writing a report)" : ""}
      </p>
    </>
  );
}

/** The history, or a single report or the new-report form when the URL names one. */
export default function StatusRoute() {
  const outlet = useOutlet();
  return outlet ?? <ReportHistory />;
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
