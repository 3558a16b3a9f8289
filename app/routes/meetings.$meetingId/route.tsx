import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MeetingClosedView } from "~/components/meeting-closed";
import { formatDay } from "~/web/dates";
import { requireUser } from "~/auth/guards.server";
import type { ActionResult } from "./action-result";
import { meetingAction } from "./action.server";
import { meetingPage } from "./loader.server";
import { PlannedMeeting } from "./planned-meeting";

export const handle = { wide: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.meeting.title}, ${formatDay(data.meeting.meetingDate)}` : "Meeting"} – Stepping Up` },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return meetingPage(user, params);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  return meetingAction(user, context, params, await request.formData());
}

export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

function Breadcrumbs() {
  return (
    <nav className="nhsuk-breadcrumb app-no-print" aria-label="Breadcrumb">
      <ol className="nhsuk-breadcrumb__list">
        <li className="nhsuk-breadcrumb__list-item">
          <Link className="nhsuk-breadcrumb__link" to="/meetings">
            Board meetings
          </Link>
        </li>
      </ol>
    </nav>
  );
}

/** An error inside a meeting keeps the way back to the list of meetings. */
export function ErrorBoundary() {
  return (
    <>
      <Breadcrumbs />
      <GeneralErrorBoundary />
    </>
  );
}

const SAVED: Record<string, string> = {
  created: "Meeting saved. Review the agenda below; you can add, remove and reorder projects until it closes.",
  details: "The meeting's details are saved.",
  agenda: "The agenda is updated.",
  review: "The board's view and decision are saved.",
  action: "Action added.",
  completed: "Action marked done.",
  closed: "The meeting is closed. This page now shows the board as it stood when the meeting closed.",
};

export default function MeetingPage() {
  const loaded = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>() as ActionResult | undefined;
  const [search] = useSearchParams();
  const saved = !last ? SAVED[search.get("saved") ?? ""] : undefined;
  const { meeting } = loaded;
  return (
    <>
      <Breadcrumbs />
      {last?.message ? (
        <div className="nhsuk-error-summary" role="alert" aria-labelledby="meeting-problem" tabIndex={-1}>
          <h2 className="nhsuk-error-summary__title" id="meeting-problem">
            {last.message.startsWith("This meeting was changed") ? "Someone else changed this meeting" : "There is a problem"}
          </h2>
          <div className="nhsuk-error-summary__body">
            <p>{last.message}</p>
          </div>
        </div>
      ) : null}
      {saved ? (
        <div className="nhsuk-inset-text" role="status">
          <p>{saved}</p>
        </div>
      ) : null}
      <span className="nhsuk-caption-l">{formatDay(meeting.meetingDate)}</span>
      <h1>{meeting.title}</h1>
      <p>
        <strong className={`nhsuk-tag ${meeting.state === "closed" ? "nhsuk-tag--grey" : "nhsuk-tag--blue"}`}>
          {meeting.state === "closed" ? "Held" : "Planned"}
        </strong>{" "}
        <Link to={`/meetings/${meeting.id}/pack`} className="nhsuk-u-margin-left-2">
          Board pack (printable)
        </Link>
      </p>
      <h2 className="nhsuk-heading-s">Attendees</h2>
      {meeting.attendeeList.length ? (
        <ul className="nhsuk-list app-attendees">
          {meeting.attendeeList.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      ) : (
        <p className="app-muted">No attendees recorded.</p>
      )}
      {loaded.kind === "closed" ? (
        <MeetingClosedView meeting={meeting} snapshot={loaded.snapshot} record={loaded.record} />
      ) : (
        <PlannedMeeting data={loaded} last={last} />
      )}
    </>
  );
}

