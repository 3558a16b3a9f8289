// The chart's data as a table inside a disclosure (a <details>, so it opens
// without JavaScript): the text alternative for every point.
import { formatNumber, type SpcResult } from "~/domain/spc";
import { pointSignalText } from "./labels";

/** A longer series lists only its latest points: no one reads a 10,000-row table. */
export const TABLE_ROW_LIMIT = 1000;

function num(x: number | null): string {
  return x === null ? "–" : formatNumber(x);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function SpcDataTable({
  result,
  variant,
  pointLabel,
  hasDates,
  caption,
}: {
  result: SpcResult;
  variant: "xmr" | "run";
  /** The date (or "Point 3") people see for each point. */
  pointLabel: (i: number) => string;
  hasDates: boolean;
  caption: string;
}) {
  const median = result.run_chart.median;
  const rows = result.points.length > TABLE_ROW_LIMIT ? result.points.slice(-TABLE_ROW_LIMIT) : result.points;
  return (
    <details className="nhsuk-details app-spc-chart__table">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Show data as a table</span>
      </summary>
      <div className="nhsuk-details__text app-table-wrap">
        {rows.length < result.points.length ? (
          <p className="nhsuk-body-s" data-spc="table-limit">
            Showing the latest {rows.length.toLocaleString("en-GB")} of {result.points.length.toLocaleString("en-GB")}{" "}
            points.
          </p>
        ) : null}
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{caption}</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th className="nhsuk-table__header" scope="col">
                Point
              </th>
              {hasDates ? (
                <th className="nhsuk-table__header" scope="col">
                  Date
                </th>
              ) : null}
              <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                Value
              </th>
              {variant === "xmr" ? (
                <>
                  <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                    Mean
                  </th>
                  <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                    Lower limit
                  </th>
                  <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                    Upper limit
                  </th>
                  <th className="nhsuk-table__header" scope="col">
                    Signal
                  </th>
                </>
              ) : (
                <>
                  <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                    Median
                  </th>
                  <th className="nhsuk-table__header" scope="col">
                    Side of the median
                  </th>
                </>
              )}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {rows.map((p) => (
              <tr key={p.index} className="nhsuk-table__row">
                <td className="nhsuk-table__cell">{p.index + 1}</td>
                {hasDates ? <td className="nhsuk-table__cell">{pointLabel(p.index)}</td> : null}
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatNumber(p.value)}</td>
                {variant === "xmr" ? (
                  <>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{num(p.mean)}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{num(p.lcl)}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{num(p.ucl)}</td>
                    <td className={`nhsuk-table__cell app-spc-signal app-spc-signal--${p.special_cause}`}>
                      {capitalise(pointSignalText(p))}
                    </td>
                  </>
                ) : (
                  <>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{num(median)}</td>
                    <td className="nhsuk-table__cell">
                      {median === null ? "–" : p.value > median ? "Above" : p.value < median ? "Below" : "On the median"}
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
