// What an import shows before anything is saved: every problem by line number, a
// preview of the rows, the periods that would be replaced, and a progress message
// while a large paste is checked or saved.
import { useNavigation } from "@remix-run/react";
import { ErrorSummaryBox, Table, WarningCallout, type TableColumn } from "~/components/nhs";
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
  if (!formError && problems.length === 0) return null;
  const errors = [
    ...(formError ? [{ text: formError, href: `#${target}` }] : []),
    ...problems.map((p) => ({ text: `Line ${p.line}: ${p.message}`, href: `#${target}` })),
  ];
  return (
    <ErrorSummaryBox
      errors={errors}
      focusKey={`${formError ?? ""}|${problems.map((p) => p.line).join(",")}`}
      after={
        problemCount > problems.length ? (
          <p>And {count(problemCount - problems.length, "more row", "more rows")}: correct these first, then check again to see the rest.</p>
        ) : null
      }
    >
      {problems.length ? (
        <p>
          {count(problemCount, "row needs", "rows need")} correcting. Nothing has been saved: correct {problemCount === 1 ? "it" : "them"} and check the data
          again.
        </p>
      ) : null}
    </ErrorSummaryBox>
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
  const numbers: TableColumn<PreviewRow>[] = usesRatio
    ? [
        {
          id: "numerator",
          header: "Numerator",
          numeric: true,
          cell: (r) => (r.numerator === null ? (r.cells[1] ?? "") : formatNumber(r.numerator)),
        },
        {
          id: "denominator",
          header: "Denominator",
          numeric: true,
          cell: (r) => (r.denominator === null ? (r.cells[2] ?? "") : formatNumber(r.denominator)),
        },
      ]
    : [];
  return (
    <>
      {rows.length < rowCount ? (
        <p className="nhsuk-body-s">
          Showing the first {rows.length.toLocaleString("en-GB")} of {rowCount.toLocaleString("en-GB")} rows. Every row has been checked.
        </p>
      ) : null}
      <Table
        caption={
          problemCount
            ? `Your ${count(rowCount, "row", "rows")}, checked: ${problemCount.toLocaleString("en-GB")} to correct`
            : `Preview: ${count(rowCount, "row", "rows")} as they will be saved`
        }
        captionSize="s"
        className="app-measure-preview"
        attributes={{ "data-measure": "preview" }}
        scroll
        rows={rows}
        rowKey={(r) => r.line}
        rowProps={(r) => ({ className: r.problem ? "app-measure-preview__row--problem" : undefined })}
        columns={[
          { id: "line", header: "Line", cell: (r) => r.line },
          { id: "entered", header: "Date entered", cell: (r) => r.cells[0] ?? "" },
          {
            id: "period",
            header: "Period",
            cell: (r) => (r.periodDate ? capitalise(periodLabel(r.periodDate, frequency)) : "–"),
          },
          ...numbers,
          {
            id: "value",
            header: "Value",
            numeric: true,
            cell: (r) => (r.value === null ? (usesRatio ? "–" : (r.cells[1] ?? "")) : formatMeasureValue(r.value, unitLabel)),
          },
          {
            id: "check",
            header: "Check",
            cell: (r) =>
              r.problem ? (
                <strong className="app-measure-preview__problem">
                  <span className="nhsuk-u-visually-hidden">Problem: </span>
                  {capitalise(r.problem)}
                </strong>
              ) : r.replaces !== null ? (
                `Replaces ${formatMeasureValue(r.replaces, unitLabel)}`
              ) : (
                "New"
              ),
          },
        ]}
      />
    </>
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
    <WarningCallout heading={count(total, "period already has a value", "periods already have values")} attributes={{ "data-measure": "replacing" }}>
      <p>
        Saving replaces {total === 1 ? "it" : "them"} with the value{total === 1 ? "" : "s"} you pasted. Notes on{" "}
        {total === 1 ? "that period" : "those periods"} are kept.
      </p>
      <Table
        caption="Periods that would be replaced"
        captionHidden
        scroll
        rows={periods}
        rowKey={(p) => p.periodDate}
        columns={[
          { id: "period", header: "Period", cell: (p) => capitalise(periodLabel(p.periodDate, frequency)) },
          { id: "old", header: "Saved now", numeric: true, cell: (p) => formatMeasureValue(p.old, unitLabel) },
          { id: "new", header: "Would become", numeric: true, cell: (p) => formatMeasureValue(p.value, unitLabel) },
        ]}
      />
      {periods.length < total ? <p>And {count(total - periods.length, "more period", "more periods")}.</p> : null}
    </WarningCallout>
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
