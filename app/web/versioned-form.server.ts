// The replies of a form that saves a versioned record through a command (the charter, the closure
// summary): a failure keeps the user's input and the version they posted, patient data asks for a
// confirmation, a conflict answers 409 with the record's new version, a refusal becomes a form error.
import type { Submission, SubmissionResult } from "@conform-to/react";
import { data, redirect } from "@remix-run/node";
import type { Conflict } from "~/domain/conflict";
import { patientDataWarning } from "~/forms/pii-guard.server";
import type { CommandResult } from "~/models/command.server";

export type VersionedFormResult = {
  result: SubmissionResult<string[]>;
  version: number | null;
  pii: boolean;
  conflict: Conflict | null;
};

export function versionedFormReplies(formData: FormData) {
  const postedVersion = Number(formData.get("version")) || null;
  const fail = (result: SubmissionResult<string[]>, extra: Partial<VersionedFormResult> = {}, status = 400) =>
    data<VersionedFormResult>({ result, version: postedVersion, pii: false, conflict: null, ...extra }, { status });
  return {
    fail,
    /** The 400 asking to confirm text that looks like patient data, or null when there is none. */
    patientData(submission: Submission<unknown>, text: Record<string, unknown>) {
      const pii = patientDataWarning(text, formData);
      return pii ? fail(submission.reply({ fieldErrors: pii }), { pii: true }) : null;
    },
    /** Where a saved form goes, or why it was not saved. */
    saved(submission: Submission<unknown>, result: CommandResult<unknown, Conflict>, to: string) {
      if ("conflict" in result) {
        const { conflict } = result;
        return fail(submission.reply(), { version: conflict.currentVersion, conflict }, 409);
      }
      if (!result.ok) return fail(submission.reply({ formErrors: [result.refused] }), {}, result.status);
      return redirect(to);
    },
  };
}
