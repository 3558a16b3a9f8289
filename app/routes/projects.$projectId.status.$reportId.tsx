import { InsetText } from "~/components/nhs";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { AskStateTag } from "~/components/ask";
import { RagTag } from "~/components/tags";
import { getDb } from "~/db.server";
import { formatDateTime, formatDay } from "~/web/dates";
import { notFound, parseId, requireUser } from "~/auth/guards.server";
import { listReportAsks } from "~/models/ask.server";
import { getStatusReport, listStatusReports } from "~/models/status-report.server";
import { useProjectLayout } from "~/routes/projects.$projectId";
import { Comments } from "~/components/comments";
import { commentsData } from "~/models/comment.server";
import { nowMs } from "~/clock.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Status report for ${formatDay(data?.report.reportDate) || "?"} – Stepping Up` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const projectId = parseId(params.projectId, "project");
  const db = getDb();
  const report = getStatusReport(db, projectId, parseId(params.reportId, "report"));
  if (!report) notFound("report");
  const latest = listStatusReports(db, projectId)[0];
  return {
    projectId,
    report,
    asks: listReportAsks(db, report.id),
    isLatest: latest?.id === report.id,
    comments: commentsData(db, user, { projectId, target: "status_report", targetId: report.id, now: nowMs() }),
  };
}

/** Reports are append-only: there is nothing to post here. */
export async function action({ request, context }: ActionFunctionArgs) {
  await requireUser(request, context);
  throw new Response("A status report cannot be changed once it is written. To put something right, write a correction.", {
    status: 405,
    headers: { Allow: "GET" },
  });
}

function Section({ title, text, none = "None recorded" }: { title: string; text: string; none?: string }) {
  return (
    <>
      <h3>{title}</h3>
      {text ? <p className="app-pre-line">{text}</p> : <p className="app-muted">{none}</p>}
    </>
  );
}

export default function StatusReportPage() {
  const { projectId, report, asks, isLatest, comments } = useLoaderData<typeof loader>();
  const { permissions } = useProjectLayout();
  const [params] = useSearchParams();
  const base = `/projects/${projectId}/status`;

  return (
    <>
      <p className="nhsuk-u-margin-bottom-2">
        <Link to={base}>All status reports</Link>
      </p>
      {params.has("written") ? (
        <InsetText role="status">
          <p>
            Status report saved
            {asks.length ? `, with ${asks.length} ${asks.length === 1 ? "ask" : "asks"} for the board to answer` : ""}.
          </p>
        </InsetText>
      ) : null}
      <article className="app-record">
        <h2 className="nhsuk-u-margin-bottom-2">
          Status report for {formatDay(report.reportDate)} <RagTag rag={report.rag} />
        </h2>
        <p className="app-record__meta">
          Written by {report.authorName ?? "someone no longer on record"} on {formatDateTime(report.createdAt)}
        </p>
        <Section title="Reason for the rating" text={report.ragReason} none="None given (a green rating needs no reason)" />
        <Section title="Progress since the last report" text={report.progress} />
        <Section title="Next steps" text={report.nextSteps} />
        <Section title="Risks and issues" text={report.risks} />
        <h3>Asks of the board</h3>
        {asks.length === 0 ? (
          <p className="app-muted">No asks were raised in this report.</p>
        ) : (
          <ul className="nhsuk-list nhsuk-list--border">
            {asks.map((a) => (
              <li key={a.id}>
                <AskStateTag state={a.state} /> <span className="app-pre-line">{a.what}</span> — to{" "}
                {a.addressee === "board" ? "the programme board" : a.addresseeName}
                {a.dueOn ? `, by ${formatDay(a.dueOn)}` : ""}
                {a.response ? (
                  <p className="app-pre-line nhsuk-u-margin-bottom-0">
                    Response{a.answeredByName ? ` from ${a.answeredByName}` : ""}: {a.response}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </article>
      {permissions.edit && isLatest ? (
        <p>
          Something wrong in this report? <Link to={`${base}/new?correct=${report.id}`}>Write a correction</Link> (it is saved as a new report; this one stays
          as it was).
        </p>
      ) : null}
      <Comments {...comments} />
    </>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
