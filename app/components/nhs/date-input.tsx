// NHS.UK date input: day, month and year boxes in one fieldset, bound to a conform field whose
// value has three parts (`<name>.day`, `<name>.month`, `<name>.year`). The schema (dayField in
// ~/forms/day-field) turns the parts into an ISO day; the form's default value can stay an ISO
// string, which the boxes split for display. Ids follow nhsuk-frontend: the group is <id>, the
// boxes <id>-day, <id>-month and <id>-year.
import type { ReactNode } from "react";
import { DATE_EXAMPLE, DATE_PARTS, datePartsFromIso, datePartsInError, type DatePart, type DateParts } from "~/forms/date-parts";
import { ErrorMessage } from "./error-message";
import { describedBy, fieldErrors, hintId, type AnyField } from "./field";
import { Fieldset, type LegendSize } from "./fieldset";
import { Hint } from "./hint";

export { datePartsFromIso, isoFromDateParts, type DateParts } from "~/forms/date-parts";

const LABELS = { day: "Day", month: "Month", year: "Year" } as const;

/** The id of one box. */
export const datePartId = (id: string, part: DatePart) => `${id}-${part}`;

type Parts = Record<DatePart, AnyField>;
const partsOf = (field: AnyField) => (field as unknown as { getFieldset(): Parts }).getFieldset();

/** The boxes of a value: the parts a submission sent back, or an ISO default split. */
function boxesOf(value: unknown): DateParts {
  if (value === null || typeof value !== "object") return datePartsFromIso(value);
  const o = value as Record<string, unknown>;
  return Object.fromEntries(DATE_PARTS.map((p) => [p, typeof o[p] === "string" ? o[p] : ""])) as DateParts;
}

/** The boxes an error is about: those the typed parts get wrong, or all three (the whole date is wrong). */
export function dateBoxesInError(field: AnyField): readonly DatePart[] {
  if (fieldErrors(field).length === 0) return [];
  return datePartsInError(field.value ?? field.initialValue);
}

/** Where the error summary's link for a date goes: its first box at fault. */
export const firstDateBoxInError = (field: AnyField) => datePartId(field.id, dateBoxesInError(field)[0] ?? "day");

export function DateInput({
  field,
  legend,
  legendSize,
  isPageHeading,
  hint,
}: {
  field: AnyField;
  legend: ReactNode;
  legendSize?: LegendSize;
  isPageHeading?: boolean;
  /** Said before the example ("For example, 15 3 2027"), which every date input gives. */
  hint?: ReactNode;
}) {
  const parts = partsOf(field);
  const initial = boxesOf(field.initialValue);
  const errors = fieldErrors(field);
  const invalid = errors.length > 0;
  const inError = new Set(dateBoxesInError(field));
  return (
    <div className={`nhsuk-form-group${invalid ? " nhsuk-form-group--error" : ""}`}>
      <Fieldset
        legend={legend}
        legendSize={isPageHeading ? "l" : legendSize}
        isPageHeading={isPageHeading}
        role="group"
        describedBy={describedBy(hintId(field.id), invalid && field.errorId)}
      >
        <Hint id={hintId(field.id)}>
          {hint ? <>{hint} </> : null}
          {DATE_EXAMPLE}
        </Hint>
        {invalid ? <ErrorMessage id={field.errorId}>{errors.join(". ")}</ErrorMessage> : null}
        <div className="nhsuk-date-input" id={field.id} key={field.key}>
          {DATE_PARTS.map((p) => {
            const id = datePartId(field.id, p);
            const boxInvalid = inError.has(p);
            return (
              <div className="nhsuk-date-input__item" key={p}>
                <div className={`nhsuk-form-group${boxInvalid ? " nhsuk-form-group--error" : ""}`}>
                  <label className="nhsuk-label nhsuk-date-input__label" htmlFor={id}>
                    {LABELS[p]}
                  </label>
                  <input
                    className={`nhsuk-input${boxInvalid ? " nhsuk-input--error" : ""} nhsuk-input--width-${p === "year" ? 4 : 2} nhsuk-date-input__input`}
                    id={id}
                    name={parts[p].name}
                    form={field.formId}
                    type="text"
                    inputMode="numeric"
                    defaultValue={initial[p]}
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
