// Words people read for each enumerated value.
import type {
  AskState,
  CqcDomain,
  ImprovementDirection,
  MeasureType,
  MeasureUnit,
  Origin,
  PdsaDecision,
  PdsaStatus,
  Rag,
  Role,
  Stage,
  TeamRole,
  Frequency,
} from "~/domain/enums";

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  board: "Programme board member",
  staff: "Staff",
  viewer: "Viewer",
};

export const TEAM_ROLE_LABELS: Record<TeamRole, string> = {
  executive_lead: "Executive lead",
  operational_lead: "Operational lead",
  clinical_lead: "Clinical lead",
  senior_manager: "Senior manager",
  project_lead: "Project lead",
  member: "Team member",
};

export const STAGE_LABELS: Record<Stage, string> = {
  proposed: "Proposed",
  approved: "Approved",
  active: "Active",
  sustaining: "Sustaining",
  closed: "Closed",
  stopped: "Stopped",
  declined: "Declined",
};

export const CQC_DOMAIN_LABELS: Record<CqcDomain, string> = {
  safe: "Safe",
  effective: "Effective",
  caring: "Caring",
  responsive: "Responsive",
  well_led: "Well-led",
};

export const ORIGIN_LABELS: Record<Origin, string> = {
  cqc_must_do: "CQC must-do",
  cqc_should_do: "CQC should-do",
  staff_idea: "Staff idea",
  lia_wave: "Listening into Action wave",
  other: "Other",
};

export const RAG_LABELS: Record<Rag, string> = { red: "Red", amber: "Amber", green: "Green" };

export const PDSA_STATUS_LABELS: Record<PdsaStatus, string> = {
  planned: "Planned",
  doing: "Doing",
  studying: "Studying",
  done: "Done",
};

export const PDSA_DECISION_LABELS: Record<PdsaDecision, string> = {
  adopt: "Adopt",
  adapt: "Adapt",
  abandon: "Abandon",
};

export const MEASURE_TYPE_LABELS: Record<MeasureType, string> = {
  outcome: "Outcome",
  process: "Process",
  balancing: "Balancing",
};

export const MEASURE_UNIT_LABELS: Record<MeasureUnit, string> = {
  percent: "%",
  count: "count",
  rate: "rate",
  minutes: "minutes",
  days: "days",
  other: "",
};

export const IMPROVEMENT_LABELS: Record<ImprovementDirection, string> = {
  increase: "Higher is better",
  decrease: "Lower is better",
  neutral: "Neither (neutral)",
};

export const FREQUENCY_LABELS: Record<Frequency, string> = { daily: "Daily", weekly: "Weekly", monthly: "Monthly" };

export const ASK_STATE_LABELS: Record<AskState, string> = {
  open: "Open",
  accepted: "Accepted",
  resolved: "Resolved",
  declined: "Declined",
};

/** IHI project progress scale (Institute for Healthcare Improvement). */
export const PROGRESS_SCALE: Record<string, { label: string; meaning: string }> = {
  "0.5": { label: "Intent to participate", meaning: "Project identified; no charter or team yet" },
  "1": { label: "Charter and team established", meaning: "Charter reviewed, team assigned, no work yet" },
  "1.5": { label: "Planning begun", meaning: "Resources, focus, tools and meeting schedule organised" },
  "2": { label: "Activity, but no changes", meaning: "Learning cycles begun: baseline data, process study, surveys" },
  "2.5": {
    label: "Changes tested, but no improvement",
    meaning: "Change testing begun; most goals have a measure shown on a chart with its target",
  },
  "3": {
    label: "Modest improvement",
    meaning: "Successful tests for some changes; some small-scale implementation; anecdotal improvement",
  },
  "3.5": { label: "Improvement", meaning: "Testing and implementation continue; measures improve towards goals" },
  "4": {
    label: "Significant improvement",
    meaning: "Expected results achieved for major subsystems; implementation begun; goals at least 50% met",
  },
  "4.5": { label: "Sustainable improvement", meaning: "Data on key measures begin to show the changes are sustained" },
  "5": {
    label: "Outstanding sustainable results",
    meaning: "All goals met; changes made permanent in the organisation",
  },
};

export function progressLabel(score: number | null | undefined): string {
  if (score === null || score === undefined) return "Not scored";
  return `${score.toFixed(1)} ${PROGRESS_SCALE[String(score)]?.label ?? ""}`.trim();
}
