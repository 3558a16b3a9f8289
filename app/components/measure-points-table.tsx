// The stored values of a measure, newest first, a page at a time, with "correct" and
// "delete" links for the project's editors.
import { Link } from "@remix-run/react";
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
      <div className="app-table-wrap">
        <table className="nhsuk-table" data-measure="values">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">
            {total.toLocaleString("en-GB")} {total === 1 ? "value" : "values"}, newest first
            {pageCount > 1 ? ` (page ${page} of ${pageCount})` : ""}
          </caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Period</th>
              <th scope="col" className="nhsuk-table__header--numeric">
                Value
              </th>
              {usesRatio ? (
                <>
                  <th scope="col" className="nhsuk-table__header--numeric">
                    Numerator
                  </th>
                  <th scope="col" className="nhsuk-table__header--numeric">
                    Denominator
                  </th>
                </>
              ) : null}
              <th scope="col">Note</th>
              {canEdit ? <th scope="col">Change</th> : null}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {rows.map((r) => {
              const label = periodLabel(r.periodDate, frequency);
              return (
                <tr key={r.id}>
                  <td>
                    <time dateTime={r.periodDate}>{capitalise(label)}</time>
                  </td>
                  <td className="nhsuk-table__cell--numeric">{formatMeasureValue(r.value, unitLabel)}</td>
                  {usesRatio ? (
                    <>
                      <td className="nhsuk-table__cell--numeric">{num(r.numerator)}</td>
                      <td className="nhsuk-table__cell--numeric">{num(r.denominator)}</td>
                    </>
                  ) : null}
                  <td className="app-pre-line">{r.note || <span className="app-muted">None</span>}</td>
                  {canEdit ? (
                    <td className="app-measure-actions">
                      <Link to={`${dataHref}?point=${r.id}`}>
                        Correct<span className="nhsuk-u-visually-hidden"> the value for {label}</span>
                      </Link>{" "}
                      <Link to={`${dataHref}?delete=${r.id}`}>
                        Delete<span className="nhsuk-u-visually-hidden"> the value for {label}</span>
                      </Link>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pageCount > 1 ? (
        <nav className="nhsuk-pagination" role="navigation" aria-label="Pages of values">
          <ul className="nhsuk-list nhsuk-pagination__list">
            {page > 1 ? (
              <li className="nhsuk-pagination-item--previous">
                <Link className="nhsuk-pagination__link nhsuk-pagination__link--prev" to={pageHref(page - 1)} preventScrollReset>
                  <span className="nhsuk-pagination__title">Newer values</span>
                  <span className="nhsuk-u-visually-hidden">:</span>
                  <span className="nhsuk-pagination__page">
                    Page {page - 1} of {pageCount}
                  </span>
                </Link>
              </li>
            ) : null}
            {page < pageCount ? (
              <li className="nhsuk-pagination-item--next">
                <Link className="nhsuk-pagination__link nhsuk-pagination__link--next" to={pageHref(page + 1)} preventScrollReset>
                  <span className="nhsuk-pagination__title">Older values</span>
                  <span className="nhsuk-u-visually-hidden">:</span>
                  <span className="nhsuk-pagination__page">
                    Page {page + 1} of {pageCount}
                  </span>
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </section>
  );
}
