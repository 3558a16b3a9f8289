// Attention flags: what the programme board must look at, each with its reason in words.
// Thresholds are "more than": a flag starts the day after the threshold is passed.
// Dates are calendar days in Europe/London against the app's today.
import { addDays } from "date-fns/addDays";
import { addMonths } from "date-fns/addMonths";
import { addWeeks } from "date-fns/addWeeks";
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { parseISO } from "date-fns/parseISO";
import { isOverdue, slipDays } from "~/domain/milestone-rules";
import { shortenText } from "~/domain/short-text";
import { TEAM_ROLE_LABELS } from "~/domain/labels";
import type { Frequency, ImprovementDirection, MeasureType, Rag, Stage, TeamRole } from "~/domain/enums";

export type AttentionThresholds = {
  milestoneSlipDays: number; // 30
  pdsaStaleWeeks: number; // 6
  statusStaleWeeks: number; // 5
  measureGapPeriods: number; // 3
  askOpenDays: number; // 14
};

export const DEFAULT_THRESHOLDS: AttentionThresholds = {
  milestoneSlipDays: 30,
  pdsaStaleWeeks: 6,
  statusStaleWeeks: 5,
  measureGapPeriods: 3,
  askOpenDays: 14,
};

export type AttentionInput = {
  stage: Stage;
  /** When the project started counting (planned start, else created); used when there is no PDSA or report yet. */
  startedOn: string;
  progressScore: number | null;
  latestRag: Rag | null;
  lastStatusReportOn: string | null;
  lastPdsaActivityOn: string | null;
  milestones: { title: string; baselineDate: string; forecastDate: string; completedOn: string | null }[];
  measures: {
    name: string;
    type: MeasureType;
    improvement: ImprovementDirection;
    frequency: Frequency;
    target: number | null;
    latestDate: string | null;
    latestSignal: "improvement" | "concern" | "neutral" | "common" | null;
  }[];
  openAsks: { what: string; raisedOn: string }[];
  /** Leads (any single-holder team role) whose account is disabled: they have left and nobody is named yet (ADR 106). */
  leadsWhoLeft?: { role: Exclude<TeamRole, "member">; name: string }[];
};

export const FLAG_CODES = [
  "milestone_overdue",
  "milestone_slipped",
  "pdsa_stale",
  "status_stale",
  "measure_concern",
  "measure_no_data",
  "rag_green_but_overdue",
  "rag_green_but_concern",
  "score_without_improvement",
  "score_without_target",
  "ask_open",
  "lead_left",
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];
/** `detail` is the full text a reason quotes when the reason had to shorten it. */
export type AttentionFlag = { code: FlagCode; reason: string; detail?: string };

export const FLAG_LABELS: Record<FlagCode, string> = {
  milestone_overdue: "Milestone overdue",
  milestone_slipped: "Milestone slipped",
  pdsa_stale: "No recent PDSA activity",
  status_stale: "No recent status report",
  measure_concern: "Measure of concern",
  measure_no_data: "Measure without recent data",
  rag_green_but_overdue: "Green with an overdue milestone",
  rag_green_but_concern: "Green with a measure of concern",
  score_without_improvement: "Score not backed by improvement",
  score_without_target: "Score without measure targets",
  ask_open: "Ask waiting for an answer",
  lead_left: "Lead has left",
};

export const NO_FLAG_STAGES: ReadonlySet<Stage> = new Set(["closed", "stopped", "declined"]);
export const REPORTING_STAGES: ReadonlySet<Stage> = new Set(["approved", "active", "sustaining"]);

const days = (from: string, to: string) => differenceInCalendarDays(parseISO(to), parseISO(from));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Whole periods after the latest one that have ended before today with no data. */
export function missingPeriods(latestDate: string, frequency: Frequency, today: string): number {
  const step = { daily: addDays, weekly: addWeeks, monthly: addMonths }[frequency];
  const start = parseISO(latestDate);
  const now = parseISO(today);
  let missing = 0;
  // Period k (k ≥ 1 after the latest) has ended once the period after it has begun, on or before today.
  while (step(start, missing + 2) <= now) missing++;
  return missing;
}

