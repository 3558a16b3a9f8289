import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ImportPreviewTable, ImportProblems, ImportProgress, ReplacedPeriods } from "~/components/measure-import-preview";
import { ErrorSummaryBox, FormButtons } from "~/components/nhs";
import { periodLabel, unitSuffix } from "~/domain/measure-periods";
import { FormToken } from "~/components/form-token";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";
import { badRequest, requireMeasureEditor } from "~/auth/guards.server";
import { checkImport } from "~/forms/measure-import-check.server";
import { IMPORT_MAX_ROWS } from "~/forms/measure-form";
import { importAnswer, readImportSource, type ImportAnswer } from "~/forms/measure-import.server";
import { checkFieldNames } from "~/forms/submission.server";
import { today } from "~/today.server";
import { spentFormToken } from "~/models/form-token.server";
import { listSeries, storedValues } from "~/models/measure-data.server";
import { importPoints } from "~/models/measure-data-commands.server";
import { actorOf } from "~/auth/actor.server";
import { valueOf } from "~/web/command-reply.server";
import { useMeasureLayout } from "~/routes/projects.$projectId.measures.$measureId";

export const meta: MetaFunction = () => [{ title: "Paste or upload data – Stepping Up" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, measure, base } = await requireMeasureEditor(request, context, params);
  const series = listSeries(db, measure.id);
  return { base, points: series.length, first: series[0]?.periodDate ?? null, last: series.at(-1)?.periodDate ?? null };
}

// The names the import forms send; the body itself is bounded (5 MiB) before this route runs.
const ImportFields = z.object({
  intent: z.enum(["check", "confirm"]),
  data: z.string().optional(),
  file: z.unknown().optional(),
  replace: z.string().optional(),
  [FORM_TOKEN_FIELD]: formToken(),
});

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, db, measure, base } = await requireMeasureEditor(request, context, params);
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    badRequest("The data could not be read. Paste it again, or upload the file again.");
  }
  checkFieldNames(formData, ImportFields);
  const intent = formData.get("intent");
  if (intent !== "check" && intent !== "confirm") badRequest("That request was not understood. Reload the page and try again.");
  const token = formData.get(FORM_TOKEN_FIELD);
  const once = {
    userId: user.id,
    kind: "measure_import",
    token: typeof token === "string" && token ? token : undefined,
  };
  // A resubmitted confirmation would see its own values as ones to replace: answer it with the first result.
  const replay = intent === "confirm" ? spentFormToken(db, once) : null;
  if (replay) return redirect(replay);
  const input = await readImportSource(formData);
  if (typeof input === "string") {
    const check = { entries: [], rows: [], problems: [], header: null, formError: input };
    return data(importAnswer(check, new Map(), { text: "", source: "file", fileName: null }), { status: 400 });
  }
  const check = checkImport(input.text, { ...measure, today: today() });
  const stored = storedValues(db, measure.id);
  const answer = importAnswer(check, stored, input);
  if (answer.stage === "problems") return data(answer, { status: 400 });
  if (intent === "check") return answer;

  // Confirm: save only the set that was previewed, replacing only the periods that were shown.
  const replace = formData.get("replace");
  if (answer.replaceCount > 0 && replace !== answer.fingerprint) {
    const notice =
      typeof replace === "string" && replace !== ""
        ? "The values saved for this measure have changed since you checked the data. Check the periods that would be replaced, then confirm again."
        : `${answer.replaceCount.toLocaleString("en-GB")} of these periods already have values. Check them below, then confirm that they should be replaced.`;
    return data({ ...answer, notice }, { status: typeof replace === "string" && replace !== "" ? 409 : 400 });
  }
  if (answer.replaceCount === 0 && typeof replace === "string" && replace !== "" && replace !== answer.fingerprint) {
    const notice = "The values saved for this measure have changed since you checked the data. Check the preview, then save again.";
    return data({ ...answer, notice }, { status: 409 });
  }
  const imported = importPoints(db, actorOf(user, context), {
    measure,
    rows: check.rows,
    replacing: answer.replaceCount,
    formToken: once.token,
    locate: (saved) => `${base}?saved=imported&added=${saved.added}&replaced=${saved.replaced}`,
  });
  return redirect(valueOf(imported).location);
}

const EXAMPLES = {
  value: "Date,Value\n06/01/2025,42\n13/01/2025,38\n20/01/2025,45",
  ratio: "Date,Numerator,Denominator\n06/01/2025,29,35\n13/01/2025,31,40\n20/01/2025,27,33",
};

