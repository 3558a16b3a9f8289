// Board actions as a table, each with its status, and "Mark done" for those who may.
import { Form, Link } from "@remix-run/react";
import { ACTION_STATUS_LABELS, actionStatus, type ActionStatus } from "~/domain/meeting-rules";
import { formatDay } from "~/lib/dates";

export type ActionView = {
  id: number;
  meetingId: number;
  meetingTitle: string;
  meetingDate: string;
  projectId: number | null;
  projectTitle: string | null;
  text: string;
  ownerUserId: number;
  ownerName: string;
  dueOn: string;
  completedOn: string | null;
  version: number;
};

const STATUS_TAGS: Record<ActionStatus, string> = {
  done: "nhsuk-tag--green",
  open: "nhsuk-tag--blue",
  overdue: "nhsuk-tag--red",
};

export function ActionStatusTag({ status }: { status: ActionStatus }) {
  return <strong className={`nhsuk-tag ${STATUS_TAGS[status]}`}>{ACTION_STATUS_LABELS[status]}</strong>;
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
  return (
    <div className="app-table-wrap">
      <table className="nhsuk-table app-meeting-actions">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Action</th>
            {showProject ? <th scope="col">Project</th> : null}
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
            {showMeeting ? <th scope="col">Set at</th> : null}
            {canComplete ? <th scope="col"><span className="nhsuk-u-visually-hidden">Mark done</span></th> : null}
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {actions.map((a) => {
            const status = actionStatus(a, today);
            return (
              <tr key={a.id}>
                <td className="app-pre-line">{a.text}</td>
                {showProject ? (
                  <td>{a.projectId ? <Link to={`/projects/${a.projectId}`}>{a.projectTitle}</Link> : <span className="app-muted">Programme</span>}</td>
                ) : null}
                <td>{a.ownerName}</td>
                <td>{formatDay(a.dueOn)}</td>
                <td>
                  <ActionStatusTag status={status} />
                  {a.completedOn ? <span className="nhsuk-body-s"> {formatDay(a.completedOn)}</span> : null}
                </td>
                {showMeeting ? (
                  <td>
                    <Link to={`/meetings/${a.meetingId}`}>{formatDay(a.meetingDate)}</Link>
                  </td>
                ) : null}
                {canComplete ? (
                  <td>
                    {!a.completedOn && canComplete(a) ? (
                      <Form method="post" className="app-inline-form">
                        <input type="hidden" name="intent" value="complete" />
                        <input type="hidden" name="actionId" value={a.id} />
                        <input type="hidden" name="actionVersion" value={a.version} />
                        <button className="app-button--link" type="submit">
                          Mark done<span className="nhsuk-u-visually-hidden">: {a.text}</span>
                        </button>
                      </Form>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
