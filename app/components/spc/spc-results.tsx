// What the SPC calculator shows for a series: the chart, both icons, the
// plain-English reading, the limits, the run-chart analysis and the options used.
import type { ReactNode } from "react";
import { SummaryList, Table, type SummaryRow } from "~/components/nhs";
import { IMPROVEMENT_LABELS } from "~/domain/labels";
import { formatNumber, type SpcResult } from "~/domain/spc";
import { describeRunChart } from "./run-chart";
import { ChosenChart, SpcHeadline } from "./spc-reading";
import { inferPeriod, pointLabeller, withUnit } from "./scale";

export type ChartShown = "xmr" | "run";

/** A summary-list row whose value carries data-spc=<name>, so tests and scripts can read one figure. */
const row = (key: string, value: ReactNode, name?: string): SummaryRow => ({
  key,
  value,
  valueAttributes: name ? { "data-spc": name } : undefined,
});

const yesNo = (b: boolean) => (b ? "Yes" : "No");

export function SpcResults({
  result,
  chart,
  autoChosen,
  unitLabel,
  rebaseReasons,
  title = "Your data",
}: {
  result: SpcResult;
  chart: ChartShown;
  /** The chart was chosen for the user (a run chart because there are under 12 points). */
  autoChosen: boolean;
  unitLabel?: string;
  rebaseReasons: readonly { index: number; reason: string }[];
  title?: string;
}) {
  const u = (x: number | null) => (x === null ? "None" : withUnit(x, unitLabel));
  const dates = result.points.every((p) => p.date !== null) ? result.points.map((p) => p.date as string) : null;
  const label = pointLabeller(dates, result.n);
  const rc = result.run_chart;
  const options = result.options;
  return (
    <section aria-labelledby="spc-results-heading" className="app-spc-results">
      <h2 id="spc-results-heading">Results</h2>
      <SpcHeadline result={result} unitLabel={unitLabel} periodWord={inferPeriod(dates)} data={{ reading: { "data-spc": "reading" } }} />

      <ChosenChart
        chart={chart}
        autoChosen={autoChosen}
        autoNote={
          <>
            With fewer than 12 points this is shown as a run chart: process limits from so few points are only trial limits. Choose &ldquo;XmR chart&rdquo; to
            see them anyway.
          </>
        }
        result={result}
        title={title}
        unitLabel={unitLabel}
        rebaseReasons={rebaseReasons}
      />

      <h3>Limits</h3>
      <SummaryList
        rows={[
          row("Mean", u(result.mean), "mean"),
          row("Upper process limit", u(result.ucl), "ucl"),
          row("Lower process limit", u(result.lcl), "lcl"),
          row(
            "2σ lines",
            result.lower_two_sigma === null || result.upper_two_sigma === null ? "None" : `${u(result.lower_two_sigma)} and ${u(result.upper_two_sigma)}`,
            "two-sigma",
          ),
          row("Average moving range", result.mr_bar === null ? "None" : formatNumber(result.mr_bar), "mr-bar"),
          row(
            "Points",
            <>
              {result.n}
              {result.trial_limits ? " (trial limits: the latest segment has fewer than 12 points)" : ""}
            </>,
            "n",
          ),
        ]}
      />
      {result.segments.length > 1 ? (
        <Table
          caption="Segments"
          captionSize="s"
          scroll
          rows={result.segments}
          rowKey={(s) => s.index}
          columns={[
            { id: "from", header: "From", cell: (s) => label(s.first_index) },
            { id: "to", header: "To", cell: (s) => label(s.last_index) },
            {
              id: "reason",
              header: "Reason",
              cell: (s) => (s.index === 0 ? "Start" : (rebaseReasons.find((r) => r.index === s.first_index)?.reason ?? "Not given")),
            },
            { id: "mean", header: "Mean", numeric: true, cell: (s) => u(s.mean) },
            { id: "lcl", header: "Lower limit", numeric: true, cell: (s) => u(s.lcl) },
            { id: "ucl", header: "Upper limit", numeric: true, cell: (s) => u(s.ucl) },
          ]}
        />
      ) : null}

      <h3>Run chart analysis</h3>
      <p data-spc="run-reading">{describeRunChart(rc, unitLabel)}</p>
      <SummaryList
        rows={[
          row("Median", u(rc.median), "median"),
          row("Longest run", rc.longest_run === null ? "None" : `${rc.longest_run} (more than ${rc.longest_run_max} is a signal)`, "longest-run"),
          row("Crossings", rc.crossings === null ? "None" : `${rc.crossings} (fewer than ${rc.crossings_min} is a signal)`, "crossings"),
          row("Anhøj signal", yesNo(rc.signal), "anhoj-signal"),
          row(
            `IHI shift (${rc.ihi.shift_length} or more on one side)`,
            <>
              {yesNo(rc.ihi.shift)} (longest {rc.ihi.longest_shift})
            </>,
            "ihi-shift",
          ),
          row(
            `IHI trend (${rc.ihi.trend_length} or more rising or falling)`,
            <>
              {yesNo(rc.ihi.trend)} (longest {rc.ihi.longest_trend})
            </>,
            "ihi-trend",
          ),
        ]}
      />

      <h3>Options used</h3>
      <SummaryList
        rows={[
          row("Improvement direction", IMPROVEMENT_LABELS[result.improvement]),
          row("Target", u(result.target)),
          row("Baseline", options.baseline === null ? "Every point" : `First ${options.baseline} points of each segment`),
          row(
            "Large moving ranges screened out",
            options.screen_outliers ? `Yes (${result.segments.reduce((k, s) => k + s.screened_moving_ranges, 0)} screened)` : "No",
          ),
          row("Shift length", <>{options.shift_length} points</>),
          row("Trend length", <>{options.trend_length} points</>),
          row(
            "Two out of three",
            options.two_of_three_mode === "between_limits"
              ? "Counts points between the 2σ line and the limit (NHSRplotthedots)"
              : "Counts points beyond the 2σ line, including beyond the limit (Making Data Count 2023)",
          ),
        ]}
      />
    </section>
  );
}
