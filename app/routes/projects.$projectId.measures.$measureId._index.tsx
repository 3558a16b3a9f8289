import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { MeasureBanner } from "~/components/measure-banner";
import { PrimaryTag } from "~/components/measure-primary-tag";
import { InsetText } from "~/components/nhs";
import { MeasureChart } from "~/components/measure-chart";
import { CHART_TYPE_SHORT } from "~/domain/measure-chart";
import { MeasureAnnotations, MeasureDefinition, MeasureRebases } from "~/components/measure-details";
import { MeasurePointsTable } from "~/components/measure-points-table";
import { getDb } from "~/db.server";
import { MEASURE_TYPE_LABELS } from "~/domain/labels";
import { defaultChart, measureSpcInput, PERIOD_NOUNS, unitSuffix } from "~/domain/measure-periods";
import { analyseSeries } from "~/domain/spc";
import { notFound, parseId, requireUser } from "~/auth/guards.server";
import { listAnnotations, listPointsPage, listRebases, listSeries } from "~/models/measure-data.server";
import { getMeasure, listPdsaMarkers } from "~/models/measure.server";
import { ChartAdviceNotice } from "~/components/chart-advice";
import { adviseChart } from "~/domain/chart-advice";
import { dataCounts } from "~/models/measure-events.server";
import { useMeasureLayout } from "~/routes/projects.$projectId.measures.$measureId";
import { Comments } from "~/components/comments";
import { commentsData } from "~/models/comment.server";
import { nowMs } from "~/clock.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.name ?? "Measure"} – Stepping Up` }];

const PAGE_SIZE = 20;

/** The chart's data table lists the latest points; "?table=all" lists them all (ADR 117). */
const TABLE_LATEST = 24;

const SAVED_MESSAGES: Record<string, string> = {
  created: "The measure is added",
  updated: "The definition is saved",
  primary: "This is now the project's primary measure",
  added: "The value is added",
  corrected: "The value is corrected",
  deleted: "The value is deleted",
  rebased: "The limits are recalculated",
  "rebase-removed": "The rebase is removed",
  noted: "The note is added to the chart",
  "note-removed": "The note is removed",
  event: "The event is recorded",
  events: "The events are recorded",
  "event-deleted": "The event is deleted",
};

// Kept by the page cache between changes (ADR 126).
export const handle = { pageCache: true };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const projectId = parseId(params.projectId, "project");
  const measureId = parseId(params.measureId, "measure");
  const db = getDb();
  const measure = getMeasure(db, projectId, measureId);
  if (!measure) notFound("measure");
  const search = new URL(request.url).searchParams;

  const series = listSeries(db, measureId);
  const asked = search.get("chart");
  const chart = asked === "xmr" || asked === "run" ? asked : defaultChart(series.length);
  const pageCount = Math.max(1, Math.ceil(series.length / PAGE_SIZE));
  const page = Math.min(pageCount, Math.max(1, Math.floor(Number(search.get("page"))) || 1));
  const dates = new Set(series.map((p) => p.periodDate));
  const saved = search.get("saved");
  // The chart the data suggest, when it is not the measure's (ADR 035).
  const advice = series.length >= 2 ? adviseChart(measure, series, dataCounts(db, measureId).events > 0) : null;
  return {
    name: measure.name,
    advice: advice && advice.chart !== measure.chartType ? advice : null,
    // The series travels as columns, not one object per point: a third of the bytes (ADR 117).
    series: {
      periodDates: series.map((p) => p.periodDate),
      values: series.map((p) => p.value),
      numerators: series.some((p) => p.numerator !== null) ? series.map((p) => p.numerator) : null,
      denominators: series.some((p) => p.denominator !== null) ? series.map((p) => p.denominator) : null,
    },
    chart,
    chartParam: asked === "xmr" || asked === "run" ? asked : null,
    wholeTable: search.get("table") === "all",
    rows: listPointsPage(db, measureId, page, PAGE_SIZE),
    page,
    pageCount,
    rebases: listRebases(db, measureId).map((r) => ({
      id: r.id,
      periodDate: r.periodDate,
      reason: r.reason,
      createdByName: r.createdByName,
      applied: dates.has(r.periodDate) && series[0]?.periodDate !== r.periodDate,
    })),
    annotations: listAnnotations(db, measureId).map((a) => ({
      id: a.id,
      periodDate: a.periodDate,
      text: a.text,
      createdByName: a.createdByName,
    })),
    pdsaMarkers: listPdsaMarkers(db, projectId),
    saved: saved && SAVED_MESSAGES[saved] ? SAVED_MESSAGES[saved] : null,
    imported: saved === "imported" ? { added: Number(search.get("added")) || 0, replaced: Number(search.get("replaced")) || 0 } : null,
    comments: commentsData(db, user, { projectId, target: "measure", targetId: measureId, now: nowMs() }),
  };
}

