import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { FormToken } from "~/components/form-token";
import { parseSubmission } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { ErrorSummary, useNhsForm } from "~/components/forms";
import { FormButtons, InsetText } from "~/components/nhs";
import { PiiConfirm } from "~/components/pii-confirm";
import { PdsaDecisionTag } from "~/components/pdsa-timeline";
import { PlanFields } from "~/components/pdsa-worksheet";
import { getDb } from "~/db.server";
import { prefillNextCycle } from "~/domain/pdsa-rules";
import { notFound, parseId, requireProjectEditor } from "~/auth/guards.server";
import { CreateCycleSchema, CYCLE_TEXT_FIELDS, summaryFieldNames } from "~/forms/pdsa-form";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { today } from "~/today.server";
import { getCycle, listChangeIdeas, listMeasureOptions, referenceProblems } from "~/models/pdsa.server";
import { createCycle } from "~/models/pdsa-commands.server";
import { listDrivers } from "~/models/driver.server";
import { actorOf } from "~/auth/actor.server";
import { valueOf } from "~/web/command-reply.server";

export const meta: MetaFunction = () => [{ title: "Plan a PDSA cycle – Stepping Up" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { projectId } = await requireProjectEditor(request, context, params.projectId);
  const db = getDb();
  const from = new URL(request.url).searchParams.get("from");
  let previous = null;
  let prefill = null;
  if (from !== null) {
    const detail = getCycle(db, projectId, parseId(from, "cycle"));
    if (!detail) notFound("cycle");
    const c = detail.cycle;
    previous = {
      id: c.id,
      number: c.number,
      title: c.title,
      changeIdea: detail.changeIdea,
      actDecision: c.actDecision,
    };
    prefill = prefillNextCycle(c);
  }
  const ideas = listChangeIdeas(db, projectId);
  // "Plan a PDSA cycle to test it" on the driver diagram names its change idea; an unknown one is ignored.
  const fromIdea = ideas.find((i) => String(i.id) === new URL(request.url).searchParams.get("changeIdea"));
  return {
    projectId,
    ideas,
    drivers: listDrivers(db, projectId)
      .filter((d) => d.level === "secondary")
      .map((d) => ({ id: d.id, title: d.title })),
    measures: listMeasureOptions(db, projectId),
    previous,
    guidance: prefill?.guidance ?? null,
    formValues: {
      changeIdea: prefill?.changeIdea ?? (fromIdea ? String(fromIdea.id) : ideas.length ? "" : "new"),
      question: prefill?.question ?? "",
      planWhat: prefill?.planWhat ?? "",
      planWho: prefill?.planWho ?? "",
      planWhere: prefill?.planWhere ?? "",
      planDataCollection: prefill?.planDataCollection ?? "",
      previousCycleId: prefill ? String(prefill.previousCycleId) : "",
      startDate: today(),
    },
  };
}

type ActionResult = { result: SubmissionResult<string[]>; pii: boolean };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, projectId } = await requireProjectEditor(request, context, params.projectId);
  const db = getDb();
  const formData = await request.formData();
  const submission = parseSubmission(formData, { schema: CreateCycleSchema });
  const fail = (result: SubmissionResult<string[]>, pii = false) => data<ActionResult>({ result, pii }, { status: 400 });
  if (submission.status !== "success") return fail(submission.reply());
  const { intent: _intent, formToken: token, ...values } = submission.value;

  const wrong = referenceProblems(db, projectId, values);
  if (wrong) return fail(submission.reply(wrong));
  const text = Object.fromEntries(CYCLE_TEXT_FIELDS.map((name) => [name, values[name as keyof typeof values]]));
  const pii = patientDataWarning(text, formData);
  if (pii) return fail(submission.reply({ fieldErrors: pii }), true);

  const { location } = valueOf(createCycle(db, actorOf(user, context), { projectId, values, formToken: token }));
  return redirect(location);
}

export default function NewCycle() {
  const { projectId, ideas, drivers, measures, previous, guidance, formValues } = useLoaderData<typeof loader>();
  const pdsaPath = `/projects/${projectId}/pdsa`;
  const actionData = useActionData<typeof action>();
  const opened = useMemo<SubmissionResult<string[]>>(() => ({ initialValue: formValues }), [formValues]);
  const [form, fields] = useNhsForm(CreateCycleSchema, actionData?.result ?? opened);
  const shown = Object.fromEntries(summaryFieldNames(CreateCycleSchema).map((name) => [name, fields[name as keyof typeof fields]]));

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={shown} />
        <h2>{previous ? "Plan the next PDSA cycle" : "Plan a PDSA cycle"}</h2>
        {previous ? (
          <InsetText>
            <p>
              Follows cycle {previous.number}: {previous.title} {previous.actDecision ? <PdsaDecisionTag decision={previous.actDecision} /> : null}
            </p>
            <p>{guidance}</p>
          </InsetText>
        ) : (
          <p>A cycle tests one change on a small scale. Plan it now; record what happened, what you learned and your decision as the test goes on.</p>
        )}
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <FormToken />
          {formValues.previousCycleId ? <input type="hidden" name="previousCycleId" value={formValues.previousCycleId} /> : null}
          <PlanFields fields={fields} ideas={ideas} drivers={drivers} measures={measures} measuresHref={`/projects/${projectId}/measures`} />
          <PiiConfirm show={Boolean(actionData?.pii)} />
          <FormButtons submit="Save the plan" cancelTo={previous ? `${pdsaPath}/${previous.id}` : pdsaPath} />
        </Form>
      </div>
    </div>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
