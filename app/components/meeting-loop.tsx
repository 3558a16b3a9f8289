// Closing the loop: actions from earlier meetings, done since the last one, still open, overdue.
import { ActionsTable, type ActionView } from "~/components/meeting-actions";
import { loopGroup } from "~/domain/meeting-rules";
import { formatDay } from "~/web/dates";

export function ClosingTheLoop({
  actions,
  previousMeetingDate,
  today,
  canComplete,
}: {
  actions: ActionView[];
  previousMeetingDate: string | null;
  today: string;
  canComplete: ((a: ActionView) => boolean) | null;
}) {
  const groups = { done: [] as ActionView[], open: [] as ActionView[], overdue: [] as ActionView[] };
  for (const a of actions) {
    const group = loopGroup(a, today, previousMeetingDate);
    if (group) groups[group].push(a);
  }
  return (
    <section aria-labelledby="loop-title" className="app-meeting-section">
      <h2 id="loop-title">Closing the loop</h2>
      {actions.length === 0 ? (
        <p className="app-muted">No actions from earlier meetings. Actions the board sets at this meeting will be followed up at the next one.</p>
      ) : (
        <>
          <p>
            Actions from earlier meetings
            {previousMeetingDate ? `, as they stand since the last meeting on ${formatDay(previousMeetingDate)}` : ""}: {groups.overdue.length} overdue,{" "}
            {groups.open.length} still open, {groups.done.length} done.
          </p>
          {groups.overdue.length ? (
            <ActionsTable caption={`Overdue (${groups.overdue.length})`} actions={groups.overdue} today={today} canComplete={canComplete} showMeeting />
          ) : null}
          {groups.open.length ? (
            <ActionsTable caption={`Still open (${groups.open.length})`} actions={groups.open} today={today} canComplete={canComplete} showMeeting />
          ) : null}
          {groups.done.length ? (
            <ActionsTable caption={`Done since the last meeting (${groups.done.length})`} actions={groups.done} today={today} canComplete={null} showMeeting />
          ) : null}
        </>
      )}
    </section>
  );
}
