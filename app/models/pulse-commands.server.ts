// Pulse Check writes. Campaigns are versioned and audited. Answers are deliberately not audited:
// an audit row holds a time, a person and an address, which would undo the anonymity (ADR 085).
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { pulseCampaigns, users, waves, type Db } from "~/db.server";
import { formatDay } from "~/domain/calendar";
import { buildConflict, describeChanges, type Conflict } from "~/domain/conflict";
import { campaignPhase, PULSE_KIND_LABELS, STATEMENT_COUNT, type PulseAnswer, type PulseAudience, type PulseKind } from "~/domain/pulse";
import { conflict, ok, record, refused, runCommand, type Actor, type CommandResult, type Refused } from "~/models/command.server";
import { spendFormToken, spentFormToken, type Created, type FormOnce } from "~/models/form-token.server";
import { answerCount, getCampaign, insertAnswer, insertCampaign, listStatements, replaceStatements } from "~/models/pulse.server";
import { updateIfVersion } from "~/models/versioned.server";

export const STATEMENTS_LOCKED = "The statements can no longer be changed: answers have arrived. Start a new campaign to ask different ones.";
export const CLOSED_MESSAGE = "This Pulse Check has closed: it no longer takes answers.";
export const NOT_YET_OPEN = "This Pulse Check is not open yet.";

export type CampaignValues = {
  name: string;
  audience: PulseAudience;
  waveId: number | null;
  kind: PulseKind;
  baselineId: number | null;
  opensOn: string;
  closesOn: string;
};

const LABELS = {
  name: "Name",
  audience: "Audience",
  wave: "Wave",
  kind: "Kind",
  baseline: "Baseline",
  opensOn: "Opens",
  closesOn: "Closes",
  statements: "Statements",
};

export const newAnswerToken = () => crypto.randomBytes(18).toString("base64url");

/** The wave and baseline must belong to the programme; a follow-up's baseline must be a baseline. */
function checkLinks(db: Db, programmeId: number, values: CampaignValues, selfId: number | null): Refused | null {
  if (values.waveId !== null) {
    const wave = db.select({ programmeId: waves.programmeId }).from(waves).where(eq(waves.id, values.waveId)).get();
    if (!wave || wave.programmeId !== programmeId) return refused("Choose a wave from the list");
  }
  if (values.audience === "wave" && values.waveId === null) return refused("Choose the wave whose teams are asked");
  if (values.kind === "follow_up") {
    if (values.baselineId === null) return refused("Choose the baseline this follow-up is compared with");
    const baseline = getCampaign(db, programmeId, values.baselineId);
    if (!baseline || baseline.kind !== "baseline" || baseline.id === selfId) return refused("Choose a baseline campaign from the list");
  }
  return null;
}

const normalise = (v: CampaignValues): CampaignValues => ({ ...v, baselineId: v.kind === "follow_up" ? v.baselineId : null });

export function createCampaign(
  db: Db,
  actor: Actor,
  input: { programmeId: number; values: CampaignValues; statements: readonly string[]; once: FormOnce },
): CommandResult<Created> {
  const { programmeId, once } = input;
  const values = normalise(input.values);
  return runCommand<Created>(db, (tx) => {
    const replay = spentFormToken(tx, once);
    if (replay) return ok({ replayed: true, location: replay, id: null });
    const problem = checkLinks(tx, programmeId, values, null);
    if (problem) return problem;
    if (input.statements.length !== STATEMENT_COUNT) return refused(`Enter all ${STATEMENT_COUNT} statements`);
    const id = insertCampaign(tx, { ...values, programmeId, token: newAnswerToken(), createdBy: actor.id, updatedBy: actor.id }, input.statements);
    record(tx, actor, {
      action: "pulse.campaign_created",
      entityType: "pulse_campaign",
      entityId: id,
      summary: `Set up the ${PULSE_KIND_LABELS[values.kind].toLowerCase()} Pulse Check "${values.name}", open ${formatDay(values.opensOn)} to ${formatDay(values.closesOn)}`,
    });
    const location = `/pulse/${id}?done=created`;
    spendFormToken(tx, once, location);
    return ok({ replayed: false, location, id });
  });
}

