// What an import shows before anything is saved: every problem by line number, a
// preview of the rows, the periods that would be replaced, and a progress message
// while a large paste is checked or saved.
import { useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { Frequency } from "~/domain/enums";
import { capitalise, formatMeasureValue, periodLabel } from "~/domain/measure-periods";
import { formatNumber } from "~/domain/spc";

export type PreviewRow = {
  line: number;
  cells: string[];
  periodDate: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  problem: string | null;
  /** The stored value this row would replace. */
  replaces: number | null;
};

export type ReplacedPeriod = { periodDate: string; old: number; value: number };

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** The NHS error summary for an import: one line per bad row, linked to the pasted data. Takes focus when shown. */
export function ImportProblems({
  formError,
  problems,
  problemCount,
  target,
}: {
  formError: string | null;
  problems: readonly { line: number; message: string }[];
  problemCount: number;
  target: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [formError, problems]);
  if (!formError && problems.length === 0) return null;
  return (
    <div className="nhsuk-error-summary" aria-labelledby="import-problems-title" role="alert" tabIndex={-1} ref={ref}>
      <h2 className="nhsuk-error-summary__title" id="import-problems-title">
        There is a problem
      </h2>
      <div className="nhsuk-error-summary__body">
        {problems.length ? (
          <p>
            {count(problemCount, "row needs", "rows need")} correcting. Nothing has been saved: correct{" "}
            {problemCount === 1 ? "it" : "them"} and check the data again.
          </p>
        ) : null}
        <ul className="nhsuk-list nhsuk-error-summary__list" data-measure="import-problems">
          {formError ? (
            <li>
              <a href={`#${target}`}>{formError}</a>
            </li>
          ) : null}
          {problems.map((p) => (
            <li key={p.line}>
              <a href={`#${target}`}>
                Line {p.line}: {p.message}
              </a>
            </li>
          ))}
        </ul>
        {problemCount > problems.length ? (
          <p>
            And {count(problemCount - problems.length, "more row", "more rows")}: correct these first, then check again
            to see the rest.
          </p>
        ) : null}
      </div>
    </div>
  );
}

export function ImportPreviewTable({
  rows,
  rowCount,
  problemCount,
  frequency,
  usesRatio,
  unitLabel,
}: {
  rows: readonly PreviewRow[];
  rowCount: number;
  problemCount: number;
  frequency: Frequency;
  usesRatio: boolean;
  unitLabel: string | undefined;
}) {
  return (
    <div className="app-table-wrap">
      {rows.length < rowCount ? (
        <p className="nhsuk-body-s">
          Showing the first {rows.length.toLocaleString("en-GB")} of {rowCount.toLocaleString("en-GB")} rows. Every row
          has been checked.
        </p>
      ) : null}
      <table className="nhsuk-table app-measure-preview" data-measure="preview">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">
          {problemCount
            ? `Your ${count(rowCount, "row", "rows")}, checked: ${problemCount.toLocaleString("en-GB")} to correct`
            : `Preview: ${count(rowCount, "row", "rows")} as they will be saved`}
        </caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Date entered</th>
            <th scope="col">Period</th>
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
            <th scope="col" className="nhsuk-table__header--numeric">
              Value
            </th>
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {rows.map((r) => (
            <tr key={r.line} className={r.problem ? "app-measure-preview__row--problem" : undefined}>
              <td>{r.line}</td>
              <td>{r.cells[0] ?? ""}</td>
              <td>{r.periodDate ? capitalise(periodLabel(r.periodDate, frequency)) : "–"}</td>
              {usesRatio ? (
                <>
                  <td className="nhsuk-table__cell--numeric">{r.numerator === null ? (r.cells[1] ?? "") : formatNumber(r.numerator)}</td>
                  <td className="nhsuk-table__cell--numeric">{r.denominator === null ? (r.cells[2] ?? "") : formatNumber(r.denominator)}</td>
                </>
              ) : null}
              <td className="nhsuk-table__cell--numeric">
                {r.value === null ? (usesRatio ? "–" : (r.cells[1] ?? "")) : formatMeasureValue(r.value, unitLabel)}
              </td>
              <td>
                {r.problem ? (
                  <strong className="app-measure-preview__problem">
                    <span className="nhsuk-u-visually-hidden">Problem: </span>
                    {capitalise(r.problem)}
                  </strong>
                ) : r.replaces !== null ? (
                  `Replaces ${formatMeasureValue(r.replaces, unitLabel)}`
                ) : (
                  "New"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReplacedPeriods({
  periods,
  total,
  frequency,
  unitLabel,
}: {
  periods: readonly ReplacedPeriod[];
  total: number;
  frequency: Frequency;
  unitLabel: string | undefined;
}) {
  return (
    <div className="nhsuk-warning-callout" data-measure="replacing">
      <h3 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {count(total, "period already has a value", "periods already have values")}
        </span>
      </h3>
      <p>
        Saving replaces {total === 1 ? "it" : "them"} with the value{total === 1 ? "" : "s"} you pasted. Notes on{" "}
        {total === 1 ? "that period" : "those periods"} are kept.
      </p>
      <div className="app-table-wrap">
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Periods that would be replaced</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Period</th>
              <th scope="col" className="nhsuk-table__header--numeric">
                Saved now
              </th>
              <th scope="col" className="nhsuk-table__header--numeric">
                Would become
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {periods.map((p) => (
              <tr key={p.periodDate}>
                <td>{capitalise(periodLabel(p.periodDate, frequency))}</td>
                <td className="nhsuk-table__cell--numeric">{formatMeasureValue(p.old, unitLabel)}</td>
                <td className="nhsuk-table__cell--numeric">{formatMeasureValue(p.value, unitLabel)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {periods.length < total ? <p>And {count(total - periods.length, "more period", "more periods")}.</p> : null}
    </div>
  );
}

/** Rows in a paste, not counting a first line of column headings (one with no digit in it). */
function pastedRows(text: string): number {
  let n = 0;
  let first: string | null = null;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    if (first === null) first = line;
    n++;
  }
  return first !== null && !/\d/.test(first) ? n - 1 : n;
}

/**
 * While an import is posted: "Checking 10,000 rows…" or "Saving 10,000 values…", in a live
 * region that is always on the page so screen readers announce the change.
 */
export function ImportProgress({ savingCount }: { savingCount: number | null }) {
  const navigation = useNavigation();
  let message = "";
  if (navigation.state === "submitting" && navigation.formData) {
    const form = navigation.formData;
    const file = form.get("file");
    if (form.get("intent") === "confirm") {
      message = `Saving ${(savingCount ?? 0).toLocaleString("en-GB")} values…`;
    } else if (file && typeof file !== "string" && file.size > 0) {
      message = `Checking ${file.name}…`;
    } else {
      const rows = pastedRows(String(form.get("data") ?? ""));
      message = `Checking ${rows.toLocaleString("en-GB")} ${rows === 1 ? "row" : "rows"}…`;
    }
  }
  return (
    <div className="app-measure-progress" role="status" aria-live="polite" data-measure="progress">
      {message ? (
        <>
          <progress className="app-measure-progress__bar" aria-label={message} />
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{message}</p>
        </>
      ) : null}
    </div>
  );
}
