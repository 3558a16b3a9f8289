// The PDSA worksheet's fields as people read them: labels for the audit summary and the
// conflict panel, and the free-text fields checked for patient data.
/** Labels for the conflict panel and the audit summary, in worksheet order. */
export const CYCLE_LABELS = {
  changeIdea: "Change idea",
  title: "Change being tested",
  question: "Question",
  prediction: "Prediction",
  measures: "Measures",
  planWho: "Who",
  planWhat: "What",
  planWhen: "When",
  planWhere: "Where",
  planDataCollection: "Data collection",
  startDate: "Start date",
  endDate: "End date",
  doWhatHappened: "What happened",
  doObservations: "Observations",
  doProblems: "Problems and surprises",
  studyResults: "Results against the prediction",
  studyLearning: "What was learned",
  actDecision: "Decision",
  actNextStep: "Next step",
} as const;

/** The free-text fields checked for patient data. */
export const CYCLE_TEXT_FIELDS = [
  "newChangeIdea",
  "title",
  "question",
  "prediction",
  "planWho",
  "planWhat",
  "planWhen",
  "planWhere",
  "planDataCollection",
  "doWhatHappened",
  "doObservations",
  "doProblems",
  "studyResults",
  "studyLearning",
  "actNextStep",
] as const;
