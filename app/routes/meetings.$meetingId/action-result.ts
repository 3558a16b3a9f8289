import type { SubmissionResult } from "@conform-to/react";
import type { Conflict } from "~/domain/conflict";

/** What a failed edit sends back to the meeting page: which form, and what went wrong. */
export type ActionResult = {
  intent: string;
  itemId?: number;
  result?: SubmissionResult<string[]>;
  conflict?: Conflict;
  pii?: boolean;
  message?: string;
};
