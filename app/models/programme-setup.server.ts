import { and, asc, eq, ne, sql } from "drizzle-orm";
import { divisions, programmes, projects, themes, waves } from "~/db.server";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";

export function getProgrammeSetup(db: Db, programmeId: number) {
  const usage = (column: typeof projects.themeId | typeof projects.divisionId | typeof projects.waveId) =>
    new Map(
      db
        .select({ id: column, n: sql<number>`count(*)` })
        .from(projects)
        .where(eq(projects.programmeId, programmeId))
        .groupBy(column)
        .all()
        .map((r) => [r.id, r.n]),
    );
  const themeUse = usage(projects.themeId);
  const divisionUse = usage(projects.divisionId);
  const waveUse = usage(projects.waveId);
  return {
    themes: db
      .select()
      .from(themes)
      .where(eq(themes.programmeId, programmeId))
      .orderBy(asc(themes.name))
      .all()
      .map((t) => ({ ...t, projects: themeUse.get(t.id) ?? 0 })),
    divisions: db
      .select()
      .from(divisions)
      .where(eq(divisions.programmeId, programmeId))
      .orderBy(asc(divisions.name))
      .all()
      .map((d) => ({ ...d, projects: divisionUse.get(d.id) ?? 0 })),
    waves: db
      .select()
      .from(waves)
      .where(eq(waves.programmeId, programmeId))
      .orderBy(asc(waves.number))
      .all()
      .map((w) => ({ ...w, projects: waveUse.get(w.id) ?? 0 })),
  };
}

export function updateProgrammeDetails(
  db: Db,
  programmeId: number,
  values: {
    name: string;
    trustName: string;
    milestoneSlipDays: number;
    pdsaStaleWeeks: number;
    statusStaleWeeks: number;
    measureGapPeriods: number;
    askOpenDays: number;
  },
) {
  db.update(programmes)
    .set({ ...values, updatedAt: new Date(nowMs()), version: sql`${programmes.version} + 1`, summariesAsOf: null })
    .where(eq(programmes.id, programmeId))
    .run();
}

type Named = typeof themes | typeof divisions;

export function nameTaken(db: Db, table: Named, programmeId: number, name: string, exceptId?: number) {
  return Boolean(
    db
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.programmeId, programmeId), sql`lower(${table.name}) = lower(${name})`, exceptId ? ne(table.id, exceptId) : undefined))
      .get(),
  );
}

export function waveNumberTaken(db: Db, programmeId: number, number: number, exceptId?: number) {
  return Boolean(
    db
      .select({ id: waves.id })
      .from(waves)
      .where(and(eq(waves.programmeId, programmeId), eq(waves.number, number), exceptId ? ne(waves.id, exceptId) : undefined))
      .get(),
  );
}

export function findInProgramme(db: Db, table: Named | typeof waves, programmeId: number, id: number) {
  return db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, id), eq(table.programmeId, programmeId)))
    .get();
}

export function projectsUsing(db: Db, column: typeof projects.themeId | typeof projects.divisionId | typeof projects.waveId, id: number) {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(projects)
      .where(eq(column, id))
      .get()?.n ?? 0
  );
}

export function clearSummaries(db: Db, programmeId: number) {
  db.update(programmes).set({ summariesAsOf: null }).where(eq(programmes.id, programmeId)).run();
}
