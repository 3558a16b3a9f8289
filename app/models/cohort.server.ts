// Waves as cohorts (ADR 110, 111): a wave's sponsor, champions and timeline of events, and each
// team's mission, quick wins and outcome stories.
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import {
  outcomeStories as st,
  projects,
  teamMissions as tm,
  teamQuickWins as qw,
  users,
  waveChampions as wc,
  waveEventAttendees as wa,
  waveEvents as we,
  waves,
  wins,
} from "~/db.server";
import type { Db } from "~/db.server";
import type { WaveEventKind } from "~/domain/enums";
import { nowMs } from "~/clock.server";
import { nextWave } from "~/domain/cohort";
import { loadPresentation } from "~/models/presentation.server";

const sponsor = alias(users, "wave_sponsor");
const waveUpdatedBy = alias(users, "wave_updated_by");

/** The wave with its sponsor, for the cohort's forms; undefined when it is not the programme's. */
export function getWaveCohort(db: Db, programmeId: number, waveId: number) {
  return db
    .select({
      id: waves.id,
      number: waves.number,
      name: waves.name,
      startsOn: waves.startsOn,
      endsOn: waves.endsOn,
      sponsorUserId: waves.sponsorUserId,
      sponsorName: sponsor.name,
      sponsorJobTitle: sponsor.jobTitle,
      version: waves.version,
      updatedAt: waves.updatedAt,
      updatedByName: waveUpdatedBy.name,
    })
    .from(waves)
    .leftJoin(sponsor, eq(sponsor.id, waves.sponsorUserId))
    .leftJoin(waveUpdatedBy, eq(waveUpdatedBy.id, waves.updatedBy))
    .where(and(eq(waves.id, waveId), eq(waves.programmeId, programmeId)))
    .get();
}

export type WaveCohort = NonNullable<ReturnType<typeof getWaveCohort>>;

export function setWaveSponsorIfVersion(db: Db, waveId: number, version: number, sponsorUserId: number | null, userId: number) {
  const result = db
    .update(waves)
    .set({ sponsorUserId, version: sql`${waves.version} + 1`, updatedAt: new Date(nowMs()), updatedBy: userId })
    .where(and(eq(waves.id, waveId), eq(waves.version, version)))
    .run();
  return result.changes === 1;
}

export function listChampions(db: Db, waveId: number) {
  return db
    .select({ userId: users.id, name: users.name, jobTitle: users.jobTitle })
    .from(wc)
    .innerJoin(users, eq(users.id, wc.userId))
    .where(eq(wc.waveId, waveId))
    .orderBy(asc(users.name), asc(users.id))
    .all();
}

export function isChampion(db: Db, waveId: number, userId: number) {
  return Boolean(
    db
      .select({ n: sql`1` })
      .from(wc)
      .where(and(eq(wc.waveId, waveId), eq(wc.userId, userId)))
      .get(),
  );
}

/** A person's name, even when their account is disabled (a former champion). */
export function personName(db: Db, userId: number): string | undefined {
  return db.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()?.name;
}

export function insertChampion(db: Db, waveId: number, userId: number, by: number) {
  db.insert(wc)
    .values({ waveId, userId, addedAt: new Date(nowMs()), addedBy: by })
    .run();
}

export function deleteChampion(db: Db, waveId: number, userId: number) {
  return (
    db
      .delete(wc)
      .where(and(eq(wc.waveId, waveId), eq(wc.userId, userId)))
      .run().changes === 1
  );
}

const eventUpdatedBy = alias(users, "wave_event_updated_by");

const EVENT = {
  id: we.id,
  waveId: we.waveId,
  kind: we.kind,
  heldOn: we.heldOn,
  title: we.title,
  attendance: we.attendance,
  notes: we.notes,
  version: we.version,
  updatedAt: we.updatedAt,
  updatedByName: eventUpdatedBy.name,
};

function attendeesOf(db: Db, eventIds: number[]) {
  if (!eventIds.length) return new Map<number, { userId: number; name: string }[]>();
  const rows = db
    .select({ eventId: wa.eventId, userId: users.id, name: users.name })
    .from(wa)
    .innerJoin(users, eq(users.id, wa.userId))
    .where(inArray(wa.eventId, eventIds))
    .orderBy(asc(users.name), asc(users.id))
    .all();
  const byEvent = new Map<number, { userId: number; name: string }[]>();
  for (const r of rows) byEvent.set(r.eventId, [...(byEvent.get(r.eventId) ?? []), { userId: r.userId, name: r.name }]);
  return byEvent;
}

/** The wave's events (removed ones left out), in date order, each with its named attendees. */
export function listWaveEvents(db: Db, waveId: number) {
  const events = db
    .select(EVENT)
    .from(we)
    .leftJoin(eventUpdatedBy, eq(eventUpdatedBy.id, we.updatedBy))
    .where(and(eq(we.waveId, waveId), isNull(we.deletedAt)))
    .orderBy(asc(we.heldOn), asc(we.id))
    .all();
  const attendees = attendeesOf(
    db,
    events.map((e) => e.id),
  );
  return events.map((e) => ({ ...e, attendees: attendees.get(e.id) ?? [] }));
}

