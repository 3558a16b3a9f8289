import { describe, expect, it } from "vitest";
import { DEFAULT_STATEMENTS } from "~/domain/pulse";
import { createCampaign, STATEMENTS_LOCKED, submitPulseAnswer, updateCampaign, type CampaignValues } from "~/models/pulse-commands.server";
import { getCampaign, listStatements } from "~/models/pulse.server";
import { actorFor, auditSince, lastAuditId, rows, seededDb } from "../helpers/command-fixture";

const values: CampaignValues = {
  name: "Spring Pulse",
  audience: "trust",
  waveId: null,
  kind: "baseline",
  baselineId: null,
  opensOn: "2026-03-01",
  closesOn: "2026-03-20",
};

function setUp() {
  const { db, programmeId } = seededDb();
  const actor = actorFor(db, "admin@example.org");
  const since = lastAuditId(db).n;
  const created = createCampaign(db, actor, {
    programmeId,
    values,
    statements: [...DEFAULT_STATEMENTS],
    once: { userId: actor.id, kind: "pulse_campaign", token: undefined },
  });
  if (!created.ok) throw new Error(created.refused);
  return { db, programmeId, actor, since, id: created.value.id! };
}

describe("Pulse Check commands", () => {
  it("creates a campaign with its statements and an audit row", () => {
    const { db, programmeId, since, id } = setUp();
    expect(listStatements(db, id)).toEqual(DEFAULT_STATEMENTS);
    expect(getCampaign(db, programmeId, id)?.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(auditSince(db, since).map((a) => a.action)).toEqual(["pulse.campaign_created"]);
  });

  it("refuses a follow-up whose baseline is not a baseline, and writes nothing", () => {
    const { db, programmeId, actor, id } = setUp();
    const before = rows(db, "pulse_campaigns");
    const follow = createCampaign(db, actor, {
      programmeId,
      values: { ...values, kind: "follow_up", baselineId: id + 1000 },
      statements: [...DEFAULT_STATEMENTS],
      once: { userId: actor.id, kind: "pulse_campaign", token: undefined },
    });
    expect(follow.ok).toBe(false);
    expect(rows(db, "pulse_campaigns")).toBe(before);
  });

  it("changes the wording before the first answer, gives a conflict on a stale version, and locks the wording after an answer", () => {
    const { db, programmeId, actor, id } = setUp();
    const wording = DEFAULT_STATEMENTS.map((s, i) => (i === 0 ? "I feel valued at work" : s));
    const changed = updateCampaign(db, actor, { programmeId, campaignId: id, version: 1, values, statements: wording });
    expect(changed.ok).toBe(true);
    expect(listStatements(db, id)[0]).toBe("I feel valued at work");
    const stale = updateCampaign(db, actor, { programmeId, campaignId: id, version: 1, values: { ...values, name: "Other" }, statements: null });
    expect(stale.ok === false && "conflict" in stale).toBe(true);
    expect(getCampaign(db, programmeId, id)?.name).toBe("Spring Pulse");
    const token = getCampaign(db, programmeId, id)!.token;
    expect(submitPulseAnswer(db, { token, today: "2026-03-05", answer: { divisionId: null, participant: null, scores: Array(15).fill(4) } }).ok).toBe(true);
    const since = lastAuditId(db).n;
    const locked = updateCampaign(db, actor, { programmeId, campaignId: id, version: 2, values, statements: DEFAULT_STATEMENTS });
    expect(locked).toEqual({ ok: false, refused: STATEMENTS_LOCKED, status: 409 });
    expect(listStatements(db, id)[0]).toBe("I feel valued at work");
    expect(auditSince(db, since)).toEqual([]);
    // The answer itself wrote no audit row.
    expect(auditSince(db, since).filter((a) => a.action.startsWith("pulse"))).toEqual([]);
  });

  it("takes answers only between the dates, and writes no audit row for them", () => {
    const { db, programmeId, id } = setUp();
    const token = getCampaign(db, programmeId, id)!.token;
    const answer = { divisionId: null, participant: true, scores: Array(15).fill(5) };
    const since = lastAuditId(db).n;
    expect(submitPulseAnswer(db, { token, today: "2026-02-28", answer }).ok).toBe(false);
    expect(submitPulseAnswer(db, { token, today: "2026-03-21", answer }).ok).toBe(false);
    expect(rows(db, "pulse_answers") - 620).toBe(0);
    expect(submitPulseAnswer(db, { token, today: "2026-03-20", answer }).ok).toBe(true);
    expect(submitPulseAnswer(db, { token, today: "2026-03-20", answer: { ...answer, scores: [6, ...Array(14).fill(5)] } }).ok).toBe(false);
    expect(rows(db, "pulse_answers")).toBe(621);
    expect(auditSince(db, since)).toEqual([]);
  });
});
