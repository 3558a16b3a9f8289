import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseSubmission } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ConflictNotice } from "~/components/conflict-notice";
import { ErrorSummary, TextareaField, useNhsForm } from "~/components/forms";
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
import { notFound, parseId, requireProjectEditor, requireUser } from "~/auth/guards.server";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { today } from "~/today.server";
import { actorOf } from "~/auth/actor.server";
import { FormToken } from "~/components/form-token";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";
import { scoreProgress } from "~/models/progress-commands.server";
import { getProjectState } from "~/models/charter.server";
import { listProgressScores } from "~/models/progress.server";
import { isOnProjectTeam } from "~/models/team.server";

export const meta: MetaFunction = () => [{ title: "Progress score – Stepping Up" }];

const SCALE_MESSAGE = "Choose a score from 0.5 to 5.0 on the IHI scale";

const ScoreSchema = strictForm({
  score: z
    .number({ error: (issue) => (issue.input === undefined ? "Choose a progress score" : SCALE_MESSAGE) })
    .refine((v) => (PROGRESS_SCORES as readonly number[]).includes(v), SCALE_MESSAGE),
  evidence: requiredText("Describe the evidence for this score", { what: "The evidence", max: LONG_TEXT, multiline: true }),
  /** The latest score the person saw (0 for none), so a score given meanwhile is not passed over silently. */
  since: z.number({ error: "Reload the page and try again" }).int().min(0),
  [FORM_TOKEN_FIELD]: formToken(),
});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const projectId = parseId(params.projectId, "project");
  const db = getDb();
  const project = getProjectState(db, projectId);
  if (!project) notFound("project");
  const scores = listProgressScores(db, projectId);
  return {
    stage: project.stage,
    scores,
    since: scores.length ? scores[scores.length - 1].id : 0,
    canScore: canEditProject(user, isOnProjectTeam(db, projectId, user.id)) && mayRecordScore(project.stage),
    today: today(),
  };
}

type ActionResult = { result: SubmissionResult<string[]>; since: number | null; pii: boolean; conflict: Conflict | null };

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
  const scoreInvalid = Boolean(scoreField.errors?.length);

  return (
    <>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ConflictNotice conflict={actionData?.conflict} />
          <ErrorSummary form={form} fields={{ score: scoreField, evidence: fields.evidence }} />
          <h2>Progress score</h2>
          <p>
            The Institute for Healthcare Improvement (IHI) scale runs from 0.5, a project identified, to 5.0, outstanding
            sustainable results. Each score is a claim: it needs evidence, and every score is kept.
          </p>
          {latest ? (
            <p>
              Current score: <strong>{progressLabel(latest.score)}</strong>, given {formatDateTime(latest.at)} by{" "}
              {latest.byName ?? "unknown"}.
            </p>
          ) : (
            <div className="nhsuk-inset-text">
              <p>
                No progress score yet.{" "}
                {canScore ? "Record the first one below: most projects start at 0.5 or 1.0." : "The project team records it."}
              </p>
            </div>
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
              <div className={`nhsuk-form-group${scoreInvalid ? " nhsuk-form-group--error" : ""}`}>
                <fieldset className="nhsuk-fieldset" aria-describedby={scoreInvalid ? scoreField.errorId : undefined}>
                  <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Score</legend>
                  {scoreInvalid ? (
                    <span className="nhsuk-error-message" id={scoreField.errorId}>
                      <span className="nhsuk-u-visually-hidden">Error:</span> {scoreField.errors?.join(". ")}
                    </span>
                  ) : null}
                  <div className="nhsuk-radios">
                    {PROGRESS_SCORES.map((s, i) => {
                      const inputId = i === 0 ? scoreField.id : `${scoreField.id}-${String(s).replace(".", "-")}`;
                      const scale = PROGRESS_SCALE[String(s)];
                      return (
                        <div className="nhsuk-radios__item" key={s}>
                          <input
                            className="nhsuk-radios__input"
                            id={inputId}
                            name="score"
                            type="radio"
                            value={String(s)}
                            defaultChecked={scoreField.initialValue === String(s)}
                            aria-describedby={`${inputId}-hint`}
                          />
                          <label className="nhsuk-label nhsuk-radios__label" htmlFor={inputId}>
                            {s.toFixed(1)} {scale.label}
                            {latest?.score === s ? " (current)" : ""}
                          </label>
                          <div className="nhsuk-hint nhsuk-radios__hint" id={`${inputId}-hint`}>
                            {scale.meaning}
                          </div>
                        </div>
                      );
                    })}
                  </div>
                </fieldset>
              </div>
              <TextareaField
                field={fields.evidence}
                label="Evidence"
                hint="What shows the project is at this point: measures on a chart, tests done, changes adopted"
              />
              <PiiConfirm show={Boolean(actionData?.pii)} />
              <button className="nhsuk-button" type="submit">
                Save the score
              </button>
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
