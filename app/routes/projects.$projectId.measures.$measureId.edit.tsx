import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseFields, parseSubmission } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { ConflictNotice } from "~/components/conflict-notice";
import { FormButtons } from "~/components/nhs";
import { ErrorSummary, useNhsForm } from "~/components/forms";
import { DEFINITION_FIELDS, MeasureDefinitionFields, pickFields, UNIT_OPTION_LABELS } from "~/components/measure-definition-fields";
import { PiiConfirm } from "~/components/pii-confirm";
import type { Conflict } from "~/domain/conflict";
import { badRequest, requireMeasureEditor } from "~/auth/guards.server";
import {
  DEFINITION_TEXT_FIELDS,
  definitionProblems,
  EditMeasureSchema,
  fixedSettingChanges,
  PrimaryMeasureSchema,
  ChartChoiceSchema,
  toDefinitionValues,
} from "~/forms/measure-form";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { countPoints, definitionOf, type Measure } from "~/models/measure.server";
import { makePrimary, updateMeasure } from "~/models/measure-commands.server";
import { actorOf } from "~/auth/actor.server";
import { refusal } from "~/web/command-reply.server";

export const meta: MetaFunction = () => [{ title: "Edit a measure – Stepping Up" }];

const seriesOf = (m: Measure) => ({ unit: m.unit, ratePer: m.ratePer, frequency: m.frequency, usesRatio: m.usesRatio });

/** The stored definition as form values (strings), so the form opens filled in. */
function asFormValues(m: Measure): Record<string, string> {
  const text = (v: string | number | boolean | null) => (typeof v === "boolean" ? (v ? "on" : "") : v === null ? "" : String(v));
  return Object.fromEntries(Object.entries(definitionOf(m)).map(([name, v]) => [name, text(v)]));
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, measure, base } = await requireMeasureEditor(request, context, params);
  const points = countPoints(db, measure.id);
  return {
    base,
    version: measure.version,
    formValues: asFormValues(measure),
    fixed: points > 0 ? { unit: unitText(measure), frequency: measure.frequency, usesRatio: measure.usesRatio, points } : null,
  };
}

function unitText(m: Measure) {
  if (m.unit === "rate") return `rate per ${m.ratePer?.toLocaleString("en-GB") ?? "?"}`;
  if (m.unit === "other") return m.unitLabel;
  return UNIT_OPTION_LABELS[m.unit].toLowerCase();
}

type ActionResult = {
  result: SubmissionResult<string[]> | null;
  version: number | null;
  pii: boolean;
  conflict: Conflict | null;
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, db, measure: before, base } = await requireMeasureEditor(request, context, params);
  const formData = await request.formData();
  const postedVersion = Number(formData.get("version")) || null;
  const answer = (extra: Partial<ActionResult>, status: number) =>
    data<ActionResult>({ result: null, version: postedVersion, pii: false, conflict: null, ...extra }, { status });

  if (formData.get("intent") === "primary") {
    const parsed = parseFields(formData, PrimaryMeasureSchema);
    if (!parsed.success) badRequest("That request was not understood. Reload the page and try again.");
    const made = makePrimary(db, actorOf(user, context), { measure: before, version: parsed.data.version });
    if (!made.ok) {
      if ("refused" in made) refusal(made);
      return answer({ version: made.conflict.currentVersion, conflict: made.conflict }, 409);
    }
    return redirect(`${base}?saved=primary`);
  }

  if (formData.get("intent") === "chart") {
    // The chart the data suggest, accepted from the measure page (ADR 035): the same rules and audit as the form.
    const parsed = parseFields(formData, ChartChoiceSchema);
    if (!parsed.success) badRequest("That request was not understood. Reload the page and try again.");
    const values = { ...definitionOf(before), chartType: parsed.data.chartType };
    const problems = definitionProblems(values);
    if (problems) badRequest(Object.values(problems).flat().join(". "));
    const saved = updateMeasure(db, actorOf(user, context), { before, values, version: parsed.data.version });
    if (!saved.ok) {
      if ("refused" in saved) refusal(saved);
      return answer({ version: saved.conflict.currentVersion, conflict: saved.conflict }, 409);
    }
    return redirect(`${base}?saved=updated`);
  }

  const submission = parseSubmission(formData, { schema: EditMeasureSchema });
  const fail = (result: SubmissionResult<string[]>, pii = false) => answer({ result, pii }, 400);
  if (submission.status !== "success") return fail(submission.reply());
  const fixed = countPoints(db, before.id) > 0 ? seriesOf(before) : null;
  if (fixed) {
    const changes = fixedSettingChanges(submission.value, fixed);
    if (changes) return fail(submission.reply({ fieldErrors: changes }));
  }
  const values = toDefinitionValues(submission.value, fixed);
  const problems = definitionProblems(values);
  if (problems) return fail(submission.reply({ fieldErrors: problems }));
  const text = Object.fromEntries(DEFINITION_TEXT_FIELDS.map((name) => [name, values[name]]));
  const pii = patientDataWarning(text, formData);
  if (pii) return fail(submission.reply({ fieldErrors: pii }), true);

  const saved = updateMeasure(db, actorOf(user, context), { before, values, version: submission.value.version });
  if (!saved.ok) {
    if ("refused" in saved) refusal(saved);
    return answer({ result: submission.reply(), version: saved.conflict.currentVersion, conflict: saved.conflict }, 409);
  }
  return redirect(`${base}?saved=updated`);
}

export default function EditMeasure() {
  const { base, version, formValues, fixed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const opened = useMemo<SubmissionResult<string[]>>(() => ({ initialValue: formValues }), [formValues]);
  const [form, fields] = useNhsForm(EditMeasureSchema, actionData?.result ?? opened);

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ConflictNotice conflict={actionData?.conflict} />
        <ErrorSummary form={form} fields={pickFields(fields, DEFINITION_FIELDS)} />
        <h2>Edit the definition</h2>
        <p>
          <Link to={base}>Back to the measure</Link>
        </p>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="version" value={actionData?.version ?? version} />
          <MeasureDefinitionFields fields={fields} fixed={fixed} />
          <PiiConfirm show={Boolean(actionData?.pii)} />
          <FormButtons submit="Save the definition" cancelTo={base} />
        </Form>
      </div>
    </div>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
