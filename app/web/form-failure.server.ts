// The reply of a form that was not saved: conform's result (the input kept, the errors beside the
// fields) and whether to ask for the patient-data confirmation, with status 400.
import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";

export type FormFailure = { result: SubmissionResult<string[]>; pii: boolean };

export const formFailure = (result: SubmissionResult<string[]>, pii = false) => data<FormFailure>({ result, pii }, { status: 400 });
