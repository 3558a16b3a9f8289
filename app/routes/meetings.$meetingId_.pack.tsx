import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BoardRollup, type Rollup } from "~/components/board/rollup";
import { PackProjectPage, type PackPageView } from "~/components/meeting-pack";
import { InsetText } from "~/components/nhs";
import { getDb } from "~/db.server";
import { splitAttendees } from "~/domain/meeting-rules";
import { formatDateTime, formatDay } from "~/web/dates";
import { notFound, parseId, requireUser } from "~/auth/guards.server";
import { today as getToday } from "~/today.server";
import { getMeeting, listAgenda, liveBoardView, readSnapshot } from "~/models/meeting.server";
import { getProgramme } from "~/models/programme.server";
import { ensureSummariesFresh } from "~/models/summary.server";

export const handle = { wide: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `Board pack: ${data ? `${data.meeting.title}, ${formatDay(data.meeting.meetingDate)}` : "meeting"} – Stepping Up`,
  },
];

// The board pack: the roll-up, then one page per agenda project. A closed meeting's pack is the
// one frozen when it closed; a planned meeting's is built from today's data.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const db = getDb();
  const programme = getProgramme(db);
  const meeting = getMeeting(db, programme.id, parseId(params.meetingId, "meeting"));
  if (!meeting) notFound("meeting");
  const header = {
    id: meeting.id,
    title: meeting.title,
    meetingDate: meeting.meetingDate,
    state: meeting.state,
    attendees: splitAttendees(meeting.attendees),
  };
  if (meeting.state === "closed") {
    const snapshot = readSnapshot(meeting.snapshot);
    if (!snapshot) return { meeting: header, frozenAt: null, board: null, agenda: [] };
    return {
      meeting: header,
      frozenAt: snapshot.takenAt,
      board: {
        today: snapshot.board.today,
        months: snapshot.board.months,
        rollup: snapshot.board.rollup,
        total: snapshot.board.rows.length,
        pack: snapshot.board.pack,
      },
      agenda: snapshot.agenda.map((i) => ({ projectId: i.projectId, reason: i.reasonSuggested })),
    };
  }
  const today = getToday();
  ensureSummariesFresh(db, programme.id, today);
  const agenda = listAgenda(db, meeting.id);
  const view = liveBoardView(
    db,
    programme.id,
    today,
    agenda.map((i) => i.projectId),
  );
  return {
    meeting: header,
    frozenAt: null,
    board: { today, months: view.months, rollup: view.rollup, total: view.rows.length, pack: view.pack },
    agenda: agenda.map((i) => ({ projectId: i.projectId, reason: i.reasonSuggested })),
  };
}

export default function BoardPack() {
  const { meeting, frozenAt, board, agenda } = useLoaderData<typeof loader>();
  return (
    <div className="app-pack">
      <p className="app-no-print">
        <Link className="nhsuk-back-link" to={`/meetings/${meeting.id}`}>
          Back to the meeting
        </Link>
      </p>
      <span className="nhsuk-caption-l">Board pack</span>
      <h1>
        {meeting.title}, {formatDay(meeting.meetingDate)}
      </h1>
      <p className="app-no-print nhsuk-body-s">Print this page (or save it as PDF) from your browser: each project starts on a new page.</p>
      {!board ? (
        <InsetText>
          <p>This meeting closed before board packs were kept. The meeting page shows its agenda, decisions and actions.</p>
        </InsetText>
      ) : (
        <>
          <p>
            {frozenAt
              ? `As the board stood when the meeting closed on ${formatDateTime(frozenAt)}.`
              : `Prepared from the board as it stands on ${formatDay(board.today)}.`}
            {meeting.attendees.length ? ` Attendees: ${meeting.attendees.join("; ")}.` : ""}
          </p>
          <BoardRollup rollup={board.rollup as Rollup} months={board.months} total={board.total} />
          <h2>Agenda</h2>
          {board.pack.length === 0 ? (
            <p className="app-muted">No projects on the agenda.</p>
          ) : (
            <ol>
              {board.pack.map((p) => (
                <li key={p.projectId}>
                  <a href={`#pack-${p.projectId}`}>{p.title}</a>
                </li>
              ))}
            </ol>
          )}
          {board.pack.map((page, i) => (
            <PackProjectPage
              key={page.projectId}
              page={page as PackPageView}
              position={i + 1}
              reason={agenda.find((a) => a.projectId === page.projectId)?.reason ?? ""}
              today={board.today}
            />
          ))}
        </>
      )}
    </div>
  );
}
