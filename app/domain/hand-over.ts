// What a leaver holds, in words (ADR 106): "2 lead roles, 1 milestone and 3 asks".
import { plural } from "~/domain/plural";

/** The successor field's message: none chosen, or someone not on the list. */
export const SUCCESSOR_MESSAGE = "Choose who takes over from the list";

export type HoldingCounts = { leads: number; milestones: number; actions: number; asks: number; cqcActions: number; priorities: number };

/** The non-zero counts as one phrase, or "nothing". */
export function describeHoldings(c: HoldingCounts): string {
  const parts = [
    c.leads ? plural(c.leads, "project lead role") : null,
    c.milestones ? plural(c.milestones, "open milestone") : null,
    c.actions ? plural(c.actions, "open action") : null,
    c.asks ? plural(c.asks, "ask waiting for an answer", "asks waiting for an answer") : null,
    c.cqcActions ? plural(c.cqcActions, "CQC action") : null,
    c.priorities ? plural(c.priorities, "Big Conversation priority", "Big Conversation priorities") : null,
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return "nothing";
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}
