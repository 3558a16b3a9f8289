import { getFormProps } from "@conform-to/react";
import { parseSubmission } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormToken } from "~/components/form-token";
import { ErrorSummary, TextareaField, useNhsForm } from "~/components/forms";
import { BackLink, Radios } from "~/components/nhs";
import { PiiConfirm } from "~/components/pii-confirm";
import { RagTag } from "~/components/tags";
import { getDb } from "~/db.server";
import { RAGS } from "~/domain/enums";
import { RAG_LABELS } from "~/domain/labels";
import { canGovern } from "~/domain/permissions";
import { formatDateTime } from "~/web/dates";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";
import { notFound, parseId, requirePermission } from "~/auth/guards.server";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { redirectField, safePath } from "~/web/safe-path";
import { optionalText, requiredText } from "~/forms/text-field";
import { actorOf } from "~/auth/actor.server";
import { valueOf } from "~/web/command-reply.server";
import { assessProject } from "~/models/board-commands.server";
import { listBoardAssessments } from "~/models/board.server";
import { getProjectHeader } from "~/models/project.server";

export const meta: MetaFunction = () => [{ title: "Record the board's view – Stepping Up" }];

const AssessmentSchema = z
  .object({
    rag: z.enum(RAGS, { error: "Choose the board's RAG rating" }),
    reason: requiredText("Give the reason for the board's rating", { what: "The reason", max: 2000, multiline: true }),
    comment: optionalText({ what: "The comment", max: 4000, multiline: true }),
    back: redirectField("/board"),
    confirmNoPatientData: z.literal("yes").optional(),
    [FORM_TOKEN_FIELD]: formToken(),
  })
  .strict();

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, canGovern, "record the board's view");
  const db = getDb();
  const projectId = parseId(params.projectId, "project");
  const project = getProjectHeader(db, projectId);
  if (!project) notFound("project");
  return {
    project,
    history: listBoardAssessments(db, projectId),
    back: safePath(new URL(request.url).searchParams.get("back"), "/board"),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, canGovern, "record the board's view");
  const db = getDb();
  const projectId = parseId(params.projectId, "project");
  const project = getProjectHeader(db, projectId);
  if (!project) notFound("project");
  const formData = await request.formData();
  const submission = parseSubmission(formData, { schema: AssessmentSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), pii: false }, { status: 400 });
  const { rag, reason, comment, back, formToken: token } = submission.value;
  const pii = patientDataWarning({ reason, comment }, formData);
  if (pii) return data({ result: submission.reply({ fieldErrors: pii }), pii: true }, { status: 400 });
  const { location } = valueOf(
    assessProject(db, actorOf(user, context), {
      projectId,
      rag,
      reason,
      comment: comment ?? "",
      formToken: token,
      back,
    }),
  );
  return redirect(location);
}

export default function AssessProject() {
  const { project, history, back } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>();
  const [form, fields] = useNhsForm(AssessmentSchema, last?.result);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to={back}>Back to the board</BackLink>
        <ErrorSummary form={form} fields={{ rag: fields.rag, reason: fields.reason, comment: fields.comment }} />
        <span className="nhsuk-caption-l">{project.title}</span>
        <h1>Record the board's view</h1>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="back" value={back} />
          <FormToken />
          <Radios field={fields.rag} legend="The board's RAG rating" inline items={RAGS.map((rag) => ({ value: rag, label: RAG_LABELS[rag] }))} />
          <TextareaField field={fields.reason} label="Reason" hint="What the board based its view on: data, milestones, what the team said." rows={3} />
          <TextareaField field={fields.comment} label="Comment (optional)" rows={3} />
          <PiiConfirm show={Boolean(last?.pii)} />
          <button className="nhsuk-button" type="submit">
            Save the board's view
          </button>
        </Form>
        <h2 className="nhsuk-heading-m">Earlier views</h2>
        {history.length === 0 ? (
          <p>The board has not recorded a view of this project yet.</p>
        ) : (
          <ul className="nhsuk-list nhsuk-list--border">
            {history.map((h) => (
              <li key={h.id}>
                <RagTag rag={h.rag} /> {formatDateTime(h.at)} by {h.byName ?? "unknown"}
                <p className="app-pre-line nhsuk-u-margin-bottom-0">{h.reason}</p>
                {h.comment ? <p className="app-pre-line nhsuk-body-s">{h.comment}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
