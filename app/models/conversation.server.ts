// Big Conversations: listening events, the themes staff raised there, the priorities the board
// adopted from them and each priority's action plan (board actions with a priority, ADR 095).
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { conversationEvents as e, conversationPriorities as p, conversationThemes as t, meetingActions as a, users } from "~/db.server";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";
import { countPlan } from "~/domain/conversation-rules";

const updatedBy = alias(users, "conversation_updated_by");

const EVENT = {
  id: e.id,
  heldOn: e.heldOn,
  site: e.site,
  staffGroup: e.staffGroup,
  facilitatorUserId: e.facilitatorUserId,
  facilitatorName: users.name,
  attendance: e.attendance,
  notes: e.notes,
  version: e.version,
  updatedAt: e.updatedAt,
  updatedByName: updatedBy.name,
};

const themeCount = sql<number>`(select count(*) from ${t} where ${t.eventId} = ${e.id} and ${t.deletedAt} is null)`;

/** The programme's listening events, newest first (removed ones left out). */
export function listEvents(db: Db, programmeId: number) {
  return db
    .select({ ...EVENT, themes: themeCount })
    .from(e)
    .innerJoin(users, eq(users.id, e.facilitatorUserId))
    .leftJoin(updatedBy, eq(updatedBy.id, e.updatedBy))
    .where(and(eq(e.programmeId, programmeId), isNull(e.deletedAt)))
    .orderBy(desc(e.heldOn), desc(e.id))
    .all();
}

export type EventRow = NonNullable<ReturnType<typeof getEvent>>;

export function getEvent(db: Db, programmeId: number, eventId: number) {
  return db
    .select(EVENT)
    .from(e)
    .innerJoin(users, eq(users.id, e.facilitatorUserId))
    .leftJoin(updatedBy, eq(updatedBy.id, e.updatedBy))
    .where(and(eq(e.id, eventId), eq(e.programmeId, programmeId), isNull(e.deletedAt)))
    .get();
}

export type EventValues = { heldOn: string; site: string; staffGroup: string; facilitatorUserId: number; attendance: number; notes: string };

export function insertEvent(db: Db, programmeId: number, values: EventValues, userId: number) {
  const now = new Date(nowMs());
  return db
    .insert(e)
    .values({ ...values, programmeId, createdAt: now, updatedAt: now, updatedBy: userId })
    .returning({ id: e.id })
    .get().id;
}

export function softDeleteEventIfVersion(db: Db, eventId: number, version: number, userId: number) {
  const now = new Date(nowMs());
  const result = db
    .update(e)
    .set({ deletedAt: now, updatedAt: now, updatedBy: userId, version: sql`${e.version} + 1` })
    .where(and(eq(e.id, eventId), eq(e.version, version), isNull(e.deletedAt)))
    .run();
  return result.changes === 1;
}

const THEME = {
  id: t.id,
  eventId: t.eventId,
  text: t.text,
  mentions: t.mentions,
  priorityId: t.priorityId,
  priorityTitle: p.title,
};

export function listEventThemes(db: Db, eventId: number) {
  return db
    .select(THEME)
    .from(t)
    .leftJoin(p, eq(p.id, t.priorityId))
    .where(and(eq(t.eventId, eventId), isNull(t.deletedAt)))
    .orderBy(asc(t.id))
    .all();
}

/** Every theme of the programme's events still on record, with where it was raised. */
export function listProgrammeThemes(db: Db, programmeId: number) {
  return db
    .select({ ...THEME, heldOn: e.heldOn, site: e.site })
    .from(t)
    .innerJoin(e, eq(e.id, t.eventId))
    .leftJoin(p, eq(p.id, t.priorityId))
    .where(and(eq(e.programmeId, programmeId), isNull(e.deletedAt), isNull(t.deletedAt)))
    .orderBy(asc(e.heldOn), asc(t.id))
    .all();
}

export function themesInProgramme(db: Db, programmeId: number, themeIds: number[]) {
  if (!themeIds.length) return [];
  return db
    .select({ id: t.id, text: t.text, priorityId: t.priorityId })
    .from(t)
    .innerJoin(e, eq(e.id, t.eventId))
    .where(and(inArray(t.id, themeIds), eq(e.programmeId, programmeId), isNull(e.deletedAt), isNull(t.deletedAt)))
    .all();
}

export function insertTheme(db: Db, input: { eventId: number; text: string; mentions: number | null; userId: number }) {
  return db
    .insert(t)
    .values({ eventId: input.eventId, text: input.text, mentions: input.mentions, createdBy: input.userId, createdAt: new Date(nowMs()) })
    .returning({ id: t.id })
    .get().id;
}

const themeUpdatedBy = alias(users, "theme_updated_by");
const themeCreatedBy = alias(users, "theme_created_by");

export type ThemeRow = NonNullable<ReturnType<typeof getTheme>>;

/** One theme still on record at one of the programme's events, with who last changed it (for a conflict). */
export function getTheme(db: Db, programmeId: number, eventId: number, themeId: number) {
  return db
    .select({
      ...THEME,
      version: t.version,
      updatedAt: sql<number>`coalesce(${t.updatedAt}, ${t.createdAt})`,
      updatedByName: sql<string | null>`coalesce(${themeUpdatedBy.name}, ${themeCreatedBy.name})`,
    })
    .from(t)
    .innerJoin(e, eq(e.id, t.eventId))
    .leftJoin(p, eq(p.id, t.priorityId))
    .leftJoin(themeUpdatedBy, eq(themeUpdatedBy.id, t.updatedBy))
    .leftJoin(themeCreatedBy, eq(themeCreatedBy.id, t.createdBy))
    .where(and(eq(t.id, themeId), eq(t.eventId, eventId), eq(e.programmeId, programmeId), isNull(e.deletedAt), isNull(t.deletedAt)))
    .get();
}

