// The project's charter and, once closed, its closure summary, as summary lists.
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { CQC_DOMAINS } from "~/domain/enums";
import { CQC_DOMAIN_LABELS, ORIGIN_LABELS } from "~/domain/labels";
import { formatDay } from "~/web/dates";
import type { loader } from "./route";

export function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}

export const orNone = (value: string | null | undefined, none = "Not recorded") =>
  value && value.trim() ? <span className="app-pre-line">{value}</span> : <span className="app-muted">{none}</span>;

function formatAimNumber(n: number | null) {
  return n === null ? null : Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** "Give antibiotics within the hour for adults with sepsis: from 58 to 90 by 31 Mar 2027." */
function aimSentence(p: {
  aimWhat: string;
  aimForWhom: string;
  aimBaseline: number | null;
  aimTarget: number | null;
  aimTargetDate: string | null;
}) {
  const numbers = [
    p.aimBaseline !== null ? `from ${formatAimNumber(p.aimBaseline)}` : "",
    p.aimTarget !== null ? `to ${formatAimNumber(p.aimTarget)}` : "",
    p.aimTargetDate ? `by ${formatDay(p.aimTargetDate)}` : "",
  ].filter(Boolean);
  return `${p.aimWhat}${p.aimForWhom ? ` for ${p.aimForWhom}` : ""}${numbers.length ? `: ${numbers.join(" ")}` : ""}.`;
}

type Charter = SerializeFrom<typeof loader>["charter"];

export function CharterSummary({
  charter,
  aimWarning,
  canEdit,
}: {
  charter: Charter;
  aimWarning: string | null;
  canEdit: boolean;
}) {
  const p = charter.project;
  return (
    <>
      <h2>Charter</h2>
      <dl className="nhsuk-summary-list">
        <Row label="Problem">{orNone(p.problem)}</Row>
        {p.proposalIdea ? <Row label="The idea">{orNone(p.proposalIdea)}</Row> : null}
        <Row label="SMART aim">
          {p.aimWhat ? (
            <>
              <p className="nhsuk-u-margin-bottom-2">{aimSentence(p)}</p>
              {p.aimMeasure ? <p className="nhsuk-u-margin-bottom-2">Measured by: {p.aimMeasure}</p> : null}
              {aimWarning ? (
                <p className="nhsuk-u-margin-bottom-0">
                  <strong className="nhsuk-tag nhsuk-tag--yellow">Warning</strong> {aimWarning}
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
          )}
        </Row>
        <Row label="Scope">{orNone(p.scope)}</Row>
        <Row label="Division and service">
          {[charter.division, p.service].filter(Boolean).join(" · ") || <span className="app-muted">Not recorded</span>}
        </Row>
        <Row label="Strategic theme">{charter.theme ?? <span className="app-muted">No theme</span>}</Row>
        <Row label="CQC domains">
          {charter.cqcDomains.length ? (
            CQC_DOMAINS.filter((d) => charter.cqcDomains.includes(d))
              .map((d) => CQC_DOMAIN_LABELS[d])
              .join(", ")
          ) : (
            <span className="app-muted">None</span>
          )}
        </Row>
        <Row label="Origin">
          {ORIGIN_LABELS[p.origin]}
          {p.originReference ? ` (${p.originReference})` : ""}
        </Row>
        <Row label="Wave">{charter.waveName ?? <span className="app-muted">Not in a wave</span>}</Row>
        <Row label="Planned dates">
          {p.plannedStart || p.plannedEnd
            ? `${formatDay(p.plannedStart) || "?"} to ${formatDay(p.plannedEnd) || "?"}`
            : orNone(null)}
        </Row>
      </dl>

      {p.stage === "closed" ? (
        <>
          <h2>Closure summary</h2>
          <dl className="nhsuk-summary-list">
            <Row label="Aim achieved">
              {p.closureAimAchieved === null ? "Not recorded" : p.closureAimAchieved ? "Yes" : "No"}
            </Row>
            <Row label="Evidence">{orNone(p.closureEvidence)}</Row>
            <Row label="What was adopted">{orNone(p.closureAdopted)}</Row>
            <Row label="How the gain is sustained">{orNone(p.closureSustain)}</Row>
            <Row label="Who owns it now">{orNone(p.closureOwner)}</Row>
            <Row label="Lessons for others">{orNone(p.closureLessons)}</Row>
          </dl>
        </>
      ) : null}
    </>
  );
}