export type WaveEventRow = NonNullable<ReturnType<typeof getWaveEvent>>;

export function getWaveEvent(db: Db, waveId: number, eventId: number) {
  const event = db
    .select(EVENT)
    .from(we)
    .leftJoin(eventUpdatedBy, eq(eventUpdatedBy.id, we.updatedBy))
    .where(and(eq(we.id, eventId), eq(we.waveId, waveId), isNull(we.deletedAt)))
    .get();
  return event ? { ...event, attendees: attendeesOf(db, [event.id]).get(event.id) ?? [] } : undefined;
}

export type WaveEventValues = { kind: WaveEventKind; heldOn: string; title: string; attendance: number | null; notes: string };

export function insertWaveEvent(db: Db, waveId: number, values: WaveEventValues, userId: number) {
  const now = new Date(nowMs());
  return db
    .insert(we)
    .values({ ...values, waveId, createdAt: now, updatedAt: now, updatedBy: userId })
    .returning({ id: we.id })
    .get().id;
}

export function setAttendees(db: Db, eventId: number, userIds: number[]) {
  db.delete(wa).where(eq(wa.eventId, eventId)).run();
  if (userIds.length)
    db.insert(wa)
      .values(userIds.map((userId) => ({ eventId, userId })))
      .run();
}

export function softDeleteWaveEventIfVersion(db: Db, eventId: number, version: number, userId: number) {
  const now = new Date(nowMs());
  const result = db
    .update(we)
    .set({ deletedAt: now, updatedAt: now, updatedBy: userId, version: sql`${we.version} + 1` })
    .where(and(eq(we.id, eventId), eq(we.version, version), isNull(we.deletedAt)))
    .run();
  return result.changes === 1;
}

/** The wave's projects (its teams), by title. */
export function listWaveProjects(db: Db, programmeId: number, waveId: number) {
  return db
    .select({ id: projects.id, title: projects.title, stage: projects.stage })
    .from(projects)
    .where(and(eq(projects.programmeId, programmeId), eq(projects.waveId, waveId)))
    .orderBy(asc(projects.title), asc(projects.id))
    .all();
}

// ---- A team's part: mission, quick wins, outcome stories ----

const missionUpdatedBy = alias(users, "mission_updated_by");

export function getMission(db: Db, projectId: number) {
  return db
    .select({ id: tm.id, mission: tm.mission, version: tm.version, updatedAt: tm.updatedAt, updatedByName: missionUpdatedBy.name })
    .from(tm)
    .leftJoin(missionUpdatedBy, eq(missionUpdatedBy.id, tm.updatedBy))
    .where(eq(tm.projectId, projectId))
    .get();
}

export function insertMission(db: Db, projectId: number, mission: string, userId: number) {
  const now = new Date(nowMs());
  return db.insert(tm).values({ projectId, mission, createdAt: now, updatedAt: now, updatedBy: userId }).onConflictDoNothing().run().changes === 1;
}

/** The project's quick wins: its wins the team picked, newest first. */
export function listQuickWins(db: Db, projectIds: number[]) {
  if (!projectIds.length) return [];
  return db
    .select({ winId: wins.id, projectId: wins.projectId, title: wins.title, description: wins.description, at: wins.at })
    .from(qw)
    .innerJoin(wins, eq(wins.id, qw.winId))
    .where(inArray(qw.projectId, projectIds))
    .orderBy(desc(wins.at), desc(wins.id))
    .all();
}

export function getProjectWin(db: Db, projectId: number, winId: number) {
  return db
    .select({ id: wins.id, title: wins.title, quick: sql<number>`(select count(*) from ${qw} where ${qw.winId} = ${wins.id})` })
    .from(wins)
    .where(and(eq(wins.id, winId), eq(wins.projectId, projectId)))
    .get();
}

export function insertQuickWin(db: Db, projectId: number, winId: number, userId: number) {
  return (
    db
      .insert(qw)
      .values({ winId, projectId, addedAt: new Date(nowMs()), addedBy: userId })
      .onConflictDoNothing()
      .run().changes === 1
  );
}

export function deleteQuickWin(db: Db, projectId: number, winId: number) {
  return (
    db
      .delete(qw)
      .where(and(eq(qw.winId, winId), eq(qw.projectId, projectId)))
      .run().changes === 1
  );
}

const storyUpdatedBy = alias(users, "story_updated_by");

const STORY = {
  id: st.id,
  projectId: st.projectId,
  title: st.title,
  story: st.story,
  version: st.version,
  updatedAt: st.updatedAt,
  updatedByName: storyUpdatedBy.name,
};

