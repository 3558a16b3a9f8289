// QI capability (issue 21 §4, ADR 114): the trust's training levels, who may change them, a person's
// current level, a team's share of trained members and the quarters people were trained in.
import { canAdminister, canGovern, type Actor } from "~/domain/permissions";

/** The list a new programme starts with, lowest first; admins rename, retire, reorder and add to it. */
export const DEFAULT_TRAINING_LEVELS: readonly string[] = ["Level 1 introduction", "Level 2 project course", "Improvement coach", "QI sponsor"];

/** Manage the list of levels: admins. */
export const canManageTrainingLevels = (actor: Actor) => canAdminister(actor);
/** Record a person's training: the programme board and admins. */
export const canRecordTraining = (actor: Actor) => canGovern(actor);

export const UNKNOWN_LEVEL = "Choose a training level from the list";
export const LEVEL_NAME_TAKEN = "There is already a training level with this name";
export const ALREADY_RECORDED = "This person already has this level recorded. Remove that record first to give another date";
export const NOT_IN_FUTURE = "The date achieved must be today or in the past";

/** The highest level a person has reached: the one with the highest position among their records. */
export function currentLevel<L extends { position: number }>(levels: readonly L[]): L | null {
  let best: L | null = null;
  for (const l of levels) if (!best || l.position > best.position) best = l;
  return best;
}

/** Whole-number percentage, or null when there is nobody to count. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((100 * part) / whole) : null;
}

/** "3 of 5 (60%)", or "No members" */
export function describeShare(part: number, whole: number): string {
  const s = share(part, whole);
  return s === null ? "No members" : `${part} of ${whole} (${s}%)`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The calendar quarter of a day, as its first month: "2026-04-15" → "2026-04". */
export function quarterOf(day: string): string {
  const month = Number(day.slice(5, 7));
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return `${day.slice(0, 4)}-${String(first).padStart(2, "0")}`;
}

/** "2026-04" → "Apr to Jun 2026". */
export function quarterLabel(quarter: string): string {
  const first = Number(quarter.slice(5, 7)) - 1;
  return `${MONTHS[first]} to ${MONTHS[first + 2]} ${quarter.slice(0, 4)}`;
}

/** Every quarter from the first to the last, inclusive. */
export function quartersBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(first.slice(0, 4)), Number(first.slice(5, 7))];
  while (`${y}-${String(m).padStart(2, "0")}` <= last) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 3;
    if (m > 12) [y, m] = [y + 1, m - 12];
  }
  return out;
}

export type TrainedByQuarter = { quarters: string[]; divisions: { name: string; cumulative: number[] }[] };

/**
 * People trained (their first level reached) per division, cumulatively by quarter, from the first quarter
 * anyone was trained to the quarter of `today`. People with no division are "No division recorded".
 */
export function trainedByQuarter(firsts: readonly { division: string | null; firstOn: string }[], today: string): TrainedByQuarter {
  if (firsts.length === 0) return { quarters: [], divisions: [] };
  const first = quarterOf(firsts.reduce((a, b) => (b.firstOn < a ? b.firstOn : a), firsts[0].firstOn));
  const last = quarterOf(today);
  const quarters = quartersBetween(first, last < first ? first : last);
  const names = [...new Set(firsts.map((f) => f.division ?? NO_DIVISION))].sort((a, b) =>
    a === NO_DIVISION ? 1 : b === NO_DIVISION ? -1 : a.localeCompare(b, "en-GB"),
  );
  return {
    quarters,
    divisions: names.map((name) => ({
      name,
      cumulative: quarters.map((q) => firsts.filter((f) => (f.division ?? NO_DIVISION) === name && quarterOf(f.firstOn) <= q).length),
    })),
  };
}

export const NO_DIVISION = "No division recorded";

/** The board's engagement figures (one aggregate query feeds them). */
export type Engagement = {
  byDivision: { division: string; people: number }[];
  involved: number;
  activeUsers: number;
  recentCycles: number;
};

/** PDSA cycles per involved person, to one decimal place; null with nobody involved. */
export const cyclesPerPerson = (e: Engagement) => (e.involved > 0 ? Math.round((10 * e.recentCycles) / e.involved) / 10 : null);
