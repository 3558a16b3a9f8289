// The whole board as a plain table, for a closed meeting's frozen view (no live sort links).
import { Link } from "@remix-run/react";
import { AssuranceIcon, VariationIcon } from "~/components/spc";
import { RagTag, StageTag } from "~/components/tags";
import { FLAG_LABELS } from "~/domain/attention";
import { progressLabel } from "~/domain/labels";
import type { BoardRow } from "~/components/board/board-table";
import { formatDay } from "~/lib/dates";

export function FrozenBoardTable({ rows, caption }: { rows: BoardRow[]; caption: string }) {
  if (rows.length === 0) return <p className="app-muted">There were no projects on the board.</p>;
  return (
    <div className="app-table-wrap">
      <table className="nhsuk-table app-frozen-board">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Project</th>
            <th scope="col">Stage</th>
            <th scope="col">Team's RAG</th>
            <th scope="col">Board's view</th>
            <th scope="col">Progress score</th>
            <th scope="col">Milestones</th>
            <th scope="col">Primary measure</th>
            <th scope="col">Attention</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {rows.map((r) => (
            <tr key={r.projectId} data-project-id={r.projectId}>
              <td>
                <Link to={`/projects/${r.projectId}`}>{r.title}</Link>
              </td>
              <td>
                <StageTag stage={r.stage} />
              </td>
              <td>{r.latestRag ? <RagTag rag={r.latestRag} /> : <span className="app-muted">No report</span>}</td>
              <td className="app-frozen-board__board">
                {r.boardRag ? (
                  <>
                    <RagTag rag={r.boardRag} />
                    <br />
                    <span className="nhsuk-body-s">{formatDay(r.boardRagDate)}</span>
                    {r.boardRagReason ? <span className="nhsuk-body-s app-pre-line"><br />{r.boardRagReason}</span> : null}
                  </>
                ) : (
                  <span className="app-muted">Not assessed</span>
                )}
              </td>
              <td>{progressLabel(r.progressScore)}</td>
              <td>
                {r.milestonesTotal ? `${r.milestonesDone} of ${r.milestonesTotal} done` : <span className="app-muted">None</span>}
                {r.milestonesOverdue ? <><br /><strong className="nhsuk-tag nhsuk-tag--red">{r.milestonesOverdue} overdue</strong></> : null}
              </td>
              <td>
                {r.primaryMeasureName ? (
                  <span className="app-board-measure">
                    <span className="nhsuk-body-s">{r.primaryMeasureName}</span>
                    <span className="app-board-measure__icons">
                      <VariationIcon icon={r.primaryVariationIcon} size={32} />
                      <AssuranceIcon icon={r.primaryAssuranceIcon} size={32} noneText={null} />
                    </span>
                  </span>
                ) : (
                  <span className="app-muted">No measures</span>
                )}
              </td>
              <td>
                {r.flags.length ? (
                  <ul className="nhsuk-list app-flag-list nhsuk-body-s">
                    {r.flags.map((f, i) => (
                      <li key={i}>
                        <strong>{FLAG_LABELS[f.code]}:</strong> {f.reason}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="app-muted">None</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
