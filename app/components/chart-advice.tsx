// The chart a measure's data suggest (ADR 035), with its reason and, for the team, one button
// that switches the measure to it (an audited definition change, like any other).
import { Form } from "@remix-run/react";
import { InsetText } from "~/components/nhs";
import type { ChartAdvice } from "~/domain/chart-advice";
import { CHART_TYPE_LABELS, CHART_TYPE_SHORT } from "~/domain/measure-chart";

export function ChartAdviceNotice({ advice, base, version, canEdit }: { advice: ChartAdvice; base: string; version: number; canEdit: boolean }) {
  const short = CHART_TYPE_SHORT[advice.chart];
  return (
    <InsetText attributes={{ "data-measure": "chart-advice" }}>
      <p>
        <strong>The data suggest a {short === "XmR" ? "XmR chart" : `${short} chart`}.</strong> {advice.reason}
      </p>
      {canEdit && advice.canSwitch ? (
        <Form method="post" action={`${base}/edit`} className="app-inline-form">
          <input type="hidden" name="intent" value="chart" />
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name="chartType" value={advice.chart} />
          <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
            Use the {short === "XmR" ? "XmR chart" : `${short} chart`}
          </button>
        </Form>
      ) : null}
      <p className="nhsuk-u-visually-hidden">{CHART_TYPE_LABELS[advice.chart]}</p>
    </InsetText>
  );
}
