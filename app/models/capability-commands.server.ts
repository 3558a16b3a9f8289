// Writes to QI capability (ADR 114): the training levels (add, rename, retire or restore, move up or down;
// versioned) and people's training records (record, remove). Every write is audited.
import type { Db } from "~/db.server";
import { trainingLevels, trainingRecords } from "~/db.server";
import type { Role } from "~/domain/enums";
import { buildConflict, type Conflict } from "~/domain/conflict";
import { formatDay } from "~/domain/calendar";
import { ALREADY_RECORDED, canManageTrainingLevels, canRecordTraining, LEVEL_NAME_TAKEN, NOT_IN_FUTURE, UNKNOWN_LEVEL } from "~/domain/capability";
import { UNKNOWN_PERSON } from "~/domain/conversation-rules";
import { conflict, ok, record, refused, runCommand, type Actor, type CommandResult } from "~/models/command.server";
import { getPersonToChoose } from "~/models/people.server";
import { updateIfVersion } from "~/models/versioned.server";
import {
  getTrainingLevel,
  getTrainingRecord,
  insertTrainingLevel,
  levelNameTaken,
  listTrainingLevels,
  liveRecordOf,
  type LevelRow,
} from "~/models/capability.server";
import { nowMs } from "~/clock.server";
import { eq } from "drizzle-orm";

type Writer = Actor & { role: Role };

const MANAGE = "manage training levels";
const RECORD = "record QI training";
const LEVEL_NOT_FOUND = refused("We could not find that training level.", 404);

export const LEVEL_FIELD_LABELS = { name: "Name", state: "In use" };

const shownLevel = (l: { name: string; retired: boolean }) => ({ name: l.name, state: l.retired ? "Retired" : "In use" });

function levelConflict(current: LevelRow, submitted: Record<string, unknown>) {
  return conflict(
    buildConflict({
      changedBy: current.updatedByName,
      changedAt: current.updatedAt,
      currentVersion: current.version,
      current: shownLevel(current),
      submitted,
      labels: LEVEL_FIELD_LABELS,
    }),
  );
}

export function addTrainingLevel(db: Db, actor: Writer, input: { programmeId: number; name: string }): CommandResult<{ levelId: number }> {
  return runCommand(db, (tx) => {
    if (!canManageTrainingLevels(actor)) return refused(MANAGE, 403);
    if (levelNameTaken(tx, input.programmeId, input.name)) return refused(LEVEL_NAME_TAKEN, 400);
    const levelId = insertTrainingLevel(tx, input.programmeId, input.name);
    record(tx, actor, { action: "training.level_added", entityType: "training_level", entityId: levelId, summary: `Added the training level "${input.name}"` });
    return ok({ levelId });
  });
}

type LevelChange = { kind: "rename"; name: string } | { kind: "retire" } | { kind: "restore" } | { kind: "move"; direction: "up" | "down" };

