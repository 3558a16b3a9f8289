// Big Conversations (Listening into Action): who may write, and how a priority's plan is counted (ADR 095).
import type { AssuranceIcon } from "~/domain/enums";
import { canGovern, type Actor } from "~/domain/permissions";

/** Log, edit and remove listening events, adopt priorities and set their action plans: the programme board and admins. */
export const canRunConversations = (actor: Actor) => canGovern(actor);

/** Record the themes raised at an event: the board, admins, and the event's own facilitator (any signed-in staff). */
export function canRecordThemes(actor: Actor, event: { facilitatorUserId: number }): boolean {
  if (canRunConversations(actor)) return true;
  return actor.role !== "viewer" && actor.id === event.facilitatorUserId;
}

/** A priority's assurance level, in the board's Making Data Count words (no level yet: "Not yet assessed"). */
export const PRIORITY_ASSURANCE_LABELS: Record<AssuranceIcon, string> = {
  consistent_pass: "Assured: consistently delivering",
  consistent_fail: "Not assured: consistently failing",
  inconsistent: "Partly assured: hit and miss",
};
export const NOT_ASSESSED = "Not yet assessed";

export type PlanCounts = { open: number; overdue: number; closed: number };

/** Open (not done and not past due), overdue (not done, due before today) and closed actions. */
export function countPlan(actions: { dueOn: string; completedOn: string | null }[], today: string): PlanCounts {
  const counts = { open: 0, overdue: 0, closed: 0 };
  for (const a of actions) {
    if (a.completedOn) counts.closed++;
    else if (a.dueOn < today) counts.overdue++;
    else counts.open++;
  }
  return counts;
}

/** The refusal when a chosen person is not one of Stepping Up's people; shown beside the field that chose them. */
export const UNKNOWN_PERSON = "Choose a person from the list of people in Stepping Up";
