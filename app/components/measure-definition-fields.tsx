// The definition of a measure as NHS form controls, shared by "add a measure" and
// "edit the definition". Once a measure has data its unit, rate, frequency and the way
// values are entered are shown as fixed text: they decide what every stored value means.
import { getInputProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { SelectField, TextareaField, TextField } from "~/components/forms";
import { FREQUENCIES, IMPROVEMENT_DIRECTIONS, MEASURE_TYPES, MEASURE_UNITS, type Frequency, type MeasureUnit } from "~/domain/enums";
import { FREQUENCY_LABELS, IMPROVEMENT_LABELS, MEASURE_TYPE_LABELS } from "~/domain/labels";

type AnyField = FieldMetadata<any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Fields = Record<string, AnyField>;

export const UNIT_OPTION_LABELS: Record<MeasureUnit, string> = {
  percent: "Percentage (%)",
  count: "Count",
  rate: "Rate per N (like falls per 1,000 bed days)",
  minutes: "Minutes",
  days: "Days",
  other: "Other (name the unit below)",
};

export function Checkbox({ field, label, hint }: { field: AnyField; label: ReactNode; hint?: ReactNode }) {
  const { key, ...props } = getInputProps(field, { type: "checkbox", ariaAttributes: false });
  const invalid = Boolean(field.errors?.length);
  return (
    <div className={`nhsuk-form-group${invalid ? " nhsuk-form-group--error" : ""}`}>
      {invalid ? (
        <span className="nhsuk-error-message" id={field.errorId}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {field.errors?.join(". ")}
        </span>
      ) : null}
      <div className="nhsuk-checkboxes">
        <div className="nhsuk-checkboxes__item">
          <input
            key={key}
            {...props}
            className="nhsuk-checkboxes__input"
            aria-describedby={[hint ? `${field.id}-hint` : "", invalid ? field.errorId : ""].filter(Boolean).join(" ") || undefined}
          />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={field.id}>
            {label}
          </label>
          {hint ? (
            <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${field.id}-hint`}>
              {hint}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** Form order, for the error summary's links. */
export const DEFINITION_FIELDS = [
  "name",
  "type",
  "definition",
  "unit",
  "ratePer",
  "unitLabel",
  "frequency",
  "usesRatio",
  "improvement",
  "target",
  "targetDate",
  "baselinePoints",
  "dataOwner",
  "dataSource",
  "isPrimary",
] as const;

/** The named fields of a conform fieldset, for ErrorSummary. */
export function pickFields(fields: Fields, names: readonly string[]): Fields {
  return Object.fromEntries(names.map((n) => [n, fields[n]]));
}

export type FixedSeries = { unit: string; frequency: Frequency; usesRatio: boolean; points: number };

export function MeasureDefinitionFields({ fields, fixed }: { fields: Fields; fixed: FixedSeries | null }) {
  return (
    <>
      <TextField
        field={fields.name}
        label="Name of the measure"
        hint="Short and specific, like Falls per 1,000 bed days on Ward 5"
        width={30}
      />
      <SelectField
        field={fields.type}
        label="Type of measure"
        hint="Outcome: the aim itself. Process: is the change happening as planned? Balancing: has it caused a problem elsewhere?"
        placeholder="Choose a type"
        options={MEASURE_TYPES.map((t) => ({ value: t, label: MEASURE_TYPE_LABELS[t] }))}
      />
      <TextareaField
        field={fields.definition}
        label="Operational definition"
        hint="Exactly what is counted and how: who is included and left out, the numerator and denominator, when it is measured. Two people following it should get the same number."
        rows={5}
      />

      {fixed ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            Unit: {fixed.unit}. Collected {FREQUENCY_LABELS[fixed.frequency].toLowerCase()}
            {fixed.usesRatio ? ", entered as a numerator and a denominator" : ""}.
          </p>
          <p>
            These cannot change now that the measure has {fixed.points.toLocaleString("en-GB")}{" "}
            {fixed.points === 1 ? "value" : "values"}: they decide what each value means. To measure it another way,
            add a new measure.
          </p>
        </div>
      ) : (
        <>
          <SelectField
            field={fields.unit}
            label="Unit"
            placeholder="Choose a unit"
            options={MEASURE_UNITS.map((u) => ({ value: u, label: UNIT_OPTION_LABELS[u] }))}
          />
          <TextField
            field={fields.ratePer}
            label="Rate per (for a rate)"
            hint="A whole number, like 1000 for falls per 1,000 bed days"
            width={10}
          />
        </>
      )}
      <TextField
        field={fields.unitLabel}
        label="Unit label (needed for Other)"
        hint="Shown after numbers on the chart, like falls or per 1,000 bed days. Not used for a percentage."
        width={20}
      />
      {fixed ? null : (
        <>
          <SelectField
            field={fields.frequency}
            label="How often is the data collected?"
            hint="One value per period. Weekly values belong to the week starting on Monday; monthly values to the month."
            placeholder="Choose how often"
            options={FREQUENCIES.map((f) => ({ value: f, label: FREQUENCY_LABELS[f] }))}
          />
          <Checkbox
            field={fields.usesRatio}
            label="Enter each value as a numerator and a denominator"
            hint="The value is worked out for you: numerator ÷ denominator × 100 for a percentage, or × N for a rate per N. Both numbers are kept."
          />
        </>
      )}
      <SelectField
        field={fields.improvement}
        label="Which direction is an improvement?"
        placeholder="Choose a direction"
        options={IMPROVEMENT_DIRECTIONS.map((d) => ({ value: d, label: IMPROVEMENT_LABELS[d] }))}
      />
      <TextField field={fields.target} label="Target (optional)" hint="A number, like 90 or 12.5" width={10} />
      <TextField field={fields.targetDate} label="Date to reach the target (optional)" type="date" />
      <TextField
        field={fields.baselinePoints}
        label="Fix the limits on the first points (optional)"
        hint="How many points the mean and limits are calculated from, 12 or more. Leave blank to use every point."
        width={4}
      />
      <TextField field={fields.dataOwner} label="Data owner (optional)" hint="Who collects and checks the data" width={30} />
      <TextField field={fields.dataSource} label="Data source (optional)" hint="Where the numbers come from, like the EPR weekly extract" width={30} />
      <Checkbox
        field={fields.isPrimary}
        label="This is the project's primary measure"
        hint="The programme board sees each project's primary measure. Choosing this one unmarks the current primary measure."
      />
    </>
  );
}
