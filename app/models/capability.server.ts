// QI capability: reads of training levels and records, and the shares and counts built on them (ADR 114).
// Writes are in capability-commands.
import { asc, desc, sql } from "drizzle-orm";
import { divisions, projectTeam, projects, trainingLevels, trainingRecords, users } from "~/db.server";
import type { Db } from "~/db.server";
import { DEFAULT_TRAINING_LEVELS, NO_DIVISION, trainedByQuarter, type Engagement } from "~/domain/capability";

export type LevelRow = {
  id: number;
  name: string;
  position: number;
  retired: boolean;
  version: number;
  updatedAt: Date;
  updatedByName: string | null;
  records: number;
};

export function listTrainingLevels(db: Db, programmeId: number): LevelRow[] {
  return db
    .select({
      id: trainingLevels.id,
      name: trainingLevels.name,
      position: trainingLevels.position,
      retired: sql<boolean>`${trainingLevels.retiredAt} is not null`.mapWith(Boolean),
      version: trainingLevels.version,
      updatedAt: trainingLevels.updatedAt,
      updatedByName: users.name,
      records: sql<number>`(select count(*) from training_records r where r.level_id = ${trainingLevels.id} and r.removed_at is null)`,
    })
    .from(trainingLevels)
    .leftJoin(users, sql`${users.id} = ${trainingLevels.updatedBy}`)
    .where(sql`${trainingLevels.programmeId} = ${programmeId}`)
    .orderBy(asc(trainingLevels.position), asc(trainingLevels.id))
    .all();
}

export const getTrainingLevel = (db: Db, programmeId: number, levelId: number) => listTrainingLevels(db, programmeId).find((l) => l.id === levelId);

/** A new programme's levels (DEFAULT_TRAINING_LEVELS), once: a programme that has any level, even retired, keeps its own list. */
export function ensureTrainingLevels(db: Db, programmeId: number) {
  const any = db
    .select({ id: trainingLevels.id })
    .from(trainingLevels)
    .where(sql`${trainingLevels.programmeId} = ${programmeId}`)
    .get();
  if (any) return;
  DEFAULT_TRAINING_LEVELS.forEach((name, i) =>
    db
      .insert(trainingLevels)
      .values({ programmeId, name, position: i + 1 })
      .run(),
  );
}

export function insertTrainingLevel(db: Db, programmeId: number, name: string): number {
  const position =
    (db
      .select({ n: sql<number>`coalesce(max(${trainingLevels.position}), 0)` })
      .from(trainingLevels)
      .where(sql`${trainingLevels.programmeId} = ${programmeId}`)
      .get()?.n ?? 0) + 1;
  return db.insert(trainingLevels).values({ programmeId, name, position }).returning({ id: trainingLevels.id }).get().id;
}

export const levelNameTaken = (db: Db, programmeId: number, name: string, exceptId: number | null = null) =>
  db
    .select({ id: trainingLevels.id })
    .from(trainingLevels)
    .where(sql`${trainingLevels.programmeId} = ${programmeId} and lower(${trainingLevels.name}) = lower(${name}) and ${trainingLevels.id} <> ${exceptId ?? 0}`)
    .get() !== undefined;

const recordColumns = {
  id: trainingRecords.id,
  userId: trainingRecords.userId,
  personName: users.name,
  levelId: trainingRecords.levelId,
  levelName: trainingLevels.name,
  position: trainingLevels.position,
  achievedOn: trainingRecords.achievedOn,
};

export type TrainingRecordRow = { id: number; userId: number; personName: string; levelId: number; levelName: string; position: number; achievedOn: string };

/** Every live record of the programme's levels, latest achieved first. */
export function listTrainingRecords(db: Db, programmeId: number): TrainingRecordRow[] {
  return db
    .select(recordColumns)
    .from(trainingRecords)
    .innerJoin(trainingLevels, sql`${trainingLevels.id} = ${trainingRecords.levelId}`)
    .innerJoin(users, sql`${users.id} = ${trainingRecords.userId}`)
    .where(sql`${trainingLevels.programmeId} = ${programmeId} and ${trainingRecords.removedAt} is null`)
    .orderBy(desc(trainingRecords.achievedOn), desc(trainingRecords.id))
    .all();
}

export function getTrainingRecord(db: Db, programmeId: number, recordId: number): TrainingRecordRow | undefined {
  return db
    .select(recordColumns)
    .from(trainingRecords)
    .innerJoin(trainingLevels, sql`${trainingLevels.id} = ${trainingRecords.levelId}`)
    .innerJoin(users, sql`${users.id} = ${trainingRecords.userId}`)
    .where(sql`${trainingRecords.id} = ${recordId} and ${trainingLevels.programmeId} = ${programmeId} and ${trainingRecords.removedAt} is null`)
    .get();
}

