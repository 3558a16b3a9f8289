// Board meetings: the agenda, the board's assessments and decisions at the meeting, and the
// snapshot that freezes the board view when the meeting closes.
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import { startOfMonth } from "date-fns/startOfMonth";
import { subMonths } from "date-fns/subMonths";
import { and, asc, desc, eq, inArray, isNull, ne, notInArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { boardAssessments, meetingActions, meetingItems, meetings, projects, projectSummaries as s, users } from "~/db.server";
import type { Db } from "~/db.server";
import type { AttentionFlag } from "~/domain/attention";
import { LEAD_ROLES } from "~/domain/enums";
import { suggestAgenda, type AgendaSuggestion } from "~/domain/meeting-rules";
import { parseBoardQuery } from "~/web/board-query.server";
import { nowMs } from "~/clock.server";
import { formatDay } from "~/domain/calendar";
import { ASSESSMENT_COLUMNS, boardRollup, listBoardRowsForExport } from "~/models/board.server";
import { listEarlierActions, listMeetingActions } from "~/models/action.server";
import { getLatestStatusReport, listOpenProjectAsks, listProjectMilestones, listProjectTeam } from "~/models/project.server";

const createdBy = alias(users, "meeting_created_by");
const updatedBy = alias(users, "meeting_updated_by");

export function getMeeting(db: Db, programmeId: number, meetingId: number) {
  return db
    .select({
      id: meetings.id,
      title: meetings.title,
      meetingDate: meetings.meetingDate,
      attendees: meetings.attendees,
      state: meetings.state,
      snapshot: meetings.snapshot,
      closedAt: meetings.closedAt,
      version: meetings.version,
      updatedAt: meetings.updatedAt,
      createdByName: createdBy.name,
      updatedByName: updatedBy.name,
    })
    .from(meetings)
    .leftJoin(createdBy, eq(createdBy.id, meetings.createdBy))
    .leftJoin(updatedBy, eq(updatedBy.id, meetings.updatedBy))
    .where(and(eq(meetings.id, meetingId), eq(meetings.programmeId, programmeId)))
    .get();
}
export type MeetingRow = NonNullable<ReturnType<typeof getMeeting>>;

/** Every meeting, newest first, with how much is on each. */
export function listMeetings(db: Db, programmeId: number) {
  return db
    .select({
      id: meetings.id,
      title: meetings.title,
      meetingDate: meetings.meetingDate,
      state: meetings.state,
      items: sql<number>`(select count(*) from ${meetingItems} where ${meetingItems.meetingId} = ${meetings.id})`,
      actions: sql<number>`(select count(*) from ${meetingActions} where ${meetingActions.meetingId} = ${meetings.id})`,
      openActions: sql<number>`(select count(*) from ${meetingActions} where ${meetingActions.meetingId} = ${meetings.id} and ${meetingActions.completedOn} is null)`,
    })
    .from(meetings)
    .where(eq(meetings.programmeId, programmeId))
    .orderBy(desc(meetings.meetingDate), desc(meetings.id))
    .all();
}

/** The agenda in order, each with the board's assessment recorded at this meeting (if any). */
export function listAgenda(db: Db, meetingId: number) {
  const items = db
    .select({
      id: meetingItems.id,
      projectId: meetingItems.projectId,
      title: projects.title,
      stage: projects.stage,
      position: meetingItems.position,
      reasonSuggested: meetingItems.reasonSuggested,
      decision: meetingItems.decision,
      notes: meetingItems.notes,
    })
    .from(meetingItems)
    .innerJoin(projects, eq(projects.id, meetingItems.projectId))
    .where(eq(meetingItems.meetingId, meetingId))
    .orderBy(asc(meetingItems.position), asc(meetingItems.id))
    .all();
  const assessed = db
    .select({ projectId: boardAssessments.projectId, ...ASSESSMENT_COLUMNS })
    .from(boardAssessments)
    .leftJoin(users, eq(users.id, boardAssessments.byUserId))
    .where(eq(boardAssessments.meetingId, meetingId))
    .orderBy(asc(boardAssessments.at), asc(boardAssessments.id))
    .all();
  // The latest one per project wins (a later view at the same meeting replaces the earlier).
  const latest = new Map(assessed.map((row) => [row.projectId, row]));
  return items.map((item) => ({ ...item, assessment: latest.get(item.projectId) ?? null }));
}
export type AgendaItem = ReturnType<typeof listAgenda>[number];

/** Suggested agenda from the stored summaries (call ensureSummariesFresh first). */
export function suggestedAgenda(db: Db, programmeId: number): AgendaSuggestion[] {
  const rows = db
    .select({
      projectId: s.projectId,
      title: s.title,
      stage: s.stage,
      flags: s.flags,
      flagCount: s.flagCount,
      boardRagDate: s.boardRagDate,
    })
    .from(s)
    .where(eq(s.programmeId, programmeId))
    .all()
    .map((r) => ({ ...r, flags: JSON.parse(r.flags) as AttentionFlag[] }));
  return suggestAgenda(rows, formatDay);
}

/** Projects that could be added to the agenda: not on it already, not declined. */
export function listAgendaOptions(db: Db, programmeId: number, onAgenda: number[]) {
  return db
    .select({ id: projects.id, title: projects.title })
    .from(projects)
    .where(and(eq(projects.programmeId, programmeId), ne(projects.stage, "declined"), onAgenda.length ? notInArray(projects.id, onAgenda) : undefined))
    .orderBy(asc(projects.title))
    .all();
}

export function projectsInProgramme(db: Db, programmeId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: projects.id, title: projects.title })
    .from(projects)
    .where(and(eq(projects.programmeId, programmeId), inArray(projects.id, ids)))
    .all();
}

