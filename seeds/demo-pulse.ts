// The demo's Pulse Check: a trust-wide baseline before wave 1 and a follow-up after wave 2, with
// generated anonymous answers (deterministic) that show a believable uplift, larger among the
// wave's teams. Answers carry no person, time or address, as real ones do (ADR 085).
import * as schema from "../db/schema";
import type { Db } from "../db/client";
import { DEFAULT_STATEMENTS } from "../app/domain/pulse";
import { createRandom, hashString, type Random } from "./random";
import type { Offset } from "./demo-types";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

type PulseSeed = {
  programmeId: number;
  createdBy: number;
  day: (offset: Offset) => string;
  at: (offset: Offset, hour?: number) => Date;
  waves: Record<1 | 2 | 3, { start: Offset; end: Offset }>;
  waveIds: Map<number, number>;
  divisionIds: number[];
};

// Baseline share agreeing per statement (%), low where LiA trusts usually start low.
const BASELINE_AGREE = [52, 61, 48, 27, 39, 31, 36, 24, 22, 55, 29, 41, 47, 68, 30];
// Points gained by the follow-up, per statement: most on the items LiA works on directly.
const UPLIFT = [9, 4, 6, 14, 13, 11, 12, 8, 10, 7, 3, 6, 9, 2, 12];
const PARTICIPANT_BONUS = 12;
// Answers by division (the rest give none): large enough that most divisions are shown.
const DIVISION_SHARE = [0.3, 0.22, 0.14, 0.16, 0.1];

function score(random: Random, agreePercent: number): number {
  if (random.next() * 100 < agreePercent) return random.next() < 0.3 ? 5 : 4;
  const r = random.next();
  return r < 0.45 ? 3 : r < 0.85 ? 2 : 1;
}

function division(random: Random, ids: number[]): number | null {
  let r = random.next();
  for (let i = 0; i < ids.length && i < DIVISION_SHARE.length; i++) {
    if (r < DIVISION_SHARE[i]) return ids[i];
    r -= DIVISION_SHARE[i];
  }
  return null;
}

function answer(tx: Tx, campaignId: number, random: Random, opts: { uplift: number; participantShare: number; divisionIds: number[] }) {
  const roll = random.next();
  const participant = roll < opts.participantShare ? true : roll < 0.9 ? false : null;
  const { id } = tx
    .insert(schema.pulseAnswers)
    .values({ campaignId, divisionId: division(random, opts.divisionIds), participant })
    .returning({ id: schema.pulseAnswers.id })
    .get();
  const scores = BASELINE_AGREE.map((base, i) => {
    const agree = base + opts.uplift * UPLIFT[i] + (participant && opts.uplift > 0 ? PARTICIPANT_BONUS : 0);
    return { answerId: id, position: i + 1, score: score(random, Math.min(95, agree)) };
  });
  tx.insert(schema.pulseAnswerScores).values(scores).run();
}

export function seedDemoPulse(tx: Tx, s: PulseSeed) {
  const random = createRandom(hashString("demo pulse check"));
  const campaign = (values: { name: string; waveNumber: 1 | 2; kind: "baseline" | "follow_up"; baselineId: number | null; opens: Offset; closes: Offset }) => {
    const created = s.at(values.opens - 10, 10);
    const { id } = tx
      .insert(schema.pulseCampaigns)
      .values({
        programmeId: s.programmeId,
        name: values.name,
        audience: "trust",
        waveId: s.waveIds.get(values.waveNumber)!,
        kind: values.kind,
        baselineId: values.baselineId,
        opensOn: s.day(values.opens),
        closesOn: s.day(values.closes),
        // Deterministic in the demo; a real campaign's token is random.
        token: `demo${hashString(values.name).toString(36)}${hashString(`${values.name} link`).toString(36)}`,
        createdBy: s.createdBy,
        createdAt: created,
        updatedBy: s.createdBy,
        updatedAt: created,
      })
      .returning({ id: schema.pulseCampaigns.id })
      .get();
    tx.insert(schema.pulseStatements)
      .values(DEFAULT_STATEMENTS.map((wording, i) => ({ campaignId: id, position: i + 1, wording })))
      .run();
    return id;
  };
  const baselineId = campaign({
    name: "Pulse Check: baseline before wave 1",
    waveNumber: 1,
    kind: "baseline",
    baselineId: null,
    opens: s.waves[1].start - 28,
    closes: s.waves[1].start - 14,
  });
  for (let i = 0; i < 300; i++) answer(tx, baselineId, random, { uplift: 0, participantShare: 0.06, divisionIds: s.divisionIds });
  const followUpId = campaign({
    name: "Pulse Check: follow-up after wave 2",
    waveNumber: 2,
    kind: "follow_up",
    baselineId,
    opens: s.waves[2].end + 7,
    closes: s.waves[2].end + 21,
  });
  for (let i = 0; i < 320; i++) answer(tx, followUpId, random, { uplift: 1, participantShare: 0.14, divisionIds: s.divisionIds });
}
