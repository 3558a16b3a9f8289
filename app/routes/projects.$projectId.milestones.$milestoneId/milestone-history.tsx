// The milestone's history: forecast moves and re-baselines with reasons, then every audited change.
import { MILESTONE_CHANGE_LABELS } from "~/domain/milestone-rules";
import { formatDateTime, formatDay } from "~/web/dates";

type Change = {
  id: number;
  at: string | Date;
  kind: keyof typeof MILESTONE_CHANGE_LABELS;
  fromDate: string;
  toDate: string;
  reason: string;
  byName: string | null;
};
type AuditLine = {
  id: number;
  at: string | Date;
  userName: string | null;
  actorEmail: string;
  summary: string;
};

export function MilestoneHistory({ changes, audit }: { changes: Change[]; audit: AuditLine[] }) {
  return (
    <>
      <h3 id="history">History</h3>
      {changes.length === 0 ? (
        <p className="app-muted">The forecast has not moved later and the milestone has not been re-baselined.</p>
      ) : (
        <div className="app-table-wrap">
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">Forecast moves and re-baselines</caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">When</th>
                <th scope="col">Change</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Reason</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {changes.map((c) => (
                <tr key={c.id}>
                  <td>{formatDateTime(c.at)}</td>
                  <td>{MILESTONE_CHANGE_LABELS[c.kind]}</td>
                  <td>{formatDay(c.fromDate)}</td>
                  <td>{formatDay(c.toDate)}</td>
                  <td className="app-pre-line">{c.reason || "—"}</td>
                  <td>{c.byName ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {audit.length ? (
        <>
          <h4>Every recorded change</h4>
          <ul className="app-history">
            {audit.map((e) => (
              <li key={e.id}>
                {formatDateTime(e.at)} — {e.userName ?? e.actorEmail}: {e.summary}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
