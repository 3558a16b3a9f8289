// Writes to waves as cohorts (ADR 110, 111). The wave's sponsor, champions and events are the
// board's (and admins'); a team's mission, quick wins and outcome stories are its own, and the
// route's guard (requireProjectEditor) has already checked that the writer may edit the project.
import type { Db } from "~/db.server";
import type { Role } from "~/domain/enums";
import { buildConflict, describeChanges, type Conflict } from "~/domain/conflict";
import { formatDay } from "~/domain/calendar";
import { canRunWave, eventDateProblem, UNKNOWN_ATTENDEE, WAVE_EVENT_KIND_LABELS } from "~/domain/cohort";
import { UNKNOWN_PERSON } from "~/domain/conversation-rules";
import { conflict, ok, record, refused, runCommand, type Actor, type CommandResult } from "~/models/command.server";
import { getPersonToChoose } from "~/models/people.server";
import { updateIfVersion } from "~/models/versioned.server";
import { outcomeStories, teamMissions, waveEvents } from "~/db.server";
import {
  deleteChampion,
  deleteQuickWin,
  getMission,
  getProjectWin,
  getStory,
  getWaveCohort,
  getWaveEvent,
  insertChampion,
  insertMission,
  insertQuickWin,
  insertStory,
  insertWaveEvent,
  isChampion,
  personName,
  setAttendees,
  setWaveSponsorIfVersion,
  softDeleteStoryIfVersion,
  softDeleteWaveEventIfVersion,
  type StoryRow,
  type WaveCohort,
  type WaveEventRow,
  type WaveEventValues,
} from "~/models/cohort.server";

type Writer = Actor & { role: Role };

const RUN = "run this wave";
const WAVE_NOT_FOUND = refused("We could not find that wave.", 404);
const EVENT_NOT_FOUND = refused("We could not find that event.", 404);
const STORY_NOT_FOUND = refused("We could not find that outcome story.", 404);

/** A refusal about one field of the form, so the route can show it beside that field. */
export type FieldRefusal = { field: string; message: string };

const waveName = (w: { number: number }) => `wave ${w.number}`;

// ---- The wave: sponsor and champions ----

export function setSponsor(
  db: Db,
  actor: Writer,
  input: { programmeId: number; waveId: number; version: number; sponsorUserId: number },
): CommandResult<{ changed: boolean }, Conflict> {
  return runCommand<{ changed: boolean }, Conflict>(db, (tx) => {
    if (!canRunWave(actor)) return refused(RUN, 403);
    const wave = getWaveCohort(tx, input.programmeId, input.waveId);
    if (!wave) return WAVE_NOT_FOUND;
    const person = getPersonToChoose(tx, input.sponsorUserId);
    if (!person) return refused(UNKNOWN_PERSON, 400);
    const sponsorConflict = (w: WaveCohort) =>
      conflict(
        buildConflict({
          changedBy: w.updatedByName,
          changedAt: w.updatedAt,
          currentVersion: w.version,
          current: { sponsor: w.sponsorName ?? "" },
          submitted: { sponsor: person.name },
          labels: { sponsor: "Executive sponsor" },
        }),
      );
    if (wave.version !== input.version) return sponsorConflict(wave);
    if (wave.sponsorUserId === person.id) return ok({ changed: false });
    if (!setWaveSponsorIfVersion(tx, wave.id, input.version, person.id, actor.id)) return sponsorConflict(wave);
    record(tx, actor, {
      action: "wave.sponsor_set",
      entityType: "wave",
      entityId: wave.id,
      summary: `Set the executive sponsor of ${waveName(wave)}: ${wave.sponsorName ?? "none"} → ${person.name}`,
    });
    return ok({ changed: true });
  });
}

export function addChampion(db: Db, actor: Writer, input: { programmeId: number; waveId: number; userId: number }): CommandResult<{ added: true }> {
  return runCommand(db, (tx) => {
    if (!canRunWave(actor)) return refused(RUN, 403);
    const wave = getWaveCohort(tx, input.programmeId, input.waveId);
    if (!wave) return WAVE_NOT_FOUND;
    const person = getPersonToChoose(tx, input.userId);
    if (!person) return refused(UNKNOWN_PERSON, 400);
    if (isChampion(tx, wave.id, person.id)) return refused(`${person.name} is already a champion of this wave`, 400);
    insertChampion(tx, wave.id, person.id, actor.id);
    record(tx, actor, {
      action: "wave.champion_added",
      entityType: "wave",
      entityId: wave.id,
      summary: `Added ${person.name} as a champion of ${waveName(wave)}`,
    });
    return ok({ added: true });
  });
}

