import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { pendingRemoval, redirectAfterRemoval } from "~/web/removal.server";
import { parseSubmission } from "~/forms/submission.server";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { ConfirmRemoval } from "~/components/confirm-removal";
import { DateInput, FormButtons } from "~/components/nhs";
import { ErrorSummary, TextField, useNhsForm } from "~/components/forms";
import { PiiConfirm } from "~/components/pii-confirm";
import { capitalise, normalisePeriod, periodLabel } from "~/domain/measure-periods";
import { requireMeasureEditor } from "~/auth/guards.server";
import { actorOf } from "~/auth/actor.server";
import { AnnotationSchema } from "~/forms/measure-form";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { today } from "~/today.server";
import { listAnnotations } from "~/models/measure-data.server";
import { addAnnotation, removeAnnotation } from "~/models/measure-data-commands.server";
import { valueOf } from "~/web/command-reply.server";
import { useMeasureLayout } from "~/routes/projects.$projectId.measures.$measureId";
import { FormToken } from "~/components/form-token";
import { formFailure } from "~/web/form-failure.server";

export const meta: MetaFunction = () => [{ title: "Notes on the chart – Stepping Up" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, measure, base } = await requireMeasureEditor(request, context, params);
  const notes = listAnnotations(db, measure.id).map((a) => ({ id: a.id, periodDate: a.periodDate, text: a.text }));
  const removing = pendingRemoval(request, notes, "note");
  return { base, notes, removing, today: today() };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, db, measure, base } = await requireMeasureEditor(request, context, params);
  const formData = await request.formData();
  const removed = redirectAfterRemoval(formData, (annotationId) => {
    valueOf(removeAnnotation(db, actorOf(user, context), { measure, annotationId }));
    return `${base}?saved=note-removed`;
  });
  if (removed) return removed;

  const submission = parseSubmission(formData, { schema: AnnotationSchema });
  const fail = formFailure;
  if (submission.status !== "success") return fail(submission.reply());
  const periodDate = normalisePeriod(submission.value.periodDate, measure.frequency);
  if (periodDate > normalisePeriod(today(), measure.frequency)) {
    return fail(
      submission.reply({
        fieldErrors: { periodDate: ["The date is in the future: add the note once it has happened"] },
      }),
    );
  }
  const pii = patientDataWarning({ text: submission.value.text }, formData);
  if (pii) return fail(submission.reply({ fieldErrors: pii }), true);

  const { text, formToken } = submission.value;
  const added = addAnnotation(db, actorOf(user, context), {
    measure,
    periodDate,
    text,
    formToken,
    location: `${base}?saved=noted`,
  });
  return redirect(valueOf(added).location);
}

export default function Annotations() {
  const { base, notes, removing, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { measure: m } = useMeasureLayout();
  const opened = useMemo<SubmissionResult<string[]>>(() => ({ initialValue: { periodDate: today } }), [today]);
  const [form, fields] = useNhsForm(AnnotationSchema, actionData?.result ?? opened);

  if (removing) {
    return (
      <ConfirmRemoval
        caption={m.name}
        title={`Remove the note for ${periodLabel(removing.periodDate, m.frequency)}?`}
        fields={{ intent: "delete", id: removing.id }}
        confirmLabel="Remove the note"
        cancelTo={base}
      >
        <p className="app-pre-line">{removing.text}</p>
      </ConfirmRemoval>
    );
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={{ periodDate: fields.periodDate, text: fields.text }} />
        <span className="nhsuk-caption-m">{m.name}</span>
        <h2>Add a note to the chart</h2>
        <p>
          A note marks what happened at a point, like a change going live or a ward closing. It is numbered on the chart and listed under it. The project&apos;s
          PDSA cycles are marked on the chart already.
        </p>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="add" />
          <FormToken />
          <DateInput field={fields.periodDate} legend="Date" hint="The note is shown at the period this date falls in." />
          <TextField field={fields.text} label="Note" hint="For example, Nurse-initiated antibiotics live in majors" width={30} />
          <PiiConfirm show={Boolean(actionData?.pii)} />
          <FormButtons submit="Add the note" cancelTo={base} />
        </Form>
        {notes.length ? (
          <>
            <h3>Notes already on the chart</h3>
            <ol className="nhsuk-list nhsuk-list--border">
              {notes.map((a, k) => (
                <li key={a.id}>
                  {k + 1}. {capitalise(periodLabel(a.periodDate, m.frequency))}: <span className="app-pre-line">{a.text}</span>{" "}
                  <Link to={`?delete=${a.id}`}>
                    Remove<span className="nhsuk-u-visually-hidden"> note {k + 1}</span>
                  </Link>
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </div>
    </div>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
