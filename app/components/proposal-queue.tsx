// Proposals waiting for the board's decision, for a board member's home page and the board.
import { Link } from "@remix-run/react";
import { Table } from "~/components/nhs";
import { plural } from "~/domain/plural";
import { formatDay } from "~/web/dates";

export type QueuedProposalView = { projectId: number; title: string; proposedBy: string | null; proposedOn: string; divisionName: string | null };

export function ProposalQueue({ proposals, headingId, headingLevel = 2 }: { proposals: QueuedProposalView[]; headingId: string; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={headingId} className="app-proposal-queue">
      <Heading id={headingId}>Proposals awaiting your decision</Heading>
      {proposals.length === 0 ? (
        <p className="app-muted">No proposals are waiting for a decision.</p>
      ) : (
        <>
          <p>{plural(proposals.length, "proposal is", "proposals are")} waiting for the board to approve or decline, oldest first.</p>
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
        </>
      )}
    </section>
  );
}