export function removeChampion(db: Db, actor: Writer, input: { programmeId: number; waveId: number; userId: number }): CommandResult<{ removed: true }> {
  return runCommand(db, (tx) => {
    if (!canRunWave(actor)) return refused(RUN, 403);
    const wave = getWaveCohort(tx, input.programmeId, input.waveId);
    if (!wave) return WAVE_NOT_FOUND;
    const name = personName(tx, input.userId) ?? "someone";
    if (!deleteChampion(tx, wave.id, input.userId)) return refused("That person is not a champion of this wave. The list below is up to date", 409);
    record(tx, actor, {
      action: "wave.champion_removed",
      entityType: "wave",
      entityId: wave.id,
      summary: `Removed ${name} as a champion of ${waveName(wave)}`,
    });
    return ok({ removed: true });
  });
}

// ---- The wave's events ----

export const WAVE_EVENT_FIELD_LABELS = { kind: "Kind", heldOn: "Date", title: "Title", attendance: "Attendance", attendees: "Named attendees", notes: "Notes" };

type Shown = { kind: WaveEventValues["kind"]; heldOn: string; title: string; attendance: number | null; notes: string; attendees: string[] };
const shownEvent = (v: Shown) => ({
  kind: WAVE_EVENT_KIND_LABELS[v.kind],
  heldOn: formatDay(v.heldOn),
  title: v.title,
  attendance: v.attendance === null ? "" : String(v.attendance),
  attendees: v.attendees.join(", "),
  notes: v.notes,
});

const eventName = (v: { kind: WaveEventValues["kind"]; title: string; heldOn: string }) =>
  `${WAVE_EVENT_KIND_LABELS[v.kind]} "${v.title}", ${formatDay(v.heldOn)}`;

/** The named attendees as people, or a refusal when one is not a person in Stepping Up. */
function attendeesOf(db: Db, ids: number[]): { id: number; name: string }[] | null {
  const people = [...new Set(ids)].map((id) => getPersonToChoose(db, id));
  return people.every(Boolean) ? (people as { id: number; name: string }[]).sort((a, b) => a.name.localeCompare(b.name)) : null;
}

type EventInput = { programmeId: number; waveId: number; values: WaveEventValues; attendeeIds: number[] };

function checkEvent(tx: Db, actor: Writer, input: EventInput) {
  if (!canRunWave(actor)) return refused(RUN, 403);
  const wave = getWaveCohort(tx, input.programmeId, input.waveId);
  if (!wave) return WAVE_NOT_FOUND;
  const dateProblem = eventDateProblem(wave, input.values.heldOn);
  if (dateProblem) return refused(dateProblem, 400);
  const attendees = attendeesOf(tx, input.attendeeIds);
  if (!attendees) return refused(UNKNOWN_ATTENDEE, 400);
  return { wave, attendees };
}

export function logWaveEvent(db: Db, actor: Writer, input: EventInput): CommandResult<{ eventId: number }> {
  return runCommand(db, (tx) => {
    const checked = checkEvent(tx, actor, input);
    if ("ok" in checked) return checked;
    const eventId = insertWaveEvent(tx, checked.wave.id, input.values, actor.id);
    setAttendees(
      tx,
      eventId,
      checked.attendees.map((p) => p.id),
    );
    const attended = input.values.attendance === null ? "" : ` (${input.values.attendance} attended)`;
    record(tx, actor, {
      action: "wave.event_logged",
      entityType: "wave_event",
      entityId: eventId,
      summary: `Logged ${eventName(input.values)} in ${waveName(checked.wave)}${attended}`,
    });
    return ok({ eventId });
  });
}