export default function ImportData() {
  const { base, points, first, last } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as ImportAnswer | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { measure: m } = useMeasureLayout();
  const suffix = unitSuffix(m);
  const columns = m.usesRatio ? "the date, the numerator and the denominator" : "the date and the value";
  const every = m.frequency === "daily" ? "day" : m.frequency === "weekly" ? "week (any day of it)" : "month (any day of it)";
  const previewTable = answer?.rows.length ? (
    <ImportPreviewTable
      rows={answer.rows}
      rowCount={answer.rowCount}
      problemCount={answer.problemCount}
      frequency={m.frequency}
      usesRatio={m.usesRatio}
      unitLabel={suffix}
    />
  ) : null;

  return (
    <>
      {answer ? <ImportProblems formError={answer.formError} problems={answer.problems} problemCount={answer.problemCount} target="data" /> : null}
      <span className="nhsuk-caption-m">{m.name}</span>
      <h2>Paste or upload data</h2>
      <ImportProgress savingCount={answer?.validCount ?? null} />

      {answer?.stage === "preview" ? (
        <section aria-labelledby="import-preview-heading" className="nhsuk-u-margin-bottom-6">
          <h3 id="import-preview-heading">Check the data before saving</h3>
          {answer.notice ? (
            <ErrorSummaryBox heading="Confirm before saving" headingId="import-notice-title" focusKey={answer.notice}>
              <p>{answer.notice}</p>
            </ErrorSummaryBox>
          ) : null}
          <p data-measure="import-summary">
            All {answer.validCount.toLocaleString("en-GB")} {answer.validCount === 1 ? "row is" : "rows are"} correct
            {answer.fileName ? ` in ${answer.fileName}` : ""}: {(answer.validCount - answer.replaceCount).toLocaleString("en-GB")} new{" "}
            {answer.validCount - answer.replaceCount === 1 ? "value" : "values"}
            {answer.replaceCount ? ` and ${answer.replaceCount.toLocaleString("en-GB")} to replace` : ""}. Nothing is saved until you confirm.
          </p>
          {answer.header ? <p>The first line (&ldquo;{answer.header}&rdquo;) was read as column headings and skipped.</p> : null}
          {answer.replaceCount ? <ReplacedPeriods periods={answer.replacing} total={answer.replaceCount} frequency={m.frequency} unitLabel={suffix} /> : null}
          <Form method="post" replace>
            <input type="hidden" name="intent" value="confirm" />
            <FormToken />
            <input type="hidden" name="data" value={answer.data} />
            {answer.replaceCount ? <input type="hidden" name="replace" value={answer.fingerprint} /> : null}
            <FormButtons
              submit={
                answer.replaceCount
                  ? `${answer.replaceCount === 1 ? "Replace this period" : `Replace these ${answer.replaceCount.toLocaleString("en-GB")} periods`} and save ${answer.validCount.toLocaleString("en-GB")} ${answer.validCount === 1 ? "value" : "values"}`
                  : `Save ${answer.validCount.toLocaleString("en-GB")} ${answer.validCount === 1 ? "value" : "values"}`
              }
              warning={answer.replaceCount > 0}
              disabled={busy}
              cancelTo={base}
            />
          </Form>
          {previewTable}
        </section>
      ) : answer?.stage === "problems" && answer.rows.length ? (
        previewTable
      ) : (
        <>
          <p>
            Copy the cells from a spreadsheet (two columns: {columns}) and paste them below, or upload a CSV file. One row per {every}. Dates can be written
            2025-01-06 or 06/01/2025{m.frequency === "monthly" ? ", and months Dec-24, Dec 2024, December 2024, 2024-12 or 12/2024" : ""}; a first row of column
            headings is skipped. Everything is checked and shown to you before anything is saved.
          </p>
          <p>
            {points === 0
              ? "This measure has no data yet."
              : `This measure has ${points.toLocaleString("en-GB")} ${points === 1 ? "value" : "values"}, ${first ? periodLabel(first, m.frequency) : ""} to ${last ? periodLabel(last, m.frequency) : ""}. A pasted row for a period that already has a value replaces it, once you confirm.`}
          </p>
        </>
      )}

      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <Form method="post" replace>
            <input type="hidden" name="intent" value="check" />
            <div className={`nhsuk-form-group${answer?.stage === "problems" ? " nhsuk-form-group--error" : ""}`}>
              <label className="nhsuk-label nhsuk-label--s" htmlFor="data">
                {answer?.source === "file"
                  ? `The rows of ${answer.fileName ?? "your file"}: correct them here, or upload the corrected file`
                  : "Paste the data"}
              </label>
              <div className="nhsuk-hint" id="data-hint">
                For example:
                <pre className="app-measure-example">{m.usesRatio ? EXAMPLES.ratio : EXAMPLES.value}</pre>
              </div>
              <textarea
                key={answer ? `${answer.stage}-${answer.rowCount}-${answer.problemCount}` : "empty"}
                className={`nhsuk-textarea app-measure-paste${answer?.stage === "problems" ? " nhsuk-textarea--error" : ""}`}
                id="data"
                name="data"
                rows={12}
                spellCheck={false}
                aria-describedby="data-hint"
                aria-invalid={answer?.stage === "problems" || undefined}
                defaultValue={answer?.data ?? ""}
              />
            </div>
            <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={busy}>
              {answer ? "Check the data again" : "Check the data"}
            </button>
          </Form>

          <Form method="post" encType="multipart/form-data" replace>
            <input type="hidden" name="intent" value="check" />
            <div className="nhsuk-form-group">
              <label className="nhsuk-label nhsuk-label--s" htmlFor="file">
                Or upload a CSV file
              </label>
              <div className="nhsuk-hint" id="file-hint">
                In Excel, choose File, Save a copy, then CSV. Up to {IMPORT_MAX_ROWS.toLocaleString("en-GB")} rows.
              </div>
              <input className="nhsuk-file-upload__input" id="file" name="file" type="file" accept=".csv,.txt,text/csv" aria-describedby="file-hint" />
            </div>
            <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={busy}>
              Check the file
            </button>
          </Form>
          <p>
            <Link to={base}>Back to the measure</Link>
          </p>
        </div>
      </div>
    </>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
