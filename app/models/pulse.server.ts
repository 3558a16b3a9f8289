// Pulse Check campaigns and their anonymous answers: reads only (writes are in pulse-commands).
import { asc, desc, eq, sql } from "drizzle-orm";
import { divisions, pulseAnswers, pulseAnswerScores, pulseCampaigns, pulseStatements, waves } from "~/db.server";
import type { Db } from "~/db.server";
import { waveLabel } from "~/domain/wave-label";
import { changeInPoints, pulseResults, type GroupKey, type PulseAnswer, type PulseAudience, type PulseKind } from "~/domain/pulse";

const campaignColumns = {
  id: pulseCampaigns.id,
  name: pulseCampaigns.name,
  audience: pulseCampaigns.audience,
  waveId: pulseCampaigns.waveId,
  waveNumber: waves.number,
  waveName: waves.name,
  kind: pulseCampaigns.kind,
  baselineId: pulseCampaigns.baselineId,
  opensOn: pulseCampaigns.opensOn,
  closesOn: pulseCampaigns.closesOn,
  token: pulseCampaigns.token,
  version: pulseCampaigns.version,
  answers: sql<number>`(select count(*) from pulse_answers a where a.campaign_id = ${pulseCampaigns.id})`,
};

export type CampaignRow = {
  id: number;
  name: string;
  audience: PulseAudience;
  waveId: number | null;
  waveNumber: number | null;
  waveName: string | null;
  kind: PulseKind;
  baselineId: number | null;
  opensOn: string;
  closesOn: string;
  token: string;
  version: number;
  answers: number;
};

export function listCampaigns(db: Db, programmeId: number): CampaignRow[] {
  return db
    .select(campaignColumns)
    .from(pulseCampaigns)
    .leftJoin(waves, eq(waves.id, pulseCampaigns.waveId))
    .where(eq(pulseCampaigns.programmeId, programmeId))
    .orderBy(desc(pulseCampaigns.opensOn), desc(pulseCampaigns.id))
    .all();
}

export function getCampaign(db: Db, programmeId: number, campaignId: number): CampaignRow | undefined {
  return db
    .select(campaignColumns)
    .from(pulseCampaigns)
    .leftJoin(waves, eq(waves.id, pulseCampaigns.waveId))
    .where(sql`${pulseCampaigns.id} = ${campaignId} and ${pulseCampaigns.programmeId} = ${programmeId}`)
    .get();
}

export function campaignByToken(db: Db, token: string): (CampaignRow & { programmeId: number }) | undefined {
  return db
    .select({ ...campaignColumns, programmeId: pulseCampaigns.programmeId })
    .from(pulseCampaigns)
    .leftJoin(waves, eq(waves.id, pulseCampaigns.waveId))
    .where(eq(pulseCampaigns.token, token))
    .get();
}

export function campaignsForWave(db: Db, programmeId: number, waveId: number): CampaignRow[] {
  return listCampaigns(db, programmeId).filter((c) => c.waveId === waveId);
}

export function listStatements(db: Db, campaignId: number): string[] {
  return db
    .select({ wording: pulseStatements.wording })
    .from(pulseStatements)
    .where(eq(pulseStatements.campaignId, campaignId))
    .orderBy(asc(pulseStatements.position))
    .all()
    .map((r) => r.wording);
}

export const answerCount = (db: Db, campaignId: number) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(pulseAnswers)
    .where(eq(pulseAnswers.campaignId, campaignId))
    .get()?.n ?? 0;

/** Every answer of a campaign, without its id: what the results maths needs and nothing more. */
export function campaignAnswers(db: Db, campaignId: number, count: number): PulseAnswer[] {
  const rows = db
    .select({
      answerId: pulseAnswers.id,
      divisionId: pulseAnswers.divisionId,
      participant: pulseAnswers.participant,
      position: pulseAnswerScores.position,
      score: pulseAnswerScores.score,
    })
    .from(pulseAnswers)
    .innerJoin(pulseAnswerScores, eq(pulseAnswerScores.answerId, pulseAnswers.id))
    .where(eq(pulseAnswers.campaignId, campaignId))
    .all();
  const byAnswer = new Map<number, { divisionId: number | null; participant: boolean | null; scores: number[] }>();
  for (const r of rows) {
    let a = byAnswer.get(r.answerId);
    if (!a) byAnswer.set(r.answerId, (a = { divisionId: r.divisionId, participant: r.participant, scores: Array<number>(count).fill(0) }));
    if (r.position >= 1 && r.position <= count) a.scores[r.position - 1] = r.score;
  }
  return [...byAnswer.values()];
}

export function listDivisions(db: Db, programmeId: number) {
  return db
    .select({ id: divisions.id, name: divisions.name })
    .from(divisions)
    .where(sql`${divisions.programmeId} = ${programmeId} and ${divisions.retiredAt} is null`)
    .orderBy(asc(divisions.name))
    .all();
}