function eventConflict(current: WaveEventRow, submitted: Record<string, unknown>) {
  return conflict(
    buildConflict({
      changedBy: current.updatedByName,
      changedAt: current.updatedAt,
      currentVersion: current.version,
      current: shownEvent({ ...current, attendees: current.attendees.map((a) => a.name) }),
      submitted,
      labels: WAVE_EVENT_FIELD_LABELS,
    }),
  );
}

export function updateWaveEvent(
  db: Db,
  actor: Writer,
  input: EventInput & { eventId: number; version: number },
): CommandResult<{ changed: boolean }, Conflict> {
  return runCommand<{ changed: boolean }, Conflict>(db, (tx) => {
    const checked = checkEvent(tx, actor, input);
    if ("ok" in checked) return checked;
    const before = getWaveEvent(tx, checked.wave.id, input.eventId);
    if (!before) return EVENT_NOT_FOUND;
    const after = shownEvent({ ...input.values, attendees: checked.attendees.map((p) => p.name) });
    if (before.version !== input.version) return eventConflict(before, after);
    const summary = describeChanges(shownEvent({ ...before, attendees: before.attendees.map((a) => a.name) }), after, WAVE_EVENT_FIELD_LABELS);
    if (summary === "no visible change") return ok({ changed: false });
    if (!updateIfVersion(tx, waveEvents, before.id, input.version, input.values, actor.id)) return eventConflict(before, after);
    setAttendees(
      tx,
      before.id,
      checked.attendees.map((p) => p.id),
    );
    record(tx, actor, {
      action: "wave.event_updated",
      entityType: "wave_event",
      entityId: before.id,
      summary: `Updated ${eventName(input.values)} in ${waveName(checked.wave)}: ${summary}`,
    });
    return ok({ changed: true });
  });
}

export function removeWaveEvent(
  db: Db,
  actor: Writer,
  input: { programmeId: number; waveId: number; eventId: number; version: number },
): CommandResult<{ removed: true }, Conflict> {
  return runCommand<{ removed: true }, Conflict>(db, (tx) => {
    if (!canRunWave(actor)) return refused(RUN, 403);
    const wave = getWaveCohort(tx, input.programmeId, input.waveId);
    if (!wave) return WAVE_NOT_FOUND;
    const before = getWaveEvent(tx, wave.id, input.eventId);
    if (!before) return EVENT_NOT_FOUND;
    const shown = shownEvent({ ...before, attendees: before.attendees.map((a) => a.name) });
    if (!softDeleteWaveEventIfVersion(tx, before.id, input.version, actor.id)) return eventConflict(before, shown);
    record(tx, actor, {
      action: "wave.event_removed",
      entityType: "wave_event",
      entityId: before.id,
      summary: `Removed ${eventName(before)} from ${waveName(wave)}`,
    });
    return ok({ removed: true });
  });
}

// ---- A team's mission, quick wins and outcome stories ----

/** Saves the team's mission; version 0 means the form was opened before there was one. */
export function saveMission(
  db: Db,
  actor: Actor,
  input: { projectId: number; version: number; mission: string },
): CommandResult<{ changed: boolean }, Conflict> {
  return runCommand<{ changed: boolean }, Conflict>(db, (tx) => {
    const before = getMission(tx, input.projectId);
    const missionConflict = () =>
      conflict(
        buildConflict({
          changedBy: before?.updatedByName ?? null,
          changedAt: before?.updatedAt ?? null,
          currentVersion: before?.version ?? 0,
          current: { mission: before?.mission ?? "" },
          submitted: { mission: input.mission },
          labels: { mission: "Mission" },
        }),
      );
    if ((before?.version ?? 0) !== input.version) return missionConflict();
    if (before?.mission === input.mission) return ok({ changed: false });
    const saved = before
      ? updateIfVersion(tx, teamMissions, before.id, input.version, { mission: input.mission }, actor.id)
      : insertMission(tx, input.projectId, input.mission, actor.id);
    if (!saved) return missionConflict();
    record(tx, actor, {
      action: "team.mission_saved",
      entityType: "team_mission",
      entityId: before?.id ?? getMission(tx, input.projectId)?.id ?? null,
      projectId: input.projectId,
      summary: `${before ? "Updated" : "Wrote"} the team's mission: "${input.mission.slice(0, 120)}"`,
    });
    return ok({ changed: true });
  });
}

