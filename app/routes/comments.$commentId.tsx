// A comment's own address (the learning search links here): its record's page, at the comment.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { notFound, parseId, requireUser } from "~/auth/guards.server";
import { commentHref, getComment } from "~/models/comment.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const comment = getComment(getDb(), parseId(params.commentId, "comment"));
  if (!comment || comment.deletedAt) notFound("comment");
  return redirect(commentHref(comment));
}
