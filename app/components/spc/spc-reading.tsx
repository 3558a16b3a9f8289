// What a measure's page and the calculator both show for a series: the two icons and the reading
// in words, then the chart chosen (a run chart, said so when it was chosen for the reader).
import type { ReactNode } from "react";
import { InsetText } from "~/components/nhs";
import { describeResult, type SpcResult } from "~/domain/spc";
import { AssuranceIcon } from "./assurance-icon";
import type { ChartAnnotation, PdsaMarker } from "./frame";
import type { DataTableView } from "./data-table";
import { RunChart } from "./run-chart";
import { SpcChart } from "./spc-chart";
import { VariationIcon } from "./variation-icon";

/** Why there is no assurance icon, in words. */
function assuranceNone(result: SpcResult) {
  if (result.improvement === "neutral") return "No assurance: a neutral measure has no target to pass or fail";
  return result.target === null ? "No assurance: no target" : "No assurance: no process limits yet";
}

/** Both icons with their labels, and the plain-English reading; `data` names the attribute tests read them by. */
export function SpcHeadline({
  result,
  unitLabel,
  periodWord,
  data,
}: {
  result: SpcResult;
  unitLabel: string | undefined;
  periodWord: "days" | "weeks" | "months" | undefined;
  data: { icons?: Record<`data-${string}`, string>; reading: Record<`data-${string}`, string> };
}) {
  return (
    <>
      <div className="app-spc-icons" {...data.icons}>
        <VariationIcon icon={result.variation_icon} size={64} showLabel />
        <AssuranceIcon icon={result.assurance_icon} size={64} showLabel noneText={assuranceNone(result)} />
      </div>
      <p className="nhsuk-body-l" {...data.reading}>
        {describeResult(result, { unitLabel, periodWord })}
      </p>
    </>
  );
}

/** The run chart or the XmR chart; `autoNote` says why a run chart was chosen for the reader. */
export function ChosenChart({
  chart,
  autoChosen,
  autoNote,
  result,
  title,
  unitLabel,
  pdsaMarkers,
  annotations,
  rebaseReasons,
  table,
}: {
  chart: "xmr" | "run";
  autoChosen: boolean;
  autoNote: ReactNode;
  result: SpcResult;
  title: string;
  unitLabel: string | undefined;
  pdsaMarkers?: readonly PdsaMarker[];
  annotations?: readonly ChartAnnotation[];
  rebaseReasons: readonly { index: number; reason: string }[];
  table?: DataTableView;
}) {
  if (chart === "xmr") {
    return (
      <SpcChart
        result={result}
        title={`${title}: XmR chart`}
        unitLabel={unitLabel}
        pdsaMarkers={pdsaMarkers}
        annotations={annotations}
        rebaseReasons={rebaseReasons}
        table={table}
      />
    );
  }
  return (
    <>
      {autoChosen ? (
        <InsetText>
          <p>{autoNote}</p>
        </InsetText>
      ) : null}
      <RunChart result={result} title={`${title}: run chart`} unitLabel={unitLabel} pdsaMarkers={pdsaMarkers} annotations={annotations} table={table} />
    </>
  );
}
