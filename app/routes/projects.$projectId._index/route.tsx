import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { MILESTONE_STATUS_LABELS, milestoneStatus, slipDays } from "~/domain/milestone-rules";
import { Link, useLoaderData } from "@remix-run/react";
import { ProgressChart } from "~/components/progress-chart";
import { RagTag } from "~/components/tags";
import { getDb } from "~/db.server";
import { availableActions, listOfLeads, missingRequiredLeads, smartAimWarning } from "~/domain/charter-rules";
import { LEAD_ROLES } from "~/domain/enums";
import {
  ASK_STATE_LABELS,
  FREQUENCY_LABELS,
  IMPROVEMENT_LABELS,
  MEASURE_TYPE_LABELS,
  MEASURE_UNIT_LABELS,
  PDSA_DECISION_LABELS,
  PDSA_STATUS_LABELS,
  progressLabel,
  TEAM_ROLE_LABELS,
} from "~/domain/labels";
import { formatDateTime, formatDay } from "~/web/dates";
import { notFound, parseId, requireUser } from "~/auth/guards.server";
import { today } from "~/today.server";
import { listProjectActivity } from "~/models/audit.server";
import { listProgressScores } from "~/models/progress.server";
import {
  getLatestStatusReport,
  getProjectCharter,
  listProjectAsks,
  listProjectCycles,
  listProjectMeasures,
  listProjectMilestones,
  listProjectTeam,
} from "~/models/project.server";
import { useProjectLayout } from "~/routes/projects.$projectId";
import { CharterSummary, orNone, Row } from "./charter-summary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.charter.project.title ?? "Project"} – Stepping Up` },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const projectId = parseId(params.projectId, "project");
  const db = getDb();
  const charter = getProjectCharter(db, projectId);
  if (!charter) notFound("project");
  return {
    charter,
    team: listProjectTeam(db, projectId),
    cycles: listProjectCycles(db, projectId),
    milestones: listProjectMilestones(db, projectId),
    measures: listProjectMeasures(db, projectId),
    asks: listProjectAsks(db, projectId),
    latestReport: getLatestStatusReport(db, projectId) ?? null,
    activity: listProjectActivity(db, projectId, 15),
    scores: listProgressScores(db, projectId),
    today: today(),
  };
}