export function allDivisionNames(db: Db, programmeId: number): Map<number, string> {
  const rows = db.select({ id: divisions.id, name: divisions.name }).from(divisions).where(eq(divisions.programmeId, programmeId)).all();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function insertCampaign(
  db: Db,
  values: Omit<typeof pulseCampaigns.$inferInsert, "id" | "createdAt" | "updatedAt" | "version">,
  statements: readonly string[],
): number {
  const { id } = db.insert(pulseCampaigns).values(values).returning({ id: pulseCampaigns.id }).get();
  replaceStatements(db, id, statements);
  return id;
}

export function replaceStatements(db: Db, campaignId: number, statements: readonly string[]) {
  db.delete(pulseStatements).where(eq(pulseStatements.campaignId, campaignId)).run();
  statements.forEach((wording, i) =>
    db
      .insert(pulseStatements)
      .values({ campaignId, position: i + 1, wording })
      .run(),
  );
}

/** One answer and its scores. Nothing about who gave it, when or from where is written. */
export function insertAnswer(db: Db, campaignId: number, answer: PulseAnswer): number {
  const { id } = db
    .insert(pulseAnswers)
    .values({ campaignId, divisionId: answer.divisionId, participant: answer.participant })
    .returning({ id: pulseAnswers.id })
    .get();
  answer.scores.forEach((score, i) =>
    db
      .insert(pulseAnswerScores)
      .values({ answerId: id, position: i + 1, score })
      .run(),
  );
  return id;
}

export type ReportGroup = { label: string; answers: number; percentAgreeing: number[] };
export type PulseReport = {
  statements: string[];
  answers: number;
  /** Groups that may be shown (none when the campaign has fewer than 10 answers). */
  groups: ReportGroup[];
  /** A follow-up's baseline, whole campaign only; null when there is none or it is hidden. */
  baseline: { id: number; name: string; answers: number; percentAgreeing: number[] } | null;
  /** Follow-up minus baseline, in points, per statement. */
  change: (number | null)[];
};

const groupLabel = (key: GroupKey, divisionNames: Map<number, string>, wave: string | null): string => {
  if (key.kind === "all") return "Everyone";
  if (key.kind === "participants") return wave ? `Teams in ${wave}` : "Teams in the wave";
  if (key.kind === "others") return "Everyone else";
  return divisionNames.get(key.divisionId) ?? "A division";
};

/** A closed campaign's results with every small group hidden (ADR 085). */
export function pulseReport(db: Db, programmeId: number, campaign: CampaignRow): PulseReport {
  const statements = listStatements(db, campaign.id);
  const answers = campaignAnswers(db, campaign.id, statements.length);
  const names = allDivisionNames(db, programmeId);
  const wave = campaign.waveNumber === null ? null : `wave ${campaign.waveNumber}`;
  const groups = pulseResults(answers, statements.length).map((g) => ({
    label: groupLabel(g.key, names, wave),
    answers: g.answers,
    percentAgreeing: g.percentAgreeing,
  }));
  let baseline: PulseReport["baseline"] = null;
  if (campaign.baselineId !== null) {
    const base = getCampaign(db, programmeId, campaign.baselineId);
    if (base) {
      const count = listStatements(db, base.id).length;
      const all = pulseResults(campaignAnswers(db, base.id, count), count)[0];
      if (all) baseline = { id: base.id, name: base.name, answers: all.answers, percentAgreeing: all.percentAgreeing };
    }
  }
  const everyone = groups[0]?.percentAgreeing ?? null;
  return { statements, answers: answers.length, groups, baseline, change: changeInPoints(baseline?.percentAgreeing ?? null, everyone, statements.length) };
}

/** The choices the campaign form offers: the programme's waves and its baselines (not the campaign itself). */
export function campaignOptions(db: Db, programmeId: number, exceptId: number | null = null) {
  return {
    waves: db
      .select({ id: waves.id, number: waves.number, name: waves.name })
      .from(waves)
      .where(eq(waves.programmeId, programmeId))
      .orderBy(asc(waves.number))
      .all()
      .map((w) => ({ value: String(w.id), label: waveLabel(w.number, w.name) })),
    baselines: listCampaigns(db, programmeId)
      .filter((c) => c.kind === "baseline" && c.id !== exceptId)
      .map((c) => ({ value: String(c.id), label: c.name })),
  };
}

export type WavePulse = {
  id: number;
  name: string;
  kind: PulseKind;
  closed: boolean;
  answers: number;
  averageAgreeing: number | null;
  averageChange: number | null;
};

/** The wave's campaigns for its page: the average % agreeing once closed (null when hidden), and the average change from the baseline. */
export function wavePulseSummary(db: Db, programmeId: number, waveId: number, today: string): WavePulse[] {
  const mean = (xs: (number | null)[]) => {
    const known = xs.filter((x): x is number => x !== null);
    return known.length ? Math.round(known.reduce((a, b) => a + b, 0) / known.length) : null;
  };
  return campaignsForWave(db, programmeId, waveId).map((c) => {
    const closed = today > c.closesOn;
    const report = closed ? pulseReport(db, programmeId, c) : null;
    const everyone = report?.groups[0]?.percentAgreeing ?? null;
    return {
      id: c.id,
      name: c.name,
      kind: c.kind,
      closed,
      answers: c.answers,
      averageAgreeing: everyone ? mean(everyone) : null,
      averageChange: report?.baseline && everyone ? mean(report.change) : null,
    };
  });
}
