// The stored values of a measure, newest first, a page at a time, with "correct" and
// "delete" links for the project's editors.
import { Link } from "@remix-run/react";
import { Pagination, Table, type TableColumn } from "~/components/nhs";
import type { Frequency } from "~/domain/enums";
import { capitalise, formatMeasureValue, periodLabel } from "~/domain/measure-periods";
import { formatNumber } from "~/domain/spc";

export type PointRow = {
  id: number;
  periodDate: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  note: string;
};

export function MeasurePointsTable({
  rows,
  total,
  page,
  pageCount,
  frequency,
  usesRatio,
  unitLabel,
  dataHref,
  pageHref,
  canEdit,
}: {
  rows: readonly PointRow[];
  total: number;
  page: number;
  pageCount: number;
  frequency: Frequency;
  usesRatio: boolean;
  unitLabel: string | undefined;
  /** The data entry page; "?point=ID" corrects a value, "?delete=ID" deletes one. */
  dataHref: string;
  pageHref: (page: number) => string;
  canEdit: boolean;
}) {
  const num = (x: number | null) => (x === null ? "–" : formatNumber(x));
  return (
    <section aria-labelledby="measure-values-heading">
      <h3 id="measure-values-heading">Values</h3>
      <Table
        caption={
          <>
            {total.toLocaleString("en-GB")} {total === 1 ? "value" : "values"}, newest first
            {pageCount > 1 ? ` (page ${page} of ${pageCount})` : ""}
          </>
        }
        captionSize="s"
        scroll
        attributes={{ "data-measure": "values" }}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          {
            id: "period",
            header: "Period",
            cell: (r) => <time dateTime={r.periodDate}>{capitalise(periodLabel(r.periodDate, frequency))}</time>,
          },
          { id: "value", header: "Value", numeric: true, cell: (r) => formatMeasureValue(r.value, unitLabel) },
          ...(usesRatio
            ? ([
                { id: "numerator", header: "Numerator", numeric: true, cell: (r: PointRow) => num(r.numerator) },
                { id: "denominator", header: "Denominator", numeric: true, cell: (r: PointRow) => num(r.denominator) },
              ] satisfies TableColumn<PointRow>[])
            : []),
          {
            id: "note",
            header: "Note",
            cellClassName: "app-pre-line",
            cell: (r) => r.note || <span className="app-muted">None</span>,
          },
          ...(canEdit
            ? [
                {
                  id: "change",
                  header: "Change",
                  cellClassName: "app-measure-actions",
                  cell: (r: PointRow) => {
                    const label = periodLabel(r.periodDate, frequency);
                    return (
                      <>
                        <Link to={`${dataHref}?point=${r.id}`}>
                          Correct<span className="nhsuk-u-visually-hidden"> the value for {label}</span>
                        </Link>{" "}
                        <Link to={`${dataHref}?delete=${r.id}`}>
                          Delete<span className="nhsuk-u-visually-hidden"> the value for {label}</span>
                        </Link>
                      </>
                    );
                  },
                },
              ]
            : []),
        ]}
      />
      <Pagination page={page} pages={pageCount} href={pageHref} label="Pages of values" previous="Newer values" next="Older values" preventScrollReset />
    </section>
  );
}