export default function MeasurePage() {
  const {
    series: columns,
    chart,
    chartParam,
    wholeTable,
    rows,
    page,
    pageCount,
    rebases,
    annotations,
    pdsaMarkers,
    saved,
    imported,
    advice,
    comments,
  } = useLoaderData<typeof loader>();
  const { measure: m, canEdit } = useMeasureLayout();
  const base = `/projects/${m.projectId}/measures/${m.id}`;
  const suffix = unitSuffix(m);
  const series = useMemo(
    () =>
      columns.periodDates.map((periodDate, i) => ({
        periodDate,
        value: columns.values[i],
        numerator: columns.numerators?.[i] ?? null,
        denominator: columns.denominators?.[i] ?? null,
      })),
    [columns],
  );
  const result = useMemo(
    () =>
      analyseSeries(
        measureSpcInput(
          series,
          rebases.map((r) => r.periodDate),
          m,
        ),
      ),
    [series, rebases, m],
  );
  const rebaseReasons = useMemo(() => {
    const index = new Map(series.map((p, i) => [p.periodDate, i]));
    return rebases.flatMap((r) => (r.applied ? [{ index: index.get(r.periodDate) as number, reason: r.reason }] : []));
  }, [series, rebases]);

  return (
    <>
      {saved ? <MeasureBanner message={saved} /> : null}
      {imported ? (
        <MeasureBanner message={`${(imported.added + imported.replaced).toLocaleString("en-GB")} values are saved`}>
          <p>
            {imported.added.toLocaleString("en-GB")} added, {imported.replaced.toLocaleString("en-GB")} replaced.
          </p>
        </MeasureBanner>
      ) : null}
      <p className="nhsuk-u-margin-bottom-2">
        <Link to={`/projects/${m.projectId}/measures`}>All measures of this project</Link>
      </p>
      <span className="nhsuk-caption-m">{MEASURE_TYPE_LABELS[m.type]} measure</span>
      <h2>
        {m.name}
        {m.isPrimary ? <PrimaryTag /> : null}
      </h2>

      {canEdit ? (
        <nav aria-label="Change this measure" className="nhsuk-u-margin-bottom-4">
          <ul className="nhsuk-list app-measure-inline-list">
            <li>
              <Link to={`${base}/data`}>{m.chartType === "g" || m.chartType === "t" ? "Record an event or add a value" : "Add a value"}</Link>
            </li>
            <li>
              <Link to={`${base}/import`}>Paste or upload data</Link>
            </li>
            <li>
              <Link to={`${base}/edit`}>Edit the definition</Link>
            </li>
            <li>
              <Link to={`${base}/rebases`}>Recalculate the limits</Link>
            </li>
            <li>
              <Link to={`${base}/annotations`}>Add a note to the chart</Link>
            </li>
            {m.isPrimary ? null : (
              <li>
                <Form method="post" action={`${base}/edit`} className="app-inline-form">
                  <input type="hidden" name="intent" value="primary" />
                  <input type="hidden" name="version" value={m.version} />
                  <button className="app-button--link" type="submit">
                    Make this the primary measure
                  </button>
                </Form>
              </li>
            )}
            <li>
              <Link to={`${base}/delete`}>Delete this measure</Link>
            </li>
          </ul>
        </nav>
      ) : null}

      {series.length === 0 ? (
        <InsetText attributes={{ "data-measure": "empty" }}>
          <p>No data yet.</p>
          {canEdit ? (
            <p>
              <Link to={`${base}/import`}>Paste or upload a series from a spreadsheet</Link>, or <Link to={`${base}/data`}>add the first value</Link>. With 12
              values the chart shows process limits; 20 or more is better.
            </p>
          ) : (
            <p>The project team adds the data. The chart appears once there is a value.</p>
          )}
        </InsetText>
      ) : (
        <>
          {advice ? <ChartAdviceNotice advice={advice} base={base} version={m.version} canEdit={canEdit} /> : null}
          <MeasureChart
            title={m.name}
            result={result}
            chart={chart}
            autoChosen={chartParam === null}
            unitLabel={suffix}
            periodWord={PERIOD_NOUNS[m.frequency].many}
            pdsaMarkers={pdsaMarkers}
            annotations={annotations.map((a) => ({ date: a.periodDate, text: a.text }))}
            rebaseReasons={rebaseReasons}
            limitsChart={m.chartType === "run" ? "XmR" : CHART_TYPE_SHORT[m.chartType]}
            table={
              wholeTable
                ? { open: true, id: "measure-data-table" }
                : {
                    latest: TABLE_LATEST,
                    allHref: `?${chartParam ? `chart=${chartParam}&` : ""}${page > 1 ? `page=${page}&` : ""}table=all#measure-data-table`,
                    id: "measure-data-table",
                  }
            }
          />
          <MeasurePointsTable
            rows={rows}
            total={series.length}
            page={page}
            pageCount={pageCount}
            frequency={m.frequency}
            usesRatio={m.usesRatio}
            unitLabel={suffix}
            dataHref={`${base}/data`}
            pageHref={(p) => `?${chartParam ? `chart=${chartParam}&` : ""}${wholeTable ? "table=all&" : ""}page=${p}#measure-values-heading`}
            canEdit={canEdit}
          />
        </>
      )}

      <h3>Definition</h3>
      <MeasureDefinition m={m} />
      <MeasureRebases rebases={rebases} frequency={m.frequency} href={`${base}/rebases`} canEdit={canEdit} />
      <MeasureAnnotations annotations={annotations} frequency={m.frequency} href={`${base}/annotations`} canEdit={canEdit} />
      <Comments {...comments} />
    </>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
