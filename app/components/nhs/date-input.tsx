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

/** The boxes an error is about: a box with an error of its own, those the typed parts get wrong, or all three (the whole date is wrong). */
export function dateBoxesInError(field: AnyField): readonly DatePart[] {
  if (fieldErrors(field).length === 0) return [];
  const parts = partsOf(field);
  const own = DATE_PARTS.filter((p) => parts[p].errors?.length);
  return own.length > 0 ? own : datePartsInError(field.value ?? field.initialValue);
}

/** Where the error summary's link for a date goes: its first box at fault. */
export const firstDateBoxInError = (field: AnyField) => datePartId(field.id, dateBoxesInError(field)[0] ?? "day");

/** A date input bound to a conform field (see the file's comment). */
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
  const errors = fieldErrors(field);
  return (
    <DateInputView
      id={field.id}
      names={{ day: parts.day.name, month: parts.month.name, year: parts.year.name }}
      values={boxesOf(field.initialValue)}
      error={errors.length ? errors.join(". ") : undefined}
      errorId={field.errorId}
      boxesInError={dateBoxesInError(field)}
      legend={legend}
      legendSize={legendSize}
      isPageHeading={isPageHeading}
      hint={hint}
      formId={field.formId}
      resetKey={field.key}
    />
  );
}

/** The markup of a date input, for a form conform does not manage (a GET filter). */
export function DateInputView({
  id,
  names,
  values,
  error,
  errorId = `${id}-error`,
  boxesInError = error ? DATE_PARTS : [],
  legend,
  legendSize,
  isPageHeading,
  hint,
  formId,
  resetKey,
}: {
  id: string;
  names: Record<DatePart, string>;
  values: DateParts;
  error?: string;
  errorId?: string;
  boxesInError?: readonly DatePart[];
  legend: ReactNode;
  legendSize?: LegendSize;
  isPageHeading?: boolean;
  hint?: ReactNode;
  formId?: string;
  resetKey?: string;
}) {
  const inError = new Set(boxesInError);
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <Fieldset
        legend={legend}
        legendSize={isPageHeading ? "l" : legendSize}
        isPageHeading={isPageHeading}
        role="group"
        describedBy={describedBy(hintId(id), error && errorId)}
      >
        <Hint id={hintId(id)}>
          {hint ? <>{hint} </> : null}
          {DATE_EXAMPLE}
        </Hint>
        {error ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
        <div className="nhsuk-date-input" id={id} key={resetKey}>
          {DATE_PARTS.map((p) => {
            const boxId = datePartId(id, p);
            const boxInvalid = inError.has(p);
            return (
              <div className="nhsuk-date-input__item" key={p}>
                <div className={`nhsuk-form-group${boxInvalid ? " nhsuk-form-group--error" : ""}`}>
                  <label className="nhsuk-label nhsuk-date-input__label" htmlFor={boxId}>
                    {LABELS[p]}
                  </label>
                  <input
                    className={`nhsuk-input${boxInvalid ? " nhsuk-input--error" : ""} nhsuk-input--width-${p === "year" ? 4 : 2} nhsuk-date-input__input`}
                    id={boxId}
                    name={names[p]}
                    form={formId}
                    type="text"
                    inputMode="numeric"
                    defaultValue={values[p]}
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
