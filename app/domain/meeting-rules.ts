// Board meetings: which projects to suggest for the agenda, and where each action stands.
// Pure, shared by the server and the page.
import type { FlagCode } from "~/domain/attention";
import type { MeetingDecision, Stage } from "~/domain/enums";

export const DECISION_LABELS: Record<MeetingDecision, string> = {
  continue: "Continue",
  support: "Support the team",
  escalate: "Escalate",
  close: "Close the project",
  celebrate: "Celebrate success",
  defer: "Defer to a later meeting",
};

/** A deferral needs its reason, written in the notes. */
export const DEFER_REASON_MESSAGE = "Give the reason for deferring in the notes";

export type ClosingItem = { id: number; title: string; decision: MeetingDecision | null; notes: string };
/** What stops a meeting closing; `itemId` says which agenda item, null for the meeting itself. */
export type CloseProblem = { itemId: number | null; message: string };

/**
 * Why the meeting cannot close yet (ADR 027), in agenda order; empty when it can. The board closes a
 * meeting once it has happened (London today on or after its date) and every project on the agenda has
 * a decision, or was deferred with a reason.
 */
export function closeProblems(meetingDate: string, agenda: readonly ClosingItem[], today: string, formatDay: (iso: string) => string): CloseProblem[] {
  const problems: CloseProblem[] = [];
  if (today < meetingDate) {
    problems.push({ itemId: null, message: `The meeting is on ${formatDay(meetingDate)}: it can be closed from that day, once the board has met` });
  }
  for (const item of agenda) {
    if (!item.decision) {
      problems.push({ itemId: item.id, message: `${item.title} has no decision: record the board's decision, or defer it with a reason` });
    } else if (item.decision === "defer" && !item.notes.trim()) {
      problems.push({ itemId: item.id, message: `${item.title} is deferred without a reason: give the reason in the notes` });
    }
  }
  return problems;
}

/** One sentence for a refusal that has no page to link from. */
export const closeRefusal = (problems: readonly CloseProblem[]) => `This meeting can't be closed yet. ${problems.map((p) => p.message).join(". ")}.`;

/**
 * How urgent each attention flag is for the board (ADR 027). High: the data or the team's own report says
 * something is going wrong, or the report contradicts the data. Medium: the work has stalled, is late or
 * the board owes an answer. Low: housekeeping.
 */
export const FLAG_SEVERITY: Record<FlagCode, 1 | 2 | 3> = {
  measure_concern: 3,
  rag_green_but_concern: 3,
  rag_green_but_overdue: 3,
  milestone_overdue: 2,
  pdsa_stale: 2,
  status_stale: 2,
  ask_open: 2,
  lead_left: 2,
  score_without_improvement: 2,
  milestone_slipped: 1,
  measure_no_data: 1,
  score_without_target: 1,
};

/** Suggested projects ticked on a new agenda at most: the board picks the rest. */
export const PRESELECTED_MAX = 3;
/** Only projects with a flag this severe or worse are ticked. */
export const PRESELECT_MIN_SEVERITY = 2;

/** Flagged projects suggested at most; the longest-unreviewed are added after them. */
export const SUGGESTED_FLAGGED = 10;
export const SUGGESTED_UNREVIEWED = 3;

const REVIEWABLE_STAGES: ReadonlySet<Stage> = new Set(["approved", "active", "sustaining"]);

export type AgendaCandidate = {
  projectId: number;
  title: string;
  stage: Stage;
  flags: { code: FlagCode; reason: string }[];
  flagCount: number;
  /** The day of the board's last assessment; null when it never assessed the project. */
  boardRagDate: string | null;
};

export type AgendaSuggestion = {
  projectId: number;
  title: string;
  reason: string;
  /** Ticked on the new meeting's agenda: one of the few most urgent. */
  preselected: boolean;
};

