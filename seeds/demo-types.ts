// The shape of the demo portfolio, written as data. Every date is an offset in
// days from "today" (negative = past), turned into calendar dates when seeding.
import type { ChartType } from "../app/domain/enums";
import type {
  AskState,
  AssuranceIcon,
  CqcDomain,
  ImprovementDirection,
  MeasureType,
  MeasureUnit,
  MeetingDecision,
  Origin,
  PdsaDecision,
  PdsaStatus,
  Rag,
  Stage,
  TeamRole,
  VariationIcon,
} from "../app/domain/enums";
import type { DivisionKey, ThemeKey } from "./demo-people";

/** Days from today; negative is the past. */
export type Offset = number;
/** A key of DEMO_PEOPLE. */
export type PersonKey = string;
export type LeadRole = Exclude<TeamRole, "member">;

export type SeriesSpec = {
  /** Extra seed mixed with the measure key, to pick another deterministic draw. */
  seed: number;
  /** Consecutive runs of points around a level (normal noise). */
  segments: { n: number; mean: number; sd: number }[];
  /** Single points replaced by a fixed value (index counts from 0; negative from the end). */
  spikes?: { index: number; value: number }[];
  /** Decimal places kept (counts are always whole numbers). */
  decimals?: number;
};

export type MeasureSpec = {
  key: string;
  name: string;
  type: MeasureType;
  definition: string;
  unit: MeasureUnit;
  unitLabel?: string;
  ratePer?: number;
  improvement: ImprovementDirection;
  target?: number;
  /** Target date, in months from today. */
  targetInMonths?: number;
  frequency: "weekly" | "monthly";
  dataOwner: string;
  dataSource: string;
  primary?: boolean;
  /** Points carry numerator and denominator; value = numerator / denominator × 100. */
  ratio?: { denominatorMin: number; denominatorMax: number };
  /** The SPC chart (ADR 030); XmR when left out. A rate with `ratio` stores numerator / denominator × ratePer. */
  chartType?: ChartType;
  baselinePoints?: number;
  series: SeriesSpec;
  /** The data stopped this many periods before the last full period (0 = up to date). */
  stoppedPeriodsAgo?: number;
  /** Limits recalculated from the point at this index, with the reason. */
  rebase?: { index: number; reason: string };
  notes?: { index: number; text: string }[];
  annotations?: { index: number; text: string }[];
  /**
   * The SPC reading of the latest point (NHSRplotthedots rules) this series is built to show.
   * Not stored: documentation for the app's attention rules, checked by test/seeds.
   */
  expect: { variation: VariationIcon; assurance: AssuranceIcon | null };
};

export type CycleSpec = {
  idea: string;
  title: string;
  status: PdsaStatus;
  start: Offset;
  end?: Offset;
  /** When the cycle was last edited; defaults to the end date, else the start date. */
  touched?: Offset;
  /** Builds on the previous cycle of the same change idea (a ramp). */
  ramp?: boolean;
  question: string;
  prediction: string;
  who: string;
  what: string;
  when: string;
  where: string;
  data: string;
  did?: string;
  observed?: string;
  problems?: string;
  results?: string;
  learning?: string;
  decision?: PdsaDecision;
  next?: string;
  /** Keys of the project's measures this cycle is judged on. */
  measures?: string[];
};

export type MilestoneSpec = {
  title: string;
  owner: string;
  baseline: Offset;
  /** Defaults to the baseline (not slipped). */
  forecast?: Offset;
  completed?: Offset;
  /** Forecast moves and re-baselines, oldest first. */
  changes?: { kind: "forecast" | "rebaseline"; from: Offset; to: Offset; reason: string; at: Offset; by: PersonKey }[];
};

export type ReportSpec = {
  at: Offset;
  rag: Rag;
  ragReason?: string;
  progress: string;
  nextSteps: string;
  risks: string;
  by: PersonKey;
};

export type AskSpec = {
  what: string;
  /** The person the ask is addressed to; omitted = addressed to the board as a whole. */
  to?: PersonKey;
  created: Offset;
  due?: Offset;
  /** Raised in the status report of this date (offset); omitted = raised directly. */
  fromReport?: Offset;
  by: PersonKey;
  state: AskState;
  response?: string;
  answeredBy?: PersonKey;
  answeredAt?: Offset;
};

export type ScoreSpec = { score: number; at: Offset; by: PersonKey; evidence: string };

export type TeamSpec = {
  /** When the team was formed (defaults to the project's creation). */
  from?: Offset;
  leads: Partial<Record<LeadRole, PersonKey>>;
  members?: PersonKey[];
  /** Lead changes kept in history: `previous` held the role until `on`, the current holder since. */
  handovers?: { role: LeadRole; previous: PersonKey; on: Offset }[];
};

export type ClosureSpec = {
  aimAchieved: boolean;
  evidence: string;
  adopted: string;
  sustain: string;
  owner: string;
  lessons: string;
};

export type ProjectSpec = {
  key: string;
  title: string;
  stage: Stage;
  stageReason?: string;
  theme: ThemeKey | null;
  division: DivisionKey | null;
  service?: string;
  origin: Origin;
  originReference?: string;
  wave?: 1 | 2 | 3;
  problem: string;
  proposalIdea?: string;
  aim?: {
    what: string;
    forWhom: string;
    measure: string;
    baseline: number | null;
    target: number | null;
    /** Months from today; null = no date. */
    targetInMonths: number | null;
  };
  scope?: string;
  created: Offset;
  createdBy: PersonKey;
  /** Defaults to the wave's dates for LiA projects. */
  plannedStart?: Offset;
  plannedEnd?: Offset;
  domains: CqcDomain[];
  team?: TeamSpec;
  /** Progress score history, oldest first; the last is the project's current score. */
  scores?: ScoreSpec[];
  closure?: ClosureSpec;
  cycles?: CycleSpec[];
  milestones?: MilestoneSpec[];
  measures?: MeasureSpec[];
  reports?: ReportSpec[];
  asks?: AskSpec[];
  assessments?: { rag: Rag; reason: string; comment?: string; at: Offset; by: PersonKey; atPastMeeting?: boolean }[];
  wins?: {
    title: string;
    description: string;
    kind: "measure_improvement" | "milestone_completed" | "change_adopted" | "other";
    ref: string;
    by: PersonKey;
    at: Offset;
  }[];
};

export type CqcActionSpec = {
  kind: "must_do" | "should_do";
  reference: string;
  text: string;
  domain: CqcDomain;
  service: string;
  projects: string[];
};

export type MeetingSpec = {
  title: string;
  date: Offset;
  state: "planned" | "closed";
  attendees: string;
  createdBy: PersonKey;
  items: { project: string; reason: string; decision?: MeetingDecision; notes?: string }[];
  actions: { project?: string; text: string; owner: PersonKey; due: Offset; completed?: Offset }[];
};
