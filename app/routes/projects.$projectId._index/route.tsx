import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { MILESTONE_STATUS_LABELS, milestoneStatus, slipDays } from "~/domain/milestone-rules";
import { Link, useLoaderData } from "@remix-run/react";
import { ProgressChart } from "~/components/progress-chart";
import { Details, InsetText, SummaryList, Table, Tag } from "~/components/nhs";
import { RagTag } from "~/components/tags";
import { MeasureName } from "~/components/measure-primary-tag";
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
import { canEditProject } from "~/domain/permissions";
import { whoCanEditSentence } from "~/domain/project-editors";
import { listProjectEditors } from "~/models/project-editors.server";
import { isOnProjectTeam, isProjectLead } from "~/models/team.server";
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
import { CharterSummary, orNone } from "./charter-summary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.charter.project.title ?? "Project"} – Stepping Up` }];

// Kept by the page cache between changes (ADR 126).
export const handle = { pageCache: true };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const projectId = parseId(params.projectId, "project");
  const db = getDb();
  const charter = getProjectCharter(db, projectId);
  if (!charter) notFound("project");
  const canEdit = canEditProject(user, isOnProjectTeam(db, projectId, user.id));
  return {
    charter,
    viewerIsLead: isProjectLead(db, projectId, user.id),
    whoCanEdit: canEdit ? null : whoCanEditSentence(listProjectEditors(db, projectId)),
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
  const { charter, team, cycles, milestones, measures, asks, latestReport, activity, scores, today, viewerIsLead, whoCanEdit } = useLoaderData<typeof loader>();
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
      {p.stage === "approved" && viewerIsLead && permissions.edit ? (
        <InsetText className="app-approved-lead">
          <h2 className="nhsuk-heading-s">The board approved this project: you can edit it</h2>
          <p>
            As one of its leads you can change everything in this workbook: <Link to="edit">complete the charter and the SMART aim</Link>,{" "}
            <Link to="team">name the team</Link>, <Link to="measures">add measures</Link> and <Link to="milestones">plan the milestones</Link>. Start the
            project from <Link to="decision">Decisions</Link> when the team is ready.
          </p>
        </InsetText>
      ) : null}
      {whoCanEdit ? <p className="nhsuk-body-s app-muted app-who-can-edit">You can read this project but not change it. {whoCanEdit}</p> : null}
      {latestReport ? (
        <p>
          Latest status report <RagTag rag={latestReport.rag} /> on {formatDay(latestReport.reportDate)}
        </p>
      ) : null}
      {p.stageReason && (p.stage === "stopped" || p.stage === "declined") ? (
        <InsetText>
          <p>
            <strong>Reason {p.stage === "stopped" ? "stopped" : "declined"}:</strong> {p.stageReason}
          </p>
        </InsetText>
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
                  <Link to="decision">{p.stage === "proposed" ? "Approve or decline the proposal" : "Decisions: change the stage"}</Link>
                </li>
              ) : null}
            </>
          ) : null}
        </ul>
      </nav>
      {p.stage === "proposed" && permissions.govern && missingLeads.length ? (
        <InsetText>
          <p>This proposal needs {listOfLeads(missingLeads)} before it can be approved: name them when you approve it.</p>
        </InsetText>
      ) : null}

      <CharterSummary charter={charter} aimWarning={aimWarning} canEdit={permissions.edit} />

      <h2>Team</h2>
      {currentTeam.some((m) => m.hasLeft && m.role !== "member") ? (
        <InsetText className="app-lead-left">
          <p>
            A lead of this project has left the trust: the board shows &ldquo;Lead has left&rdquo; until someone else is named.
            {permissions.manageTeam ? (
              <>
                {" "}
                <Link to="team">Name a new lead</Link>.
              </>
            ) : null}
          </p>
        </InsetText>
      ) : null}
      {currentTeam.length === 0 ? (
        <p className="app-muted">
          No team yet. A project needs an executive, operational and clinical lead before approval.
          {permissions.manageTeam ? (
            <>
              {" "}
              <Link to="team">Name the team</Link>.
            </>
          ) : null}
        </p>
      ) : (
        <SummaryList
          rows={[
            ...LEAD_ROLES.map((role) => {
              const holder = currentTeam.find((m) => m.role === role);
              return {
                key: TEAM_ROLE_LABELS[role],
                value: holder ? (
                  <>
                    {holder.name}
                    {holder.jobTitle ? `, ${holder.jobTitle}` : ""}
                    {holder.hasLeft ? (
                      <>
                        {" "}
                        <Tag colour="red">Lead has left</Tag>
                      </>
                    ) : null}
                  </>
                ) : (
                  orNone(null, "Not assigned")
                ),
              };
            }),
            {
              key: "Team members",
              value:
                currentTeam
                  .filter((m) => m.role === "member")
                  .map((m) => m.name)
                  .join(", ") || orNone(null, "None"),
            },
          ]}
        />
      )}
      {pastTeam.length ? (
        <Details summary={`Team history (${pastTeam.length} earlier)`} textClassName="app-table-wrap">
          <Table
            caption="Earlier leads and members"
            captionHidden
            rows={[...pastTeam].sort((a, b) => new Date(b.endedAt!).getTime() - new Date(a.endedAt!).getTime())}
            rowKey={(m) => m.id}
            columns={[
              { id: "role", header: "Role", cell: (m) => TEAM_ROLE_LABELS[m.role] },
              { id: "person", header: "Person", cell: (m) => m.name },
              { id: "from", header: "From", cell: (m) => formatDateTime(m.startedAt) },
              { id: "until", header: "Until", cell: (m) => formatDateTime(m.endedAt) },
            ]}
          />
        </Details>
      ) : null}

      <h2>Progress score</h2>
      {latestScore ? (
        <>
          <p>
            <strong>{progressLabel(latestScore.score)}</strong> since {formatDateTime(latestScore.at)}, by {latestScore.byName ?? "unknown"}:{" "}
            <span className="app-pre-line">{latestScore.evidence}</span>
          </p>
          <ProgressChart points={scores} until={today} />
        </>
      ) : (
        <p className="app-muted">
          No progress score yet.
          {permissions.edit ? (
            <>
              {" "}
              <Link to="progress">Record the first score with its evidence</Link>.
            </>
          ) : null}
        </p>
      )}

      <h2>PDSA cycles</h2>
      {cycles.length === 0 ? (
        <p className="app-muted">No PDSA cycles yet.</p>
      ) : (
        <Table
          caption="PDSA cycles"
          captionHidden
          scroll
          rows={cycles}
          rowKey={(c) => c.id}
          columns={[
            { id: "cycle", header: "Cycle", cell: (c) => `${c.number}. ${c.title}` },
            { id: "idea", header: "Change idea", cell: (c) => c.changeIdea },
            { id: "status", header: "Status", cell: (c) => PDSA_STATUS_LABELS[c.status] },
            {
              id: "dates",
              header: "Dates",
              cell: (c) => `${formatDay(c.startDate)}${c.endDate ? ` to ${formatDay(c.endDate)}` : ""}`,
            },
            {
              id: "decision",
              header: "Decision",
              cell: (c) => (c.actDecision ? PDSA_DECISION_LABELS[c.actDecision] : "—"),
            },
          ]}
        />
      )}

      <h2>Milestones</h2>
      {milestones.length === 0 ? (
        <p className="app-muted">No milestones yet.</p>
      ) : (
        <Table
          caption="Milestones"
          captionHidden
          scroll
          rows={milestones}
          rowKey={(m) => m.id}
          columns={[
            { id: "milestone", header: "Milestone", cell: (m) => m.title },
            { id: "owner", header: "Owner", cell: (m) => m.owner || "—" },
            { id: "baseline", header: "Baseline", cell: (m) => formatDay(m.baselineDate) },
            {
              id: "forecast",
              header: "Forecast",
              cell: (m) => {
                const slip = slipDays(m);
                return `${formatDay(m.forecastDate)}${slip > 0 ? ` (slipped ${slip} days)` : ""}`;
              },
            },
            {
              id: "status",
              header: "Status",
              cell: (m) => {
                const status = milestoneStatus(m, today);
                return m.completedOn ? (
                  `Done ${formatDay(m.completedOn)}`
                ) : status === "overdue" ? (
                  <Tag colour="red">{MILESTONE_STATUS_LABELS.overdue}</Tag>
                ) : (
                  MILESTONE_STATUS_LABELS[status]
                );
              },
            },
          ]}
        />
      )}

      <h2>Measures of improvement</h2>
      {measures.length === 0 ? (
        <p className="app-muted">No measures yet.</p>
      ) : (
        <Table
          caption="Measures"
          captionHidden
          scroll
          rows={measures}
          rowKey={(m) => m.id}
          columns={[
            {
              id: "measure",
              header: "Measure",
              cell: (m) => <MeasureName name={m.name} isPrimary={m.isPrimary} to={`measures/${m.id}`} />,
            },
            { id: "type", header: "Type", cell: (m) => MEASURE_TYPE_LABELS[m.type] },
            { id: "direction", header: "Direction", cell: (m) => IMPROVEMENT_LABELS[m.improvement] },
            {
              id: "target",
              header: "Target",
              cell: (m) => (m.target === null ? "—" : `${m.target}${MEASURE_UNIT_LABELS[m.unit] === "%" ? "%" : ""}`),
            },
            {
              id: "data",
              header: "Data",
              cell: (m) => `${m.points} points, ${FREQUENCY_LABELS[m.frequency].toLowerCase()}`,
            },
            {
              id: "latest",
              header: "Latest",
              cell: (m) => (m.latestValue === null ? "—" : `${m.latestValue} on ${formatDay(m.latestDate)}`),
            },
          ]}
        />
      )}

      <h2>Asks of the board</h2>
      {asks.length === 0 ? (
        <p className="app-muted">No asks raised.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--border">
          {asks.map((a) => (
            <li key={a.id}>
              <Tag colour="grey">{ASK_STATE_LABELS[a.state]}</Tag> <span className="app-pre-line">{a.what}</span> — to{" "}
              {a.addressee === "board" ? "the programme board" : a.addresseeName}
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
