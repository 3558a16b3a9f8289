// What the home page shows one person: the programme in brief and their own work.
// Reads the stored board summaries (call ensureSummariesFresh first) and a few direct queries.
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { conversationPriorities, meetingActions, meetings, notifications, projects, projectSummaries as s, projectTeam } from "~/db.server";
import type { Db } from "~/db.server";
import type { AttentionFlag } from "~/domain/attention";
import { STAGES, type Stage, type TeamRole } from "~/domain/enums";

/** Counts by stage, projects needing attention and measures improving, in one aggregate. */
export function programmeInBrief(db: Db, programmeId: number) {
  const count = (condition: ReturnType<typeof sql>) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;
  const fields: Record<string, ReturnType<typeof count>> = {
    total: sql<number>`count(*)`,
    flagged: count(sql`${s.flagCount} > 0`),
    improving: sql<number>`coalesce(sum(${s.measuresImproving}), 0)`,
    projectsImproving: count(sql`${s.measuresImproving} > 0`),
  };
  for (const stage of STAGES) fields[`stage_${stage}`] = count(sql`${s.stage} = ${stage}`);
  const row = db.select(fields).from(s).where(eq(s.programmeId, programmeId)).get() as Record<string, number>;
  return {
    total: row.total,
    byStage: STAGES.map((stage) => ({ stage, n: row[`stage_${stage}`] })),
    flagged: row.flagged,
    measuresImproving: row.improving,
    projectsImproving: row.projectsImproving,
  };
}

/** Projects whose current team includes the person, with every role they hold there. */
export function listMyProjects(db: Db, programmeId: number, userId: number) {
  const memberships = db
    .select({ projectId: projectTeam.projectId, role: projectTeam.role })
    .from(projectTeam)
    .innerJoin(projects, eq(projects.id, projectTeam.projectId))
    .where(and(eq(projectTeam.userId, userId), isNull(projectTeam.endedAt), eq(projects.programmeId, programmeId)))
    .all();
  if (memberships.length === 0) return [];
  const roles = new Map<number, TeamRole[]>();
  for (const m of memberships) roles.set(m.projectId, [...(roles.get(m.projectId) ?? []), m.role]);
  return db
    .select({
      projectId: s.projectId,
      title: s.title,
      stage: s.stage,
      latestRag: s.latestRag,
      latestRagDate: s.latestRagDate,
      flags: s.flags,
    })
    .from(s)
    .where(inArray(s.projectId, [...roles.keys()]))
    .orderBy(asc(s.title), asc(s.projectId))
    .all()
    .map((r) => ({
      ...r,
      stage: r.stage as Stage,
      flags: JSON.parse(r.flags) as AttentionFlag[],
      roles: roles.get(r.projectId) ?? [],
    }));
}

/** Board actions (from meetings and Big Conversation priorities) the person owns and has not completed, soonest due first. */
export function listMyOpenActions(db: Db, programmeId: number, userId: number) {
  return db
    .select({
      id: meetingActions.id,
      text: meetingActions.text,
      dueOn: meetingActions.dueOn,
      meetingTitle: meetings.title,
      meetingDate: meetings.meetingDate,
      priorityTitle: conversationPriorities.title,
      projectId: meetingActions.projectId,
      projectTitle: projects.title,
    })
    .from(meetingActions)
    .leftJoin(meetings, eq(meetings.id, meetingActions.meetingId))
    .leftJoin(conversationPriorities, eq(conversationPriorities.id, meetingActions.priorityId))
    .leftJoin(projects, eq(projects.id, meetingActions.projectId))
    .where(
      and(
        eq(meetingActions.ownerUserId, userId),
        isNull(meetingActions.completedOn),
        sql`coalesce(${meetings.programmeId}, ${conversationPriorities.programmeId}) = ${programmeId}`,
      ),
    )
    .orderBy(asc(meetingActions.dueOn), asc(meetingActions.id))
    .all();
}

/** The person's newest unread notifications, from the notification centre's own table. */
export function listMyUnreadNotifications(db: Db, userId: number, limit = 5) {
  return db
    .select({
      id: notifications.id,
      title: notifications.title,
      body: notifications.body,
      projectTitle: projects.title,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .leftJoin(projects, eq(projects.id, notifications.projectId))
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .all();
}
