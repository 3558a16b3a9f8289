// The board's engagement figures (ADR 115): people on current teams by division, PDSA cycles per
// involved person over the last 12 weeks, and the share of staff (enabled accounts) involved.
import { Link } from "@remix-run/react";
import { Table } from "~/components/nhs";
import { cyclesPerPerson, share, type Engagement } from "~/domain/capability";

export function EngagementPanel({ engagement }: { engagement: Engagement }) {
  const perPerson = cyclesPerPerson(engagement);
  const involvedShare = share(engagement.involved, engagement.activeUsers);
  return (
    <section aria-labelledby="engagement-heading" className="nhsuk-u-margin-top-5">
      <h2 id="engagement-heading" className="nhsuk-heading-s">
        Engagement
      </h2>
      <ul className="nhsuk-list">
        <li>
          People involved in projects: <strong>{engagement.involved}</strong>
          {involvedShare === null ? null : (
            <>
              , <strong>{involvedShare}%</strong> of the {engagement.activeUsers} people with an account
            </>
          )}
        </li>
        <li>
          PDSA cycles per involved person in the last 12 weeks: <strong>{perPerson === null ? "none yet" : perPerson.toFixed(1)}</strong> (
          {engagement.recentCycles} {engagement.recentCycles === 1 ? "cycle" : "cycles"})
        </li>
      </ul>
      {engagement.byDivision.length ? (
        <Table
          caption="People involved in projects, by division"
          captionSize="s"
          rows={engagement.byDivision}
          rowKey={(d) => d.division}
          columns={[
            { id: "division", header: "Division", rowHeader: true, cell: (d) => d.division },
            { id: "people", header: "People involved", numeric: true, cell: (d) => d.people },
          ]}
        />
      ) : null}
      <p className="nhsuk-body-s">
        Involved: on the current team of an approved, active or sustaining project. <Link to="/capability">QI capability and training</Link>
      </p>
    </section>
  );
}
