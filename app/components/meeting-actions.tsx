// Board actions as a table, each with its status, and "Mark done" for those who may.
import { Form, Link } from "@remix-run/react";
import { ACTION_STATUS_LABELS, actionStatus, type ActionStatus } from "~/domain/meeting-rules";
import { formatDay } from "~/web/dates";
import { Table, Tag, type TableColumn, type TagColour } from "~/components/nhs";

export type ActionView = {
  id: number;
  meetingId: number | null;
  meetingTitle: string | null;
  meetingDate: string | null;
  /** Set when the action belongs to a Big Conversation priority's plan rather than a meeting. */
  priorityId?: number | null;
  priorityTitle?: string | null;
  projectId: number | null;
  projectTitle: string | null;
  text: string;
  ownerUserId: number;
  ownerName: string;
  dueOn: string;
  completedOn: string | null;
  version: number;
};

const STATUS_TAGS: Record<ActionStatus, TagColour> = {
  done: "green",
  open: "blue",
  overdue: "red",
};

export function ActionStatusTag({ status }: { status: ActionStatus }) {
  return <Tag colour={STATUS_TAGS[status]}>{ACTION_STATUS_LABELS[status]}</Tag>;
}

export function ActionsTable({
  caption,
  actions,
  today,
  canComplete,
  showMeeting = false,
  showProject = true,
}: {
  caption: string;
  actions: ActionView[];
  today: string;
  /** Null when the table is a record that can't change (a closed meeting's snapshot). */
  canComplete: ((a: ActionView) => boolean) | null;
  showMeeting?: boolean;
  showProject?: boolean;
}) {
  const columns: (TableColumn<ActionView> | false)[] = [
    { id: "action", header: "Action", cellClassName: "app-pre-line", cell: (a) => a.text },
    showProject && {
      id: "project",
      header: "Project",
      cell: (a) => (a.projectId ? <Link to={`/projects/${a.projectId}`}>{a.projectTitle}</Link> : <span className="app-muted">Programme</span>),
    },
    { id: "owner", header: "Owner", cell: (a) => a.ownerName },
    { id: "due", header: "Due", cell: (a) => formatDay(a.dueOn) },
    {
      id: "status",
      header: "Status",
      cell: (a) => (
        <>
          <ActionStatusTag status={actionStatus(a, today)} />
          {a.completedOn ? <span className="nhsuk-body-s"> {formatDay(a.completedOn)}</span> : null}
        </>
      ),
    },
    showMeeting && {
      id: "meeting",
      header: "Set at",
      cell: (a) =>
        a.meetingId ? (
          <Link to={`/meetings/${a.meetingId}`}>{formatDay(a.meetingDate)}</Link>
        ) : (
          <Link to={`/conversations/priorities#priority-${a.priorityId}`}>Big Conversation: {a.priorityTitle}</Link>
        ),
    },
    canComplete !== null && {
      id: "complete",
      header: <span className="nhsuk-u-visually-hidden">Mark done</span>,
      cell: (a) =>
        !a.completedOn && canComplete(a) ? (
          <Form method="post" className="app-inline-form">
            <input type="hidden" name="intent" value="complete" />
            <input type="hidden" name="actionId" value={a.id} />
            <input type="hidden" name="actionVersion" value={a.version} />
            <button className="app-button--link" type="submit">
              Mark done<span className="nhsuk-u-visually-hidden">: {a.text}</span>
            </button>
          </Form>
        ) : null,
    },
  ];
  return (
    <Table
      caption={caption}
      captionSize="s"
      className="app-meeting-actions"
      scroll
      rows={actions}
      rowKey={(a) => a.id}
      columns={columns.filter((c): c is TableColumn<ActionView> => Boolean(c))}
    />
  );
}
