import { and, asc, desc, eq, inArray, isNull, ne, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { asks, projects, statusReports, users } from "~/db.server";
import type { Db } from "~/db.server";
import type { AskOutcome } from "~/domain/ask-rules";
import type { AskAddressee } from "~/domain/enums";
import { nowMs } from "~/clock.server";
import { londonDay } from "~/domain/calendar";
import { listEntityAudit } from "~/models/entity-audit.server";
import { updateIfVersion } from "~/models/versioned.server";
import { listPeopleToChoose } from "~/models/people.server";

const addresseeUser = alias(users, "addressee_user");
const raisedByUser = alias(users, "raised_by_user");
const answeredByUser = alias(users, "answered_by_user");
const updatedByUser = alias(users, "updated_by_user");

const askColumns = {
  id: asks.id,
  projectId: asks.projectId,
  statusReportId: asks.statusReportId,
  reportDate: statusReports.reportDate,
  what: asks.what,
  addressee: asks.addressee,
  addresseeUserId: asks.addresseeUserId,
  addresseeName: addresseeUser.name,
  dueOn: asks.dueOn,
  state: asks.state,
  response: asks.response,
  answeredAt: asks.answeredAt,
  answeredByName: answeredByUser.name,
  raisedByName: raisedByUser.name,
  createdAt: asks.createdAt,
  version: asks.version,
};

function selectAsks(db: Db) {
  return db
    .select({ ...askColumns, projectTitle: projects.title })
    .from(asks)
    .innerJoin(projects, eq(projects.id, asks.projectId))
    .leftJoin(statusReports, eq(statusReports.id, asks.statusReportId))
    .leftJoin(addresseeUser, eq(addresseeUser.id, asks.addresseeUserId))
    .leftJoin(answeredByUser, eq(answeredByUser.id, asks.answeredBy))
    .leftJoin(raisedByUser, eq(raisedByUser.id, asks.createdBy));
}

const withRaisedOn = <T extends { createdAt: Date }>(rows: T[]) => rows.map((r) => ({ ...r, raisedOn: londonDay(r.createdAt) }));

/** People an ask can name: enabled accounts that can answer one (viewers cannot). */
export function listAskablePeople(db: Db) {
  return listPeopleToChoose(db, { askable: true });
}

export function isAskablePerson(db: Db, userId: number): boolean {
  return Boolean(
    db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, userId), isNull(users.disabledAt), ne(users.role, "viewer")))
      .get(),
  );
}

export function insertAsk(
  db: Db,
  values: {
    projectId: number;
    statusReportId: number | null;
    what: string;
    addressee: AskAddressee;
    addresseeUserId: number | null;
    dueOn: string | null;
    userId: number;
  },
): number {
  const { userId, ...ask } = values;
  const at = new Date(nowMs());
  return db
    .insert(asks)
    .values({ ...ask, state: "open", createdBy: userId, createdAt: at, updatedAt: at, updatedBy: userId })
    .returning({ id: asks.id })
    .get().id;
}

/** Every ask of a project, newest first, answered or not. */
export function listProjectAskRecords(db: Db, projectId: number) {
  return withRaisedOn(selectAsks(db).where(eq(asks.projectId, projectId)).orderBy(desc(asks.createdAt), desc(asks.id)).all());
}

export function listReportAsks(db: Db, reportId: number) {
  return withRaisedOn(selectAsks(db).where(eq(asks.statusReportId, reportId)).orderBy(asc(asks.id)).all());
}

export type AskFilter = { programmeId: number; to?: { board: true } | { userId: number }; projectId?: number };

/** Open and accepted asks across the programme, oldest first. */
export function listOpenAsks(db: Db, filter: AskFilter) {
  const where: SQL[] = [eq(projects.programmeId, filter.programmeId), inArray(asks.state, ["open", "accepted"])];
  if (filter.to && "board" in filter.to) where.push(eq(asks.addressee, "board"));
  if (filter.to && "userId" in filter.to) {
    where.push(eq(asks.addressee, "person"), eq(asks.addresseeUserId, filter.to.userId));
  }
  if (filter.projectId) where.push(eq(asks.projectId, filter.projectId));
  return withRaisedOn(
    selectAsks(db)
      .where(and(...where))
      .orderBy(asc(asks.createdAt), asc(asks.id))
      .all(),
  );
}

/** Choices for the /asks filters: projects and people that have open asks. */
export function listOpenAskFilterOptions(db: Db, programmeId: number) {
  const open = and(eq(projects.programmeId, programmeId), inArray(asks.state, ["open", "accepted"]));
  const projectOptions = db
    .selectDistinct({ id: projects.id, title: projects.title })
    .from(asks)
    .innerJoin(projects, eq(projects.id, asks.projectId))
    .where(open)
    .orderBy(asc(projects.title))
    .all();
  const people = db
    .selectDistinct({ id: users.id, name: users.name })
    .from(asks)
    .innerJoin(projects, eq(projects.id, asks.projectId))
    .innerJoin(users, eq(users.id, asks.addresseeUserId))
    .where(and(open, eq(asks.addressee, "person")))
    .orderBy(asc(users.name))
    .all();
  return { projects: projectOptions, people };
}

/** One ask with what a 409 needs to say who changed it last. */
export function getAsk(db: Db, askId: number) {
  return db
    .select({
      id: asks.id,
      projectId: asks.projectId,
      what: asks.what,
      addressee: asks.addressee,
      addresseeUserId: asks.addresseeUserId,
      state: asks.state,
      response: asks.response,
      version: asks.version,
      updatedAt: asks.updatedAt,
      updatedByName: updatedByUser.name,
    })
    .from(asks)
    .leftJoin(updatedByUser, eq(updatedByUser.id, asks.updatedBy))
    .where(eq(asks.id, askId))
    .get();
}

/** The audit trail of some asks (raised, each answer), oldest first, grouped by ask. */
export function listAskHistory(db: Db, askIds: number[]) {
  if (askIds.length === 0) return new Map<number, { at: Date; summary: string; who: string }[]>();
  const rows = listEntityAudit(db, { type: "ask", ids: askIds }, "oldest first");
  const byAsk = new Map<number, { at: Date; summary: string; who: string }[]>();
  for (const r of rows) {
    if (r.entityId === null) continue;
    const list = byAsk.get(r.entityId) ?? [];
    list.push({ at: r.at, summary: r.summary, who: r.userName ?? r.actorEmail });
    byAsk.set(r.entityId, list);
  }
  return byAsk;
}

/** False when someone answered or changed the ask since `version` was read (nothing is written). */
export function updateAskAnswer(db: Db, askId: number, version: number, answer: { state: AskOutcome; response: string }, userId: number) {
  return updateIfVersion(
    db,
    asks,
    askId,
    version,
    { state: answer.state, response: answer.response, answeredBy: userId, answeredAt: new Date(nowMs()) },
    userId,
  );
}