/** Board members and admins, to choose as attendees. */
export function listGovernors(db: Db) {
  return db
    .select({ id: users.id, name: users.name, jobTitle: users.jobTitle })
    .from(users)
    .where(and(isNull(users.disabledAt), inArray(users.role, ["admin", "board"])))
    .orderBy(asc(users.name))
    .all();
}

export function peopleByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(isNull(users.disabledAt), inArray(users.id, ids)))
    .all();
}

export function isEnabledUser(db: Db, userId: number) {
  return Boolean(
    db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, userId), isNull(users.disabledAt)))
      .get(),
  );
}

export function insertMeeting(
  db: Db,
  input: {
    programmeId: number;
    title: string;
    meetingDate: string;
    attendees: string;
    userId: number;
    items: { projectId: number; reasonSuggested: string }[];
  },
) {
  const now = new Date(nowMs());
  const id = db
    .insert(meetings)
    .values({
      programmeId: input.programmeId,
      title: input.title,
      meetingDate: input.meetingDate,
      attendees: input.attendees,
      createdBy: input.userId,
      updatedBy: input.userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: meetings.id })
    .get().id;
  input.items.forEach((item, i) =>
    db
      .insert(meetingItems)
      .values({ meetingId: id, projectId: item.projectId, position: i + 1, reasonSuggested: item.reasonSuggested })
      .run(),
  );
  return id;
}

export function insertItem(db: Db, meetingId: number, projectId: number, reasonSuggested: string) {
  const last =
    db
      .select({ n: sql<number>`coalesce(max(${meetingItems.position}), 0)` })
      .from(meetingItems)
      .where(eq(meetingItems.meetingId, meetingId))
      .get()?.n ?? 0;
  db.insert(meetingItems)
    .values({ meetingId, projectId, position: last + 1, reasonSuggested })
    .run();
}

export function deleteItem(db: Db, itemId: number) {
  db.delete(meetingItems).where(eq(meetingItems.id, itemId)).run();
}

/** Renumbers the agenda 1..n in the given order. */
export function setAgendaOrder(db: Db, itemIds: number[]) {
  itemIds.forEach((id, i) =>
    db
      .update(meetingItems)
      .set({ position: i + 1 })
      .where(eq(meetingItems.id, id))
      .run(),
  );
}

