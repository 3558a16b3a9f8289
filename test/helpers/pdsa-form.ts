// The PDSA cycle forms as the pages would post them: a new cycle, and the edit form of a stored one.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { pdsaCycleMeasures, pdsaCycles } from "../../db/schema";

type Form = Record<string, string | string[]>;

/** A complete "plan a cycle" form with a new change idea, linked to these measures, with some fields changed. */
export function pdsaCreateForm(measureIds: number[], overrides: Form = {}): Form {
  return {
    intent: "create",
    changeIdea: "new",
    newChangeIdea: "Bedside prompt card",
    title: "Prompt card at every bedside, day shifts",
    question: "Does a bedside card make escalation quicker?",
    prediction: "Escalation within 30 minutes rises to 85%",
    measureIds: measureIds.map(String),
    planWho: "Day-shift nurses on the ward",
    planWhat: "A laminated card at each bedside",
    planWhen: "Two weeks from Monday",
    planWhere: "Bays A to C",
    planDataCollection: "Ward sister audits every escalation daily",
    startDate: "2026-11-20",
    endDate: "2026-12-04",
    ...overrides,
  };
}

/** Every field of the edit form, as the page would send it for this stored cycle, with some fields changed. */
export function pdsaEditForm(db: Db, cycleId: number, overrides: Form = {}): Form {
  const c = db.select().from(pdsaCycles).where(eq(pdsaCycles.id, cycleId)).get();
  if (!c) throw new Error(`no PDSA cycle ${cycleId}`);
  const linked = db
    .select({ id: pdsaCycleMeasures.measureId })
    .from(pdsaCycleMeasures)
    .where(eq(pdsaCycleMeasures.cycleId, cycleId))
    .all()
    .map((m) => String(m.id));
  return {
    intent: "save",
    version: String(c.version),
    changeIdea: String(c.changeIdeaId),
    title: c.title,
    question: c.question,
    prediction: c.prediction,
    measureIds: linked,
    planWho: c.planWho,
    planWhat: c.planWhat,
    planWhen: c.planWhen,
    planWhere: c.planWhere,
    planDataCollection: c.planDataCollection,
    doWhatHappened: c.doWhatHappened,
    doObservations: c.doObservations,
    doProblems: c.doProblems,
    studyResults: c.studyResults,
    studyLearning: c.studyLearning,
    actDecision: c.actDecision ?? "",
    actNextStep: c.actNextStep,
    startDate: c.startDate,
    endDate: c.endDate ?? "",
    ...overrides,
  };
}