/** Rename, retire, restore or move a level, naming the version the user read (409 when someone saved in between). */
export function changeTrainingLevel(
  db: Db,
  actor: Writer,
  input: { programmeId: number; levelId: number; version: number; change: LevelChange },
): CommandResult<{ changed: boolean }, Conflict> {
  return runCommand<{ changed: boolean }, Conflict>(db, (tx) => {
    if (!canManageTrainingLevels(actor)) return refused(MANAGE, 403);
    const before = getTrainingLevel(tx, input.programmeId, input.levelId);
    if (!before) return LEVEL_NOT_FOUND;
    const { change } = input;
    const submitted =
      change.kind === "rename"
        ? shownLevel({ ...before, name: change.name })
        : change.kind === "move"
          ? shownLevel(before)
          : shownLevel({ ...before, retired: change.kind === "retire" });
    if (before.version !== input.version) return levelConflict(before, submitted);
    let summary: string;
    let values: Record<string, unknown>;
    if (change.kind === "rename") {
      if (change.name === before.name) return ok({ changed: false });
      if (levelNameTaken(tx, input.programmeId, change.name, before.id)) return refused(LEVEL_NAME_TAKEN, 400);
      values = { name: change.name };
      summary = `Renamed the training level "${before.name}" to "${change.name}"`;
    } else if (change.kind === "retire" || change.kind === "restore") {
      if ((change.kind === "retire") === before.retired) return ok({ changed: false });
      values = { retiredAt: change.kind === "retire" ? new Date(nowMs()) : null };
      summary = `${change.kind === "retire" ? "Retired" : "Restored"} the training level "${before.name}"`;
    } else {
      const levels = listTrainingLevels(tx, input.programmeId);
      const at = levels.findIndex((l) => l.id === before.id);
      const other = levels[change.direction === "up" ? at - 1 : at + 1];
      if (!other) return ok({ changed: false });
      // Swap positions; the neighbour's version moves too, so a form that read it before the swap conflicts.
      if (!updateIfVersion(tx, trainingLevels, other.id, other.version, { position: before.position }, actor.id)) return levelConflict(before, submitted);
      values = { position: other.position };
      summary = `Moved the training level "${before.name}" ${change.direction === "up" ? "below" : "above"} "${other.name}"`;
      if (other.position === before.position) values = { position: before.position + (change.direction === "up" ? -1 : 1) };
    }
    if (!updateIfVersion(tx, trainingLevels, before.id, input.version, values, actor.id)) return levelConflict(before, submitted);
    record(tx, actor, { action: "training.level_changed", entityType: "training_level", entityId: before.id, summary });
    return ok({ changed: true });
  });
}

export function recordTraining(
  db: Db,
  actor: Writer,
  input: { programmeId: number; userId: number; levelId: number; achievedOn: string; today: string },
): CommandResult<{ recordId: number }> {
  return runCommand(db, (tx) => {
    if (!canRecordTraining(actor)) return refused(RECORD, 403);
    const person = getPersonToChoose(tx, input.userId);
    if (!person) return refused(UNKNOWN_PERSON, 400);
    const level = getTrainingLevel(tx, input.programmeId, input.levelId);
    if (!level || level.retired) return refused(UNKNOWN_LEVEL, 400);
    if (input.achievedOn > input.today) return refused(NOT_IN_FUTURE, 400);
    if (liveRecordOf(tx, input.userId, input.levelId)) return refused(ALREADY_RECORDED, 409);
    const recordId = tx
      .insert(trainingRecords)
      .values({ userId: input.userId, levelId: input.levelId, achievedOn: input.achievedOn, recordedBy: actor.id })
      .returning({ id: trainingRecords.id })
      .get().id;
    record(tx, actor, {
      action: "training.recorded",
      entityType: "training_record",
      entityId: recordId,
      summary: `Recorded that ${person.name} achieved "${level.name}" on ${formatDay(input.achievedOn)}`,
      details: { userId: input.userId, levelId: input.levelId, achievedOn: input.achievedOn },
    });
    return ok({ recordId });
  });
}

/** A record made in error: kept with who removed it, counted nowhere. Removing one already removed is a 409. */
export function removeTrainingRecord(db: Db, actor: Writer, input: { programmeId: number; recordId: number }): CommandResult<{ removed: true }> {
  return runCommand(db, (tx) => {
    if (!canRecordTraining(actor)) return refused(RECORD, 403);
    const before = getTrainingRecord(tx, input.programmeId, input.recordId);
    if (!before) return refused("This training record has already been removed, or was never made.", 409);
    tx.update(trainingRecords)
      .set({ removedAt: new Date(nowMs()), removedBy: actor.id })
      .where(eq(trainingRecords.id, before.id))
      .run();
    record(tx, actor, {
      action: "training.removed",
      entityType: "training_record",
      entityId: before.id,
      summary: `Removed the record that ${before.personName} achieved "${before.levelName}" on ${formatDay(before.achievedOn)}`,
    });
    return ok({ removed: true });
  });
}
