// The whole board as a plain table, for a closed meeting's frozen view (no live sort links).
import { Link } from "@remix-run/react";
import { AssuranceIcon, VariationIcon } from "~/components/spc";
import { RagTag, StageTag } from "~/components/tags";
import { FLAG_LABELS } from "~/domain/attention";
import { progressLabel } from "~/domain/labels";
import type { BoardRow } from "~/components/board/board-table";
import { formatDay } from "~/web/dates";
import { Table, Tag } from "~/components/nhs";

export function FrozenBoardTable({ rows, caption }: { rows: BoardRow[]; caption: string }) {
  if (rows.length === 0) return <p className="app-muted">There were no projects on the board.</p>;
  return (
    <Table
      caption={caption}
      captionSize="s"
      className="app-frozen-board"
      scroll
      rows={rows}
      rowKey={(r) => r.projectId}
      rowProps={(r) => ({ attributes: { "data-project-id": String(r.projectId) } })}
      columns={[
        { id: "project", header: "Project", cell: (r) => <Link to={`/projects/${r.projectId}`}>{r.title}</Link> },
        { id: "stage", header: "Stage", cell: (r) => <StageTag stage={r.stage} /> },
        {
          id: "rag",
          header: "Team's RAG",
          cell: (r) => (r.latestRag ? <RagTag rag={r.latestRag} /> : <span className="app-muted">No report</span>),
        },
        {
          id: "board",
          header: "Board's view",
          cellClassName: "app-frozen-board__board",
          cell: (r) =>
            r.boardRag ? (
              <>
                <RagTag rag={r.boardRag} />
                <br />
                <span className="nhsuk-body-s">{formatDay(r.boardRagDate)}</span>
                {r.boardRagReason ? (
                  <span className="nhsuk-body-s app-pre-line">
                    <br />
                    {r.boardRagReason}
                  </span>
                ) : null}
              </>
            ) : (
              <span className="app-muted">Not assessed</span>
            ),
        },
        { id: "score", header: "Progress score", cell: (r) => progressLabel(r.progressScore) },
        {
          id: "milestones",
          header: "Milestones",
          cell: (r) => (
            <>
              {r.milestonesTotal ? `${r.milestonesDone} of ${r.milestonesTotal} done` : <span className="app-muted">None</span>}
              {r.milestonesOverdue ? (
                <>
                  <br />
                  <Tag colour="red">{r.milestonesOverdue} overdue</Tag>
                </>
              ) : null}
            </>
          ),
        },
        {
          id: "measure",
          header: "Primary measure",
          cell: (r) =>
            r.primaryMeasureName ? (
              <span className="app-board-measure">
                <span className="nhsuk-body-s">{r.primaryMeasureName}</span>
                <span className="app-board-measure__icons">
                  <VariationIcon icon={r.primaryVariationIcon} size={32} />
                  <AssuranceIcon icon={r.primaryAssuranceIcon} size={32} noneText={null} />
                </span>
              </span>
            ) : (
              <span className="app-muted">No measures</span>
            ),
        },
        {
          id: "attention",
          header: "Attention",
          cell: (r) =>
            r.flags.length ? (
              <ul className="nhsuk-list app-flag-list nhsuk-body-s">
                {r.flags.map((f, i) => (
                  <li key={i}>
                    <strong>{FLAG_LABELS[f.code]}:</strong> {f.reason}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="app-muted">None</span>
            ),
        },
      ]}
    />
  );
}
