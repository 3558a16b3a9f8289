import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MeasureBanner } from "~/components/measure-banner";
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

const directionOf = (icon: VariationIconId | null) =>
  icon?.endsWith("_high") ? ("high" as const) : icon?.endsWith("_low") ? ("low" as const) : null;

export default function MeasuresList() {
  const { projectId, measures, deletedName } = useLoaderData<typeof loader>();
  const { permissions } = useProjectLayout();
  const base = `/projects/${projectId}/measures`;

  return (
    <>
      {deletedName ? <MeasureBanner message={`The measure “${deletedName}” is deleted`} /> : null}
      <h2>Measures of improvement</h2>
      <p>
        How the team will know that a change is an improvement: outcome, process and balancing measures, each shown
        on a statistical process control chart.
      </p>
      {permissions.edit ? (
        <p>
          <Link className="nhsuk-button nhsuk-u-margin-bottom-4" to={`${base}/new`}>
            Add a measure
          </Link>
        </p>
      ) : null}

      {measures.length === 0 ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            This project has no measures yet.{" "}
            {permissions.edit ? (
              <>
                Start with an outcome measure for the aim, then <Link to={`${base}/new`}>add a measure</Link> and its
                data.
              </>
            ) : (
              "The project team adds them."
            )}
          </p>
        </div>
      ) : (
        <div className="app-table-wrap">
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Measures, primary first</caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">Measure</th>
                <th scope="col">Recent values</th>
                <th scope="col">Variation and assurance</th>
                <th scope="col">Latest value</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {measures.map((m) => {
                const suffix = unitSuffix(m);
                return (
                  <tr key={m.id}>
                    <td>
                      <Link to={`${base}/${m.id}`}>{m.name}</Link>
                      {m.isPrimary ? <strong className="nhsuk-tag nhsuk-tag--blue nhsuk-u-margin-left-2">Primary</strong> : null}
                      <span className="nhsuk-body-s app-muted app-measure-list__meta">
                        {MEASURE_TYPE_LABELS[m.type]} measure, {FREQUENCY_LABELS[m.frequency].toLowerCase()},{" "}
                        {m.points.toLocaleString("en-GB")} {m.points === 1 ? "value" : "values"}
                        {m.target !== null ? `, target ${formatMeasureValue(m.target, suffix)}` : ""}
                      </span>
                    </td>
                    <td>
                      <Sparkline
                        values={m.sparkline}
                        latest={(m.latestSignal as SpecialCause | null) ?? null}
                        latestDirection={directionOf(m.variationIcon)}
                        label={m.name}
                        unitLabel={suffix}
                      />
                    </td>
                    <td>
                      {m.points === 0 ? (
                        <span className="app-muted">No data yet</span>
                      ) : (
                        <span className="app-measure-list__icons">
                          <VariationIcon icon={m.variationIcon} size={40} />
                          <AssuranceIcon icon={m.assuranceIcon} size={40} noneText={null} />
                        </span>
                      )}
                    </td>
                    <td>
                      {m.latestValue === null || m.latestDate === null ? (
                        permissions.edit ? (
                          <Link to={`${base}/${m.id}/import`}>
                            Add data<span className="nhsuk-u-visually-hidden"> for {m.name}</span>
                          </Link>
                        ) : (
                          <span className="app-muted">None yet</span>
                        )
                      ) : (
                        <>
                          <strong>{formatMeasureValue(m.latestValue, suffix)}</strong>
                          <span className="nhsuk-body-s app-measure-list__meta">{capitalise(periodLabel(m.latestDate, m.frequency))}</span>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
