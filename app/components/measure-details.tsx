// What a measure is (its operational definition and settings), and the rebases and
// chart notes recorded on it, each with its reason.
import { Link } from "@remix-run/react";
import type { Frequency, ImprovementDirection, MeasureType, MeasureUnit } from "~/domain/enums";
import { FREQUENCY_LABELS, IMPROVEMENT_LABELS, MEASURE_TYPE_LABELS } from "~/domain/labels";
import { capitalise, formatMeasureValue, periodLabel, unitSuffix } from "~/domain/measure-periods";
import { formatDay } from "~/web/dates";
import { UNIT_OPTION_LABELS } from "~/components/measure-definition-fields";
import { SummaryList, Tag } from "~/components/nhs";

const orNone = (value: string) => (value.trim() ? <span className="app-pre-line">{value}</span> : <span className="app-muted">Not recorded</span>);

export type DefinitionView = {
  type: MeasureType;
  definition: string;
  unit: MeasureUnit;
  unitLabel: string;
  ratePer: number | null;
  improvement: ImprovementDirection;
  target: number | null;
  targetDate: string | null;
  frequency: Frequency;
  dataOwner: string;
  dataSource: string;
  usesRatio: boolean;
  baselinePoints: number | null;
  isPrimary: boolean;
};

export function MeasureDefinition({ m }: { m: DefinitionView }) {
  const suffix = unitSuffix(m);
  const unit =
    m.unit === "rate"
      ? `Rate per ${m.ratePer?.toLocaleString("en-GB") ?? "?"}${m.unitLabel ? ` (${m.unitLabel})` : ""}`
      : m.unit === "other"
        ? m.unitLabel
        : `${UNIT_OPTION_LABELS[m.unit]}${m.unitLabel && m.unit !== "percent" ? ` (${m.unitLabel})` : ""}`;
  return (
    <SummaryList
      attributes={{ "data-measure": "definition" }}
      rows={[
        { key: "Type", value: <>{MEASURE_TYPE_LABELS[m.type]} measure</> },
        { key: "Operational definition", value: orNone(m.definition) },
        { key: "Unit", value: unit },
        {
          key: "Entered as",
          value: m.usesRatio ? "A numerator and a denominator (the value is worked out)" : "A single value",
        },
        { key: "Frequency", value: FREQUENCY_LABELS[m.frequency] },
        { key: "Improvement", value: IMPROVEMENT_LABELS[m.improvement] },
        {
          key: "Target",
          value:
            m.target === null ? (
              <span className="app-muted">No target</span>
            ) : (
              `${formatMeasureValue(m.target, suffix)}${m.targetDate ? ` by ${formatDay(m.targetDate)}` : ""}`
            ),
        },
        {
          key: "Limits calculated from",
          value: m.baselinePoints === null ? "Every value" : `The first ${m.baselinePoints} values (a fixed baseline)`,
        },
        { key: "Data owner", value: orNone(m.dataOwner) },
        { key: "Data source", value: orNone(m.dataSource) },
        { key: "Primary measure", value: m.isPrimary ? "Yes: the programme board sees this measure" : "No" },
      ]}
    />
  );
}

/** A list under the chart: the periods it names, the page that adds to it, and whether this reader may. */
type ChartListProps = { frequency: Frequency; href: string; canEdit: boolean };

export type RebaseView = {
  id: number;
  periodDate: string;
  reason: string;
  applied: boolean;
  createdByName: string | null;
};

export function MeasureRebases({ rebases, frequency, href, canEdit }: { rebases: readonly RebaseView[] } & ChartListProps) {
  return (
    <section aria-labelledby="measure-rebases-heading">
      <h3 id="measure-rebases-heading">Limits recalculated (rebases)</h3>
      {rebases.length === 0 ? (
        <p className="app-muted">
          The limits have not been recalculated. Recalculate them from a period when the process has changed for a known reason, like a new way of working that
          has been adopted.
        </p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--border" data-measure="rebases">
          {rebases.map((r) => (
            <li key={r.id}>
              <strong>From {periodLabel(r.periodDate, frequency)}:</strong> <span className="app-pre-line">{r.reason}</span>
              {r.createdByName ? <span className="app-muted"> (recorded by {r.createdByName})</span> : null}
              {r.applied ? null : (
                <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
                  <Tag colour="yellow">Not applied</Tag> There is no value for this period (or it is the first value), so the limits do not change here.
                </p>
              )}
              {canEdit ? (
                <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
                  <Link to={`${href}?delete=${r.id}`}>
                    Remove
                    <span className="nhsuk-u-visually-hidden"> the rebase from {periodLabel(r.periodDate, frequency)}</span>
                  </Link>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <p>
          <Link to={href}>Recalculate the limits from a period</Link>
        </p>
      ) : null}
    </section>
  );
}

export type AnnotationView = { id: number; periodDate: string; text: string; createdByName: string | null };

export function MeasureAnnotations({ annotations, frequency, href, canEdit }: { annotations: readonly AnnotationView[] } & ChartListProps) {
  return (
    <section aria-labelledby="measure-notes-heading">
      <h3 id="measure-notes-heading">Notes on the chart</h3>
      {annotations.length === 0 ? (
        <p className="app-muted">No notes yet. A note marks what happened at a point, like a change going live.</p>
      ) : (
        <ol className="nhsuk-list nhsuk-list--border" data-measure="annotations">
          {annotations.map((a, k) => (
            <li key={a.id}>
              <strong>
                {k + 1}. {capitalise(periodLabel(a.periodDate, frequency))}:
              </strong>{" "}
              <span className="app-pre-line">{a.text}</span>
              {canEdit ? (
                <>
                  {" "}
                  <Link to={`${href}?delete=${a.id}`}>
                    Remove<span className="nhsuk-u-visually-hidden"> note {k + 1}</span>
                  </Link>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {canEdit ? (
        <p>
          <Link to={href}>Add a note to the chart</Link>
        </p>
      ) : null}
    </section>
  );
}
