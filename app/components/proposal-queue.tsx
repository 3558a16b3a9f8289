// Proposals waiting for the board's decision, for a board member's home page and the board.
import { Link } from "@remix-run/react";
import { Table } from "~/components/nhs";
import { plural } from "~/domain/plural";
import { formatDay } from "~/web/dates";

export type QueuedProposalView = { projectId: number; title: string; proposedBy: string | null; proposedOn: string; divisionName: string | null };

export function ProposalQueue({
  proposals,
  headingId,
  headingLevel = 2,
  total = proposals.length,
  allHref,
}: {
  proposals: QueuedProposalView[];
  headingId: string;
  headingLevel?: 2 | 3;
  /** How many are waiting when `proposals` is only the oldest of them. */
  total?: number;
  /** Where the whole queue is listed, when `proposals` is only the oldest of them. */
  allHref?: string;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={headingId} className="app-proposal-queue">
      <Heading id={headingId}>Proposals awaiting your decision</Heading>
      {proposals.length === 0 ? (
        <p className="app-muted">No proposals are waiting for a decision.</p>
      ) : (
        <>
          <p>
            {plural(total, "proposal is", "proposals are")} waiting for the board to approve or decline, oldest first
            {total > proposals.length ? `; the oldest ${proposals.length} are listed` : ""}.
          </p>
          <Table
            caption="Proposals awaiting a decision"
            captionHidden
            scroll
            rows={proposals}
            rowKey={(p) => p.projectId}
            columns={[
              { id: "project", header: "Proposal", cell: (p) => <Link to={`/projects/${p.projectId}`}>{p.title}</Link> },
              { id: "by", header: "Proposed by", cell: (p) => p.proposedBy ?? "Unknown" },
              { id: "on", header: "Proposed on", cell: (p) => formatDay(p.proposedOn) },
              { id: "division", header: "Division", cell: (p) => p.divisionName ?? "Not chosen" },
              {
                id: "decide",
                header: "Decision",
                cell: (p) => (
                  <Link to={`/projects/${p.projectId}/decision`}>
                    Decide<span className="nhsuk-u-visually-hidden"> on {p.title}</span>
                  </Link>
                ),
              },
            ]}
          />
          {total > proposals.length && allHref ? (
            <p>
              <Link to={allHref}>Show all {plural(total, "proposal")} awaiting a decision</Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
