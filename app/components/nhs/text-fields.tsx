// NHS.UK text input, textarea and select wired to conform: each control gets aria-invalid and
// aria-describedby (hint, then error) from its field metadata.
import { getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { ErrorMessage } from "./error-message";
import { describedBy, hintId, type AnyField } from "./field";
import { Hint } from "./hint";

/** Label, hint and error around one control, with the form group's error state. */
export function FieldShell({ field, label, hint, children }: { field: AnyField; label: ReactNode; hint?: ReactNode; children: ReactNode }) {
  const invalid = Boolean(field.errors?.length);
  return (
    <div className={`nhsuk-form-group${invalid ? " nhsuk-form-group--error" : ""}`}>
      <label className="nhsuk-label" htmlFor={field.id}>
        {label}
      </label>
      {hint ? <Hint id={hintId(field.id)}>{hint}</Hint> : null}
      {invalid ? <ErrorMessage id={field.errorId}>{field.errors?.join(". ")}</ErrorMessage> : null}
      {children}
    </div>
  );
}

export const ariaFor = (field: AnyField, hint?: ReactNode) => {
  const invalid = Boolean(field.errors?.length);
  return {
    "aria-invalid": invalid || undefined,
    "aria-describedby": describedBy(hint ? hintId(field.id) : null, invalid && field.errorId),
  };
};

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
        {...ariaFor(field, hint)}
        className={`nhsuk-input${width ? ` nhsuk-input--width-${width}` : ""}${invalid ? " nhsuk-input--error" : ""}`}
      />
    </FieldShell>
  );
}

export function TextareaField({ field, label, hint, rows = 4 }: { field: AnyField; label: ReactNode; hint?: ReactNode; rows?: number }) {
  const invalid = Boolean(field.errors?.length);
  const { key, ...props } = getTextareaProps(field, { ariaAttributes: false });
  return (
    <FieldShell field={field} label={label} hint={hint}>
      <textarea key={key} {...props} rows={rows} {...ariaFor(field, hint)} className={`nhsuk-textarea${invalid ? " nhsuk-textarea--error" : ""}`} />
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
      <select key={key} {...props} {...ariaFor(field, hint)} className={`nhsuk-select${invalid ? " nhsuk-select--error" : ""}`}>
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
