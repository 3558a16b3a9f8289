// Wins Stepping Up suggests from a project's own evidence, for a person to confirm or dismiss.
// Pure: the model gathers the rows, this decides what is worth celebrating.
import type { ImprovementDirection, Stage } from "~/domain/enums";
import { daysBetween, formatDay } from "~/domain/calendar";

export type WinEvidenceKind = "measure_improvement" | "milestone_completed" | "change_adopted";

export type WinSuggestion = {
  evidenceKind: WinEvidenceKind;
  /** Stable key of the evidence: "measure:<id>:<latest date>", "milestone:<id>" or "pdsa:<id>". */
  evidenceRef: string;
  title: string;
  description: string;
  /** The day the evidence appeared, for ordering (newest first). */
  on: string;
};

export type WinEvidence = {
  stage: Stage;
  /** The app's today (YYYY-MM-DD): only evidence from the last SUGGEST_WITHIN_DAYS is suggested. */
  today: string;
  measures: {
    id: number;
    name: string;
    improvement: ImprovementDirection;
    latestSignal: string | null;
    latestDate: string | null;
    latestValue: number | null;
  }[];
  milestones: { id: number; title: string; completedOn: string | null }[];
  /** decidedOn: the cycle's end date, else the day it was last saved (when the decision was written). */
  cycles: {
    id: number;
    number: number;
    title: string;
    changeIdea: string;
    actDecision: string | null;
    decidedOn: string;
  }[];
  /** Evidence keys already recorded as wins or dismissed. */
  handled: ReadonlySet<string>;
};

/** Work still under way: a stopped, declined or closed project is not offered new wins. */
const SUGGESTING_STAGES: ReadonlySet<Stage> = new Set(["approved", "active", "sustaining"]);

/** Evidence older than this is history, not news: it can still be recorded by hand. */
export const SUGGEST_WITHIN_DAYS = 90;

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 2000;

/** "87.71929824561403" reads as 87.7. */
const formatValue = (n: number) => n.toLocaleString("en-GB", { maximumFractionDigits: 1 });

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export const measureEvidenceRef = (measureId: number, latestDate: string) => `measure:${measureId}:${latestDate}`;

const recent = (day: string, today: string) => {
  const age = daysBetween(day, today);
  return age >= 0 && age <= SUGGEST_WITHIN_DAYS;
};

export function suggestWins(input: WinEvidence): WinSuggestion[] {
  if (!SUGGESTING_STAGES.has(input.stage)) return [];
  const out: WinSuggestion[] = [];
  for (const m of input.measures) {
    if (m.improvement === "neutral" || m.latestSignal !== "improvement" || !m.latestDate) continue;
    const value = m.latestValue === null ? "" : ` (${formatValue(m.latestValue)})`;
    out.push({
      evidenceKind: "measure_improvement",
      evidenceRef: measureEvidenceRef(m.id, m.latestDate),
      title: clip(`Improvement in ${m.name}`, TITLE_MAX),
      description: clip(`The latest point${value} on ${formatDay(m.latestDate)} shows special cause improvement.`, DESCRIPTION_MAX),
      on: m.latestDate,
    });
  }
  for (const ms of input.milestones) {
    if (!ms.completedOn) continue;
    out.push({
      evidenceKind: "milestone_completed",
      evidenceRef: `milestone:${ms.id}`,
      title: clip(`Milestone reached: ${ms.title}`, TITLE_MAX),
      description: `Completed on ${formatDay(ms.completedOn)}.`,
      on: ms.completedOn,
    });
  }
  for (const c of input.cycles) {
    if (c.actDecision !== "adopt") continue;
    out.push({
      evidenceKind: "change_adopted",
      evidenceRef: `pdsa:${c.id}`,
      title: clip(`Change adopted: ${c.changeIdea}`, TITLE_MAX),
      description: clip(`PDSA cycle ${c.number}, "${c.title}", tested the change and the team decided to adopt it.`, DESCRIPTION_MAX),
      on: c.decidedOn,
    });
  }
  return out
    .filter((s) => !input.handled.has(s.evidenceRef) && recent(s.on, input.today))
    .sort((a, b) => (a.on === b.on ? a.evidenceRef.localeCompare(b.evidenceRef) : a.on < b.on ? 1 : -1));
}
