// The facts reminders are worked out from (docs/decisions/065), read in a few set-based queries, and the
// reminders due today: for the whole programme (the daily job) or for one person (the home page).
import { and, eq, inArray, isNull, max, notInArray, or, sql, type SQL } from "drizzle-orm";
import {
  asks,
  conversationPriorities,
  meetingActions,
  meetings,
  milestones,
  pdsaCycles,
  programmes,
  projects,
  projectTeam,
  statusReports,
  users,
} from "~/db.server";
import type { Db } from "~/db.server";
import type { AttentionThresholds } from "~/domain/attention";
import { NO_FLAG_STAGES } from "~/domain/attention";
import { WAITING_ASK_STATES } from "~/domain/ask-rules";
import { londonDay } from "~/domain/calendar";
import type { TeamRole } from "~/domain/enums";
import { lastPdsaActivity } from "~/domain/pdsa-rules";
import { remindersDue, remindersFor, type Reminder, type ReminderAction, type ReminderProject } from "~/domain/reminders";

export function programmeThresholds(db: Db, programmeId: number): AttentionThresholds | null {
  const p = db
    .select({
      milestoneSlipDays: programmes.milestoneSlipDays,
      pdsaStaleWeeks: programmes.pdsaStaleWeeks,
      statusStaleWeeks: programmes.statusStaleWeeks,
      measureGapPeriods: programmes.measureGapPeriods,
      askOpenDays: programmes.askOpenDays,
    })
    .from(programmes)
    .where(eq(programmes.id, programmeId))
    .get();
  return p ?? null;
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

/** Who leads a project day to day, for reminders: its project lead, else its operational lead. */
const DAY_TO_DAY_LEADS: TeamRole[] = ["project_lead", "operational_lead"];

type Scope = { projectIds: number[] | null; actionOwner: number | null };

function reminderFacts(db: Db, programmeId: number, today: string, scope: Scope): { projects: ReminderProject[]; actions: ReminderAction[] } {
  const inScope = (column: Parameters<typeof inArray>[0]): SQL | undefined => (scope.projectIds ? inArray(column, scope.projectIds) : undefined);
  const base =
    scope.projectIds && scope.projectIds.length === 0
      ? []
      : db
          .select({ id: projects.id, title: projects.title, stage: projects.stage, plannedStart: projects.plannedStart, createdAt: projects.createdAt })
          .from(projects)
          .where(and(eq(projects.programmeId, programmeId), notInArray(projects.stage, [...NO_FLAG_STAGES]), inScope(projects.id)))
          .all();
  const ids = base.map((p) => p.id);
  const projectFacts: ReminderProject[] = [];
  if (ids.length) {
    const lastReport = new Map(
      db
        .select({ projectId: statusReports.projectId, on: max(statusReports.reportDate) })
        .from(statusReports)
        .where(inArray(statusReports.projectId, ids))
        .groupBy(statusReports.projectId)
        .all()
        .map((r) => [r.projectId, r.on]),
    );
    const cycles = groupBy(
      db
        .select({ projectId: pdsaCycles.projectId, startDate: pdsaCycles.startDate, createdAt: pdsaCycles.createdAt, updatedAt: pdsaCycles.updatedAt })
        .from(pdsaCycles)
        .where(and(isNull(pdsaCycles.deletedAt), inArray(pdsaCycles.projectId, ids)))
        .all(),
      (r) => r.projectId,
    );
    const leads = groupBy(
      db
        .select({ projectId: projectTeam.projectId, role: projectTeam.role, userId: projectTeam.userId })
        .from(projectTeam)
        .where(and(isNull(projectTeam.endedAt), inArray(projectTeam.role, DAY_TO_DAY_LEADS), inArray(projectTeam.projectId, ids)))
        .all(),
      (r) => r.projectId,
    );
    const openMilestones = groupBy(
      db
        .select({
          id: milestones.id,
          projectId: milestones.projectId,
          title: milestones.title,
          forecastDate: milestones.forecastDate,
          completedOn: milestones.completedOn,
          ownerUserId: milestones.ownerUserId,
        })
        .from(milestones)
        .where(and(isNull(milestones.deletedAt), isNull(milestones.completedOn), inArray(milestones.projectId, ids)))
        .all(),
      (r) => r.projectId,
    );
    const waiting = groupBy(
      db
        .select({ id: asks.id, projectId: asks.projectId, what: asks.what, addressee: asks.addressee, to: asks.addresseeUserId, createdAt: asks.createdAt })
        .from(asks)
        .where(and(inArray(asks.state, [...WAITING_ASK_STATES]), inArray(asks.projectId, ids)))
        .all(),
      (r) => r.projectId,
    );
    const board = waiting.size
      ? db
          .select({ id: users.id })
          .from(users)
          .where(eq(users.role, "board"))
          .all()
          .map((r) => r.id)
      : [];

    for (const p of base) {
      const team = leads.get(p.id) ?? [];
      const projectLeads = team.filter((l) => l.role === "project_lead");
      projectFacts.push({
        projectId: p.id,
        title: p.title,
        stage: p.stage,
        startedOn: p.plannedStart ?? londonDay(p.createdAt),
        lastStatusReportOn: lastReport.get(p.id) ?? null,
        // The domain decides what counts as activity (a future plan does not), as it does for the board.
        lastPdsaActivityOn: lastPdsaActivity(
          (cycles.get(p.id) ?? []).map((c) => ({
            startDate: c.startDate,
            createdOn: londonDay(c.createdAt),
            updatedOn: londonDay(c.updatedAt),
            changedSinceCreated: c.updatedAt.getTime() > c.createdAt.getTime(),
          })),
          today,
        ),
        leadIds: (projectLeads.length ? projectLeads : team).map((l) => l.userId),
        milestones: (openMilestones.get(p.id) ?? []).map(({ projectId: _p, ...m }) => m),
        waitingAsks: (waiting.get(p.id) ?? []).map((a) => ({
          id: a.id,
          what: a.what,
          raisedOn: londonDay(a.createdAt),
          answererIds: a.addressee === "person" ? (a.to ? [a.to] : []) : board,
        })),
      });
    }
  }

  const actions = db
    .select({
      id: meetingActions.id,
      text: meetingActions.text,
      dueOn: meetingActions.dueOn,
      completedOn: meetingActions.completedOn,
      ownerUserId: meetingActions.ownerUserId,
      projectId: meetingActions.projectId,
      projectTitle: projects.title,
      priorityTitle: conversationPriorities.title,
    })
    .from(meetingActions)
    // An action is set at a board meeting or belongs to a Big Conversation priority's plan (ADR 095).
    .leftJoin(meetings, eq(meetings.id, meetingActions.meetingId))
    .leftJoin(conversationPriorities, eq(conversationPriorities.id, meetingActions.priorityId))
    .leftJoin(projects, eq(projects.id, meetingActions.projectId))
    .where(
      and(
        sql`coalesce(${meetings.programmeId}, ${conversationPriorities.programmeId}) = ${programmeId}`,
        isNull(meetingActions.completedOn),
        scope.actionOwner !== null ? eq(meetingActions.ownerUserId, scope.actionOwner) : undefined,
      ),
    )
    .all();
  return { projects: projectFacts, actions };
}

/** Every reminder due today in the programme, each with who should get it. */
export function programmeReminders(db: Db, programmeId: number, today: string): Reminder[] {
  const thresholds = programmeThresholds(db, programmeId);
  if (!thresholds) return [];
  return remindersDue(reminderFacts(db, programmeId, today, { projectIds: null, actionOwner: null }), today, thresholds);
}

/** Every reminder due today across all programmes. */
export function allReminders(db: Db, today: string): Reminder[] {
  return db
    .select({ id: programmes.id })
    .from(programmes)
    .all()
    .flatMap((p) => programmeReminders(db, p.id, today));
}

/** One person's reminders due today: only the projects that could concern them are read. */
export function myReminders(db: Db, programmeId: number, today: string, userId: number): Reminder[] {
  const thresholds = programmeThresholds(db, programmeId);
  if (!thresholds) return [];
  const role = db.select({ role: users.role }).from(users).where(eq(users.id, userId)).get()?.role;
  const ids = new Set<number>();
  for (const r of db
    .select({ projectId: projectTeam.projectId })
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, userId), isNull(projectTeam.endedAt), inArray(projectTeam.role, DAY_TO_DAY_LEADS)))
    .all())
    ids.add(r.projectId);
  for (const r of db
    .select({ projectId: milestones.projectId })
    .from(milestones)
    .where(and(eq(milestones.ownerUserId, userId), isNull(milestones.deletedAt), isNull(milestones.completedOn)))
    .all())
    ids.add(r.projectId);
  for (const r of db
    .select({ projectId: asks.projectId })
    .from(asks)
    .where(and(inArray(asks.state, [...WAITING_ASK_STATES]), or(eq(asks.addresseeUserId, userId), role === "board" ? eq(asks.addressee, "board") : undefined)))
    .all())
    ids.add(r.projectId);
  const facts = reminderFacts(db, programmeId, today, { projectIds: [...ids], actionOwner: userId });
  return remindersFor(remindersDue(facts, today, thresholds), userId);
}
