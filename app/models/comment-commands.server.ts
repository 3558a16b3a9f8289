// Writing comments (docs/decisions/070, 071): add, edit by the author within 15 minutes, soft delete by the
// author or the project's editors. Each write is audited, and the audit row names the people a comment newly
// mentions, which is what the notifications (app/models/notification-events.server.ts) read.
import { eq, sql } from "drizzle-orm";
import { comments, users } from "~/db.server";
import type { Db } from "~/db.server";
import { buildConflict, type Conflict } from "~/domain/conflict";
import {
  CANNOT_DELETE,
  canStillEdit,
  COMMENT_GONE,
  COMMENT_TARGET_LABELS,
  EDIT_WINDOW_CLOSED,
  findMentions,
  NOT_YOUR_COMMENT,
  type CommentTarget,
} from "~/domain/comments";
import type { Role } from "~/domain/enums";
import { conflict, ok, record, refused, runCommand, type Actor, type CommandResult } from "~/models/command.server";
import { canComment, canModerate, commentHref, findTarget, getComment } from "~/models/comment.server";
import { spendFormToken, spentFormToken } from "~/models/form-token.server";
import { listPeopleToChoose } from "~/models/people.server";

const roleOf = (db: Db, userId: number): Role | undefined => db.select({ role: users.role }).from(users).where(eq(users.id, userId)).get()?.role;

/** The active people a body mentions, by exact full name (docs/decisions/071). */
export const mentionsIn = (db: Db, body: string) => findMentions(body, listPeopleToChoose(db));

export type AddComment = { projectId: number; target: CommentTarget; targetId: number; body: string; now: number; formToken?: string };

export function addComment(db: Db, actor: Actor, input: AddComment): CommandResult<{ commentId: number; location: string }> {
  const { projectId, target, targetId, body, now } = input;
  return runCommand(db, (tx) => {
    const role = roleOf(tx, actor.id);
    if (!role || !canComment({ role })) return refused("You can read comments but not write them", 403);
    const once = { userId: actor.id, kind: "comment", token: input.formToken };
    const spent = spentFormToken(tx, once);
    if (spent !== null) return ok({ commentId: Number(/comment-(\d+)$/.exec(spent)?.[1] ?? 0), location: spent });
    const about = findTarget(tx, projectId, target, targetId);
    if (!about) return refused(`We could not find that ${COMMENT_TARGET_LABELS[target]}`, 404);
    const commentId = tx
      .insert(comments)
      .values({ projectId, targetType: target, targetId, authorId: actor.id, body, createdAt: new Date(now) })
      .returning({ id: comments.id })
      .get().id;
    const mentioned = mentionsIn(tx, body);
    record(tx, actor, {
      action: "comment.added",
      entityType: "comment",
      entityId: commentId,
      projectId,
      summary: `Commented on ${about.label}`,
      details: { target, targetId, mentioned },
    });
    const location = commentHref({ id: commentId, projectId, targetType: target, targetId });
    spendFormToken(tx, once, location);
    return ok({ commentId, location });
  });
}

export type EditComment = { projectId: number; commentId: number; version: number; body: string; now: number };

export function editComment(db: Db, actor: Actor, input: EditComment): CommandResult<{ location: string }, Conflict> {
  const { projectId, commentId, version, body, now } = input;
  return runCommand(db, (tx) => {
    const before = getComment(tx, commentId);
    if (!before || before.projectId !== projectId) return refused("We could not find that comment", 404);
    if (before.deletedAt) return refused(COMMENT_GONE, 409);
    if (before.authorId !== actor.id) return refused(NOT_YOUR_COMMENT, 403);
    if (!canStillEdit(before.createdAt.getTime(), now)) return refused(EDIT_WINDOW_CLOSED, 409);
    if (before.version !== version) {
      return conflict(
        buildConflict({
          changedBy: before.authorName,
          changedAt: before.editedAt,
          currentVersion: before.version,
          current: { body: before.body },
          submitted: { body },
          labels: { body: "Comment" },
        }),
      );
    }
    tx.update(comments)
      .set({ body, editedAt: new Date(now), version: sql`${comments.version} + 1` })
      .where(eq(comments.id, commentId))
      .run();
    const earlier = new Set(mentionsIn(tx, before.body));
    const mentioned = mentionsIn(tx, body).filter((id) => !earlier.has(id));
    const about = findTarget(tx, projectId, before.targetType, before.targetId);
    record(tx, actor, {
      action: "comment.edited",
      entityType: "comment",
      entityId: commentId,
      projectId,
      summary: `Changed a comment on ${about?.label ?? COMMENT_TARGET_LABELS[before.targetType]}`,
      details: { target: before.targetType, targetId: before.targetId, mentioned },
    });
    return ok({ location: commentHref(before) });
  });
}

export type DeleteComment = { projectId: number; commentId: number; now: number };

export function deleteComment(db: Db, actor: Actor, input: DeleteComment): CommandResult<{ location: string }> {
  const { projectId, commentId, now } = input;
  return runCommand(db, (tx) => {
    const before = getComment(tx, commentId);
    if (!before || before.projectId !== projectId) return refused("We could not find that comment", 404);
    if (before.deletedAt) return refused(COMMENT_GONE, 409);
    const role = roleOf(tx, actor.id);
    const mayDelete = before.authorId === actor.id || (role !== undefined && canModerate(tx, projectId, { id: actor.id, role }));
    if (!mayDelete) return refused(CANNOT_DELETE, 403);
    tx.update(comments)
      .set({ deletedAt: new Date(now), deletedBy: actor.id, version: sql`${comments.version} + 1` })
      .where(eq(comments.id, commentId))
      .run();
    const about = findTarget(tx, projectId, before.targetType, before.targetId);
    record(tx, actor, {
      action: "comment.deleted",
      entityType: "comment",
      entityId: commentId,
      projectId,
      summary: `Deleted ${before.authorId === actor.id ? "their" : `${before.authorName}'s`} comment on ${about?.label ?? COMMENT_TARGET_LABELS[before.targetType]}`,
      details: { target: before.targetType, targetId: before.targetId },
    });
    const href = commentHref(before);
    return ok({ location: href.slice(0, href.indexOf("#")) });
  });
}
