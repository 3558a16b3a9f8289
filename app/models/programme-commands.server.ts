// Changing the programme set-up: its details and thresholds, waves, strategic themes and divisions.
// Every change clears the board summaries, which read these.
import { eq } from "drizzle-orm";
import { divisions, projects, themes, waves } from "~/db.server";
import type { Db } from "~/db.server";
import { formatDay } from "~/domain/calendar";
import { nowMs } from "~/clock.server";
import { ok, record, refused, runCommand, type Actor } from "~/models/command.server";
import { spendFormToken, spentFormToken, type Created, type FormOnce } from "~/models/form-token.server";
import { clearSummaries, findInProgramme, nameTaken, projectsUsing, updateProgrammeDetails, waveNumberTaken } from "~/models/programme-setup.server";

const PAGE = "/admin/programme";

export function saveProgrammeDetails(db: Db, actor: Actor, input: { programmeId: number; values: Parameters<typeof updateProgrammeDetails>[2] }) {
  return runCommand(db, (tx) => {
    updateProgrammeDetails(tx, input.programmeId, input.values);
    record(tx, actor, {
      action: "programme.updated",
      entityType: "programme",
      entityId: input.programmeId,
      summary: `Updated the programme's name and attention thresholds`,
    });
    return ok(null);
  });
}

type Wave = { id?: number; number: number; name: string; startsOn: string; endsOn: string };

/** Adds a wave (no `id`, once per form token) or changes one. */
export function saveWave(db: Db, actor: Actor, input: { programmeId: number; wave: Wave; once: FormOnce }) {
  const { programmeId, once } = input;
  const { id: waveId, ...values } = input.wave;
  return runCommand<Created>(db, (tx) => {
    const replay = spentFormToken(tx, once);
    if (replay) return ok({ replayed: true, location: replay, id: null });
    if (waveId !== undefined && !findInProgramme(tx, waves, programmeId, waveId)) return refused("We could not find that wave.", 404);
    if (waveNumberTaken(tx, programmeId, values.number, waveId)) return refused(`There is already a wave ${values.number}`, 400);
    const dates = `${formatDay(values.startsOn)} to ${formatDay(values.endsOn)}`;
    let id = waveId;
    if (id === undefined) {
      id = tx
        .insert(waves)
        .values({ ...values, programmeId })
        .returning({ id: waves.id })
        .get().id;
      record(tx, actor, {
        action: "programme.updated",
        entityType: "wave",
        entityId: id,
        summary: `Added wave ${values.number} (${dates})`,
      });
    } else {
      tx.update(waves).set(values).where(eq(waves.id, id)).run();
      record(tx, actor, {
        action: "programme.updated",
        entityType: "wave",
        entityId: id,
        summary: `Changed wave ${values.number} (${dates})`,
      });
    }
    clearSummaries(tx, programmeId);
    spendFormToken(tx, once, PAGE);
    return ok({ replayed: false, location: PAGE, id });
  });
}

export type NamedKind = "theme" | "division";
const NAMED = {
  theme: { table: themes, column: projects.themeId, label: "strategic theme" },
  division: { table: divisions, column: projects.divisionId, label: "division" },
} as const;
export const namedLabel = (kind: NamedKind) => NAMED[kind].label;

/** Adds a strategic theme or division, once per form token; names are unique ignoring case. */
export function addNamed(db: Db, actor: Actor, input: { programmeId: number; kind: NamedKind; name: string; once: FormOnce }) {
  const { programmeId, kind, name, once } = input;
  const { table, label } = NAMED[kind];
  return runCommand<Created>(db, (tx) => {
    const replay = spentFormToken(tx, once);
    if (replay) return ok({ replayed: true, location: replay, id: null });
    if (nameTaken(tx, table, programmeId, name)) return refused(`There is already a ${label} called ${name}`, 400);
    const id = tx.insert(table).values({ programmeId, name }).returning({ id: table.id }).get().id;
    record(tx, actor, {
      action: "programme.updated",
      entityType: kind,
      entityId: id,
      summary: `Added the ${label} ${name}`,
    });
    spendFormToken(tx, once, PAGE);
    return ok({ replayed: false, location: PAGE, id });
  });
}

type NamedChange = { verb: "rename"; name: string } | { verb: "retire" | "restore" | "delete" };

/** Renames, retires, restores or deletes one; only an unused one can be deleted (retiring keeps history). */
export function changeNamed(db: Db, actor: Actor, input: { programmeId: number; kind: NamedKind; id: number; change: NamedChange }) {
  const { programmeId, kind, id, change } = input;
  const { table, column, label } = NAMED[kind];
  return runCommand(db, (tx) => {
    if (change.verb === "rename" && nameTaken(tx, table, programmeId, change.name, id)) {
      return refused(`There is already a ${label} called ${change.name}`, 400);
    }
    if (!findInProgramme(tx, table, programmeId, id)) return refused(`We could not find that ${label}.`, 404);
    const event = { action: "programme.updated", entityType: kind, entityId: id } as const;
    if (change.verb === "rename") {
      tx.update(table).set({ name: change.name }).where(eq(table.id, id)).run();
      record(tx, actor, { ...event, summary: `Renamed a ${label} to ${change.name}` });
    } else if (change.verb === "delete") {
      if (projectsUsing(tx, column, id) > 0) return refused(`This ${label} is used by projects: retire it instead of deleting it.`, 400);
      tx.delete(table).where(eq(table.id, id)).run();
      record(tx, actor, { ...event, summary: `Deleted an unused ${label}` });
    } else {
      const retire = change.verb === "retire";
      tx.update(table)
        .set({ retiredAt: retire ? new Date(nowMs()) : null })
        .where(eq(table.id, id))
        .run();
      record(tx, actor, { ...event, summary: `${retire ? "Retired" : "Restored"} a ${label}` });
    }
    clearSummaries(tx, programmeId);
    return ok(null);
  });
}

/** Archives a wave (kept for its projects' history, offered for no new project) or brings it back. */
export function archiveWave(db: Db, actor: Actor, input: { programmeId: number; waveId: number; archive: boolean }) {
  const { programmeId, waveId, archive } = input;
  return runCommand(db, (tx) => {
    const wave = tx.select({ id: waves.id, number: waves.number }).from(waves).where(eq(waves.id, waveId)).get();
    if (!wave || !findInProgramme(tx, waves, programmeId, waveId)) return refused("We could not find that wave.", 404);
    tx.update(waves)
      .set({ archivedAt: archive ? new Date(nowMs()) : null })
      .where(eq(waves.id, waveId))
      .run();
    record(tx, actor, {
      action: "programme.updated",
      entityType: "wave",
      entityId: waveId,
      summary: `${archive ? "Archived" : "Restored"} wave ${wave.number}`,
    });
    clearSummaries(tx, programmeId);
    return ok({ number: wave.number });
  });
}