export function setItemDecision(db: Db, itemId: number, decision: string, notes: string) {
  db.update(meetingItems)
    .set({ decision: decision as never, notes })
    .where(eq(meetingItems.id, itemId))
    .run();
}

/** Bumps the meeting's version if it is still the one the form read: every edit of a meeting claims it. */
export function claimMeetingVersion(db: Db, meetingId: number, version: number, userId: number, values: Record<string, unknown> = {}) {
  const result = db
    .update(meetings)
    .set({ ...values, version: sql`${meetings.version} + 1`, updatedAt: new Date(nowMs()), updatedBy: userId } as never)
    .where(and(eq(meetings.id, meetingId), eq(meetings.version, version), eq(meetings.state, "planned")))
    .run();
  return result.changes === 1;
}

export function monthsEndingAt(today: string) {
  return Array.from({ length: 12 }, (_, i) => format(startOfMonth(subMonths(parseISO(today), 11 - i)), "yyyy-MM"));
}

/** One project on a page for the board pack: everything the board needs, in one place. */
function projectPage(db: Db, row: ReturnType<typeof listBoardRowsForExport>[number]) {
  const team = listProjectTeam(db, row.projectId).filter((m) => !m.endedAt && m.role !== "member");
  const report = getLatestStatusReport(db, row.projectId);
  return {
    ...row,
    leads: LEAD_ROLES.flatMap((role) => team.filter((m) => m.role === role).map((m) => ({ role, name: m.name }))),
    milestones: listProjectMilestones(db, row.projectId),
    latestReport: report ? { reportDate: report.reportDate, rag: report.rag, nextSteps: report.nextSteps, risks: report.risks } : null,
    asks: listOpenProjectAsks(db, row.projectId),
  };
}
export type PackPage = ReturnType<typeof projectPage>;

/** The whole-board view as it stands now (summaries must be fresh), and the agenda's pages. */
export function liveBoardView(db: Db, programmeId: number, today: string, agendaProjectIds: number[]) {
  const query = parseBoardQuery(new URLSearchParams());
  const rows = listBoardRowsForExport(db, programmeId, query);
  const byId = new Map(rows.map((r) => [r.projectId, r]));
  return {
    today,
    months: monthsEndingAt(today),
    rollup: boardRollup(db, programmeId, query, today),
    rows,
    pack: agendaProjectIds.flatMap((id) => {
      const row = byId.get(id);
      return row ? [projectPage(db, row)] : [];
    }),
  };
}
export type BoardView = ReturnType<typeof liveBoardView>;

/** Everything the closed meeting shows, frozen: the board view, the agenda with decisions, the actions. */
export function buildSnapshot(db: Db, programmeId: number, meeting: { id: number; meetingDate: string }, today: string) {
  const agenda = listAgenda(db, meeting.id);
  return {
    takenAt: nowMs(),
    board: liveBoardView(
      db,
      programmeId,
      today,
      agenda.map((i) => i.projectId),
    ),
    agenda,
    actions: listMeetingActions(db, meeting.id),
    loop: listEarlierActions(db, programmeId, meeting),
  };
}
export type MeetingSnapshot = ReturnType<typeof buildSnapshot>;

export function readSnapshot(text: string | null): MeetingSnapshot | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as MeetingSnapshot;
  } catch {
    return null;
  }
}

export function itemHasRecords(db: Db, meetingId: number, projectId: number) {
  const assessed = db
    .select({ id: boardAssessments.id })
    .from(boardAssessments)
    .where(and(eq(boardAssessments.meetingId, meetingId), eq(boardAssessments.projectId, projectId)))
    .get();
  const action = db
    .select({ id: meetingActions.id })
    .from(meetingActions)
    .where(and(eq(meetingActions.meetingId, meetingId), eq(meetingActions.projectId, projectId)))
    .get();
  return Boolean(assessed || action);
}
