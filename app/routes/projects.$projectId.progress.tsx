import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseSubmission } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ConflictNotice } from "~/components/conflict-notice";
import { ErrorSummary, TextareaField, useNhsForm } from "~/components/forms";
import { FormButtons, InsetText, Radios } from "~/components/nhs";
import { PiiConfirm } from "~/components/pii-confirm";
import { ProgressChart, ScoreTable } from "~/components/progress-chart";
import { getDb } from "~/db.server";
import { mayRecordScore } from "~/domain/charter-rules";
import { PROGRESS_SCORES } from "~/domain/enums";
import { PROGRESS_SCALE, progressLabel, STAGE_LABELS } from "~/domain/labels";
import { canEditProject } from "~/domain/permissions";
import { LONG_TEXT, strictForm } from "~/forms/charter-form";
import { requiredText } from "~/forms/text-field";
import type { Conflict } from "~/domain/conflict";
import { formatDateTime } from "~/web/dates";
import { requireProjectEditor } from "~/auth/guards.server";
import { requireProjectRecord } from "~/auth/project-page.server";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { today } from "~/today.server";
import { actorOf } from "~/auth/actor.server";
import { FormToken } from "~/components/form-token";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";
import { scoreProgress } from "~/models/progress-commands.server";
import { getProjectState } from "~/models/charter.server";
import { listProgressScores } from "~/models/progress.server";

export const meta: MetaFunction = () => [{ title: "Progress score – Stepping Up" }];

const SCALE_MESSAGE = "Choose a score from 0.5 to 5.0 on the IHI scale";

const ScoreSchema = strictForm({
  score: z
    .number({ error: (issue) => (issue.input === undefined ? "Choose a progress score" : SCALE_MESSAGE) })
    .refine((v) => (PROGRESS_SCORES as readonly number[]).includes(v), SCALE_MESSAGE),
  evidence: requiredText("Describe the evidence for this score", {
    what: "The evidence",
    max: LONG_TEXT,
    multiline: true,
  }),
  /** The latest score the person saw (0 for none), so a score given meanwhile is not passed over silently. */
  since: z.number({ error: "Reload the page and try again" }).int().min(0),
  [FORM_TOKEN_FIELD]: formToken(),
});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, projectId, db, found: project, onTeam } = await requireProjectRecord(request, context, params.projectId, getProjectState);
  const scores = listProgressScores(db, projectId);
  return {
    stage: project.stage,
    scores,
    since: scores.length ? scores[scores.length - 1].id : 0,
    canScore: canEditProject(user, onTeam()) && mayRecordScore(project.stage),
    today: today(),
  };
}

type ActionResult = {
  result: SubmissionResult<string[]>;
  since: number | null;
  pii: boolean;
  conflict: Conflict | null;
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, projectId } = await requireProjectEditor(request, context, params.projectId);
  const db = getDb();
  const formData = await request.formData();
  const submission = parseSubmission(formData, { schema: ScoreSchema });
  const postedSince = Number(formData.get("since"));
  const fail = (result: SubmissionResult<string[]>, extra: Partial<ActionResult> = {}, status = 400) =>
    data<ActionResult>({ result, since: Number.isInteger(postedSince) ? postedSince : null, pii: false, conflict: null, ...extra }, { status });
  if (submission.status !== "success") return fail(submission.reply());
  const { score, evidence, since, formToken: token } = submission.value;
  const pii = patientDataWarning({ evidence }, formData);
  if (pii) return fail(submission.reply({ fieldErrors: pii }), { pii: true });

  const scored = scoreProgress(db, actorOf(user, context), { projectId, score, evidence, since, formToken: token });
  if ("conflict" in scored) {
    const { conflict } = scored;
    return fail(submission.reply(), { since: conflict.currentVersion, conflict }, 409);
  }
  if (!scored.ok) return fail(submission.reply({ formErrors: [scored.refused] }), {}, scored.status);
  return redirect(`/projects/${projectId}/progress`);
}

export default function Progress() {
  const { stage, scores, since, canScore, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useNhsForm(ScoreSchema, actionData?.result);
  const latest = scores.length ? scores[scores.length - 1] : null;
  const scoreField = fields.score;

  return (
    <>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ConflictNotice conflict={actionData?.conflict} />
          <ErrorSummary form={form} fields={{ score: scoreField, evidence: fields.evidence }} />
          <h2>Progress score</h2>
          <p>
            The Institute for Healthcare Improvement (IHI) scale runs from 0.5, a project identified, to 5.0, outstanding sustainable results. Each score is a
            claim: it needs evidence, and every score is kept.
          </p>
          {latest ? (
            <p>
              Current score: <strong>{progressLabel(latest.score)}</strong>, given {formatDateTime(latest.at)} by {latest.byName ?? "unknown"}.
            </p>
          ) : (
            <InsetText>
              <p>No progress score yet. {canScore ? "Record the first one below: most projects start at 0.5 or 1.0." : "The project team records it."}</p>
            </InsetText>
          )}
        </div>
      </div>
      <ProgressChart points={scores} until={today} showTable={false} />

      {canScore ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h3>Record a new score</h3>
            <Form method="post" {...getFormProps(form)}>
              <input type="hidden" name="since" value={actionData?.since ?? since} />
              <FormToken />
              <Radios
                field={scoreField}
                legend="Score"
                items={PROGRESS_SCORES.map((s) => ({
                  value: String(s),
                  label: `${s.toFixed(1)} ${PROGRESS_SCALE[String(s)].label}${latest?.score === s ? " (current)" : ""}`,
                  hint: PROGRESS_SCALE[String(s)].meaning,
                }))}
              />
              <TextareaField
                field={fields.evidence}
                label="Evidence"
                hint="What shows the project is at this point: measures on a chart, tests done, changes adopted"
              />
              <PiiConfirm show={Boolean(actionData?.pii)} />
              <FormButtons submit="Save the score" />
            </Form>
          </div>
        </div>
      ) : !mayRecordScore(stage) ? (
        <p className="app-muted">This project is {STAGE_LABELS[stage].toLowerCase()}: it keeps the score it ended with.</p>
      ) : null}

      <h3>History</h3>
      {scores.length ? <ScoreTable points={scores} /> : <p className="app-muted">No scores recorded yet.</p>}
      <p>
        <Link to="..">Back to the project overview</Link>
      </p>
    </>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
