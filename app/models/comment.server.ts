// Reading comments: the list under a record, one comment for its edit and delete pages, and the record a
// comment belongs to (docs/decisions/070).
import { and, asc, eq, isNull } from "drizzle-orm";
import { asks, comments, measures, pdsaCycles, statusReports, users } from "~/db.server";
import type { Db } from "~/db.server";
import { canEditProject } from "~/domain/permissions";
import { canStillEdit, commentTargetHref, type CommentTarget } from "~/domain/comments";
import type { Role } from "~/domain/enums";
import { isOnProjectTeam } from "~/models/team.server";
import { listPeopleToChoose, type PersonChoice } from "~/models/people.server";

/** The record a comment is about, when it exists in that project (and is not deleted): its name on the page. */
export function findTarget(db: Db, projectId: number, target: CommentTarget, targetId: number): { label: string } | undefined {
  switch (target) {
    case "pdsa": {
      const row = db
        .select({ number: pdsaCycles.number, title: pdsaCycles.title })
        .from(pdsaCycles)
        .where(and(eq(pdsaCycles.id, targetId), eq(pdsaCycles.projectId, projectId), isNull(pdsaCycles.deletedAt)))
        .get();
      return row && { label: `PDSA cycle ${row.number}: ${row.title}` };
    }
    case "status_report": {
      const row = db
        .select({ reportDate: statusReports.reportDate })
        .from(statusReports)
        .where(and(eq(statusReports.id, targetId), eq(statusReports.projectId, projectId)))
        .get();
      return row && { label: `the status report of ${row.reportDate}` };
    }
    case "ask": {
      const row = db
        .select({ what: asks.what })
        .from(asks)
        .where(and(eq(asks.id, targetId), eq(asks.projectId, projectId)))
        .get();
      return row && { label: "an ask" };
    }
    case "measure": {
      const row = db
        .select({ name: measures.name })
        .from(measures)
        .where(and(eq(measures.id, targetId), eq(measures.projectId, projectId), isNull(measures.deletedAt)))
        .get();
      return row && { label: `the measure ${row.name}` };
    }
  }
}

export type CommentView = {
  id: number;
  authorId: number;
  authorName: string;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  version: number;
};

const COLUMNS = {
  id: comments.id,
  authorId: comments.authorId,
  authorName: users.name,
  body: comments.body,
  createdAt: comments.createdAt,
  editedAt: comments.editedAt,
  version: comments.version,
};

/** The live comments on one record, oldest first. */
export function listComments(db: Db, target: CommentTarget, targetId: number): CommentView[] {
  return db
    .select(COLUMNS)
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(comments.targetType, target), eq(comments.targetId, targetId), isNull(comments.deletedAt)))
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .all();
}

/** The live comments on each of several records of one kind (the asks page), by record. */
export function listCommentsByTarget(db: Db, projectId: number, target: CommentTarget): Map<number, CommentView[]> {
  const rows = db
    .select({ ...COLUMNS, targetId: comments.targetId })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(comments.projectId, projectId), eq(comments.targetType, target), isNull(comments.deletedAt)))
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .all();
  const byTarget = new Map<number, CommentView[]>();
  for (const { targetId, ...row } of rows) byTarget.set(targetId, [...(byTarget.get(targetId) ?? []), row]);
  return byTarget;
}

export type StoredComment = CommentView & {
  projectId: number;
  targetType: CommentTarget;
  targetId: number;
  deletedAt: Date | null;
};

export function getComment(db: Db, commentId: number): StoredComment | undefined {
  return db
    .select({
      ...COLUMNS,
      projectId: comments.projectId,
      targetType: comments.targetType,
      targetId: comments.targetId,
      deletedAt: comments.deletedAt,
    })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(eq(comments.id, commentId))
    .get();
}

/** Where a comment is read: its record's page, at the comment. */
export function commentHref(c: { id: number; projectId: number; targetType: CommentTarget; targetId: number }) {
  return `${commentTargetHref(c.projectId, c.targetType, c.targetId)}#comment-${c.id}`;
}

/** Viewers read; everyone else may write comments. */
export const canComment = (user: { role: Role }) => user.role !== "viewer";

/** May delete any comment on the project: its editors and admins. */
export function canModerate(db: Db, projectId: number, user: { id: number; role: Role }) {
  return canEditProject(user, isOnProjectTeam(db, projectId, user.id));
}

type Viewer = { id: number; role: Role };

/** A comment as its reader may act on it: the author changes it for 15 minutes; the author or an editor deletes it. */
const withRights = (c: CommentView, user: Viewer, moderates: boolean, now: number) => ({
  ...c,
  mayEdit: c.authorId === user.id && canStillEdit(c.createdAt.getTime(), now),
  mayDelete: c.authorId === user.id || moderates,
});
export type CommentForReader = ReturnType<typeof withRights>;

/** What a page needs to show a record's comments: the list, who may do what, and the people to mention. */
export type CommentsData = {
  projectId: number;
  target: CommentTarget;
  targetId: number;
  comments: CommentForReader[];
  canComment: boolean;
  people: PersonChoice[];
};

export function commentsData(db: Db, user: Viewer, at: { projectId: number; target: CommentTarget; targetId: number; now: number }): CommentsData {
  const { projectId, target, targetId, now } = at;
  const writes = canComment(user);
  const moderates = canModerate(db, projectId, user);
  return {
    projectId,
    target,
    targetId,
    comments: listComments(db, target, targetId).map((c) => withRights(c, user, moderates, now)),
    canComment: writes,
    people: writes ? listPeopleToChoose(db) : [],
  };
}

/** The comments under each ask of a project, and the people to mention (read once for the page). */
export function askCommentsData(db: Db, user: Viewer, projectId: number, now: number) {
  const writes = canComment(user);
  const moderates = canModerate(db, projectId, user);
  const byAsk = listCommentsByTarget(db, projectId, "ask");
  return {
    canComment: writes,
    people: writes ? listPeopleToChoose(db) : [],
    byAsk: Object.fromEntries([...byAsk].map(([askId, list]) => [askId, list.map((c) => withRights(c, user, moderates, now))])) as Record<
      number,
      CommentForReader[]
    >,
  };
}
