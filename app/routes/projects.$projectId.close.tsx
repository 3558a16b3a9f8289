import { getFormProps } from "@conform-to/react";
import { parseSubmission } from "~/forms/submission.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ConflictNotice } from "~/components/conflict-notice";
import { ErrorSummary, TextareaField, TextField, useNhsForm } from "~/components/forms";
import { FormButtons, InsetText, Radios } from "~/components/nhs";
import { PiiConfirm } from "~/components/pii-confirm";
import { transitionProblem } from "~/domain/charter-rules";
import { canGovern } from "~/domain/permissions";
import { LONG_TEXT, SHORT_TEXT, strictForm, version } from "~/forms/charter-form";
import { requiredText, type TextRule } from "~/forms/text-field";
import { forbidden } from "~/auth/guards.server";
import { requireProjectRecord } from "~/auth/project-page.server";
import { actorOf } from "~/auth/actor.server";
import { versionedFormReplies } from "~/web/versioned-form.server";
import { getProjectState } from "~/models/charter.server";
import { closeProject } from "~/models/charter-commands.server";
import { latestProgressScore } from "~/models/progress.server";

const paragraph = (what: string): TextRule => ({ what, max: LONG_TEXT, multiline: true });

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

async function requireCloser({ request, context, params }: LoaderFunctionArgs) {
  const { user, projectId, db, found: project } = await requireProjectRecord(request, context, params.projectId, getProjectState);
  if (!canGovern(user)) forbidden(user, context, "close projects", projectId);
  return { user, projectId, project, db };
}

export async function loader(args: LoaderFunctionArgs) {
  const { projectId, project, db } = await requireCloser(args);
  return {
    project: { stage: project.stage, version: project.version },
    problem: transitionProblem("close", project.stage),
    latestScore: latestProgressScore(db, projectId)?.score ?? null,
  };
}

export async function action(args: ActionFunctionArgs) {
  const { user, projectId, db } = await requireCloser(args);
  const formData = await args.request.formData();
  const submission = parseSubmission(formData, { schema: ClosureSchema });
  const reply = versionedFormReplies(formData);
  if (submission.status !== "success") return reply.fail(submission.reply());
  const { version: expected, closureAimAchieved, ...text } = submission.value;
  const pii = reply.patientData(submission, text);
  if (pii) return pii;

  const input = { projectId, version: expected, aimAchieved: closureAimAchieved === "yes", ...text };
  return reply.saved(submission, closeProject(db, actorOf(user, args.context), input), `/projects/${projectId}`);
}

export default function CloseProject() {
  const { project, problem, latestScore } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useNhsForm(ClosureSchema, actionData?.result);
  const achieved = fields.closureAimAchieved;
  const { closureEvidence, closureAdopted, closureSustain, closureOwner, closureLessons } = fields;

  if (problem) {
    return (
      <>
        <h2>Close the project</h2>
        <InsetText>
          <p>{problem}.</p>
        </InsetText>
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
          fields={{
            closureAimAchieved: achieved,
            closureEvidence,
            closureAdopted,
            closureSustain,
            closureOwner,
            closureLessons,
          }}
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
          <Radios
            field={achieved}
            legend="Was the aim achieved?"
            inline
            items={[
              { value: "yes", label: "Yes" },
              { value: "no", label: "No" },
            ]}
          />
          <TextareaField field={closureEvidence} label="Evidence" hint="The measures and what they show, against the aim's target" />
          <TextareaField field={closureAdopted} label="What was adopted" hint="The changes now part of everyday work" />
          <TextareaField field={closureSustain} label="How the gain will be sustained" hint="Checks, audits, training or systems that keep it in place" />
          <TextField field={closureOwner} label="Who owns it now" hint="The person or team responsible from here on" width={30} />
          <TextareaField field={closureLessons} label="Lessons for others" hint="What would help another team doing similar work" />
          <PiiConfirm show={Boolean(actionData?.pii)} />
          <FormButtons submit="Close the project" cancelTo="../decision" />
        </Form>
      </div>
    </div>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