export function listStories(db: Db, projectIds: number[]) {
  if (!projectIds.length) return [];
  return db
    .select(STORY)
    .from(st)
    .leftJoin(storyUpdatedBy, eq(storyUpdatedBy.id, st.updatedBy))
    .where(and(inArray(st.projectId, projectIds), isNull(st.deletedAt)))
    .orderBy(asc(st.id))
    .all();
}

export type StoryRow = NonNullable<ReturnType<typeof getStory>>;

export function getStory(db: Db, projectId: number, storyId: number) {
  return db
    .select(STORY)
    .from(st)
    .leftJoin(storyUpdatedBy, eq(storyUpdatedBy.id, st.updatedBy))
    .where(and(eq(st.id, storyId), eq(st.projectId, projectId), isNull(st.deletedAt)))
    .get();
}

export function insertStory(db: Db, projectId: number, values: { title: string; story: string }, userId: number) {
  const now = new Date(nowMs());
  return db
    .insert(st)
    .values({ ...values, projectId, createdAt: now, createdBy: userId, updatedAt: now, updatedBy: userId })
    .returning({ id: st.id })
    .get().id;
}

export function softDeleteStoryIfVersion(db: Db, storyId: number, version: number, userId: number) {
  const now = new Date(nowMs());
  return (
    db
      .update(st)
      .set({ deletedAt: now, updatedAt: now, updatedBy: userId, version: sql`${st.version} + 1` })
      .where(and(eq(st.id, storyId), eq(st.version, version), isNull(st.deletedAt)))
      .run().changes === 1
  );
}

/** Every team of the wave with its mission, quick wins and outcome stories. */
export function listWaveTeams(db: Db, programmeId: number, waveId: number) {
  const teams = listWaveProjects(db, programmeId, waveId);
  const ids = teams.map((t) => t.id);
  const missions = ids.length ? db.select({ projectId: tm.projectId, mission: tm.mission }).from(tm).where(inArray(tm.projectId, ids)).all() : [];
  const quick = listQuickWins(db, ids);
  const stories = listStories(db, ids);
  return teams.map((t) => ({
    ...t,
    mission: missions.find((m) => m.projectId === t.id)?.mission ?? "",
    quickWins: quick.filter((q) => q.projectId === t.id),
    stories: stories.filter((s) => s.projectId === t.id),
  }));
}

export type WaveTeam = ReturnType<typeof listWaveTeams>[number];

/** The wave's people, whom an event may name as attendees: its sponsor, champions and its teams' current members. */
export function listWavePeople(db: Db, programmeId: number, waveId: number) {
  return db.$client
    .prepare(
      `select u.id, u.name, u.job_title as jobTitle from users u where u.disabled_at is null and u.id in (
         select sponsor_user_id from waves where id = ? and programme_id = ?
         union select user_id from wave_champions where wave_id = ?
         union select t.user_id from project_team t join projects p on p.id = t.project_id where p.wave_id = ? and p.programme_id = ? and t.ended_at is null
       ) order by u.name, u.id`,
    )
    .all(waveId, programmeId, waveId, waveId, programmeId) as { id: number; name: string; jobTitle: string }[];
}

/** What the wave's page shows of the cohort: sponsor, champions, timeline and teams. */
export function waveCohortView(db: Db, programmeId: number, waveId: number) {
  const wave = getWaveCohort(db, programmeId, waveId);
  return {
    sponsorName: wave?.sponsorName ?? null,
    champions: listChampions(db, waveId),
    events: listWaveEvents(db, waveId),
    teams: listWaveTeams(db, programmeId, waveId),
  };
}

/**
 * The Pass it On booklet (ADR 112): every team of the wave on a page (its deck's data: team, SMART aim,
 * PDSA cycles, and the measure with the latest data), and the next wave's teams.
 */
export function passItOn(db: Db, programmeId: number, waveId: number) {
  const wave = getWaveCohort(db, programmeId, waveId);
  if (!wave) return null;
  const teams = listWaveTeams(db, programmeId, waveId).flatMap((t) => {
    const deck = loadPresentation(db, t.id);
    if (!deck) return [];
    const latest = [...deck.measures].sort((a, b) => (b.series.at(-1)?.periodDate ?? "").localeCompare(a.series.at(-1)?.periodDate ?? ""))[0] ?? null;
    return [{ ...t, project: deck.project, team: deck.team, pdsaCycles: deck.cycles.length, measure: latest }];
  });
  const all = db
    .select({ id: waves.id, number: waves.number, name: waves.name, startsOn: waves.startsOn })
    .from(waves)
    .where(eq(waves.programmeId, programmeId))
    .all();
  const next = nextWave(all, wave);
  return {
    wave,
    events: listWaveEvents(db, waveId).filter((e) => e.kind === "pass_it_on"),
    teams,
    next: next ? { ...next, teams: listWaveProjects(db, programmeId, next.id) } : null,
  };
}
