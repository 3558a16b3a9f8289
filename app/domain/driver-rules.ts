// Driver diagram rules with no HTTP or database (IHI driver diagrams, the PICK chart): the status
// a change idea's PDSA cycles give it, the PICK category of its two ratings, and which links may be drawn.
import type { DriverLevel, PdsaDecision, PickEase, PickImpact } from "~/domain/enums";

export const CHANGE_IDEA_STATUSES = ["not_tested", "testing", "adopted", "adapted", "abandoned"] as const;
export type ChangeIdeaStatus = (typeof CHANGE_IDEA_STATUSES)[number];

export const CHANGE_IDEA_STATUS_LABELS: Record<ChangeIdeaStatus, string> = {
  not_tested: "Not yet tested",
  testing: "Testing",
  adopted: "Adopted",
  adapted: "Adapted",
  abandoned: "Abandoned",
};

export const DRIVER_LEVEL_LABELS: Record<DriverLevel, string> = { primary: "Primary driver", secondary: "Secondary driver" };

export type CycleEvidence = { number: number; actDecision: PdsaDecision | null; studyLearning?: string | null };

const DECIDED: Record<PdsaDecision, ChangeIdeaStatus> = { adopt: "adopted", adapt: "adapted", abandon: "abandoned" };

/**
 * A change idea's status is never set by hand: no cycle → not yet tested; otherwise the latest cycle
 * (highest number) decides — adopt, adapt or abandon — and a latest cycle with no Act decision is testing.
 * Pass only cycles that are not deleted.
 */
export function changeIdeaStatus(cycles: readonly CycleEvidence[]): ChangeIdeaStatus {
  const latest = latestCycle(cycles);
  if (!latest) return "not_tested";
  return latest.actDecision ? DECIDED[latest.actDecision] : "testing";
}

export function latestCycle<T extends CycleEvidence>(cycles: readonly T[]): T | undefined {
  return cycles.reduce<T | undefined>((best, c) => (!best || c.number > best.number ? c : best), undefined);
}

/** The most recent learning written in Study, newest cycle first ("" when none has any). */
export function latestLearning(cycles: readonly CycleEvidence[]): string {
  const sorted = [...cycles].sort((a, b) => b.number - a.number);
  return sorted.find((c) => c.studyLearning && c.studyLearning.trim())?.studyLearning?.trim() ?? "";
}

export const PICK_CATEGORIES = ["possible", "implement", "challenge", "kill"] as const;
export type PickCategory = (typeof PICK_CATEGORIES)[number];
export const PICK_LABELS: Record<PickCategory, string> = { possible: "Possible", implement: "Implement", challenge: "Challenge", kill: "Kill" };
export const PICK_HINTS: Record<PickCategory, string> = {
  possible: "Low impact, easy",
  implement: "High impact, easy",
  challenge: "High impact, hard",
  kill: "Low impact, hard",
};

/** The PICK chart: Possible (low, easy), Implement (high, easy), Challenge (high, hard), Kill (low, hard). */
export function pickCategory(impact: PickImpact, ease: PickEase): PickCategory {
  if (impact === "high") return ease === "easy" ? "implement" : "challenge";
  return ease === "easy" ? "possible" : "kill";
}

export type PickRating = { impact: PickImpact; ease: PickEase; at: number };
/** The current category is the latest rating's; earlier ratings are kept as history. */
export function currentPick(history: readonly PickRating[]): PickCategory | null {
  const latest = history.reduce<PickRating | undefined>((best, r) => (!best || r.at >= best.at ? r : best), undefined);
  return latest ? pickCategory(latest.impact, latest.ease) : null;
}

export type Node = { id: number; kind: "primary" | "secondary" | "idea" };
export type Edge = { parent: number; child: number };

/** True when drawing parent → child would close a loop in the links (child already reaches parent). */
export function wouldCreateCycle(edges: readonly Edge[], parent: number, child: number): boolean {
  if (parent === child) return true;
  const seen = new Set<number>();
  const stack = [child];
  while (stack.length) {
    const at = stack.pop()!;
    if (at === parent) return true;
    if (seen.has(at)) continue;
    seen.add(at);
    for (const e of edges) if (e.parent === at) stack.push(e.child);
  }
  return false;
}

/**
 * Why a link may not be drawn, or null. A secondary driver goes under a primary one; a change idea
 * goes under a secondary driver only; a link is never drawn twice and never closes a loop.
 */
export function linkProblem(parent: Node, child: Node, edges: readonly Edge[]): string | null {
  if (child.kind === "idea" && parent.kind !== "secondary") return "A change idea can only go under a secondary driver";
  if (child.kind === "secondary" && parent.kind !== "primary") return "A secondary driver can only go under a primary driver";
  if (child.kind === "primary") return "A primary driver goes straight under the aim, not under another driver";
  if (edges.some((e) => e.parent === parent.id && e.child === child.id)) return "These are already linked";
  // Ideas and drivers are numbered apart, so the loop check runs over drivers only (ideas have no children).
  if (child.kind !== "idea" && wouldCreateCycle(edges, parent.id, child.id)) return "That link would make a loop";
  return null;
}

/** The position that moves an item up or down one place in a list, or null at either end. */
export function swapWith<T extends { id: number }>(ordered: readonly T[], id: number, direction: "up" | "down"): T | null {
  const i = ordered.findIndex((x) => x.id === id);
  const j = direction === "up" ? i - 1 : i + 1;
  return i < 0 || j < 0 || j >= ordered.length ? null : ordered[j];
}

/**
 * Moving an item up or down past another in an ordered list, as a drag and drop does in one step: `past`
 * must be on that side of it (above it to move up, below it to move down), or null is returned.
 */
export function passing<T extends { id: number }>(ordered: readonly T[], id: number, past: number, direction: "up" | "down"): T | null {
  const i = ordered.findIndex((x) => x.id === id);
  const j = ordered.findIndex((x) => x.id === past);
  if (i < 0 || j < 0 || i === j) return null;
  return (direction === "up" ? j < i : j > i) ? ordered[j] : null;
}

/** The ids in their new order once `id` sits just above (moving up) or just below (moving down) `other`. */
export function placeBeside(ids: readonly number[], id: number, other: number, direction: "up" | "down"): number[] {
  const rest = ids.filter((x) => x !== id);
  const at = rest.indexOf(other);
  if (at < 0 || rest.length === ids.length) return [...ids];
  rest.splice(direction === "up" ? at : at + 1, 0, id);
  return rest;
}