export function addQuickWin(db: Db, actor: Actor, input: { projectId: number; winId: number }): CommandResult<{ added: true }> {
  return runCommand(db, (tx) => {
    const win = getProjectWin(tx, input.projectId, input.winId);
    if (!win) return refused("Choose one of the project's wins", 400);
    if (!insertQuickWin(tx, input.projectId, win.id, actor.id)) return refused(`"${win.title}" is already one of the team's quick wins`, 400);
    record(tx, actor, {
      action: "team.quick_win_added",
      entityType: "win",
      entityId: win.id,
      projectId: input.projectId,
      summary: `Counted the win "${win.title}" as a quick win`,
    });
    return ok({ added: true });
  });
}

export function removeQuickWin(db: Db, actor: Actor, input: { projectId: number; winId: number }): CommandResult<{ removed: true }> {
  return runCommand(db, (tx) => {
    const win = getProjectWin(tx, input.projectId, input.winId);
    if (!win) return refused("We could not find that win.", 404);
    if (!deleteQuickWin(tx, input.projectId, win.id))
      return refused(`"${win.title}" is no longer one of the team's quick wins. The list below is up to date`, 409);
    record(tx, actor, {
      action: "team.quick_win_removed",
      entityType: "win",
      entityId: win.id,
      projectId: input.projectId,
      summary: `The win "${win.title}" is no longer counted as a quick win (the win itself stays)`,
    });
    return ok({ removed: true });
  });
}

export const STORY_FIELD_LABELS = { title: "Title", story: "Story" };

export function addStory(db: Db, actor: Actor, input: { projectId: number; title: string; story: string }): CommandResult<{ storyId: number }> {
  return runCommand(db, (tx) => {
    const storyId = insertStory(tx, input.projectId, { title: input.title, story: input.story }, actor.id);
    record(tx, actor, {
      action: "team.story_added",
      entityType: "outcome_story",
      entityId: storyId,
      projectId: input.projectId,
      summary: `Told an outcome story: "${input.title}"`,
    });
    return ok({ storyId });
  });
}

function storyConflict(current: StoryRow, submitted: Record<string, unknown>) {
  return conflict(
    buildConflict({
      changedBy: current.updatedByName,
      changedAt: current.updatedAt,
      currentVersion: current.version,
      current: { title: current.title, story: current.story },
      submitted,
      labels: STORY_FIELD_LABELS,
    }),
  );
}

export function updateStory(
  db: Db,
  actor: Actor,
  input: { projectId: number; storyId: number; version: number; title: string; story: string },
): CommandResult<{ changed: boolean }, Conflict> {
  return runCommand<{ changed: boolean }, Conflict>(db, (tx) => {
    const before = getStory(tx, input.projectId, input.storyId);
    if (!before) return STORY_NOT_FOUND;
    const after = { title: input.title, story: input.story };
    if (before.version !== input.version) return storyConflict(before, after);
    const summary = describeChanges(before, after, STORY_FIELD_LABELS);
    if (summary === "no visible change") return ok({ changed: false });
    if (!updateIfVersion(tx, outcomeStories, before.id, input.version, after, actor.id)) return storyConflict(before, after);
    record(tx, actor, {
      action: "team.story_updated",
      entityType: "outcome_story",
      entityId: before.id,
      projectId: input.projectId,
      summary: `Updated the outcome story "${input.title}": ${summary}`,
    });
    return ok({ changed: true });
  });
}

export function removeStory(db: Db, actor: Actor, input: { projectId: number; storyId: number; version: number }): CommandResult<{ removed: true }, Conflict> {
  return runCommand<{ removed: true }, Conflict>(db, (tx) => {
    const before = getStory(tx, input.projectId, input.storyId);
    if (!before) return STORY_NOT_FOUND;
    if (!softDeleteStoryIfVersion(tx, before.id, input.version, actor.id)) return storyConflict(before, { title: before.title, story: before.story });
    record(tx, actor, {
      action: "team.story_removed",
      entityType: "outcome_story",
      entityId: before.id,
      projectId: input.projectId,
      summary: `Removed the outcome story "${before.title}"`,
    });
    return ok({ removed: true });
  });
}
