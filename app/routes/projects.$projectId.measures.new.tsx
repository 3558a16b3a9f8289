import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseSubmission } from "~/forms/submission.server";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { FormButtons } from "~/components/nhs";
import { ErrorSummary, useNhsForm } from "~/components/forms";
import { DEFINITION_FIELDS, MeasureDefinitionFields, pickFields } from "~/components/measure-definition-fields";
import { PiiConfirm } from "~/components/pii-confirm";
import { getDb } from "~/db.server";
import { requireProjectEditor } from "~/auth/guards.server";
import { CreateMeasureSchema, DEFINITION_TEXT_FIELDS, definitionProblems, toDefinitionValues } from "~/forms/measure-form";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { listMeasures } from "~/models/measure.server";
import { createMeasure } from "~/models/measure-commands.server";
import { actorOf } from "~/auth/actor.server";
import { valueOf } from "~/web/command-reply.server";
import { FormToken } from "~/components/form-token";
import { formFailure } from "~/web/form-failure.server";

export const meta: MetaFunction = () => [{ title: "Add a measure – Stepping Up" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { projectId } = await requireProjectEditor(request, context, params.projectId);
  const existing = listMeasures(getDb(), projectId);
  return {
    projectId,
    // The first measure of a project is its primary measure unless the team says otherwise.
    formValues: { isPrimary: existing.some((m) => m.isPrimary) ? "" : "on" },
    hasPrimary: existing.some((m) => m.isPrimary),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, projectId } = await requireProjectEditor(request, context, params.projectId);
  const formData = await request.formData();
  const submission = parseSubmission(formData, { schema: CreateMeasureSchema });
  const fail = formFailure;
  if (submission.status !== "success") return fail(submission.reply());

  const values = toDefinitionValues(submission.value, null);
  const problems = definitionProblems(values);
  if (problems) return fail(submission.reply({ fieldErrors: problems }));
  const text = Object.fromEntries(DEFINITION_TEXT_FIELDS.map((name) => [name, values[name]]));
  const pii = patientDataWarning(text, formData);
  if (pii) return fail(submission.reply({ fieldErrors: pii }), true);

  const created = createMeasure(getDb(), actorOf(user, context), {
    projectId,
    values,
    formToken: submission.value.formToken,
    locate: (id) => `/projects/${projectId}/measures/${id}?saved=created`,
  });
  return redirect(valueOf(created).location);
}

export default function NewMeasure() {
  const { projectId, formValues, hasPrimary } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const opened = useMemo<SubmissionResult<string[]>>(() => ({ initialValue: formValues }), [formValues]);
  const [form, fields] = useNhsForm(CreateMeasureSchema, actionData?.result ?? opened);

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={pickFields(fields, DEFINITION_FIELDS)} />
        <h2>Add a measure</h2>
        <p>
          How will you know that a change is an improvement? Most projects need one outcome measure, a few process measures and a balancing measure. You can add
          the data once the measure is defined.
        </p>
        {hasPrimary ? null : <p>This project has no primary measure yet, so this one will be its primary measure unless you untick it.</p>}
        <Form method="post" {...getFormProps(form)}>
          <FormToken />
          <MeasureDefinitionFields fields={fields} fixed={null} />
          <PiiConfirm show={Boolean(actionData?.pii)} />
          <FormButtons submit="Add the measure" cancelTo={`/projects/${projectId}/measures`} />
        </Form>
      </div>
    </div>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
