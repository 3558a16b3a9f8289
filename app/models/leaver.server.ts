// What a person still holds when they leave (ADR 106): lead roles on open projects, open milestones, actions
// and asks, CQC actions and Big Conversation priorities. The hand-over page lists it and the command moves it.
import { and, asc, eq, inArray, isNull, ne, notInArray, sql } from "drizzle-orm";
import { asks, conversationPriorities, cqcActions, meetingActions, meetings, milestones, projects, projectTeam } from "~/db.server";
import type { Db } from "~/db.server";
import { WAITING_ASK_STATES } from "~/domain/ask-rules";
import { NO_FLAG_STAGES } from "~/domain/attention";
import type { HoldingCounts } from "~/domain/hand-over";
import type { LeadRole } from "~/models/team-edit.server";

const ENDED_STAGES = [...NO_FLAG_STAGES];

export type Holdings = ReturnType<typeof listHoldings>;

/** Everything `userId` holds that someone else must take over, each list in a stable order. */
export function listHoldings(db: Db, userId: number) {
  const leads = db
    .select({ teamRowId: projectTeam.id, projectId: projects.id, title: projects.title, reference: projects.reference, role: projectTeam.role })
    .from(projectTeam)
    .innerJoin(projects, eq(projects.id, projectTeam.projectId))
    .where(and(eq(projectTeam.userId, userId), isNull(projectTeam.endedAt), ne(projectTeam.role, "member"), notInArray(projects.stage, ENDED_STAGES)))
    .orderBy(asc(projects.title), asc(projectTeam.id))
    .all()
    .map((r) => ({ ...r, role: r.role as LeadRole }));
  const openMilestones = db
    .select({ id: milestones.id, projectId: milestones.projectId, project: projects.title, title: milestones.title, forecastDate: milestones.forecastDate })
    .from(milestones)
    .innerJoin(projects, eq(projects.id, milestones.projectId))
    .where(and(eq(milestones.ownerUserId, userId), isNull(milestones.completedOn), isNull(milestones.deletedAt)))
    .orderBy(asc(milestones.forecastDate), asc(milestones.id))
    .all();
  const openActions = db
    .select({
      id: meetingActions.id,
      text: meetingActions.text,
      dueOn: meetingActions.dueOn,
      projectId: meetingActions.projectId,
      setAt: sql<string>`coalesce(${meetings.title}, ${conversationPriorities.title}, '')`,
    })
    .from(meetingActions)
    .leftJoin(meetings, eq(meetings.id, meetingActions.meetingId))
    .leftJoin(conversationPriorities, eq(conversationPriorities.id, meetingActions.priorityId))
    .where(and(eq(meetingActions.ownerUserId, userId), isNull(meetingActions.completedOn)))
    .orderBy(asc(meetingActions.dueOn), asc(meetingActions.id))
    .all();
  const waitingAsks = db
    .select({ id: asks.id, projectId: asks.projectId, project: projects.title, what: asks.what, dueOn: asks.dueOn })
    .from(asks)
    .innerJoin(projects, eq(projects.id, asks.projectId))
    .where(and(eq(asks.addresseeUserId, userId), inArray(asks.state, [...WAITING_ASK_STATES])))
    .orderBy(asc(asks.id))
    .all();
  const cqc = db
    .select({ id: cqcActions.id, reference: cqcActions.reference, text: cqcActions.text, dueOn: cqcActions.dueOn })
    .from(cqcActions)
    .where(and(eq(cqcActions.ownerId, userId), isNull(cqcActions.archivedAt)))
    .orderBy(asc(cqcActions.reference))
    .all();
  const priorities = db
    .select({ id: conversationPriorities.id, title: conversationPriorities.title })
    .from(conversationPriorities)
    .where(eq(conversationPriorities.ownerUserId, userId))
    .orderBy(asc(conversationPriorities.title))
    .all();
  return { leads, milestones: openMilestones, actions: openActions, asks: waitingAsks, cqcActions: cqc, priorities };
}

export const holdingCounts = (h: Holdings): HoldingCounts => ({
  leads: h.leads.length,
  milestones: h.milestones.length,
  actions: h.actions.length,
  asks: h.asks.length,
  cqcActions: h.cqcActions.length,
  priorities: h.priorities.length,
});

export const holdingCount = (h: Holdings) => Object.values(holdingCounts(h)).reduce((a, b) => a + b, 0);

/** Whether a person holds anything to hand over (the Users page asks before disabling them). */
export function holdsAnything(db: Db, userId: number): boolean {
  return holdingCount(listHoldings(db, userId)) > 0;
}
