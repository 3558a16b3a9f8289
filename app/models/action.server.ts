// Board actions: who owns what, by when, tracked to completion across meetings.
import { and, asc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { conversationPriorities, meetingActions as a, meetings, projects, users } from "~/db.server";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";

const updatedBy = alias(users, "action_updated_by");

const ACTION = {
  id: a.id,
  meetingId: a.meetingId,
  meetingTitle: meetings.title,
  meetingDate: meetings.meetingDate,
  priorityId: a.priorityId,
  priorityTitle: conversationPriorities.title,
  projectId: a.projectId,
  projectTitle: projects.title,
  text: a.text,
  ownerUserId: a.ownerUserId,
  ownerName: users.name,
  dueOn: a.dueOn,
  completedOn: a.completedOn,
  version: a.version,
  updatedAt: a.updatedAt,
  updatedByName: updatedBy.name,
};

function selectActions(db: Db) {
  return db
    .select(ACTION)
    .from(a)
    .leftJoin(meetings, eq(meetings.id, a.meetingId))
    .leftJoin(conversationPriorities, eq(conversationPriorities.id, a.priorityId))
    .innerJoin(users, eq(users.id, a.ownerUserId))
    .leftJoin(projects, eq(projects.id, a.projectId))
    .leftJoin(updatedBy, eq(updatedBy.id, a.updatedBy));
}

export type ActionRow = NonNullable<ReturnType<typeof getAction>>;

export function getAction(db: Db, actionId: number) {
  return selectActions(db).where(eq(a.id, actionId)).get();
}

/** A person's actions not yet done, soonest due first (for /actions and the home page). */
export function listOpenActionsFor(db: Db, userId: number) {
  return selectActions(db)
    .where(and(eq(a.ownerUserId, userId), isNull(a.completedOn)))
    .orderBy(asc(a.dueOn), asc(a.id))
    .all();
}

export function listMeetingActions(db: Db, meetingId: number) {
  return selectActions(db).where(eq(a.meetingId, meetingId)).orderBy(asc(a.dueOn), asc(a.id)).all();
}

/** Actions set at meetings held before this one (by date, then by id on the same day). */
export function listEarlierActions(db: Db, programmeId: number, meeting: { id: number; meetingDate: string }) {
  const earlier = and(
    eq(meetings.programmeId, programmeId),
    or(lt(meetings.meetingDate, meeting.meetingDate), and(eq(meetings.meetingDate, meeting.meetingDate), lt(meetings.id, meeting.id))),
  );
  const previous =
    db
      .select({ day: sql<string | null>`max(${meetings.meetingDate})` })
      .from(meetings)
      .where(earlier)
      .get()?.day ?? null;
  const rows = selectActions(db).where(earlier).orderBy(asc(a.dueOn), asc(a.id)).all();
  return { previousMeetingDate: previous, actions: rows };
}

export function insertAction(
  db: Db,
  input: {
    meetingId: number | null;
    priorityId?: number | null;
    projectId: number | null;
    text: string;
    ownerUserId: number;
    dueOn: string;
    userId: number;
  },
) {
  const now = new Date(nowMs());
  return db
    .insert(a)
    .values({ ...input, createdAt: now, updatedAt: now, updatedBy: input.userId })
    .returning({ id: a.id })
    .get().id;
}

/** Marks an open action done at the version read; false when it changed or was already done. */
export function completeActionIfVersion(db: Db, actionId: number, version: number, day: string, userId: number) {
  const result = db
    .update(a)
    .set({ completedOn: day, version: sql`${a.version} + 1`, updatedAt: new Date(nowMs()), updatedBy: userId })
    .where(and(eq(a.id, actionId), eq(a.version, version), isNull(a.completedOn)))
    .run();
  return result.changes === 1;
}
