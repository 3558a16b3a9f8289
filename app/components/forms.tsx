// NHS.UK form controls wired to conform: each control gets aria-invalid and
// aria-describedby from its field metadata, and the error summary links to fields.
import {
  useForm,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
  type FormMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z, ZodType as ZodTypeAny } from "zod";
import { useEffect, useRef, type ReactNode } from "react";

type AnyField = FieldMetadata<any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function describedBy(field: AnyField, hint?: ReactNode) {
  const ids = [hint ? `${field.id}-hint` : "", field.errors?.length ? field.errorId : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function FieldShell({
  field,
  label,
  hint,
  children,
}: {
  field: AnyField;
  label: ReactNode;
  hint?: ReactNode;
  children: ReactNode;
}) {
  const invalid = Boolean(field.errors?.length);
  return (
    <div className={`nhsuk-form-group${invalid ? " nhsuk-form-group--error" : ""}`}>
      <label className="nhsuk-label" htmlFor={field.id}>
        {label}
      </label>
      {hint ? (
        <div className="nhsuk-hint" id={`${field.id}-hint`}>
          {hint}
        </div>
      ) : null}
      {invalid ? (
        <span className="nhsuk-error-message" id={field.errorId}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {field.errors?.join(". ")}
        </span>
      ) : null}
      {children}
    </div>
  );
}

type InputType = "text" | "email" | "password" | "number" | "date" | "url" | "search" | "tel";

export function TextField({
  field,
  label,
  hint,
  type = "text",
  width,
  autoComplete,
  step,
}: {
  field: AnyField;
  label: ReactNode;
  hint?: ReactNode;
  type?: InputType;
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  autoComplete?: string;
  step?: string;
}) {
  const invalid = Boolean(field.errors?.length);
  const { key, ...props } = getInputProps(field, { type, ariaAttributes: false });
  return (
    <FieldShell field={field} label={label} hint={hint}>
      <input
        key={key}
        {...props}
        step={step}
        autoComplete={autoComplete}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(field, hint)}
        className={`nhsuk-input${width ? ` nhsuk-input--width-${width}` : ""}${invalid ? " nhsuk-input--error" : ""}`}
      />
    </FieldShell>
  );
}

export function TextareaField({
  field,
  label,
  hint,
  rows = 4,
}: {
  field: AnyField;
  label: ReactNode;
  hint?: ReactNode;
  rows?: number;
}) {
  const invalid = Boolean(field.errors?.length);
  const { key, ...props } = getTextareaProps(field, { ariaAttributes: false });
  return (
    <FieldShell field={field} label={label} hint={hint}>
      <textarea
        key={key}
        {...props}
        rows={rows}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(field, hint)}
        className={`nhsuk-textarea${invalid ? " nhsuk-textarea--error" : ""}`}
      />
    </FieldShell>
  );
}

export function SelectField({
  field,
  label,
  hint,
  options,
  placeholder,
}: {
  field: AnyField;
  label: ReactNode;
  hint?: ReactNode;
  options: readonly { value: string; label: string }[];
  placeholder?: string;
}) {
  const invalid = Boolean(field.errors?.length);
  const { key, ...props } = getSelectProps(field, { ariaAttributes: false });
  return (
    <FieldShell field={field} label={label} hint={hint}>
      <select
        key={key}
        {...props}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(field, hint)}
        className={`nhsuk-select${invalid ? " nhsuk-select--error" : ""}`}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** The NHS error summary: form-level errors first, then one link per invalid field. Takes focus when shown. */
export function ErrorSummary({
  form,
  fields,
}: {
  form: FormMetadata<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  fields: Record<string, AnyField>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const formErrors = form.errors ?? [];
  const fieldErrors = Object.values(fields).filter((f) => f.errors?.length);
  const count = formErrors.length + fieldErrors.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count, form.status]);
  if (count === 0) return null;
  return (
    <div className="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabIndex={-1} ref={ref}>
      <h2 className="nhsuk-error-summary__title" id="error-summary-title">
        There is a problem
      </h2>
      <div className="nhsuk-error-summary__body">
        <ul className="nhsuk-list nhsuk-error-summary__list">
          {formErrors.map((message: string) => (
            <li key={message}>{message}</li>
          ))}
          {fieldErrors.map((f) => (
            <li key={f.name}>
              <a href={`#${f.id}`}>{f.errors?.join(". ")}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/**
 * conform's useForm with the NHS pattern: validate on submit only (as the NHS and GOV.UK design
 * systems advise), so the error summary and the page do not jump while someone is typing or clicking.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function useNhsForm<Schema extends ZodTypeAny<Record<string, any>, Record<string, any>>>(
  schema: Schema,
  lastResult: SubmissionResult<string[]> | null | undefined,
  id?: string,
  defaultValue?: Record<string, unknown>,
) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    id,
    lastResult,
    defaultValue: defaultValue as never,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}
