import { asc, eq, sql } from "drizzle-orm";
import { projectSummaries as s, waves } from "~/db.server";
import type { Db } from "~/db.server";

export function listWaves(db: Db, programmeId: number) {
  return db
    .select({ id: waves.id, number: waves.number, name: waves.name, startsOn: waves.startsOn, endsOn: waves.endsOn })
    .from(waves)
    .where(eq(waves.programmeId, programmeId))
    .orderBy(asc(waves.number))
    .all();
}

export function getWave(db: Db, programmeId: number, waveId: number) {
  return db
    .select({ id: waves.id, number: waves.number, name: waves.name, startsOn: waves.startsOn, endsOn: waves.endsOn })
    .from(waves)
    .where(sql`${waves.id} = ${waveId} and ${waves.programmeId} = ${programmeId}`)
    .get();
}

/** Waves side by side, from the stored project summaries. */
export function compareWaves(db: Db, programmeId: number) {
  return db
    .select({
      waveId: s.waveId,
      projects: sql<number>`count(*)`,
      pdsaCycles: sql<number>`sum(${s.pdsaCyclesTotal})`,
      withImprovement: sql<number>`sum(case when ${s.measuresImproving} > 0 then 1 else 0 end)`,
      closedOrSustaining: sql<number>`sum(case when ${s.stage} in ('closed', 'sustaining') then 1 else 0 end)`,
      needAttention: sql<number>`sum(case when ${s.flagCount} > 0 then 1 else 0 end)`,
      averageScore: sql<number | null>`avg(${s.progressScore})`,
    })
    .from(s)
    .where(sql`${s.programmeId} = ${programmeId} and ${s.waveId} is not null`)
    .groupBy(s.waveId)
    .all();
}
