import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { pendingRemoval, redirectAfterRemoval } from "~/web/removal.server";
import { parseSubmission } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmRemoval } from "~/components/confirm-removal";
import { Checkboxes, DateInput, FormButtons, InsetText, Tag, WarningCallout } from "~/components/nhs";
import { ErrorSummary, TextField, useNhsForm } from "~/components/forms";
import { PiiConfirm } from "~/components/pii-confirm";
import { capitalise, normalisePeriod, periodLabel } from "~/domain/measure-periods";
import { requireMeasureEditor } from "~/auth/guards.server";
import { actorOf } from "~/auth/actor.server";
import { RebaseSchema } from "~/forms/measure-form";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { listRebases, listSeries, rebasePoints } from "~/models/measure-data.server";
import { areTrialLimits, pointsInRebase, REBASE_MIN_POINTS, TRIAL_CONFIRM_MESSAGE, trialLimitsWarning } from "~/domain/rebase-rules";
import { addRebase, removeRebase } from "~/models/measure-data-commands.server";
import { valueOf } from "~/web/command-reply.server";
import { useMeasureLayout } from "~/routes/projects.$projectId.measures.$measureId";
import { FormToken } from "~/components/form-token";
import { spentFormToken } from "~/models/form-token.server";

export const meta: MetaFunction = () => [{ title: "Recalculate the limits – Stepping Up" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, measure, base } = await requireMeasureEditor(request, context, params);
  const series = listSeries(db, measure.id);
  const stored = listRebases(db, measure.id);
  const periods = series.map((p) => p.periodDate);
  const rebases = stored.map((r) => ({
    id: r.id,
    periodDate: r.periodDate,
    reason: r.reason,
    points: pointsInRebase(
      periods,
      r.periodDate,
      stored.map((x) => x.periodDate),
    ),
  }));
  const removing = pendingRemoval(request, rebases, "rebase");
  return {
    base,
    rebases,
    removing,
    points: series.length,
    first: series[0]?.periodDate ?? null,
    last: series.at(-1)?.periodDate ?? null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, db, measure, base } = await requireMeasureEditor(request, context, params);
  const formData = await request.formData();
  const removed = redirectAfterRemoval(formData, (rebaseId) => {
    valueOf(removeRebase(db, actorOf(user, context), { measure, rebaseId }));
    return `${base}?saved=rebase-removed`;
  });
  if (removed) return removed;

  const submission = parseSubmission(formData, { schema: RebaseSchema });
  const fail = (result: SubmissionResult<string[]>) => failTrial(result, null);
  if (submission.status !== "success") return fail(submission.reply());
  const { reason, formToken } = submission.value;
  const replay = spentFormToken(db, { userId: user.id, kind: "rebase", token: formToken });
  if (replay) return redirect(replay);
  const periodDate = normalisePeriod(submission.value.periodDate, measure.frequency);
  const label = periodLabel(periodDate, measure.frequency);
  const series = listSeries(db, measure.id);
  const index = series.findIndex((p) => p.periodDate === periodDate);
  const problem =
    index < 0
      ? `There is no value for ${label}: choose a period that has a value`
      : index === 0
        ? `${capitalise(label)} is the first value: the limits can be recalculated from the second value onwards`
        : listRebases(db, measure.id).some((r) => r.periodDate === periodDate)
          ? `The limits are already recalculated from ${label}`
          : null;
  if (problem) return fail(submission.reply({ fieldErrors: { periodDate: [problem] } }));
  // Fewer than 12 points after the rebase: a second step, confirming the new limits are trial limits.
  const points = rebasePoints(db, measure.id, periodDate);
  const trialConfirmed = submission.value.trialLimits === "yes";
  const trial = areTrialLimits(points) ? points : null;
  if (trial !== null && !trialConfirmed) return failTrial(submission.reply({ fieldErrors: { trialLimits: [TRIAL_CONFIRM_MESSAGE] } }), trial);
  const pii = patientDataWarning({ reason: submission.value.reason }, formData);
  if (pii) return failTrial(submission.reply({ fieldErrors: pii }), trial, true);

  const added = addRebase(db, actorOf(user, context), {
    measure,
    periodDate,
    reason,
    formToken,
    location: `${base}?saved=rebased`,
    trialConfirmed,
  });
  return redirect(valueOf(added).location);
}

