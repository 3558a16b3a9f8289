// The project's charter and, once closed, its closure summary, as summary lists.
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { SummaryList, Tag } from "~/components/nhs";
import { CQC_DOMAINS } from "~/domain/enums";
import { CQC_DOMAIN_LABELS, ORIGIN_LABELS } from "~/domain/labels";
import { formatDay } from "~/web/dates";
import type { loader } from "./route";

export const orNone = (value: string | null | undefined, none = "Not recorded") =>
  value && value.trim() ? <span className="app-pre-line">{value}</span> : <span className="app-muted">{none}</span>;

function formatAimNumber(n: number | null) {
  return n === null ? null : Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** "Give antibiotics within the hour for adults with sepsis: from 58 to 90 by 31 Mar 2027." */
function aimSentence(p: { aimWhat: string; aimForWhom: string; aimBaseline: number | null; aimTarget: number | null; aimTargetDate: string | null }) {
  const numbers = [
    p.aimBaseline !== null ? `from ${formatAimNumber(p.aimBaseline)}` : "",
    p.aimTarget !== null ? `to ${formatAimNumber(p.aimTarget)}` : "",
    p.aimTargetDate ? `by ${formatDay(p.aimTargetDate)}` : "",
  ].filter(Boolean);
  return `${p.aimWhat}${p.aimForWhom ? ` for ${p.aimForWhom}` : ""}${numbers.length ? `: ${numbers.join(" ")}` : ""}.`;
}

type Charter = SerializeFrom<typeof loader>["charter"];

export function CharterSummary({ charter, aimWarning, canEdit }: { charter: Charter; aimWarning: string | null; canEdit: boolean }) {
  const p = charter.project;
  return (
    <>
      <h2>Charter</h2>
      <SummaryList
        rows={[
          { key: "Problem", value: orNone(p.problem) },
          p.proposalIdea ? { key: "The idea", value: orNone(p.proposalIdea) } : null,
          {
            key: "SMART aim",
            value: p.aimWhat ? (
              <>
                <p className="nhsuk-u-margin-bottom-2">{aimSentence(p)}</p>
                {p.aimMeasure ? <p className="nhsuk-u-margin-bottom-2">Measured by: {p.aimMeasure}</p> : null}
                {aimWarning ? (
                  <p className="nhsuk-u-margin-bottom-0">
                    <Tag colour="yellow">Warning</Tag> {aimWarning}
                  </p>
                ) : null}
              </>
            ) : (
              <span className="app-muted">
                No aim yet.
                {canEdit ? (
                  <>
                    {" "}
                    <Link to="edit">Add a SMART aim to the charter</Link>.
                  </>
                ) : null}
              </span>
            ),
          },
          { key: "Scope", value: orNone(p.scope) },
          {
            key: "Division and service",
            value: [charter.division, p.service].filter(Boolean).join(" · ") || <span className="app-muted">Not recorded</span>,
          },
          { key: "Strategic theme", value: charter.theme ?? <span className="app-muted">No theme</span> },
          {
            key: "CQC domains",
            value: charter.cqcDomains.length ? (
              CQC_DOMAINS.filter((d) => charter.cqcDomains.includes(d))
                .map((d) => CQC_DOMAIN_LABELS[d])
                .join(", ")
            ) : (
              <span className="app-muted">None</span>
            ),
          },
          { key: "Origin", value: `${ORIGIN_LABELS[p.origin]}${p.originReference ? ` (${p.originReference})` : ""}` },
          { key: "Wave", value: charter.waveName ?? <span className="app-muted">Not in a wave</span> },
          {
            key: "Planned dates",
            value: p.plannedStart || p.plannedEnd ? `${formatDay(p.plannedStart) || "?"} to ${formatDay(p.plannedEnd) || "?"}` : orNone(null),
          },
        ]}
      />

      {p.stage === "closed" ? (
        <>
          <h2>Closure summary</h2>
          <SummaryList
            rows={[
              {
                key: "Aim achieved",
                value: p.closureAimAchieved === null ? "Not recorded" : p.closureAimAchieved ? "Yes" : "No",
              },
              { key: "Evidence", value: orNone(p.closureEvidence) },
              { key: "What was adopted", value: orNone(p.closureAdopted) },
              { key: "How the gain is sustained", value: orNone(p.closureSustain) },
              { key: "Who owns it now", value: orNone(p.closureOwner) },
              { key: "Lessons for others", value: orNone(p.closureLessons) },
            ]}
          />
        </>
      ) : null}
    </>
  );
}