export default function ProjectPage() {
  const { charter, team, cycles, milestones, measures, asks, latestReport, activity, scores, today } =
    useLoaderData<typeof loader>();
  const { permissions } = useProjectLayout();
  const p = charter.project;
  const currentTeam = team.filter((m) => !m.endedAt);
  const pastTeam = team.filter((m) => m.endedAt);
  const aimWarning = smartAimWarning(p);
  const missingLeads = missingRequiredLeads(currentTeam.map((m) => m.role));
  const decisions = availableActions(p.stage, permissions);
  const latestScore = scores.length ? scores[scores.length - 1] : null;

  return (
    <>
      {latestReport ? (
        <p>
          Latest status report <RagTag rag={latestReport.rag} /> on {formatDay(latestReport.reportDate)}
        </p>
      ) : null}
      {p.stageReason && (p.stage === "stopped" || p.stage === "declined") ? (
        <div className="nhsuk-inset-text">
          <p>
            <strong>Reason {p.stage === "stopped" ? "stopped" : "declined"}:</strong> {p.stageReason}
          </p>
        </div>
      ) : null}

      <nav aria-label="Project actions" className="nhsuk-u-margin-bottom-4">
        <ul className="nhsuk-list">
          <li>
            <Link to="present">Present this project</Link>
            {permissions.edit ? (
              <>
                {" "}
                (<Link to="present/settings">choose the slides</Link>)
              </>
            ) : null}
          </li>
          <li>
            <Link to="one-page">Print the project on a page</Link>
          </li>
          {permissions.edit || permissions.govern ? (
            <>
            {permissions.edit ? (
              <li>
                <Link to="edit">Edit the charter</Link>
              </li>
            ) : null}
            {permissions.manageTeam ? (
              <li>
                <Link to="team">Change the team</Link>
              </li>
            ) : null}
            {permissions.edit ? (
              <li>
                <Link to="progress">Update the progress score</Link>
              </li>
            ) : null}
            {decisions.length ? (
              <li>
                <Link to="decision">
                  {p.stage === "proposed" ? "Approve or decline the proposal" : "Decisions: change the stage"}
                </Link>
              </li>
            ) : null}
            </>
          ) : null}
        </ul>
      </nav>
      {p.stage === "proposed" && permissions.govern && missingLeads.length ? (
        <div className="nhsuk-inset-text">
          <p>
            This proposal needs {listOfLeads(missingLeads)} before it can be approved: name them when you approve it.
          </p>
        </div>
      ) : null}

      <CharterSummary charter={charter} aimWarning={aimWarning} canEdit={permissions.edit} />

      <h2>Team</h2>
      {currentTeam.length === 0 ? (
        <p className="app-muted">
          No team yet. A project needs an executive, operational and clinical lead before approval.
          {permissions.manageTeam ? <> <Link to="team">Name the team</Link>.</> : null}
        </p>
      ) : (
        <dl className="nhsuk-summary-list">
          {LEAD_ROLES.map((role) => {
            const holder = currentTeam.find((m) => m.role === role);
            return (
              <Row key={role} label={TEAM_ROLE_LABELS[role]}>
                {holder ? `${holder.name}${holder.jobTitle ? `, ${holder.jobTitle}` : ""}` : orNone(null, "Not assigned")}
              </Row>
            );
          })}
          <Row label="Team members">
            {currentTeam.filter((m) => m.role === "member").map((m) => m.name).join(", ") || orNone(null, "None")}
          </Row>
        </dl>
      )}
      {pastTeam.length ? (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Team history ({pastTeam.length} earlier)</span>
          </summary>
          <div className="nhsuk-details__text app-table-wrap">
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Earlier leads and members</caption>
              <thead className="nhsuk-table__head">
                <tr>
                  <th scope="col">Role</th>
                  <th scope="col">Person</th>
                  <th scope="col">From</th>
                  <th scope="col">Until</th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {[...pastTeam]
                  .sort((a, b) => new Date(b.endedAt!).getTime() - new Date(a.endedAt!).getTime())
                  .map((m) => (
                    <tr key={m.id}>
                      <td>{TEAM_ROLE_LABELS[m.role]}</td>
                      <td>{m.name}</td>
                      <td>{formatDateTime(m.startedAt)}</td>
                      <td>{formatDateTime(m.endedAt)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}

      <h2>Progress score</h2>
      {latestScore ? (
        <>
          <p>
            <strong>{progressLabel(latestScore.score)}</strong> since {formatDateTime(latestScore.at)}, by{" "}
            {latestScore.byName ?? "unknown"}: <span className="app-pre-line">{latestScore.evidence}</span>
          </p>
          <ProgressChart points={scores} until={today} />
        </>
      ) : (
        <p className="app-muted">
          No progress score yet.
          {permissions.edit ? <> <Link to="progress">Record the first score with its evidence</Link>.</> : null}
        </p>
      )}

      <h2>PDSA cycles</h2>
      {cycles.length === 0 ? (
        <p className="app-muted">No PDSA cycles yet.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">PDSA cycles</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Cycle</th>
              <th scope="col">Change idea</th>
              <th scope="col">Status</th>
              <th scope="col">Dates</th>
              <th scope="col">Decision</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {cycles.map((c) => (
              <tr key={c.id}>
                <td>
                  {c.number}. {c.title}
                </td>
                <td>{c.changeIdea}</td>
                <td>{PDSA_STATUS_LABELS[c.status]}</td>
                <td>
                  {formatDay(c.startDate)}
                  {c.endDate ? ` to ${formatDay(c.endDate)}` : ""}
                </td>
                <td>{c.actDecision ? PDSA_DECISION_LABELS[c.actDecision] : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Milestones</h2>
      {milestones.length === 0 ? (
        <p className="app-muted">No milestones yet.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Milestones</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Milestone</th>
              <th scope="col">Owner</th>
              <th scope="col">Baseline</th>
              <th scope="col">Forecast</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {milestones.map((m) => {
              const slip = slipDays(m);
              const status = milestoneStatus(m, today);
              return (
                <tr key={m.id}>
                  <td>{m.title}</td>
                  <td>{m.owner || "—"}</td>
                  <td>{formatDay(m.baselineDate)}</td>
                  <td>
                    {formatDay(m.forecastDate)}
                    {slip > 0 ? ` (slipped ${slip} days)` : ""}
                  </td>
                  <td>
                    {m.completedOn ? (
                      `Done ${formatDay(m.completedOn)}`
                    ) : status === "overdue" ? (
                      <strong className="nhsuk-tag nhsuk-tag--red">{MILESTONE_STATUS_LABELS.overdue}</strong>
                    ) : (
                      MILESTONE_STATUS_LABELS[status]
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <h2>Measures of improvement</h2>
      {measures.length === 0 ? (
        <p className="app-muted">No measures yet.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Measures</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Measure</th>
              <th scope="col">Type</th>
              <th scope="col">Direction</th>
              <th scope="col">Target</th>
              <th scope="col">Data</th>
              <th scope="col">Latest</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {measures.map((m) => (
              <tr key={m.id}>
                <td>
                  {m.name}
                  {m.isPrimary ? <strong className="nhsuk-tag nhsuk-tag--blue nhsuk-u-margin-left-2">Primary</strong> : null}
                </td>
                <td>{MEASURE_TYPE_LABELS[m.type]}</td>
                <td>{IMPROVEMENT_LABELS[m.improvement]}</td>
                <td>{m.target === null ? "—" : `${m.target}${MEASURE_UNIT_LABELS[m.unit] === "%" ? "%" : ""}`}</td>
                <td>
                  {m.points} points, {FREQUENCY_LABELS[m.frequency].toLowerCase()}
                </td>
                <td>
                  {m.latestValue === null ? "—" : `${m.latestValue} on ${formatDay(m.latestDate)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Asks of the board</h2>
      {asks.length === 0 ? (
        <p className="app-muted">No asks raised.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--border">
          {asks.map((a) => (
            <li key={a.id}>
              <strong className="nhsuk-tag nhsuk-tag--grey">{ASK_STATE_LABELS[a.state]}</strong>{" "}
              <span className="app-pre-line">{a.what}</span> — to {a.addressee === "board" ? "the programme board" : a.addresseeName}
              {a.dueOn ? `, by ${formatDay(a.dueOn)}` : ""}
              {a.response ? <p className="app-pre-line nhsuk-u-margin-bottom-0">Response: {a.response}</p> : null}
            </li>
          ))}
        </ul>
      )}

      <h2>Recent activity</h2>
      {activity.length === 0 ? (
        <p className="app-muted">No recorded changes yet.</p>
      ) : (
        <ul className="nhsuk-list">
          {activity.map((e) => (
            <li key={e.id}>
              {formatDateTime(e.at)} — {e.userName ?? e.actorEmail ?? "System"}: {e.summary}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/projects">Back to all projects</Link>
      </p>
    </>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
