import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z, ZodType as ZodTypeAny } from "zod";
import { useResetAfterSave } from "~/components/nhs/reset-after-save";

/**
 * conform's useForm with the NHS pattern: validate on submit only (as the NHS and GOV.UK design
 * systems advise), so the error summary and the page do not jump while someone is typing or clicking.
 * After a save that comes back to the same page, the form is emptied (useResetAfterSave).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function useNhsForm<Schema extends ZodTypeAny<Record<string, any>, Record<string, any>>>(
  schema: Schema,
  lastResult: SubmissionResult<string[]> | null | undefined,
  id?: string,
  defaultValue?: Record<string, unknown>,
) {
  const [form, fields] = useForm<z.input<Schema>, z.output<Schema>>({
    id,
    lastResult,
    defaultValue: defaultValue as never,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  // Saved and back on the same page: empty the form, so the next entry starts afresh.
  useResetAfterSave(form.id, Object.keys(form.allErrors).length > 0);
  return [form, fields] as const;
}
