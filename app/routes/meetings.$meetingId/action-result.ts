import type { SubmissionResult } from "@conform-to/react";
import type { Conflict } from "~/domain/conflict";
import type { CloseProblem } from "~/domain/meeting-rules";

/** What a failed edit sends back to the meeting page: which form, and what went wrong. */
export type ActionResult = {
  intent: string;
  itemId?: number;
  result?: SubmissionResult<string[]>;
  conflict?: Conflict;
  pii?: boolean;
  message?: string;
  /** Why the meeting could not close, each linked to its agenda item. */
  problems?: CloseProblem[];
};
