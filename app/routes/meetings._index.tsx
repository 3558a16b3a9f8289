import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Table, type TableColumn } from "~/components/nhs";
import { getDb } from "~/db.server";
import { canGovern } from "~/domain/permissions";
import { formatDay } from "~/web/dates";
import { requireUser } from "~/auth/guards.server";
import { listMeetings } from "~/models/meeting.server";
import { getProgramme } from "~/models/programme.server";

export const meta: MetaFunction = () => [{ title: "Board meetings – Stepping Up" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const programme = getProgramme(db);
  const meetings = listMeetings(db, programme.id);
  return {
    planned: meetings.filter((m) => m.state === "planned").reverse(),
    closed: meetings.filter((m) => m.state === "closed"),
    canGovern: canGovern(user),
  };
}

type Meeting = ReturnType<typeof useLoaderData<typeof loader>>["planned"][number];

function MeetingList({ meetings, caption }: { meetings: Meeting[]; caption: string }) {
  return <Table caption={caption} captionHidden columns={MEETING_COLUMNS} rows={meetings} rowKey={(m) => m.id} />;
}

const MEETING_COLUMNS: TableColumn<Meeting>[] = [
  { id: "date", header: "Date", cell: (m) => formatDay(m.meetingDate) },
  { id: "meeting", header: "Meeting", cell: (m) => <Link to={`/meetings/${m.id}`}>{m.title}</Link> },
  { id: "agenda", header: "Agenda", cell: (m) => `${m.items} project${m.items === 1 ? "" : "s"}` },
  {
    id: "actions",
    header: "Actions",
    cell: (m) => `${m.actions} action${m.actions === 1 ? "" : "s"}${m.openActions ? `, ${m.openActions} open` : ""}`,
  },
];

export default function Meetings() {
  const { planned, closed, canGovern } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Board meetings</h1>
      <p className="nhsuk-lede-text">The programme board reviews projects, records its view and decisions, and follows its actions through to done.</p>
      <p>
        <Link to="/actions">Your open actions</Link>
      </p>
      {canGovern ? (
        <Link className="nhsuk-button" to="/meetings/new">
          Plan a meeting
        </Link>
      ) : null}
      <h2>Coming up</h2>
      {planned.length ? (
        <MeetingList meetings={planned} caption="Planned meetings" />
      ) : (
        <p className="app-muted">
          No meeting is planned.{" "}
          {canGovern ? <Link to="/meetings/new">Plan the next meeting from the suggested agenda</Link> : "A board member or admin plans meetings."}
        </p>
      )}
      <h2>Held</h2>
      {closed.length ? (
        <MeetingList meetings={closed} caption="Meetings held" />
      ) : (
        <p className="app-muted">No meeting has been held yet. A meeting appears here once it is closed.</p>
      )}
    </>
  );
}
