// What the SPC calculator shows for a series: the chart, both icons, the
// plain-English reading, the limits, the run-chart analysis and the options used.
import { IMPROVEMENT_LABELS } from "~/domain/labels";
import { describeResult, formatNumber, type SpcResult } from "~/domain/spc";
import { AssuranceIcon } from "./assurance-icon";
import { RunChart, describeRunChart } from "./run-chart";
import { SpcChart } from "./spc-chart";
import { VariationIcon } from "./variation-icon";
import { inferPeriod, pointLabeller, withUnit } from "./scale";

export type ChartShown = "xmr" | "run";

function Row({ label, name, children }: { label: string; name?: string; children: React.ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value" data-spc={name}>
        {children}
      </dd>
    </div>
  );
}

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
  const assuranceNone =
    result.improvement === "neutral"
      ? "No assurance: a neutral measure has no target to pass or fail"
      : result.target === null
        ? "No assurance: no target"
        : "No assurance: no process limits yet";

  return (
    <section aria-labelledby="spc-results-heading" className="app-spc-results">
      <h2 id="spc-results-heading">Results</h2>
      <div className="app-spc-icons">
        <VariationIcon icon={result.variation_icon} size={64} showLabel />
        <AssuranceIcon icon={result.assurance_icon} size={64} showLabel noneText={assuranceNone} />
      </div>
      <p className="nhsuk-body-l" data-spc="reading">
        {describeResult(result, { unitLabel, periodWord: inferPeriod(dates) })}
      </p>

      {chart === "run" ? (
        <>
          {autoChosen ? (
            <div className="nhsuk-inset-text">
              <span className="nhsuk-u-visually-hidden">Information: </span>
              <p>
                With fewer than 12 points this is shown as a run chart: process limits from so few points are only
                trial limits. Choose &ldquo;XmR chart&rdquo; to see them anyway.
              </p>
            </div>
          ) : null}
          <RunChart result={result} title={`${title}: run chart`} unitLabel={unitLabel} />
        </>
      ) : (
        <SpcChart result={result} title={`${title}: XmR chart`} unitLabel={unitLabel} rebaseReasons={rebaseReasons} />
      )}

      <h3>Limits</h3>
      <dl className="nhsuk-summary-list">
        <Row label="Mean" name="mean">
          {u(result.mean)}
        </Row>
        <Row label="Upper process limit" name="ucl">
          {u(result.ucl)}
        </Row>
        <Row label="Lower process limit" name="lcl">
          {u(result.lcl)}
        </Row>
        <Row label="2σ lines" name="two-sigma">
          {result.lower_two_sigma === null || result.upper_two_sigma === null
            ? "None"
            : `${u(result.lower_two_sigma)} and ${u(result.upper_two_sigma)}`}
        </Row>
        <Row label="Average moving range" name="mr-bar">
          {result.mr_bar === null ? "None" : formatNumber(result.mr_bar)}
        </Row>
        <Row label="Points" name="n">
          {result.n}
          {result.trial_limits ? " (trial limits: the latest segment has fewer than 12 points)" : ""}
        </Row>
      </dl>
      {result.segments.length > 1 ? (
        <div className="app-table-wrap">
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">Segments</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th className="nhsuk-table__header" scope="col">From</th>
                <th className="nhsuk-table__header" scope="col">To</th>
                <th className="nhsuk-table__header" scope="col">Reason</th>
                <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Mean</th>
                <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Lower limit</th>
                <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Upper limit</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {result.segments.map((s) => (
                <tr key={s.index} className="nhsuk-table__row">
                  <td className="nhsuk-table__cell">{label(s.first_index)}</td>
                  <td className="nhsuk-table__cell">{label(s.last_index)}</td>
                  <td className="nhsuk-table__cell">
                    {s.index === 0 ? "Start" : (rebaseReasons.find((r) => r.index === s.first_index)?.reason ?? "Not given")}
                  </td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{u(s.mean)}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{u(s.lcl)}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{u(s.ucl)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <h3>Run chart analysis</h3>
      <p data-spc="run-reading">{describeRunChart(rc, unitLabel)}</p>
      <dl className="nhsuk-summary-list">
        <Row label="Median" name="median">
          {u(rc.median)}
        </Row>
        <Row label="Longest run" name="longest-run">
          {rc.longest_run === null ? "None" : `${rc.longest_run} (more than ${rc.longest_run_max} is a signal)`}
        </Row>
        <Row label="Crossings" name="crossings">
          {rc.crossings === null ? "None" : `${rc.crossings} (fewer than ${rc.crossings_min} is a signal)`}
        </Row>
        <Row label="Anhøj signal" name="anhoj-signal">
          {yesNo(rc.signal)}
        </Row>
        <Row label={`IHI shift (${rc.ihi.shift_length} or more on one side)`} name="ihi-shift">
          {yesNo(rc.ihi.shift)} (longest {rc.ihi.longest_shift})
        </Row>
        <Row label={`IHI trend (${rc.ihi.trend_length} or more rising or falling)`} name="ihi-trend">
          {yesNo(rc.ihi.trend)} (longest {rc.ihi.longest_trend})
        </Row>
      </dl>

      <h3>Options used</h3>
      <dl className="nhsuk-summary-list">
        <Row label="Improvement direction">
          {IMPROVEMENT_LABELS[result.improvement]}
        </Row>
        <Row label="Target">{u(result.target)}</Row>
        <Row label="Baseline">{options.baseline === null ? "Every point" : `First ${options.baseline} points of each segment`}</Row>
        <Row label="Large moving ranges screened out">
          {options.screen_outliers ? `Yes (${result.segments.reduce((k, s) => k + s.screened_moving_ranges, 0)} screened)` : "No"}
        </Row>
        <Row label="Shift length">{options.shift_length} points</Row>
        <Row label="Trend length">{options.trend_length} points</Row>
        <Row label="Two out of three">
          {options.two_of_three_mode === "between_limits"
            ? "Counts points between the 2σ line and the limit (NHSRplotthedots)"
            : "Counts points beyond the 2σ line, including beyond the limit (Making Data Count 2023)"}
        </Row>
      </dl>
    </section>
  );
}
