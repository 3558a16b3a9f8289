import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseSubmission } from "~/forms/submission.server";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ConflictNotice } from "~/components/conflict-notice";
import { ErrorSummary, TextareaField, TextField, useNhsForm } from "~/components/forms";
import { PiiConfirm } from "~/components/pii-confirm";
import { getDb } from "~/db.server";
import { transitionProblem } from "~/domain/charter-rules";
import { canGovern } from "~/domain/permissions";
import { LONG_TEXT, SHORT_TEXT, strictForm, version } from "~/forms/charter-form";
import { requiredText, type TextRule } from "~/forms/text-field";

const paragraph = (what: string): TextRule => ({ what, max: LONG_TEXT, multiline: true });
import type { Conflict } from "~/domain/conflict";
import { forbidden, notFound, parseId, requireUser } from "~/auth/guards.server";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { actorOf } from "~/auth/actor.server";
import { getProjectState } from "~/models/charter.server";
import { closeProject } from "~/models/charter-commands.server";
import { latestProgressScore } from "~/models/progress.server";

export const meta: MetaFunction = () => [{ title: "Close the project – Stepping Up" }];

const ClosureSchema = strictForm({
  version: version(),
  closureAimAchieved: z.enum(["yes", "no"], { error: "Select whether the aim was achieved" }),
  closureEvidence: requiredText("Describe the evidence that the aim was or was not achieved", paragraph("The evidence")),
  closureAdopted: requiredText("Describe what was adopted", paragraph("What was adopted")),
  closureSustain: requiredText("Describe how the gain will be sustained", paragraph("How the gain is sustained")),
  closureOwner: requiredText("Enter who owns it now", { what: "The owner", max: SHORT_TEXT }),
  closureLessons: requiredText("Describe the lessons for others", paragraph("The lessons")),
});

async function requireCloser(request: Request, context: AppLoadContext, param: string | undefined) {
  const user = await requireUser(request, context);
  const projectId = parseId(param, "project");
  const db = getDb();
  const project = getProjectState(db, projectId);
  if (!project) notFound("project");
  if (!canGovern(user)) forbidden(user, context, "close projects", projectId);
  return { user, projectId, project, db };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { projectId, project, db } = await requireCloser(request, context, params.projectId);
  return {
    project: { stage: project.stage, version: project.version },
    problem: transitionProblem("close", project.stage),
    latestScore: latestProgressScore(db, projectId)?.score ?? null,
  };
}

type ActionResult = { result: SubmissionResult<string[]>; version: number | null; pii: boolean; conflict: Conflict | null };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, projectId, db } = await requireCloser(request, context, params.projectId);
  const formData = await request.formData();
  const submission = parseSubmission(formData, { schema: ClosureSchema });
  const postedVersion = Number(formData.get("version")) || null;
  const fail = (result: SubmissionResult<string[]>, extra: Partial<ActionResult> = {}, status = 400) =>
    data<ActionResult>({ result, version: postedVersion, pii: false, conflict: null, ...extra }, { status });
  if (submission.status !== "success") return fail(submission.reply());
  const { version: expected, closureAimAchieved, ...text } = submission.value;
  const pii = patientDataWarning(text, formData);
  if (pii) return fail(submission.reply({ fieldErrors: pii }), { pii: true });

  const input = { projectId, version: expected, aimAchieved: closureAimAchieved === "yes", ...text };
  const closed = closeProject(db, actorOf(user, context), input);
  if ("conflict" in closed) {
    const { conflict } = closed;
    return fail(submission.reply(), { version: conflict.currentVersion, conflict }, 409);
  }
  if (!closed.ok) return fail(submission.reply({ formErrors: [closed.refused] }), {}, closed.status);
  return redirect(`/projects/${projectId}`);
}

export default function CloseProject() {
  const { project, problem, latestScore } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useNhsForm(ClosureSchema, actionData?.result);
  const achieved = fields.closureAimAchieved;
  const achievedInvalid = Boolean(achieved.errors?.length);
  const { closureEvidence, closureAdopted, closureSustain, closureOwner, closureLessons } = fields;

  if (problem) {
    return (
      <>
        <h2>Close the project</h2>
        <div className="nhsuk-inset-text">
          <p>{problem}.</p>
        </div>
        <p>
          <Link to="..">Back to the project overview</Link>
        </p>
      </>
    );
  }
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ConflictNotice conflict={actionData?.conflict} />
        <ErrorSummary
          form={form}
          fields={{ closureAimAchieved: achieved, closureEvidence, closureAdopted, closureSustain, closureOwner, closureLessons }}
        />
        <h2>Close the project</h2>
        <p>
          The closure summary is what the board and other teams will learn from. Every part is needed.
          {latestScore === null
            ? " This project has no progress score yet: record one before closing, so its result is on the record."
            : ` Its progress score is ${latestScore.toFixed(1)}; update it first if it has changed, because a closed project keeps its last score.`}
        </p>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="version" value={actionData?.version ?? project.version} />
          <div className={`nhsuk-form-group${achievedInvalid ? " nhsuk-form-group--error" : ""}`}>
            <fieldset className="nhsuk-fieldset" aria-describedby={achievedInvalid ? achieved.errorId : undefined}>
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Was the aim achieved?</legend>
              {achievedInvalid ? (
                <span className="nhsuk-error-message" id={achieved.errorId}>
                  <span className="nhsuk-u-visually-hidden">Error:</span> {achieved.errors?.join(". ")}
                </span>
              ) : null}
              <div className="nhsuk-radios nhsuk-radios--inline">
                {(["yes", "no"] as const).map((v) => (
                  <div className="nhsuk-radios__item" key={v}>
                    <input
                      className="nhsuk-radios__input"
                      id={v === "yes" ? achieved.id : `${achieved.id}-no`}
                      name="closureAimAchieved"
                      type="radio"
                      value={v}
                      defaultChecked={achieved.initialValue === v}
                    />
                    <label className="nhsuk-label nhsuk-radios__label" htmlFor={v === "yes" ? achieved.id : `${achieved.id}-no`}>
                      {v === "yes" ? "Yes" : "No"}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <TextareaField field={closureEvidence} label="Evidence" hint="The measures and what they show, against the aim's target" />
          <TextareaField field={closureAdopted} label="What was adopted" hint="The changes now part of everyday work" />
          <TextareaField field={closureSustain} label="How the gain will be sustained" hint="Checks, audits, training or systems that keep it in place" />
          <TextField field={closureOwner} label="Who owns it now" hint="The person or team responsible from here on" width={30} />
          <TextareaField field={closureLessons} label="Lessons for others" hint="What would help another team doing similar work" />
          <PiiConfirm show={Boolean(actionData?.pii)} />
          <div className="nhsuk-button-group">
            <button className="nhsuk-button" type="submit">
              Close the project
            </button>
            <Link className="nhsuk-link" to="../decision">
              Cancel
            </Link>
          </div>
        </Form>
      </div>
    </div>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