export function softDeleteThemeIfVersion(db: Db, themeId: number, version: number, userId: number) {
  const now = new Date(nowMs());
  const result = db
    .update(t)
    .set({ deletedAt: now, updatedAt: now, updatedBy: userId, version: sql`${t.version} + 1` })
    .where(and(eq(t.id, themeId), eq(t.version, version), isNull(t.deletedAt)))
    .run();
  return result.changes === 1;
}

/** How many themes still on record a priority has (those of removed events left out). */
export function countPriorityThemes(db: Db, priorityId: number) {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(t)
      .innerJoin(e, eq(e.id, t.eventId))
      .where(and(eq(t.priorityId, priorityId), isNull(t.deletedAt), isNull(e.deletedAt)))
      .get()?.n ?? 0
  );
}

/** The closed actions of a priority: what "You said, we did" shows against its themes. */
export function countClosedPlanActions(db: Db, priorityId: number) {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(a)
      .where(and(eq(a.priorityId, priorityId), isNotNull(a.completedOn)))
      .get()?.n ?? 0
  );
}

export function setThemesPriority(db: Db, themeIds: number[], priorityId: number | null) {
  if (themeIds.length) db.update(t).set({ priorityId }).where(inArray(t.id, themeIds)).run();
}

const owner = alias(users, "priority_owner");

const PRIORITY = {
  id: p.id,
  title: p.title,
  description: p.description,
  ownerUserId: p.ownerUserId,
  ownerName: owner.name,
  assurance: p.assurance,
  version: p.version,
  updatedAt: p.updatedAt,
  updatedByName: updatedBy.name,
};

export type PriorityRow = NonNullable<ReturnType<typeof getPriority>>;

export function getPriority(db: Db, programmeId: number, priorityId: number) {
  return db
    .select(PRIORITY)
    .from(p)
    .innerJoin(owner, eq(owner.id, p.ownerUserId))
    .leftJoin(updatedBy, eq(updatedBy.id, p.updatedBy))
    .where(and(eq(p.id, priorityId), eq(p.programmeId, programmeId)))
    .get();
}

export function listPriorities(db: Db, programmeId: number) {
  return db
    .select(PRIORITY)
    .from(p)
    .innerJoin(owner, eq(owner.id, p.ownerUserId))
    .leftJoin(updatedBy, eq(updatedBy.id, p.updatedBy))
    .where(eq(p.programmeId, programmeId))
    .orderBy(asc(p.id))
    .all();
}

export type PriorityValues = { title: string; description: string; ownerUserId: number; assurance: PriorityRow["assurance"] };

export function insertPriority(db: Db, programmeId: number, values: PriorityValues, userId: number) {
  const now = new Date(nowMs());
  return db
    .insert(p)
    .values({ ...values, programmeId, createdAt: now, updatedAt: now, updatedBy: userId })
    .returning({ id: p.id })
    .get().id;
}

const actionOwner = alias(users, "plan_action_owner");

/** The action plans of the programme's priorities (every action, done or not). */
export function listPlanActions(db: Db, programmeId: number) {
  return db
    .select({
      id: a.id,
      priorityId: a.priorityId,
      text: a.text,
      ownerUserId: a.ownerUserId,
      ownerName: actionOwner.name,
      dueOn: a.dueOn,
      completedOn: a.completedOn,
      version: a.version,
    })
    .from(a)
    .innerJoin(p, eq(p.id, a.priorityId))
    .innerJoin(actionOwner, eq(actionOwner.id, a.ownerUserId))
    .where(eq(p.programmeId, programmeId))
    .orderBy(asc(a.dueOn), asc(a.id))
    .all();
}

/** "You said, we did": the closed actions of each priority that has any, with the themes that asked for it. */
export function listYouSaidWeDid(db: Db, programmeId: number) {
  const done = db
    .select({ priorityId: a.priorityId, text: a.text, completedOn: a.completedOn })
    .from(a)
    .innerJoin(p, eq(p.id, a.priorityId))
    .where(and(eq(p.programmeId, programmeId), isNotNull(a.completedOn)))
    .orderBy(asc(a.completedOn), asc(a.id))
    .all();
  const priorityIds = [...new Set(done.map((d) => d.priorityId!))];
  if (!priorityIds.length) return [];
  const priorities = listPriorities(db, programmeId).filter((x) => priorityIds.includes(x.id));
  const themes = listProgrammeThemes(db, programmeId);
  return priorities.map((x) => ({
    id: x.id,
    title: x.title,
    themes: themes.filter((th) => th.priorityId === x.id).map((th) => ({ id: th.id, text: th.text, site: th.site, heldOn: th.heldOn })),
    done: done.filter((d) => d.priorityId === x.id).map((d) => ({ text: d.text, completedOn: d.completedOn! })),
  }));
}

/** Each priority with its themes, its action plan and the plan's open, overdue and closed counts (for the board). */
export function listPrioritiesWithPlans(db: Db, programmeId: number, today: string) {
  const themes = listProgrammeThemes(db, programmeId);
  const actions = listPlanActions(db, programmeId);
  return listPriorities(db, programmeId).map((x) => {
    const plan = actions.filter((a) => a.priorityId === x.id);
    return { ...x, themes: themes.filter((th) => th.priorityId === x.id), actions: plan, counts: countPlan(plan, today) };
  });
}
