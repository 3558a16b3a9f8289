// One project's row on the board, as the board's query returns it: the table, the frozen board of a
// closed meeting and the CSV all read this shape.
import type { AttentionFlag } from "~/domain/attention";
import type { AssuranceIcon, Rag, Stage, VariationIcon } from "~/domain/enums";

export type BoardRow = {
  projectId: number;
  title: string;
  /** The trust's own reference (absent from boards frozen before references existed). */
  reference?: string | null;
  stage: Stage;
  themeName: string | null;
  divisionName: string | null;
  waveNumber: number | null;
  executiveLead: string | null;
  clinicalLead: string | null;
  latestRag: Rag | null;
  latestRagDate: string | null;
  boardRag: Rag | null;
  boardRagReason: string | null;
  boardRagDate: string | null;
  progressScore: number | null;
  milestonesDone: number;
  milestonesTotal: number;
  milestonesOverdue: number;
  worstSlipDays: number | null;
  lastPdsaDate: string | null;
  pdsaCyclesThisQuarter: number;
  primaryMeasureName: string | null;
  primarySparkline: number[] | null;
  primaryVariationIcon: VariationIcon | null;
  primaryAssuranceIcon: AssuranceIcon | null;
  openAsks: number;
  flags: AttentionFlag[];
  flagCount: number;
};
