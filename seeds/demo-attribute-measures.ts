// Demo measures drawn on attribute charts (ADR 030): a percentage with denominators in
// the tens of thousands (p′), C. difficile per 10,000 bed days (u), falls per 1,000 bed
// days (u′) and days between C. difficile cases (g). Deterministic like every series.
import type { MeasureSpec } from "./demo-types";

const owner = "Dr Priya Raman, Consultant Microbiologist";

export const CDIFF_ATTRIBUTE_MEASURES: MeasureSpec[] = [
  {
    key: "cdiff-u",
    name: "Hospital-onset C. difficile per 10,000 occupied bed days (u chart)",
    type: "outcome",
    definition:
      "Numerator: hospital-onset healthcare-associated C. difficile cases (UKHSA definition) in the month. Denominator: occupied bed days in the month from the bed state.",
    unit: "rate",
    ratePer: 10000,
    improvement: "decrease",
    frequency: "monthly",
    dataOwner: owner,
    dataSource: "Infection prevention surveillance and the daily bed state",
    ratio: { denominatorMin: 14000, denominatorMax: 19000 },
    chartType: "u",
    series: { seed: 31, segments: [{ n: 24, mean: 3.2, sd: 1.3 }], decimals: 2 },
    expect: { variation: "common_cause", assurance: null },
  },
  {
    key: "cdiff-days-between",
    name: "Days between hospital-onset C. difficile cases (g chart)",
    type: "outcome",
    definition: "For each case, the days since the previous hospital-onset case in the trust, recorded in the month of the case.",
    unit: "days",
    improvement: "increase",
    frequency: "monthly",
    dataOwner: owner,
    dataSource: "Infection prevention surveillance",
    chartType: "g",
    series: { seed: 32, segments: [{ n: 20, mean: 9, sd: 6 }], decimals: 0 },
    expect: { variation: "common_cause", assurance: null },
  },
];

export const NEWS2_ATTRIBUTE_MEASURES: MeasureSpec[] = [
  {
    key: "obs-on-time",
    name: "Trust-wide observation sets completed on time (p′ chart)",
    type: "process",
    definition:
      "Numerator: observation sets recorded by the time NEWS2 set for them. Denominator: observation sets due in the month, every adult inpatient ward.",
    unit: "percent",
    improvement: "increase",
    target: 95,
    frequency: "monthly",
    dataOwner: "Sam Okafor, Deteriorating Patient Lead",
    dataSource: "EPR observations audit",
    ratio: { denominatorMin: 21000, denominatorMax: 29000 },
    chartType: "pp",
    series: { seed: 33, segments: [{ n: 24, mean: 88, sd: 1.2 }], decimals: 2 },
    expect: { variation: "common_cause", assurance: "consistent_fail" },
  },
  {
    key: "falls-up",
    name: "Inpatient falls per 1,000 occupied bed days (u′ chart)",
    type: "balancing",
    definition: "Numerator: inpatient falls reported on Datix in the month. Denominator: occupied bed days on the adult inpatient wards.",
    unit: "rate",
    ratePer: 1000,
    improvement: "decrease",
    frequency: "monthly",
    dataOwner: "Sam Okafor, Deteriorating Patient Lead",
    dataSource: "Datix and the daily bed state",
    ratio: { denominatorMin: 15000, denominatorMax: 21000 },
    chartType: "up",
    series: { seed: 34, segments: [{ n: 24, mean: 6.1, sd: 0.6 }], decimals: 2 },
    expect: { variation: "common_cause", assurance: null },
  },
];