/** Changes a campaign at the version the form read. `statements` is null when the form did not offer them (locked). */
export function updateCampaign(
  db: Db,
  actor: Actor,
  input: { programmeId: number; campaignId: number; version: number; values: CampaignValues; statements: readonly string[] | null },
): CommandResult<{ id: number }, Conflict> {
  const { programmeId, campaignId, version } = input;
  const values = normalise(input.values);
  return runCommand<{ id: number }, Conflict>(db, (tx) => {
    const current = getCampaign(tx, programmeId, campaignId);
    if (!current) return refused("We could not find that Pulse Check.", 404);
    const before = { ...current, statements: listStatements(tx, campaignId) };
    const view = (c: CampaignValues & { statements: readonly string[] | null }) => ({
      name: c.name,
      audience: c.audience === "trust" ? "The whole trust" : "A wave's teams",
      wave: c.waveId ?? "",
      kind: PULSE_KIND_LABELS[c.kind],
      baseline: c.baselineId ?? "",
      opensOn: formatDay(c.opensOn),
      closesOn: formatDay(c.closesOn),
      statements: c.statements ? c.statements.join(" / ") : before.statements.join(" / "),
    });
    const stale = () => {
      const by = tx
        .select({ name: users.name, at: pulseCampaigns.updatedAt })
        .from(pulseCampaigns)
        .leftJoin(users, eq(users.id, pulseCampaigns.updatedBy))
        .where(eq(pulseCampaigns.id, campaignId))
        .get();
      return conflict(
        buildConflict({
          changedBy: by?.name ?? null,
          changedAt: by?.at ?? null,
          currentVersion: current.version,
          current: view(before),
          submitted: view({ ...values, statements: input.statements }),
          labels: LABELS,
        }),
      );
    };
    if (current.version !== version) return stale();
    const problem = checkLinks(tx, programmeId, values, campaignId);
    if (problem) return problem;
    const changesStatements = input.statements !== null && input.statements.some((s, i) => s !== before.statements[i]);
    if (changesStatements && answerCount(tx, campaignId) > 0) return refused(STATEMENTS_LOCKED, 409);
    if (input.statements !== null && input.statements.length !== STATEMENT_COUNT) return refused(`Enter all ${STATEMENT_COUNT} statements`);
    if (!updateIfVersion(tx, pulseCampaigns, campaignId, version, { ...values }, actor.id)) return stale();
    if (changesStatements) replaceStatements(tx, campaignId, input.statements!);
    record(tx, actor, {
      action: "pulse.campaign_updated",
      entityType: "pulse_campaign",
      entityId: campaignId,
      summary: `Changed the Pulse Check "${values.name}": ${describeChanges(view(before), view({ ...values, statements: input.statements }), LABELS)}`,
    });
    return ok({ id: campaignId });
  });
}

/**
 * Saves one anonymous answer if the campaign is open today. No actor, no audit row, no time:
 * the answer row holds the campaign, the optional division and participation, and the scores.
 */
export function submitPulseAnswer(db: Db, input: { token: string; today: string; answer: PulseAnswer }): CommandResult<{ campaignId: number }> {
  return runCommand(db, (tx) => {
    const campaign = tx
      .select({ id: pulseCampaigns.id, opensOn: pulseCampaigns.opensOn, closesOn: pulseCampaigns.closesOn, programmeId: pulseCampaigns.programmeId })
      .from(pulseCampaigns)
      .where(eq(pulseCampaigns.token, input.token))
      .get();
    if (!campaign) return refused("We could not find that Pulse Check.", 404);
    const phase = campaignPhase(campaign.opensOn, campaign.closesOn, input.today);
    if (phase !== "open") return refused(phase === "before" ? NOT_YET_OPEN : CLOSED_MESSAGE, 409);
    const count = listStatements(tx, campaign.id).length;
    const { scores } = input.answer;
    if (scores.length !== count || scores.some((s) => !Number.isInteger(s) || s < 1 || s > 5)) return refused("Answer every statement");
    insertAnswer(tx, campaign.id, input.answer);
    return ok({ campaignId: campaign.id });
  });
}
