import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MeasureBanner } from "~/components/measure-banner";
import { MeasureName } from "~/components/measure-primary-tag";
import { InsetText, Table } from "~/components/nhs";
import { AssuranceIcon, Sparkline, VariationIcon } from "~/components/spc";
import { getDb } from "~/db.server";
import type { VariationIcon as VariationIconId } from "~/domain/enums";
import { FREQUENCY_LABELS, MEASURE_TYPE_LABELS } from "~/domain/labels";
import { capitalise, formatMeasureValue, periodLabel, unitSuffix } from "~/domain/measure-periods";
import type { SpecialCause } from "~/domain/spc";
import { parseId, requireUser } from "~/auth/guards.server";
import { deletedMeasureName, listMeasures } from "~/models/measure.server";
import { useProjectLayout } from "~/routes/projects.$projectId";

export const meta: MetaFunction = () => [{ title: "Measures – Stepping Up" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const projectId = parseId(params.projectId, "project");
  const measures = listMeasures(getDb(), projectId).map((m) => ({
    ...m,
    sparkline: m.sparkline ? (JSON.parse(m.sparkline) as number[]) : [],
  }));
  const deleted = Number(new URL(request.url).searchParams.get("deleted"));
  return {
    projectId,
    measures,
    deletedName: Number.isSafeInteger(deleted) && deleted > 0 ? deletedMeasureName(getDb(), projectId, deleted) : null,
  };
}

const directionOf = (icon: VariationIconId | null) => (icon?.endsWith("_high") ? ("high" as const) : icon?.endsWith("_low") ? ("low" as const) : null);

export default function MeasuresList() {
  const { projectId, measures, deletedName } = useLoaderData<typeof loader>();
  const { permissions } = useProjectLayout();
  const base = `/projects/${projectId}/measures`;

  return (
    <>
      {deletedName ? <MeasureBanner message={`The measure “${deletedName}” is deleted`} /> : null}
      <h2>Measures of improvement</h2>
      <p>How the team will know that a change is an improvement: outcome, process and balancing measures, each shown on a statistical process control chart.</p>
      {permissions.edit ? (
        <p>
          <Link className="nhsuk-button nhsuk-u-margin-bottom-4" to={`${base}/new`}>
            Add a measure
          </Link>
        </p>
      ) : null}

      {measures.length === 0 ? (
        <InsetText>
          <p>
            This project has no measures yet.{" "}
            {permissions.edit ? (
              <>
                Start with an outcome measure for the aim, then <Link to={`${base}/new`}>add a measure</Link> and its data.
              </>
            ) : (
              "The project team adds them."
            )}
          </p>
        </InsetText>
      ) : (
        <Table
          caption="Measures, primary first"
          captionHidden
          scroll
          rows={measures}
          rowKey={(m) => m.id}
          columns={[
            {
              id: "measure",
              header: "Measure",
              cell: (m) => (
                <>
                  <MeasureName name={m.name} isPrimary={m.isPrimary} to={`${base}/${m.id}`} />
                  <span className="nhsuk-body-s app-muted app-measure-list__meta">
                    {MEASURE_TYPE_LABELS[m.type]} measure, {FREQUENCY_LABELS[m.frequency].toLowerCase()}, {m.points.toLocaleString("en-GB")}{" "}
                    {m.points === 1 ? "value" : "values"}
                    {m.target !== null ? `, target ${formatMeasureValue(m.target, unitSuffix(m))}` : ""}
                  </span>
                </>
              ),
            },
            {
              id: "recent",
              header: "Recent values",
              cell: (m) => (
                <Sparkline
                  values={m.sparkline}
                  latest={(m.latestSignal as SpecialCause | null) ?? null}
                  latestDirection={directionOf(m.variationIcon)}
                  label={m.name}
                  unitLabel={unitSuffix(m)}
                />
              ),
            },
            {
              id: "icons",
              header: "Variation and assurance",
              cell: (m) =>
                m.points === 0 ? (
                  <span className="app-muted">No data yet</span>
                ) : (
                  <span className="app-measure-list__icons">
                    <VariationIcon icon={m.variationIcon} size={40} />
                    <AssuranceIcon icon={m.assuranceIcon} size={40} noneText={null} />
                  </span>
                ),
            },
            {
              id: "latest",
              header: "Latest value",
              cell: (m) =>
                m.latestValue === null || m.latestDate === null ? (
                  permissions.edit ? (
                    <Link to={`${base}/${m.id}/import`}>
                      Add data<span className="nhsuk-u-visually-hidden"> for {m.name}</span>
                    </Link>
                  ) : (
                    <span className="app-muted">None yet</span>
                  )
                ) : (
                  <>
                    <strong>{formatMeasureValue(m.latestValue, unitSuffix(m))}</strong>
                    <span className="nhsuk-body-s app-measure-list__meta">{capitalise(periodLabel(m.latestDate, m.frequency))}</span>
                  </>
                ),
            },
          ]}
        />
      )}
    </>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
