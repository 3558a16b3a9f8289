// A measure definition's fields as people read them: labels for the audit summary and the
// conflict panel, and the free-text fields checked for patient data.
/** Labels for the audit summary and the conflict panel, in form order. */
export const DEFINITION_LABELS: Record<string, string> = {
  name: "Name",
  type: "Type",
  definition: "Operational definition",
  unit: "Unit",
  unitLabel: "Unit label",
  ratePer: "Rate per",
  improvement: "Improvement direction",
  target: "Target",
  targetDate: "Target date",
  frequency: "Frequency",
  dataOwner: "Data owner",
  dataSource: "Data source",
  usesRatio: "Entered as numerator and denominator",
  baselinePoints: "Baseline points",
  chartType: "Chart",
  isPrimary: "Primary measure",
};

/** The free-text fields checked for patient data. */
export const DEFINITION_TEXT_FIELDS = ["name", "definition", "unitLabel", "dataOwner", "dataSource"] as const;
