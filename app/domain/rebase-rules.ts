// When a measure's limits are recalculated (a rebase), how many points the new limits rest on. Fewer
// than REBASE_MIN_POINTS make trial limits: the person rebasing says so knowingly (ADR 027). Pure.

/** The points a rebase's new limits should rest on before they are treated as more than trial limits. */
export const REBASE_MIN_POINTS = 12;

/**
 * Points from the rebase period up to the next rebase (or the end of the data): the ones its mean and
 * limits are calculated from. `periods` are the series' period dates, ascending.
 */
export function pointsInRebase(periods: readonly string[], rebaseAt: string, allRebases: readonly string[]): number {
  const next = allRebases.filter((d) => d > rebaseAt).sort()[0];
  return periods.filter((p) => p >= rebaseAt && (next === undefined || p < next)).length;
}

export const areTrialLimits = (points: number): boolean => points < REBASE_MIN_POINTS;

/** What the person must confirm; said in full on the form, the refusal and the audit. */
export function trialLimitsWarning(points: number): string {
  const have = points === 1 ? "only 1 point follows" : `only ${points} points follow`;
  return `The new limits would be trial limits: ${have} this period, fewer than the ${REBASE_MIN_POINTS} that reliable limits need. Signals against them are provisional until there are ${REBASE_MIN_POINTS} points`;
}

export const TRIAL_CONFIRM_MESSAGE = "Confirm that the new limits are trial limits, or choose an earlier period";
