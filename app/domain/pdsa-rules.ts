// PDSA cycle rules with no HTTP or database: the status a worksheet's filled parts imply,
// numbering within a project, what the next cycle in a ramp starts with, and how the timeline groups.
import type { PdsaDecision, PdsaStatus } from "~/domain/enums";

const filled = (text: string | null | undefined) => Boolean(text && text.trim());

export type WorksheetParts = {
  prediction?: string | null;
  planWho?: string | null;
  planWhat?: string | null;
  planWhen?: string | null;
  planWhere?: string | null;
  planDataCollection?: string | null;
  doWhatHappened?: string | null;
  doObservations?: string | null;
  doProblems?: string | null;
  studyResults?: string | null;
  studyLearning?: string | null;
  actDecision?: PdsaDecision | null;
  actNextStep?: string | null;
};

/** Which of the four parts of the IHI worksheet hold anything. */
export function filledParts(c: WorksheetParts) {
  return {
    plan: [c.prediction, c.planWho, c.planWhat, c.planWhen, c.planWhere, c.planDataCollection].some(filled),
    do: [c.doWhatHappened, c.doObservations, c.doProblems].some(filled),
    study: [c.studyResults, c.studyLearning].some(filled),
    act: Boolean(c.actDecision),
  };
}

/**
 * The status is never chosen by hand: an Act decision makes a cycle done; anything written
 * in Study makes it studying; anything written in Do makes it doing; otherwise it is planned.
 */
export function deriveStatus(c: WorksheetParts): PdsaStatus {
  const parts = filledParts(c);
  if (parts.act) return "done";
  if (parts.study) return "studying";
  if (parts.do) return "doing";
  return "planned";
}

/** Field errors for a worksheet whose parts contradict each other, or null. */
export function worksheetProblems(c: WorksheetParts): Record<string, string[]> | null {
  if (c.actDecision && !filled(c.studyResults)) {
    return { studyResults: ["Enter the results before you choose adopt, adapt or abandon"] };
  }
  return null;
}

/** Numbers run 1, 2, 3 … within a project and are never reused: pass every number ever given, deleted cycles included. */
export function nextCycleNumber(existing: readonly number[]): number {
  return existing.reduce((max, n) => Math.max(max, n), 0) + 1;
}

export type PreviousCycle = {
  id: number;
  number: number;
  changeIdeaId: number;
  question: string;
  actDecision: PdsaDecision | null;
  actNextStep: string;
  planWho: string;
  planWhere: string;
  planDataCollection: string;
};

export type NextCyclePrefill = {
  /** A change idea id, or "new" when the person must name a new change idea. */
  changeIdea: string;
  question: string;
  planWhat: string;
  planWho: string;
  planWhere: string;
  planDataCollection: string;
  previousCycleId: number;
  guidance: string;
};

/**
 * What "start the next cycle" carries over. Adapt tests a changed version of the same idea; adopt tests
 * the same idea on a wider scale; abandon needs a new idea. The question, the next step (as what to do),
 * who, where and how data is collected carry over: the team edits what the ramp changes.
 */
export function prefillNextCycle(prev: PreviousCycle): NextCyclePrefill {
  const base = {
    question: prev.question,
    planWhat: prev.actNextStep,
    planWho: prev.planWho,
    planWhere: prev.planWhere,
    planDataCollection: prev.planDataCollection,
    previousCycleId: prev.id,
  };
  const same = String(prev.changeIdeaId);
  switch (prev.actDecision) {
    case "adapt":
      return {
        ...base,
        changeIdea: same,
        guidance: `Cycle ${prev.number} was adapted: test the changed version of the same change idea.`,
      };
    case "adopt":
      return {
        ...base,
        changeIdea: same,
        guidance: `Cycle ${prev.number} was adopted: test the same change on a wider scale, such as more shifts, wards or staff.`,
      };
    case "abandon":
      return {
        ...base,
        changeIdea: "new",
        guidance: `Cycle ${prev.number} was abandoned: name the new change idea this cycle tests.`,
      };
    default:
      return {
        ...base,
        changeIdea: same,
        guidance: `Cycle ${prev.number} has no Act decision yet: this cycle continues the same change idea.`,
      };
  }
}

export type TimelineCycle = {
  id: number;
  number: number;
  changeIdeaId: number;
  changeIdea: string;
  startDate: string;
  endDate: string | null;
};

export type ChangeIdeaRamp<C extends TimelineCycle> = {
  changeIdeaId: number;
  changeIdea: string;
  firstStart: string;
  lastDate: string;
  cycles: C[];
};

/** Cycles grouped by change idea, each ramp in cycle order, ramps in order of their first start. */
export function groupByChangeIdea<C extends TimelineCycle>(cycles: readonly C[]): ChangeIdeaRamp<C>[] {
  const ramps = new Map<number, ChangeIdeaRamp<C>>();
  for (const c of [...cycles].sort((a, b) => a.number - b.number)) {
    const last = c.endDate ?? c.startDate;
    const ramp = ramps.get(c.changeIdeaId);
    if (!ramp) {
      ramps.set(c.changeIdeaId, {
        changeIdeaId: c.changeIdeaId,
        changeIdea: c.changeIdea,
        firstStart: c.startDate,
        lastDate: last,
        cycles: [c],
      });
      continue;
    }
    ramp.cycles.push(c);
    if (c.startDate < ramp.firstStart) ramp.firstStart = c.startDate;
    if (last > ramp.lastDate) ramp.lastDate = last;
  }
  return [...ramps.values()].sort((a, b) => a.firstStart.localeCompare(b.firstStart) || a.cycles[0].number - b.cycles[0].number);
}

/** First day of the quarter holding an ISO day (calendar and NHS financial quarters share boundaries). */
export function quarterStart(isoDay: string): string {
  const year = isoDay.slice(0, 4);
  const month = Number(isoDay.slice(5, 7));
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return `${year}-${String(first).padStart(2, "0")}-01`;
}

export type CycleActivity = {
  startDate: string;
  /** The London day the cycle was planned (created). */
  createdOn: string;
  /** The London day of the latest recorded change; the same as createdOn when it was never changed. */
  updatedOn: string;
  /** False when the latest change was the planning itself (the row was never updated after it was created). */
  changedSinceCreated: boolean;
  /** A cycle brought in from a spreadsheet (ADR 090): its end date, once come, is activity too. */
  imported?: boolean;
  endDate?: string | null;
};

/**
 * The last day of PDSA activity (ADR 026): a start date that has come, or a recorded change to a cycle
 * after it was planned. A cycle planned for the future is not activity until its start date comes, so a
 * far-future plan can never hide a project whose testing has stopped. Null when there is none.
 */
export function lastPdsaActivity(cycles: readonly CycleActivity[], today: string): string | null {
  let last: string | null = null;
  const consider = (day: string) => {
    if (day <= today && (last === null || day > last)) last = day;
  };
  for (const c of cycles) {
    consider(c.startDate);
    if (c.imported && c.endDate) consider(c.endDate);
    if (c.changedSinceCreated) consider(c.updatedOn);
  }
  return last;
}

/** Why a cycle cannot be done yet, or null: the Act decision needs the test to have started (ADR 026). */
export function doneBeforeStartProblem(
  c: { startDate?: string | null; actDecision?: PdsaDecision | null },
  today: string,
  formatDay: (iso: string) => string,
): string | null {
  if (!c.actDecision || !c.startDate || c.startDate <= today) return null;
  return `This cycle starts on ${formatDay(c.startDate)}, so it cannot be done yet: leave adopt, adapt or abandon until the test has run, or change the start date if it has already started`;
}
