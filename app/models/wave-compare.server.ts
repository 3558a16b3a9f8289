// Wave against wave (Listening into Action): teams, people, PDSA cycles, measures showing
// special-cause improvement, quick wins and the Pulse Check change, one row per wave (ADR 113).
import { sql } from "drizzle-orm";
import { measures, pdsaCycles, projectTeam, projects, wins } from "~/db.server";
import type { Db } from "~/db.server";
import { londonDay } from "~/domain/calendar";
import { waveLabel } from "~/domain/wave-label";
import { listWaves } from "~/models/wave.server";
import { campaignsForWave, pulseReport } from "~/models/pulse.server";
import type { WaveComparisonRow, WavePulseChange } from "~/domain/wave-compare";

const IMPROVING_ICONS = sql`('special_cause_improvement_high', 'special_cause_improvement_low')`;

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/**
 * The wave's latest closed follow-up with a baseline: % agreeing averaged over the statements, before and
 * after. Null when there is none or either side has fewer answers than the Pulse Check may show (ADR 085).
 */
function pulseChange(db: Db, programmeId: number, waveId: number, today: string): WavePulseChange {
  const followUps = campaignsForWave(db, programmeId, waveId)
    .filter((c) => c.kind === "follow_up" && c.baselineId !== null && today > c.closesOn)
    .sort((a, b) => (a.closesOn < b.closesOn ? 1 : a.closesOn > b.closesOn ? -1 : b.id - a.id));
  for (const c of followUps) {
    const report = pulseReport(db, programmeId, c);
    const everyone = report.groups[0]?.percentAgreeing;
    if (!report.baseline || !everyone || everyone.length === 0) continue;
    const baseline = Math.round(mean(report.baseline.percentAgreeing));
    const followUp = Math.round(mean(everyone));
    return { campaign: c.name, baseline, followUp, change: followUp - baseline };
  }
  return null;
}

export function waveComparison(db: Db, programmeId: number, today: string): WaveComparisonRow[] {
  const list = listWaves(db, programmeId);
  if (list.length === 0) return [];
  const inProgramme = sql`${projects.programmeId} = ${programmeId} and ${projects.waveId} is not null`;
  const teams = new Map(
    db
      .select({ waveId: projects.waveId, n: sql<number>`count(*)` })
      .from(projects)
      .where(inProgramme)
      .groupBy(projects.waveId)
      .all()
      .map((r) => [r.waveId, r.n]),
  );
  // Everyone who has been on one of the wave's teams, counted once however many teams they joined.
  const people = new Map(
    db
      .select({ waveId: projects.waveId, n: sql<number>`count(distinct ${projectTeam.userId})` })
      .from(projectTeam)
      .innerJoin(projects, sql`${projects.id} = ${projectTeam.projectId}`)
      .where(inProgramme)
      .groupBy(projects.waveId)
      .all()
      .map((r) => [r.waveId, r.n]),
  );
  // Cycles the wave's teams started during the wave's own dates, so that a wave long finished and one
  // still running are compared over the same 20 weeks.
  const cycles = new Map(
    db
      .select({ waveId: projects.waveId, n: sql<number>`count(*)` })
      .from(pdsaCycles)
      .innerJoin(projects, sql`${projects.id} = ${pdsaCycles.projectId}`)
      .where(
        sql`${inProgramme} and ${pdsaCycles.deletedAt} is null and ${pdsaCycles.startDate} >= (select w.starts_on from waves w where w.id = ${projects.waveId})
          and ${pdsaCycles.startDate} <= (select w.ends_on from waves w where w.id = ${projects.waveId})`,
      )
      .groupBy(projects.waveId)
      .all()
      .map((r) => [r.waveId, r.n]),
  );
  // The board's stored SPC summary: a measure whose variation icon is special-cause improvement.
  const measureRows = new Map(
    db
      .select({
        waveId: projects.waveId,
        n: sql<number>`count(*)`,
        improving: sql<number>`sum(case when ${measures.spcVariationIcon} in ${IMPROVING_ICONS} then 1 else 0 end)`,
      })
      .from(measures)
      .innerJoin(projects, sql`${projects.id} = ${measures.projectId}`)
      .where(sql`${inProgramme} and ${measures.deletedAt} is null`)
      .groupBy(projects.waveId)
      .all()
      .map((r) => [r.waveId, r]),
  );
  // Quick wins: confirmed wins on the wave's projects, dated (UK day) within the wave.
  const winRows = db
    .select({ waveId: projects.waveId, at: wins.at })
    .from(wins)
    .innerJoin(projects, sql`${projects.id} = ${wins.projectId}`)
    .where(sql`${inProgramme} and ${wins.confirmedBy} is not null`)
    .all();
  return list.map((w) => {
    const m = measureRows.get(w.id);
    return {
      id: w.id,
      label: waveLabel(w.number, w.name),
      startsOn: w.startsOn,
      endsOn: w.endsOn,
      teams: teams.get(w.id) ?? 0,
      people: people.get(w.id) ?? 0,
      pdsaCycles: cycles.get(w.id) ?? 0,
      measures: m?.n ?? 0,
      measuresImproving: m?.improving ?? 0,
      quickWins: winRows.filter((r) => {
        if (r.waveId !== w.id) return false;
        const day = londonDay(r.at);
        return day >= w.startsOn && day <= w.endsOn;
      }).length,
      pulse: pulseChange(db, programmeId, w.id, today),
    };
  });
}
