// The board's CSV, written for a board secretary: every code becomes the words the pages use
// (the label maps of the domain and Making Data Count's icon names), one row per project.
import { FLAG_LABELS } from "~/domain/attention";
import type { Rag } from "~/domain/enums";
import { PROGRESS_SCALE, RAG_LABELS, STAGE_LABELS } from "~/domain/labels";
import { ASSURANCE_ICON_LABELS, VARIATION_ICON_LABELS } from "~/domain/spc/icon-labels";
import { waveLabel } from "~/domain/wave-label";
import { formatDay } from "~/web/dates";
import { aimSentence } from "~/web/presentation";
import type { BoardRow } from "~/web/board-row";

export const BOARD_CSV_HEADER = [
  "Project ID",
  "Project",
  "Reference",
  "Theme",
  "Division",
  "Wave",
  "Stage",
  "Executive lead",
  "Clinical lead",
  "Operational lead",
  "Senior manager",
  "SMART aim",
  "Aim measured by",
  "Team's latest RAG",
  "RAG reported on",
  "Board's view",
  "Board's reason",
  "Board assessed on",
  "Progress score",
  "Progress",
  "Milestones done",
  "Milestones total",
  "Milestones overdue",
  "Worst slip (days)",
  "Last PDSA activity",
  "PDSA cycles this quarter",
  "Primary measure",
  "Variation",
  "Assurance",
  "Asks waiting for an answer",
  "Waiting asks",
  "Attention flags",
  "Reasons",
] as const;

/** The board row without what only the page draws (the sparkline, the flag count). */
export type BoardCsvSummary = Omit<BoardRow, "primarySparkline" | "flagCount">;

export type BoardCsvExtra = {
  waveName: string | null;
  operationalLead: string | null;
  seniorManager: string | null;
  aim: { aimWhat: string; aimForWhom: string; aimMeasure: string; aimBaseline: number | null; aimTarget: number | null; aimTargetDate: string | null };
  waitingAsks: string[];
};

const rag = (value: Rag | null) => (value ? RAG_LABELS[value] : "");

export { waveLabel };

/** One project's row, in the order of BOARD_CSV_HEADER. Several waiting asks are one cell, a line each. */
export function boardCsvRow(r: BoardCsvSummary, extra: BoardCsvExtra | undefined): (string | number)[] {
  const aim = extra?.aim;
  return [
    r.projectId,
    r.title,
    r.reference ?? "",
    r.themeName ?? "",
    r.divisionName ?? "",
    waveLabel(r.waveNumber, extra?.waveName ?? null),
    STAGE_LABELS[r.stage],
    r.executiveLead ?? "",
    r.clinicalLead ?? "",
    extra?.operationalLead ?? "",
    extra?.seniorManager ?? "",
    aim && aim.aimWhat.trim() ? aimSentence(aim, formatDay) : "",
    aim?.aimMeasure ?? "",
    rag(r.latestRag),
    r.latestRagDate ?? "",
    rag(r.boardRag),
    r.boardRagReason ?? "",
    r.boardRagDate ?? "",
    r.progressScore ?? "",
    r.progressScore === null ? "Not scored" : (PROGRESS_SCALE[String(r.progressScore)]?.label ?? ""),
    r.milestonesDone,
    r.milestonesTotal,
    r.milestonesOverdue,
    r.worstSlipDays ?? "",
    r.lastPdsaDate ?? "",
    r.pdsaCyclesThisQuarter,
    r.primaryMeasureName ?? "",
    r.primaryVariationIcon ? VARIATION_ICON_LABELS[r.primaryVariationIcon] : "",
    r.primaryAssuranceIcon ? ASSURANCE_ICON_LABELS[r.primaryAssuranceIcon] : "",
    r.openAsks,
    (extra?.waitingAsks ?? []).join("\n"),
    r.flags.map((f) => FLAG_LABELS[f.code]).join("; "),
    r.flags.map((f) => f.reason).join("; "),
  ];
}
