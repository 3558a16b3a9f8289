// The Pulse Check: a short anonymous staff survey (Listening into Action). Its default wording, the
// agreement scale, and the results rules: % agreeing per statement, and the suppression that keeps
// any group of fewer than MIN_GROUP answers from being shown, directly or by subtraction (ADR 085).

export const STATEMENT_COUNT = 15;
export const MIN_GROUP = 10;

/** Fifteen statements in the spirit of the LiA Pulse Check and the NHS Staff Survey. */
export const DEFAULT_STATEMENTS: readonly string[] = [
  "I feel valued for the contribution I make",
  "I am proud to work for this trust",
  "I would recommend this trust as a place to work",
  "Day-to-day frustrations are identified and resolved",
  "I am able to make improvements happen in my area of work",
  "I am involved in decisions that affect my work",
  "My ideas and suggestions are listened to",
  "Communication between senior management and staff is effective",
  "Senior managers act on staff feedback",
  "I know what the trust is trying to achieve",
  "I have the time and resources I need to do my job well",
  "Teams work well together across departments",
  "I feel able to speak up about things that concern me",
  "I am satisfied with the quality of care I give to patients",
  "I feel things are getting better here",
];

export const AGREEMENT = ["1", "2", "3", "4", "5"] as const;
export type Agreement = 1 | 2 | 3 | 4 | 5;
export const AGREEMENT_LABELS: Record<(typeof AGREEMENT)[number], string> = {
  "1": "Strongly disagree",
  "2": "Disagree",
  "3": "Neither agree nor disagree",
  "4": "Agree",
  "5": "Strongly agree",
};
/** Agree and strongly agree. */
export const agrees = (score: number) => score >= 4;

export const PULSE_KINDS = ["baseline", "follow_up"] as const;
export type PulseKind = (typeof PULSE_KINDS)[number];
export const PULSE_AUDIENCES = ["trust", "wave"] as const;
export type PulseAudience = (typeof PULSE_AUDIENCES)[number];
export const PULSE_KIND_LABELS: Record<PulseKind, string> = { baseline: "Baseline", follow_up: "Follow-up" };

/** Where a campaign is on a given day: answers are taken from its opening day to its closing day. */
export function campaignPhase(opensOn: string, closesOn: string, today: string): "before" | "open" | "closed" {
  if (today < opensOn) return "before";
  return today > closesOn ? "closed" : "open";
}

/** One answer as the results see it: never who, when or from where. */
export type PulseAnswer = { divisionId: number | null; participant: boolean | null; scores: readonly number[] };

export type GroupKey = { kind: "all" } | { kind: "participants" } | { kind: "others" } | { kind: "division"; divisionId: number };
export type GroupResult = { key: GroupKey; answers: number; percentAgreeing: number[] };

/** % agreeing per statement (rounded to a whole number), over answers that all hold `count` scores. */
export function percentAgreeing(answers: readonly PulseAnswer[], count: number): number[] {
  return Array.from({ length: count }, (_, i) => {
    const agreeing = answers.filter((a) => agrees(a.scores[i] ?? 0)).length;
    return answers.length === 0 ? 0 : Math.round((100 * agreeing) / answers.length);
  });
}

const small = (n: number) => n > 0 && n < MIN_GROUP;

/**
 * The groups that may be shown. The whole campaign needs MIN_GROUP answers. Participants and
 * everyone else are shown together or not at all, only when both have MIN_GROUP answers (so the
 * whole minus one never reveals a small other). Divisions with MIN_GROUP answers are shown unless
 * the answers left over (no division given, or a small division) would be a small group: then the
 * smallest shown division is hidden too, until the rest is empty or large enough.
 */
export function visibleGroups(answers: readonly PulseAnswer[]): { all: boolean; participants: boolean; divisions: number[] } {
  const total = answers.length;
  if (total < MIN_GROUP) return { all: false, participants: false, divisions: [] };
  const participants = answers.filter((a) => a.participant === true).length;
  const split = participants >= MIN_GROUP && total - participants >= MIN_GROUP;
  const byDivision = new Map<number, number>();
  for (const a of answers) if (a.divisionId !== null) byDivision.set(a.divisionId, (byDivision.get(a.divisionId) ?? 0) + 1);
  const shown = [...byDivision].filter(([, n]) => n >= MIN_GROUP).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const rest = () => total - shown.reduce((sum, [, n]) => sum + n, 0);
  while (shown.length > 0 && small(rest())) shown.pop();
  // One division alone is the whole campaign less the rest: with a rest under MIN_GROUP it was popped above.
  return { all: true, participants: split, divisions: shown.map(([id]) => id).sort((a, b) => a - b) };
}

/** Every group that may be shown, with its answers and % agreeing per statement. */
export function pulseResults(answers: readonly PulseAnswer[], count: number): GroupResult[] {
  const visible = visibleGroups(answers);
  if (!visible.all) return [];
  const group = (key: GroupKey, of: readonly PulseAnswer[]): GroupResult => ({ key, answers: of.length, percentAgreeing: percentAgreeing(of, count) });
  const results = [group({ kind: "all" }, answers)];
  if (visible.participants) {
    results.push(
      group(
        { kind: "participants" },
        answers.filter((a) => a.participant === true),
      ),
    );
    results.push(
      group(
        { kind: "others" },
        answers.filter((a) => a.participant !== true),
      ),
    );
  }
  for (const divisionId of visible.divisions)
    results.push(
      group(
        { kind: "division", divisionId },
        answers.filter((a) => a.divisionId === divisionId),
      ),
    );
  return results;
}

/** Change in points from a baseline's % agreeing to a follow-up's, per statement; null where either is hidden. */
export function changeInPoints(baseline: readonly number[] | null, followUp: readonly number[] | null, count: number): (number | null)[] {
  return Array.from({ length: count }, (_, i) => (baseline && followUp && i < baseline.length && i < followUp.length ? followUp[i] - baseline[i] : null));
}

export const formatChange = (points: number | null) => (points === null ? "–" : points > 0 ? `+${points}` : points < 0 ? `−${-points}` : "0");
