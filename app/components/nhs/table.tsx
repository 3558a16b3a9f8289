// NHS.UK table from column definitions and rows. Sorting is done by the server: a sortable header
// is a link to the sorted URL and the sorted column carries aria-sort, so it works without
// JavaScript. `scroll` wraps a wide table in nhsuk-frontend 10's scroll region, labelled by the
// caption and focusable, so it scrolls inside itself on a phone and from the keyboard.
import { Link } from "@remix-run/react";
import { Fragment, useId, type ReactNode } from "react";

export type SortDirection = "ascending" | "descending";

export type TableColumn<Row> = {
  id: string;
  header: ReactNode;
  cell: (row: Row, index: number) => ReactNode;
  /** Right-aligned numbers (nhsuk-table__header--numeric / __cell--numeric). */
  numeric?: boolean;
  /** The cell names its row: rendered as <th scope="row">. */
  rowHeader?: boolean;
  /** A link that sorts by this column; `direction` only on the column the rows are sorted by. */
  sort?: { href: string; direction?: SortDirection; next?: SortDirection };
  headerClassName?: string;
  cellClassName?: string | ((row: Row) => string | undefined);
};

export type TableGroup<Row> = {
  /** Rows are already in group order; a group heading row starts whenever the key changes. */
  key: (row: Row) => unknown;
  heading: (row: Row) => ReactNode;
  className?: string;
};

type RowProps = { className?: string; attributes?: Record<`data-${string}`, string | undefined> };

export function Table<Row>({
  caption,
  captionSize,
  captionHidden = false,
  columns,
  rows,
  rowKey,
  rowProps,
  group,
  scroll = false,
  id,
  className,
  attributes,
}: {
  caption: ReactNode;
  captionSize?: "s" | "m" | "l" | "xl";
  /** The caption is read out but not shown (the page's heading already says it). */
  captionHidden?: boolean;
  columns: readonly TableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string | number;
  rowProps?: (row: Row, index: number) => RowProps;
  group?: TableGroup<Row>;
  scroll?: boolean;
  id?: string;
  className?: string;
  attributes?: Record<`data-${string}`, string | undefined>;
}) {
  const generatedId = useId();
  const captionId = `${id ?? generatedId}-caption`;
  const sortable = columns.some((c) => c.sort);
  let lastGroup: unknown = Symbol("none");

  const table = (
    <table className={`nhsuk-table${sortable ? " nhsuk-table--sortable" : ""}${className ? ` ${className}` : ""}`} id={id} {...attributes}>
      <caption
        className={`nhsuk-table__caption${captionSize ? ` nhsuk-table__caption--${captionSize}` : ""}${captionHidden ? " nhsuk-u-visually-hidden" : ""}`}
        id={scroll ? captionId : undefined}
      >
        {caption}
        {sortable ? <span className="nhsuk-u-visually-hidden"> (Column headers are sortable)</span> : null}
      </caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          {columns.map((c) => (
            <th
              key={c.id}
              scope="col"
              className={cls("nhsuk-table__header", c.numeric && "nhsuk-table__header--numeric", c.headerClassName)}
              data-sort={c.sort ? "" : undefined}
              aria-sort={c.sort?.direction}
            >
              {c.sort ? (
                <Link className="nhsuk-link" to={c.sort.href}>
                  {c.header}
                  {c.sort.next ? <span className="nhsuk-u-visually-hidden">, sort {c.sort.next}</span> : null}
                </Link>
              ) : (
                c.header
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {rows.map((row, index) => {
          const key = group?.key(row);
          const heading =
            group && key !== lastGroup ? (
              <tr className={group.className}>
                <th scope="colgroup" colSpan={columns.length}>
                  {group.heading(row)}
                </th>
              </tr>
            ) : null;
          lastGroup = key;
          const extra = rowProps?.(row, index);
          return (
            <Fragment key={rowKey(row, index)}>
              {heading}
              <tr className={cls("nhsuk-table__row", extra?.className)} {...extra?.attributes}>
                {columns.map((c) => {
                  const cellClass = typeof c.cellClassName === "function" ? c.cellClassName(row) : c.cellClassName;
                  return c.rowHeader ? (
                    <th key={c.id} scope="row" className={cls("nhsuk-table__header", c.numeric && "nhsuk-table__header--numeric", cellClass)}>
                      {c.cell(row, index)}
                    </th>
                  ) : (
                    <td key={c.id} className={cls("nhsuk-table__cell", c.numeric && "nhsuk-table__cell--numeric", cellClass)}>
                      {c.cell(row, index)}
                    </td>
                  );
                })}
              </tr>
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
  return scroll ? <TableScroll labelledBy={captionId}>{table}</TableScroll> : table;
}

/** nhsuk-frontend 10's scroll container; tabIndex so keyboard users can scroll it without JavaScript. */
export function TableScroll({ labelledBy, label, children }: { labelledBy?: string; label?: string; children: ReactNode }) {
  return (
    <div className="nhsuk-scroll">
      <div className="nhsuk-scroll__content" role="region" aria-labelledby={labelledBy} aria-label={labelledBy ? undefined : label} tabIndex={0}>
        {children}
      </div>
    </div>
  );
}

function cls(...names: (string | false | null | undefined)[]) {
  return names.filter(Boolean).join(" ");
}
