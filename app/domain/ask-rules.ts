// How an ask moves: open → accepted → resolved, or declined from open or accepted.
// Resolved and declined are final. Pure: no database, no HTTP.
import { ASK_STATES, type AskState } from "~/domain/enums";
import { daysBetween } from "~/domain/calendar";

/** The states an answer can move an ask to. */
export const ASK_OUTCOMES = ["accepted", "resolved", "declined"] as const;
export type AskOutcome = (typeof ASK_OUTCOMES)[number];

export const ASK_TRANSITIONS: Record<AskState, readonly AskOutcome[]> = {
  open: ["accepted", "declined"],
  accepted: ["resolved", "declined"],
  resolved: [],
  declined: [],
};

export const canMoveAsk = (from: AskState, to: AskOutcome): boolean => ASK_TRANSITIONS[from].includes(to);

/** Not finished: the board or the named person can still answer it (open) or resolve it (accepted). */
export const isOpenAsk = (state: AskState): boolean => ASK_TRANSITIONS[state].length > 0;

/**
 * The one meaning of "waiting" (ADR 026): an ask is waiting while nobody has answered it. Once it is
 * accepted, resolved or declined it has an answer, so it is not waiting; an accepted ask is "in hand"
 * until it is resolved. Every count of waiting asks (home page, /asks, the board and its CSV, the
 * project's asks, the meeting pack, the attention flag) uses this.
 */
export const isWaitingAsk = (ask: { state: AskState }): boolean => ask.state === "open";

/** Accepted and not yet resolved: answered, with the work still to do. */
export const isInHandAsk = (ask: { state: AskState }): boolean => ask.state === "accepted";

/** The states a waiting ask can be in, for queries that filter in SQL. */
export const WAITING_ASK_STATES: readonly AskState[] = ASK_STATES.filter((state) => isWaitingAsk({ state }));

export const countWaitingAsks = (asks: readonly { state: AskState }[]): number => asks.filter(isWaitingAsk).length;

/** "3 asks waiting for an answer", "1 ask waiting for an answer", "No asks waiting for an answer". */
export function waitingAsksText(n: number): string {
  return `${n === 0 ? "No" : n} ${n === 1 ? "ask" : "asks"} waiting for an answer`;
}

const VERB: Record<AskOutcome, string> = { accepted: "accept", resolved: "resolve", declined: "decline" };

/** Why this answer is not allowed, in words for the person answering; null when it is. */
export function askTransitionProblem(from: AskState, to: AskOutcome): string | null {
  if (canMoveAsk(from, to)) return null;
  if (from === to) return `This ask is already ${from}.`;
  if (from === "resolved" || from === "declined") {
    return `This ask has already been ${from}, so you cannot ${VERB[to]} it.`;
  }
  return "Accept this ask before you resolve it.";
}

/** How people choose an outcome when answering. */
export const ASK_OUTCOME_LABELS: Record<AskOutcome, { label: string; hint: string }> = {
  accepted: { label: "Accept", hint: "You will act on it; say what you will do and by when." },
  resolved: { label: "Resolve", hint: "It is done; say what was done (you said, we did)." },
  declined: { label: "Decline", hint: "It will not be done; say why, and what the team could do instead." },
};

export const ASK_OUTCOME_PAST: Record<AskOutcome, string> = {
  accepted: "Accepted",
  resolved: "Resolved",
  declined: "Declined",
};

/** Whole days since the ask was raised (never negative). */
export function askAgeDays(raisedOn: string, today: string): number {
  return Math.max(0, daysBetween(raisedOn, today));
}

/** Past its "by when" date and still open. */
export function isAskOverdue(ask: { state: AskState; dueOn: string | null }, today: string): boolean {
  return isOpenAsk(ask.state) && ask.dueOn !== null && ask.dueOn < today;
}

/** The start of an ask, for a summary line or a hidden label. */
export const excerpt = (text: string, n = 80) => (text.length > n ? `${text.slice(0, n - 1).trimEnd()}…` : text);
