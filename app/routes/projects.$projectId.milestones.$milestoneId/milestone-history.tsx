// The milestone's history: forecast moves and re-baselines with reasons, then every audited change.
import { Table } from "~/components/nhs";
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
          <Table
            caption="Forecast moves and re-baselines"
            captionSize="s"
            rows={changes}
            rowKey={(c) => c.id}
            columns={[
              { id: "when", header: "When", cell: (c) => formatDateTime(c.at) },
              { id: "change", header: "Change", cell: (c) => MILESTONE_CHANGE_LABELS[c.kind] },
              { id: "from", header: "From", cell: (c) => formatDay(c.fromDate) },
              { id: "to", header: "To", cell: (c) => formatDay(c.toDate) },
              { id: "reason", header: "Reason", cell: (c) => c.reason || "—", cellClassName: "app-pre-line" },
              { id: "by", header: "By", cell: (c) => c.byName ?? "—" },
            ]}
          />
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
