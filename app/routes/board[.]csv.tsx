import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { FLAG_LABELS } from "~/domain/attention";
import { STAGE_LABELS } from "~/domain/labels";
import { parseBoardQuery } from "~/web/board-query.server";
import { toCsv } from "~/web/csv";
import { requireUser } from "~/auth/guards.server";
import { today as getToday } from "~/today.server";
import { listBoardRowsForExport } from "~/models/board.server";
import { freshProgramme } from "~/models/programme.server";

const HEADER = [
  "Project ID",
  "Project",
  "Theme",
  "Division",
  "Wave",
  "Stage",
  "Executive lead",
  "Clinical lead",
  "Team's latest RAG",
  "RAG reported on",
  "Board's view",
  "Board's reason",
  "Board assessed on",
  "Progress score",
  "Milestones done",
  "Milestones total",
  "Milestones overdue",
  "Worst slip (days)",
  "Last PDSA activity",
  "PDSA cycles this quarter",
  "Primary measure",
  "Variation",
  "Assurance",
  "Open asks",
  "Attention flags",
  "Reasons",
];

// Every row of the current filter (not just the page), one row per project.
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const db = getDb();
  const today = getToday();
  const programme = freshProgramme(db, today);
  const rows = listBoardRowsForExport(db, programme.id, parseBoardQuery(new URL(request.url).searchParams));
  const csv = toCsv(
    HEADER,
    rows.map((r) => [
      r.projectId,
      r.title,
      r.themeName ?? "",
      r.divisionName ?? "",
      r.waveNumber ?? "",
      STAGE_LABELS[r.stage],
      r.executiveLead ?? "",
      r.clinicalLead ?? "",
      r.latestRag ?? "",
      r.latestRagDate ?? "",
      r.boardRag ?? "",
      r.boardRagReason ?? "",
      r.boardRagDate ?? "",
      r.progressScore ?? "",
      r.milestonesDone,
      r.milestonesTotal,
      r.milestonesOverdue,
      r.worstSlipDays ?? "",
      r.lastPdsaDate ?? "",
      r.pdsaCyclesThisQuarter,
      r.primaryMeasureName ?? "",
      r.primaryVariationIcon ?? "",
      r.primaryAssuranceIcon ?? "",
      r.openAsks,
      r.flags.map((f) => FLAG_LABELS[f.code]).join("; "),
      r.flags.map((f) => f.reason).join("; "),
    ]),
  );
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="stepping-up-board-${today}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
