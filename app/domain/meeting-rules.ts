// Board meetings: which projects to suggest for the agenda, and where each action stands.
// Pure, shared by the server and the page.
import type { MeetingDecision, Stage } from "~/domain/enums";

export const DECISION_LABELS: Record<MeetingDecision, string> = {
  continue: "Continue",
  support: "Support the team",
  escalate: "Escalate",
  close: "Close the project",
  celebrate: "Celebrate success",
};

/** Flagged projects suggested at most; the longest-unreviewed are added after them. */
export const SUGGESTED_FLAGGED = 10;
export const SUGGESTED_UNREVIEWED = 3;

const REVIEWABLE_STAGES: ReadonlySet<Stage> = new Set(["approved", "active", "sustaining"]);

export type AgendaCandidate = {
  projectId: number;
  title: string;
  stage: Stage;
  flags: { reason: string }[];
  flagCount: number;
  /** The day of the board's last assessment; null when it never assessed the project. */
  boardRagDate: string | null;
};

export type AgendaSuggestion = { projectId: number; title: string; reason: string };

function byTitle(a: AgendaCandidate, b: AgendaCandidate) {
  return a.title.localeCompare(b.title) || a.projectId - b.projectId;
}

/**
 * Projects with attention flags (most flags first, their reasons as the reason), then the
 * approved, active or sustaining projects the board has gone longest without assessing.
 */
export function suggestAgenda(
  candidates: AgendaCandidate[],
  formatDay: (iso: string) => string,
  limits = { flagged: SUGGESTED_FLAGGED, unreviewed: SUGGESTED_UNREVIEWED },
): AgendaSuggestion[] {
  const flagged = candidates
    .filter((c) => c.flagCount > 0)
    .sort((a, b) => b.flagCount - a.flagCount || byTitle(a, b))
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
    ...flagged.map((c) => ({
      projectId: c.projectId,
      title: c.title,
      reason: c.flags.map((f) => f.reason).join("; "),
    })),
    ...unreviewed.map((c) => ({
      projectId: c.projectId,
      title: c.title,
      reason: c.boardRagDate ? `Not reviewed by the board since ${formatDay(c.boardRagDate)}` : "Not yet reviewed by the board",
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