/** Worst flag first, then how many flags of that severity, then how many flags at all. */
function urgency(c: AgendaCandidate): [number, number, number] {
  const worst = c.flags.reduce((max, f) => Math.max(max, FLAG_SEVERITY[f.code] ?? 1), 0);
  return [worst, c.flags.filter((f) => (FLAG_SEVERITY[f.code] ?? 1) === worst).length, c.flags.length];
}

function byUrgency(a: AgendaCandidate, b: AgendaCandidate) {
  const [ua, ub] = [urgency(a), urgency(b)];
  return ub[0] - ua[0] || ub[1] - ua[1] || ub[2] - ua[2];
}

function byTitle(a: AgendaCandidate, b: AgendaCandidate) {
  return a.title.localeCompare(b.title) || a.projectId - b.projectId;
}

/**
 * Projects with attention flags (most urgent first: worst flag, then how many; their reasons as the
 * reason), then the approved, active or sustaining projects the board has gone longest without
 * assessing. Only the few most urgent flagged projects are pre-selected (PRESELECTED_MAX, each with a
 * flag of at least PRESELECT_MIN_SEVERITY); the rest are offered, not chosen.
 */
export function suggestAgenda(
  candidates: AgendaCandidate[],
  formatDay: (iso: string) => string,
  limits = { flagged: SUGGESTED_FLAGGED, unreviewed: SUGGESTED_UNREVIEWED },
): AgendaSuggestion[] {
  const flagged = candidates
    .filter((c) => c.flagCount > 0)
    .sort((a, b) => byUrgency(a, b) || byTitle(a, b))
    .slice(0, limits.flagged);
  const taken = new Set(flagged.map((c) => c.projectId));
  const unreviewed = candidates
    .filter((c) => !taken.has(c.projectId) && REVIEWABLE_STAGES.has(c.stage))
    .sort((a, b) => {
      if (a.boardRagDate === b.boardRagDate) return byTitle(a, b);
      if (a.boardRagDate === null) return -1;
      if (b.boardRagDate === null) return 1;
      return a.boardRagDate < b.boardRagDate ? -1 : 1;
    })
    .slice(0, limits.unreviewed);
  return [
    ...flagged.map((c, i) => ({
      projectId: c.projectId,
      title: c.title,
      reason: c.flags.map((f) => f.reason).join("; "),
      preselected: i < PRESELECTED_MAX && urgency(c)[0] >= PRESELECT_MIN_SEVERITY,
    })),
    ...unreviewed.map((c) => ({
      projectId: c.projectId,
      title: c.title,
      reason: c.boardRagDate ? `Not reviewed by the board since ${formatDay(c.boardRagDate)}` : "Not yet reviewed by the board",
      preselected: false,
    })),
  ];
}

export type ActionStatus = "done" | "open" | "overdue";

/** Done once completed; overdue when the due day has passed (due today is still open). */
export function actionStatus(action: { dueOn: string; completedOn: string | null }, today: string): ActionStatus {
  if (action.completedOn) return "done";
  return action.dueOn < today ? "overdue" : "open";
}

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = { done: "Done", open: "Open", overdue: "Overdue" };

/**
 * Closing the loop: where an earlier meeting's action belongs at this meeting. Actions done
 * before the previous meeting were reported there, so they are not shown again (null).
 */
export function loopGroup(action: { dueOn: string; completedOn: string | null }, today: string, previousMeetingDate: string | null): ActionStatus | null {
  const status = actionStatus(action, today);
  if (status === "done" && previousMeetingDate && action.completedOn! < previousMeetingDate) return null;
  return status;
}

/** The agenda after moving one item up or down; unchanged at either end. */
export function moveInList<T>(list: readonly T[], index: number, direction: "up" | "down"): T[] {
  const to = direction === "up" ? index - 1 : index + 1;
  const next = [...list];
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return next;
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

/** Attendees typed as one per line or separated by semicolons, plus chosen people; no repeats. */
export function mergeAttendees(typed: string, chosen: string[]): string[] {
  const names = [...typed.split(/[\n;]/), ...chosen].map((n) => n.trim()).filter(Boolean);
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = n.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const splitAttendees = (stored: string) => mergeAttendees(stored, []);