type RebaseFailure = { result: SubmissionResult<string[]>; pii: boolean; trial: number | null };

/** Not saved (400): the input kept, and how many points follow when the new limits would be trial limits. */
const failTrial = (result: SubmissionResult<string[]>, trial: number | null, pii = false) => data<RebaseFailure>({ result, pii, trial }, { status: 400 });

export default function Rebases() {
  const { base, rebases, removing, points, first, last } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { measure: m } = useMeasureLayout();
  const [form, fields] = useNhsForm(RebaseSchema, actionData?.result);

  if (removing) {
    return (
      <ConfirmRemoval
        caption={m.name}
        title={`Remove the rebase from ${periodLabel(removing.periodDate, m.frequency)}?`}
        fields={{ intent: "delete", id: removing.id }}
        confirmLabel="Remove the rebase"
        cancelTo={base}
      >
        <p>Reason given: {removing.reason}</p>
        <p>The limits will be calculated across this period again, as if the process had not changed here.</p>
      </ConfirmRemoval>
    );
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={{ periodDate: fields.periodDate, reason: fields.reason, trialLimits: fields.trialLimits }} />
        <span className="nhsuk-caption-m">{m.name}</span>
        <h2>Recalculate the limits</h2>
        <p>
          When the process has changed for a known reason (a change that has been adopted, a new way of counting), the mean and limits are calculated again from
          that period, so later values are judged against the new process. Give the reason: it is shown on the chart.
        </p>
        {points < 2 ? (
          <InsetText>
            <p>
              There {points === 1 ? "is only one value" : "are no values"} yet. <Link to={`${base}/import`}>Add the data</Link> first: limits can be
              recalculated from the second value onwards.
            </p>
          </InsetText>
        ) : (
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="add" />
            <FormToken />
            <DateInput
              field={fields.periodDate}
              legend="Recalculate the limits from"
              hint={`A date in the first period of the new process. The data runs from ${first ? periodLabel(first, m.frequency) : "?"} to ${last ? periodLabel(last, m.frequency) : "?"}.`}
            />
            <TextField field={fields.reason} label="Reason" hint="For example, New triage process started" width={30} />
            {actionData?.trial != null ? (
              <WarningCallout heading="These would be trial limits">
                <p>{trialLimitsWarning(actionData.trial)}.</p>
                <p>
                  NHS Making Data Count advises at least {REBASE_MIN_POINTS} points before limits are relied on. Recalculate now only if the process has clearly
                  changed; the chart will say the limits are trial limits until there are enough points.
                </p>
                <Checkboxes
                  field={fields.trialLimits}
                  items={[{ value: "yes", label: "I understand the new limits are trial limits, based on fewer than 12 points" }]}
                />
              </WarningCallout>
            ) : null}
            <PiiConfirm show={Boolean(actionData?.pii)} />
            <FormButtons submit="Recalculate the limits" cancelTo={base} />
          </Form>
        )}
        {rebases.length ? (
          <>
            <h3>Already recalculated from</h3>
            <ul className="nhsuk-list nhsuk-list--border">
              {rebases.map((r) => (
                <li key={r.id}>
                  {capitalise(periodLabel(r.periodDate, m.frequency))}: {r.reason}{" "}
                  {areTrialLimits(r.points) ? (
                    <Tag colour="yellow" className="nhsuk-u-margin-right-2">
                      Trial limits: {r.points} of {REBASE_MIN_POINTS} points
                    </Tag>
                  ) : null}
                  <Link to={`?delete=${r.id}`}>
                    Remove
                    <span className="nhsuk-u-visually-hidden"> the rebase from {periodLabel(r.periodDate, m.frequency)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
