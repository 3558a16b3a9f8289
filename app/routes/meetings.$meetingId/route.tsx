import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { DoneNotice } from "~/components/done-notice";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MeetingClosedView } from "~/components/meeting-closed";
import { Breadcrumb, ErrorSummaryBox, Tag } from "~/components/nhs";
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

export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate;

function Breadcrumbs() {
  return (
    <div className="app-no-print">
      <Breadcrumb items={[{ to: "/meetings", label: "Board meetings" }]} />
    </div>
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
        <ErrorSummaryBox
          headingId="meeting-problem"
          heading={last.message.startsWith("This meeting was changed") ? "Someone else changed this meeting" : "There is a problem"}
          focusKey={last}
          errors={last.problems?.map((p) => ({ text: p.message, href: p.itemId ? `#item-${p.itemId}` : "#close-title" }))}
        >
          <p>{last.message}</p>
        </ErrorSummaryBox>
      ) : null}
      <DoneNotice message={saved} />
      <span className="nhsuk-caption-l">{formatDay(meeting.meetingDate)}</span>
      <h1>{meeting.title}</h1>
      <p>
        <Tag colour={meeting.state === "closed" ? "grey" : "blue"}>{meeting.state === "closed" ? "Held" : "Planned"}</Tag>{" "}
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
