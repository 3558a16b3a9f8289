// The chart's data as a table inside a disclosure (a <details>, so it opens
// without JavaScript): the text alternative for every point.
import { formatNumber, type SpcResult } from "~/domain/spc";
import { pointSignalText } from "./labels";
import { Details, Table, type TableColumn } from "~/components/nhs";

/** A longer series lists only its latest points: no one reads a 10,000-row table. */
export const TABLE_ROW_LIMIT = 1000;

/**
 * A page that knows its own address can list only the latest points, with a link to the whole table
 * (ADR 117): `latest` points, and `allHref` lists them all; `open` opens the disclosure, as when the
 * reader has just asked for the whole table. `id` names the disclosure for the link's fragment.
 */
export type DataTableView = { latest?: number; allHref?: string; open?: boolean; id?: string };

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
  view = {},
}: {
  result: SpcResult;
  variant: "xmr" | "run";
  /** The date (or "Point 3") people see for each point. */
  pointLabel: (i: number) => string;
  hasDates: boolean;
  caption: string;
  view?: DataTableView;
}) {
  const median = result.run_chart.median;
  const limit = view.latest !== undefined && view.allHref ? Math.min(view.latest, TABLE_ROW_LIMIT) : TABLE_ROW_LIMIT;
  const rows = result.points.length > limit ? result.points.slice(-limit) : result.points;
  type Point = (typeof rows)[number];
  const sideOfMedian = (p: Point) => (median === null ? "–" : p.value > median ? "Above" : p.value < median ? "Below" : "On the median");
  const columns: TableColumn<Point>[] = [
    { id: "point", header: "Point", cell: (p) => p.index + 1 },
    ...(hasDates ? [{ id: "date", header: "Date", cell: (p: Point) => pointLabel(p.index) }] : []),
    { id: "value", header: "Value", numeric: true, cell: (p) => formatNumber(p.value) },
    ...(variant === "xmr"
      ? ([
          { id: "mean", header: "Mean", numeric: true, cell: (p) => num(p.mean) },
          { id: "lcl", header: "Lower limit", numeric: true, cell: (p) => num(p.lcl) },
          { id: "ucl", header: "Upper limit", numeric: true, cell: (p) => num(p.ucl) },
          {
            id: "signal",
            header: "Signal",
            cellClassName: (p) => `app-spc-signal app-spc-signal--${p.special_cause}`,
            cell: (p) => capitalise(pointSignalText(p)),
          },
        ] satisfies TableColumn<Point>[])
      : ([
          { id: "median", header: "Median", numeric: true, cell: () => num(median) },
          { id: "side", header: "Side of the median", cell: sideOfMedian },
        ] satisfies TableColumn<Point>[])),
  ];
  return (
    <Details summary="Show data as a table" className="app-spc-chart__table" id={view.id} open={view.open}>
      {rows.length < result.points.length ? (
        <p className="nhsuk-body-s" data-spc="table-limit">
          Showing the latest {rows.length.toLocaleString("en-GB")} of {result.points.length.toLocaleString("en-GB")} points.
          {limit < TABLE_ROW_LIMIT ? (
            <>
              {" "}
              <a href={view.allHref}>
                {result.points.length > TABLE_ROW_LIMIT
                  ? `Show the latest ${TABLE_ROW_LIMIT.toLocaleString("en-GB")} points in the table`
                  : `Show all ${result.points.length.toLocaleString("en-GB")} points in the table`}
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      <Table caption={caption} captionHidden scroll rows={rows} rowKey={(p) => p.index} columns={columns} />
    </Details>
  );
}
