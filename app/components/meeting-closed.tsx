// A closed meeting, rendered only from what was frozen when it closed.
import { BoardRollup, type Rollup } from "~/components/board/rollup";
import { ActionsTable, type ActionView } from "~/components/meeting-actions";
import { AssessmentAndDecision, type AgendaItemView } from "~/components/meeting-agenda";
import { FrozenBoardTable } from "~/components/meeting-board-table";
import { ClosingTheLoop } from "~/components/meeting-loop";
import type { BoardRow } from "~/components/board/board-table";
import { formatDateTime, formatDay } from "~/web/dates";
import { InsetText } from "~/components/nhs";

type Snapshot = {
  takenAt: number;
  board: { today: string; months: string[]; rollup: Rollup; rows: BoardRow[] };
  agenda: AgendaItemView[];
  actions: ActionView[];
  loop: { previousMeetingDate: string | null; actions: ActionView[] };
};

function Decisions({ agenda, actions, today }: { agenda: AgendaItemView[]; actions: ActionView[]; today: string }) {
  const general = actions.filter((a) => a.projectId === null || !agenda.some((i) => i.projectId === a.projectId));
  return (
    <section aria-labelledby="agenda" className="app-meeting-section">
      <h2 id="agenda">Agenda and decisions</h2>
      {agenda.length === 0 ? <p className="app-muted">Nothing was on the agenda.</p> : null}
      <ol className="app-meeting-agenda">
        {agenda.map((item) => {
          const itemActions = actions.filter((a) => a.projectId === item.projectId);
          return (
            <li key={item.id} id={`item-${item.id}`} className="app-meeting-item">
              <h3 className="nhsuk-heading-m">{item.title}</h3>
              {item.reasonSuggested ? (
                <p className="nhsuk-body-s">
                  <strong>Why it was on the agenda:</strong> {item.reasonSuggested}
                </p>
              ) : null}
              <AssessmentAndDecision item={item} />
              {itemActions.length ? (
                <ActionsTable caption={`Actions for ${item.title}`} actions={itemActions} today={today} canComplete={null} showProject={false} />
              ) : null}
            </li>
          );
        })}
      </ol>
      {general.length ? <ActionsTable caption="Programme actions" actions={general} today={today} canComplete={null} /> : null}
    </section>
  );
}

export function MeetingClosedView({
  meeting,
  snapshot,
  record,
}: {
  meeting: { closedAt: string | number | Date | null; meetingDate: string };
  snapshot: unknown;
  record: { agenda: AgendaItemView[]; actions: ActionView[]; today: string } | null;
}) {
  const frozen = snapshot as Snapshot | null;
  if (!frozen) {
    return (
      <>
        <InsetText>
          <p>
            This meeting closed{meeting.closedAt ? ` on ${formatDateTime(meeting.closedAt)}` : ""}, before board views were frozen at closing, so only its
            agenda, decisions and actions are shown. Action statuses are as they stand today.
          </p>
        </InsetText>
        {record ? <Decisions agenda={record.agenda} actions={record.actions} today={record.today} /> : null}
      </>
    );
  }
  const { board } = frozen;
  return (
    <>
      <InsetText>
        <p>
          This meeting closed on {formatDateTime(frozen.takenAt)}. Everything below is the board as it stood then (as of {formatDay(board.today)}), not as it is
          now. <a href="/board">See the live board</a>.
        </p>
      </InsetText>
      <ClosingTheLoop actions={frozen.loop.actions} previousMeetingDate={frozen.loop.previousMeetingDate} today={board.today} canComplete={null} />
      <Decisions agenda={frozen.agenda} actions={frozen.actions} today={board.today} />
      <section aria-labelledby="frozen-board" className="app-meeting-section">
        <h2 id="frozen-board">The board when the meeting closed</h2>
        <BoardRollup rollup={board.rollup} months={board.months} total={board.rows.length} />
        <FrozenBoardTable rows={board.rows} caption={`Every project on ${formatDay(board.today)}`} />
      </section>
    </>
  );
}
