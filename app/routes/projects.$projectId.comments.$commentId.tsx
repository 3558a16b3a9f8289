// Changing or deleting one comment (docs/decisions/070): its author changes it in the first 15 minutes;
// its author or anyone who can edit the project deletes it (a soft delete, after a confirm step).
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { MentionPicker, MENTION_HINT } from "~/components/comments";
import { ConflictNotice } from "~/components/conflict-notice";
import { ErrorSummary, TextareaField, useNhsForm } from "~/components/forms";
import { BackLink, ButtonGroup, WarningCallout } from "~/components/nhs";
import { PiiConfirm } from "~/components/pii-confirm";
import { getDb } from "~/db.server";
import type { Conflict } from "~/domain/conflict";
import { canStillEdit, EDIT_WINDOW_CLOSED, NOT_YOUR_COMMENT } from "~/domain/comments";
import { notFound, parseId, requireUser } from "~/auth/guards.server";
import { actorOf } from "~/auth/actor.server";
import { DeleteCommentSchema, EditCommentSchema } from "~/forms/comment-form";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { parseFields, parseSubmission } from "~/forms/submission.server";
import { nowMs } from "~/clock.server";
import { deleteComment, editComment } from "~/models/comment-commands.server";
import { canModerate, commentHref, findTarget, getComment } from "~/models/comment.server";
import { listPeopleToChoose } from "~/models/people.server";
import { refusal } from "~/web/command-reply.server";
import { formatDateTime } from "~/web/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.mode === "delete" ? "Delete" : "Change"} a comment on ${data?.label ?? "a record"} – Stepping Up` },
];

function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const projectId = parseId(params.projectId, "project");
  const commentId = parseId(params.commentId, "comment");
  const db = getDb();
  const comment = getComment(db, commentId);
  if (!comment || comment.projectId !== projectId || comment.deletedAt) notFound("comment");
  return { db, projectId, comment };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { db, projectId, comment } = load(request, params);
  const mode = new URL(request.url).searchParams.has("delete") ? "delete" : "edit";
  const mine = comment.authorId === user.id;
  const href = commentHref(comment);
  return {
    projectId,
    mode,
    label: findTarget(db, projectId, comment.targetType, comment.targetId)?.label ?? "a record",
    back: href,
    comment: { id: comment.id, body: comment.body, version: comment.version, authorName: comment.authorName, createdAt: comment.createdAt },
    /** Why this person cannot do what the page is for, or null. */
    refusal:
      mode === "delete"
        ? mine || canModerate(db, projectId, user)
          ? null
          : "Only the person who wrote a comment, or someone who can edit the project, can delete it"
        : !mine
          ? NOT_YOUR_COMMENT
          : canStillEdit(comment.createdAt.getTime(), nowMs())
            ? null
            : EDIT_WINDOW_CLOSED,
    people: mine && mode === "edit" ? listPeopleToChoose(db) : [],
  };
}

type ActionResult = { result: SubmissionResult<string[]> | null; pii: boolean; conflict: Conflict | null; version: number | null };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { db, projectId, comment } = load(request, params);
  const formData = await request.formData();
  const actor = actorOf(user, context);
  if (formData.get("intent") === "delete") {
    const parsed = parseFields(formData, DeleteCommentSchema);
    if (!parsed.success) throw new Response("That request was not understood.", { status: 400 });
    const deleted = deleteComment(db, actor, { projectId, commentId: comment.id, now: nowMs() });
    if (!deleted.ok) refusal(deleted);
    return redirect(`${deleted.value.location}?comment=deleted`);
  }
  const submission = parseSubmission(formData, { schema: EditCommentSchema });
  const answer = (extra: Partial<ActionResult>, status: number) =>
    data<ActionResult>({ result: submission.reply(), pii: false, conflict: null, version: null, ...extra }, { status });
  if (submission.status !== "success") return answer({}, 400);
  const { body, version } = submission.value;
  const pii = patientDataWarning({ body }, formData);
  if (pii) return answer({ result: submission.reply({ fieldErrors: pii }), pii: true }, 400);
  const saved = editComment(db, actor, { projectId, commentId: comment.id, version, body, now: nowMs() });
  if (!saved.ok) {
    if ("refused" in saved) refusal(saved);
    return answer({ conflict: saved.conflict, version: saved.conflict.currentVersion }, 409);
  }
  return redirect(saved.value.location);
}

export default function CommentPage() {
  const { mode, label, back, comment, refusal } = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to={back}>Back to {label}</BackLink>
      <h2 className="nhsuk-heading-m">
        {mode === "delete" ? "Delete" : "Change"} a comment on {label}
      </h2>
      {refusal ? (
        <WarningCallout heading="You cannot do this">
          <p>{refusal}.</p>
        </WarningCallout>
      ) : mode === "delete" ? (
        <ConfirmDelete />
      ) : (
        <EditComment />
      )}
      {mode === "delete" || refusal ? (
        <>
          <p className="nhsuk-body-s app-muted">
            Written by {comment.authorName} at {formatDateTime(comment.createdAt)}
          </p>
          <p className="app-pre-line">{comment.body}</p>
        </>
      ) : null}
    </>
  );
}

function ConfirmDelete() {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="delete" />
      <p>The comment will no longer be shown. The audit trail keeps a record that it was deleted.</p>
      <ButtonGroup>
        <button type="submit" className="nhsuk-button nhsuk-button--warning">
          Delete comment
        </button>
      </ButtonGroup>
    </Form>
  );
}

function EditComment() {
  const { comment, people } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useNhsForm(EditCommentSchema, actionData?.result, "edit-comment", { body: comment.body });
  return (
    <Form method="post" {...getFormProps(form)}>
      <ConflictNotice conflict={actionData?.conflict} />
      <ErrorSummary form={form} fields={{ body: fields.body }} />
      <input type="hidden" name="intent" value="edit" />
      <input type="hidden" name="version" value={actionData?.version ?? comment.version} />
      <TextareaField field={fields.body} label="Your comment" hint={MENTION_HINT} rows={5} />
      <MentionPicker textareaId={fields.body.id} people={people} />
      <PiiConfirm show={actionData?.pii ?? false} />
      <button type="submit" className="nhsuk-button">
        Save comment
      </button>
    </Form>
  );
}
