// NHS.UK date input: day, month and year boxes in one fieldset, bound to a conform field whose
// value has three parts (`<name>.day`, `<name>.month`, `<name>.year`). A schema turns the parts
// into an ISO day with isoFromDateParts; the form's default value can stay an ISO string, which
// the boxes split for display. This is how a `type=date` field can later move to this control.
import type { ReactNode } from "react";
import { ErrorMessage } from "./error-message";
import { describedBy, fieldErrors, hintId, type AnyField } from "./field";
import { Fieldset, type LegendSize } from "./fieldset";
import { Hint } from "./hint";

export type DateParts = { day: string; month: string; year: string };
const PARTS = ["day", "month", "year"] as const;
const LABELS = { day: "Day", month: "Month", year: "Year" } as const;

/** "2026-03-01" → { day: "1", month: "3", year: "2026" }; anything else → empty boxes. */
export function datePartsFromIso(value: unknown): DateParts {
  const m = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] } : { day: "", month: "", year: "" };
}

/** The ISO day the three boxes name, or null when they do not name a real day (31 April, year 26). */
export function isoFromDateParts(parts: Partial<Record<keyof DateParts, unknown>>): string | null {
  const [day, month, year] = PARTS.map((p) => String(parts[p] ?? "").trim());
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  const d = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (d.getUTCFullYear() !== Number(year) || d.getUTCMonth() !== Number(month) - 1 || d.getUTCDate() !== Number(day)) return null;
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

/**
 * The day box takes the field's id (nhsuk-frontend names it <id>-day) so that the error summary's
 * link, which points at the field, lands in the first box.
 */
export function DateInput({
  field,
  legend,
  legendSize = "s",
  isPageHeading,
  hint,
}: {
  field: AnyField;
  legend: ReactNode;
  legendSize?: LegendSize;
  isPageHeading?: boolean;
  hint?: ReactNode;
}) {
  const parts = (field as unknown as { getFieldset(): Record<keyof DateParts, AnyField> }).getFieldset();
  const fallback = datePartsFromIso(field.initialValue);
  const errors = fieldErrors(field);
  const invalid = errors.length > 0;
  const partHasError = PARTS.some((p) => parts[p].errors?.length);
  return (
    <div className={`nhsuk-form-group${invalid ? " nhsuk-form-group--error" : ""}`}>
      <Fieldset
        legend={legend}
        legendSize={isPageHeading ? undefined : legendSize}
        isPageHeading={isPageHeading}
        role="group"
        describedBy={describedBy(hint ? hintId(field.id) : null, invalid && field.errorId)}
      >
        {hint ? <Hint id={hintId(field.id)}>{hint}</Hint> : null}
        {invalid ? <ErrorMessage id={field.errorId}>{errors.join(". ")}</ErrorMessage> : null}
        <div className="nhsuk-date-input" key={field.key}>
          {PARTS.map((p) => {
            const part = parts[p];
            const id = p === "day" ? field.id : `${field.id}-${p}`;
            const boxInvalid = partHasError ? Boolean(part.errors?.length) : invalid;
            const initial = typeof part.initialValue === "string" ? part.initialValue : fallback[p];
            return (
              <div className="nhsuk-date-input__item" key={p}>
                <div className={`nhsuk-form-group${boxInvalid ? " nhsuk-form-group--error" : ""}`}>
                  <label className="nhsuk-label nhsuk-date-input__label" htmlFor={id}>
                    {LABELS[p]}
                  </label>
                  <input
                    className={`nhsuk-input${boxInvalid ? " nhsuk-input--error" : ""} nhsuk-input--width-${p === "year" ? 4 : 2} nhsuk-date-input__input`}
                    id={id}
                    name={part.name}
                    form={field.formId}
                    type="text"
                    inputMode="numeric"
                    defaultValue={initial}
                    aria-invalid={boxInvalid || undefined}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </Fieldset>
    </div>
  );
}
