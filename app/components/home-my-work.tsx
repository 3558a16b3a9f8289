// "My" sections of the home page: the person's projects, meeting actions and asks.
import { Link } from "@remix-run/react";
import { RagTag, StageTag } from "~/components/tags";
import { FLAG_LABELS, type AttentionFlag } from "~/domain/attention";
import type { AskState, Rag, Stage, TeamRole } from "~/domain/enums";
import { ASK_STATE_LABELS, TEAM_ROLE_LABELS } from "~/domain/labels";
import { formatDay } from "~/web/dates";
import { Table, Tag } from "~/components/nhs";

export type MyProject = {
  projectId: number;
  title: string;
  stage: Stage;
  latestRag: Rag | null;
  latestRagDate: string | null;
  flags: AttentionFlag[];
  roles: TeamRole[];
};

export function MyProjects({ projects, canPropose }: { projects: MyProject[]; canPropose: boolean }) {
  if (projects.length === 0) {
    return (
      <p className="app-muted">
        You are not on a project team.{" "}
        {canPropose ? (
          <>
            <Link to="/projects/new">Propose a project</Link>, or ask a project lead to add you to their team.
          </>
        ) : (
          <>
            <Link to="/projects">Browse the programme&apos;s projects</Link> to follow their progress.
          </>
        )}
      </p>
    );
  }
  return (
    <Table
      caption="Projects you are on the team of"
      captionHidden
      scroll
      rows={projects}
      rowKey={(p) => p.projectId}
      columns={[
        {
          id: "project",
          header: "Project",
          cell: (p) => (
            <>
              <Link to={`/projects/${p.projectId}`}>{p.title}</Link>
              <span className="nhsuk-body-s app-muted app-home-roles">{p.roles.map((r) => TEAM_ROLE_LABELS[r]).join(", ")}</span>
            </>
          ),
        },
        { id: "stage", header: "Stage", cell: (p) => <StageTag stage={p.stage} /> },
        {
          id: "rag",
          header: "Latest RAG",
          cell: (p) =>
            p.latestRag ? (
              <>
                <RagTag rag={p.latestRag} />
                <span className="nhsuk-body-s app-muted app-home-roles">{formatDay(p.latestRagDate)}</span>
              </>
            ) : (
              <span className="app-muted">No report yet</span>
            ),
        },
        {
          id: "attention",
          header: "Attention",
          cell: (p) =>
            p.flags.length ? (
              <ul className="nhsuk-list nhsuk-body-s app-home-flags">
                {p.flags.map((f, i) => (
                  <li key={i} title={f.reason}>
                    {FLAG_LABELS[f.code] ?? f.reason}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="app-muted">None</span>
            ),
        },
      ]}
    />
  );
}

export type MyAction = {
  id: number;
  text: string;
  dueOn: string;
  meetingTitle: string | null;
  meetingDate: string | null;
  priorityTitle?: string | null;
  projectId: number | null;
  projectTitle: string | null;
};

export function MyActions({ actions, today }: { actions: MyAction[]; today: string }) {
  if (actions.length === 0) {
    return <p className="app-muted">You have no open actions from board meetings. Actions given to you at a meeting appear here.</p>;
  }
  return (
    <ul className="nhsuk-list nhsuk-list--border">
      {actions.map((a) => (
        <li key={a.id}>
          <span className="app-pre-line">{a.text}</span>
          <span className="nhsuk-body-s app-home-meta">
            Due {formatDay(a.dueOn)}
            {a.dueOn < today ? (
              <Tag colour="red" className="nhsuk-u-margin-left-2">
                Overdue
              </Tag>
            ) : null}
            {" · "}
            {a.meetingTitle ? `${a.meetingTitle}, ${formatDay(a.meetingDate)}` : `Big Conversation: ${a.priorityTitle ?? ""}`}
            {a.projectId && a.projectTitle ? (
              <>
                {" · "}
                <Link to={`/projects/${a.projectId}`}>{a.projectTitle}</Link>
              </>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

export type MyAsk = {
  id: number;
  projectId: number;
  projectTitle: string;
  what: string;
  state: AskState;
  dueOn: string | null;
  raisedOn: string;
};

export function MyAsks({ asks, boardAsks, today }: { asks: MyAsk[]; boardAsks: number | null; today: string }) {
  return (
    <>
      {asks.length === 0 ? (
        <p className="app-muted">No one is waiting for an answer from you. Asks addressed to you by name appear here.</p>
      ) : (
        <>
          <ul className="nhsuk-list nhsuk-list--border">
            {asks.map((a) => (
              <li key={a.id}>
                <span className="app-pre-line">{a.what}</span>
                <span className="nhsuk-body-s app-home-meta">
                  <Tag colour="grey">{ASK_STATE_LABELS[a.state]}</Tag> <Link to={`/projects/${a.projectId}/asks`}>{a.projectTitle}</Link>, raised{" "}
                  {formatDay(a.raisedOn)}
                  {a.dueOn ? ` · answer by ${formatDay(a.dueOn)}` : ""}
                  {a.dueOn && a.dueOn < today ? (
                    <Tag colour="red" className="nhsuk-u-margin-left-2">
                      Overdue
                    </Tag>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/asks?to=me">Answer your asks</Link>
          </p>
        </>
      )}
      {boardAsks !== null ? (
        <p>
          {boardAsks ? (
            <Link to="/asks?to=board">
              {boardAsks} {boardAsks === 1 ? "ask is" : "asks are"} waiting for the programme board
            </Link>
          ) : (
            "No asks are waiting for the programme board."
          )}
        </p>
      ) : null}
    </>
  );
}