export const liveRecordOf = (db: Db, userId: number, levelId: number) =>
  db
    .select({ id: trainingRecords.id, achievedOn: trainingRecords.achievedOn })
    .from(trainingRecords)
    .where(sql`${trainingRecords.userId} = ${userId} and ${trainingRecords.levelId} = ${levelId} and ${trainingRecords.removedAt} is null`)
    .get();

/** Each person's current level: the highest-positioned level among their live records (retired levels still count). */
export function currentLevels(db: Db, programmeId: number): { userId: number; personName: string; levelName: string; achievedOn: string }[] {
  const best = new Map<number, TrainingRecordRow>();
  for (const r of listTrainingRecords(db, programmeId)) {
    const b = best.get(r.userId);
    if (!b || r.position > b.position) best.set(r.userId, r);
  }
  return [...best.values()]
    .map((r) => ({ userId: r.userId, personName: r.personName, levelName: r.levelName, achievedOn: r.achievedOn }))
    .sort((a, b) => a.personName.localeCompare(b.personName, "en-GB"));
}

const LIVE_STAGES = sql`('approved', 'active', 'sustaining')`;
const trained = sql`exists (select 1 from training_records r join training_levels l on l.id = r.level_id
  where r.user_id = ${projectTeam.userId} and r.removed_at is null and l.programme_id = ${projects.programmeId})`;

export type TeamShare = { projectId: number; title: string; members: number; trained: number };

/** Each approved, active or sustaining project's current team (each person once) and how many of them hold any level. */
export function teamTrainedShares(db: Db, programmeId: number, projectId: number | null = null): TeamShare[] {
  return db
    .select({
      projectId: projects.id,
      title: projects.title,
      members: sql<number>`count(distinct ${projectTeam.userId})`,
      trained: sql<number>`count(distinct case when ${trained} then ${projectTeam.userId} end)`,
    })
    .from(projects)
    .innerJoin(projectTeam, sql`${projectTeam.projectId} = ${projects.id} and ${projectTeam.endedAt} is null`)
    .where(
      projectId === null
        ? sql`${projects.programmeId} = ${programmeId} and ${projects.stage} in ${LIVE_STAGES}`
        : sql`${projects.programmeId} = ${programmeId} and ${projects.id} = ${projectId}`,
    )
    .groupBy(projects.id)
    .orderBy(asc(projects.title))
    .all();
}

/** People trained per division, cumulatively by quarter of the first level each reached. */
export function trainedPerDivision(db: Db, programmeId: number, today: string) {
  const firsts = db
    .select({ division: divisions.name, firstOn: sql<string>`min(${trainingRecords.achievedOn})` })
    .from(trainingRecords)
    .innerJoin(trainingLevels, sql`${trainingLevels.id} = ${trainingRecords.levelId}`)
    .innerJoin(users, sql`${users.id} = ${trainingRecords.userId}`)
    .leftJoin(divisions, sql`${divisions.id} = ${users.divisionId}`)
    .where(sql`${trainingLevels.programmeId} = ${programmeId} and ${trainingRecords.removedAt} is null`)
    .groupBy(trainingRecords.userId)
    .all();
  return trainedByQuarter(firsts, today);
}

/**
 * The board's engagement panel in one aggregate query: people on a current team of an approved, active or
 * sustaining project (each once) by their division, PDSA cycles those projects started in the last 12 weeks,
 * and the enabled accounts.
 */
export function engagement(db: Db, programmeId: number, since: string): Engagement {
  const rows = db.$client
    .prepare(
      `with involved as (
         select distinct t.user_id, u.division_id from project_team t
         join projects p on p.id = t.project_id join users u on u.id = t.user_id
         where t.ended_at is null and u.disabled_at is null and p.programme_id = ? and p.stage in ('approved', 'active', 'sustaining'))
       select 'division' as kind, coalesce(d.name, ?) as division, count(*) as n, 0 as cycles, 0 as users
         from involved i left join divisions d on d.id = i.division_id group by i.division_id
       union all
       select 'totals', null, (select count(*) from involved),
         (select count(*) from pdsa_cycles c join projects p on p.id = c.project_id
           where c.deleted_at is null and c.start_date >= ? and p.programme_id = ? and p.stage in ('approved', 'active', 'sustaining')),
         (select count(*) from users where disabled_at is null)`,
    )
    .all(programmeId, NO_DIVISION, since, programmeId) as { kind: string; division: string | null; n: number; cycles: number; users: number }[];
  const totals = rows.find((r) => r.kind === "totals");
  return {
    byDivision: rows
      .filter((r) => r.kind === "division")
      .map((r) => ({ division: r.division ?? NO_DIVISION, people: r.n }))
      .sort((a, b) => b.people - a.people || a.division.localeCompare(b.division, "en-GB")),
    involved: totals?.n ?? 0,
    recentCycles: totals?.cycles ?? 0,
    activeUsers: totals?.users ?? 0,
  };
}