export function attentionFlags(input: AttentionInput, today: string, t: AttentionThresholds = DEFAULT_THRESHOLDS): AttentionFlag[] {
  if (NO_FLAG_STAGES.has(input.stage)) return [];
  const flags: AttentionFlag[] = [];

  const open = input.milestones.filter((m) => !m.completedOn);
  const overdue = open.filter((m) => isOverdue(m, today));
  for (const m of overdue) {
    flags.push({
      code: "milestone_overdue",
      reason: `"${m.title}" was due ${plural(days(m.forecastDate, today), "day")} ago`,
    });
  }
  for (const m of open) {
    const slip = slipDays(m);
    if (slip > t.milestoneSlipDays) {
      flags.push({
        code: "milestone_slipped",
        reason: `"${m.title}" has slipped ${plural(slip, "day")} from its baseline`,
      });
    }
  }

  if (input.stage === "active") {
    const since = input.lastPdsaActivityOn ?? input.startedOn;
    const quiet = days(since, today);
    if (quiet > t.pdsaStaleWeeks * 7) {
      flags.push({
        code: "pdsa_stale",
        reason: input.lastPdsaActivityOn
          ? `No PDSA cycle started or updated for ${plural(Math.floor(quiet / 7), "week")}`
          : `No PDSA cycle in ${plural(Math.floor(quiet / 7), "week")} since the project started`,
      });
    }
  }

  if (REPORTING_STAGES.has(input.stage)) {
    const since = input.lastStatusReportOn ?? input.startedOn;
    const quiet = days(since, today);
    if (quiet > t.statusStaleWeeks * 7) {
      flags.push({
        code: "status_stale",
        reason: input.lastStatusReportOn
          ? `Last status report ${plural(Math.floor(quiet / 7), "week")} ago`
          : `No status report in ${plural(Math.floor(quiet / 7), "week")}`,
      });
    }
  }

  const concerns = input.measures.filter((m) => m.latestSignal === "concern" && m.improvement !== "neutral");
  for (const m of concerns) {
    if (m.type === "outcome" || m.type === "balancing") {
      flags.push({ code: "measure_concern", reason: `${m.name}: the latest point is a special cause of concern` });
    }
  }
  for (const m of input.measures) {
    if (!m.latestDate) continue;
    const missing = missingPeriods(m.latestDate, m.frequency, today);
    if (missing >= t.measureGapPeriods) {
      const unit = { daily: "day", weekly: "week", monthly: "month" }[m.frequency];
      flags.push({ code: "measure_no_data", reason: `${m.name}: no data for the last ${plural(missing, unit)}` });
    }
  }

  // Contradictions between what the team says and what the data shows.
  if (input.latestRag === "green" && overdue.length > 0) {
    flags.push({
      code: "rag_green_but_overdue",
      reason: `Reported green while ${plural(overdue.length, "milestone")} ${overdue.length === 1 ? "is" : "are"} overdue`,
    });
  }
  if (input.latestRag === "green" && concerns.length > 0) {
    flags.push({
      code: "rag_green_but_concern",
      reason: `Reported green while ${concerns[0].name} shows a special cause of concern`,
    });
  }
  const score = input.progressScore;
  if (score !== null && score >= 3.5 && !input.measures.some((m) => m.latestSignal === "improvement")) {
    flags.push({
      code: "score_without_improvement",
      reason: `Progress score ${score.toFixed(1)} claims improvement, but no measure's latest point shows special-cause improvement`,
    });
  }
  if (score !== null && score >= 2.5 && !input.measures.some((m) => m.target !== null)) {
    flags.push({
      code: "score_without_target",
      reason: `Progress score ${score.toFixed(1)} needs measures shown against a target, but no measure has one`,
    });
  }

  for (const ask of input.openAsks) {
    const age = days(ask.raisedOn, today);
    if (age > t.askOpenDays) {
      const what = shortenText(ask.what, 80);
      flags.push({ code: "ask_open", reason: `Ask open for ${plural(age, "day")}: "${what.text}"`, ...(what.cut ? { detail: ask.what } : {}) });
    }
  }

  // A lead whose account was disabled still holds the role until someone else is named (ADR 106).
  for (const lead of input.leadsWhoLeft ?? []) {
    const role = TEAM_ROLE_LABELS[lead.role].toLowerCase();
    flags.push({ code: "lead_left", reason: `The ${role}, ${lead.name}, has left: name a new ${role}` });
  }
  return flags;
}
