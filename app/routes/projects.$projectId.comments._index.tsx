// Adding a comment to a record of the project (docs/decisions/070). The record's page holds the form and
// posts here; a saved comment goes back to the record, at the comment. A refused one (no text, patient
// data to confirm) is shown again here with its errors, the text kept.
import type { SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AddCommentForm } from "~/components/comments";
import { BackLink } from "~/components/nhs";
import { getDb } from "~/db.server";
import { commentsAnchor, commentTargetHref, COMMENT_TARGETS, type CommentTarget } from "~/domain/comments";
import { forbidden, notFound, parseId, requireUser } from "~/auth/guards.server";
import { actorOf } from "~/auth/actor.server";
import { AddCommentSchema } from "~/forms/comment-form";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { parseSubmission } from "~/forms/submission.server";
import { nowMs } from "~/clock.server";
import { addComment } from "~/models/comment-commands.server";
import { canComment, findTarget } from "~/models/comment.server";
import { listPeopleToChoose } from "~/models/people.server";
import { refusal } from "~/web/command-reply.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Add a comment on ${data?.label ?? "a record"} – Stepping Up` }];

function targetFrom(request: Request): { target: CommentTarget; targetId: number } {
  const search = new URL(request.url).searchParams;
  const target = search.get("target");
  if (!COMMENT_TARGETS.includes(target as CommentTarget)) notFound("record");
  return { target: target as CommentTarget, targetId: parseId(search.get("targetId") ?? undefined, "record") };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const projectId = parseId(params.projectId, "project");
  const { target, targetId } = targetFrom(request);
  const db = getDb();
  const about = findTarget(db, projectId, target, targetId);
  if (!about) notFound("record");
  if (!canComment(user)) forbidden(user, context, "write comments", projectId);
  return {
    projectId,
    target,
    targetId,
    label: about.label,
    back: `${commentTargetHref(projectId, target, targetId)}#${commentsAnchor(target, targetId)}`,
    people: listPeopleToChoose(db),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const projectId = parseId(params.projectId, "project");
  if (!canComment(user)) forbidden(user, context, "write comments", projectId);
  const formData = await request.formData();
  // The record commented on must be this project's before anything else is judged.
  const rawTarget = formData.get("target");
  if (!COMMENT_TARGETS.includes(rawTarget as CommentTarget)) notFound("record");
  const rawId = formData.get("targetId");
  if (!findTarget(getDb(), projectId, rawTarget as CommentTarget, parseId(typeof rawId === "string" ? rawId : undefined, "record"))) notFound("record");
  const submission = parseSubmission(formData, { schema: AddCommentSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), pii: false }, { status: 400 });
  const { target, targetId, body, formToken } = submission.value;
  const pii = patientDataWarning({ body }, formData);
  if (pii) return data({ result: submission.reply({ fieldErrors: pii }) as SubmissionResult<string[]>, pii: true }, { status: 400 });
  const added = addComment(getDb(), actorOf(user, context), { projectId, target, targetId, body, formToken, now: nowMs() });
  if (!added.ok) refusal(added);
  return redirect(added.value.location);
}

export default function AddCommentPage() {
  const { projectId, target, targetId, label, back, people } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <BackLink to={back}>Back to {label}</BackLink>
      <h2 className="nhsuk-heading-m">Add a comment on {label}</h2>
      <AddCommentForm
        projectId={projectId}
        target={target}
        targetId={targetId}
        people={people}
        lastResult={actionData?.result ?? null}
        pii={actionData?.pii ?? false}
      />
    </>
  );
}
