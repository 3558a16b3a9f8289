// The definition of a measure as NHS form controls, shared by "add a measure" and
// "edit the definition". Once a measure has data its unit, rate, frequency and the way
// values are entered are shown as fixed text: they decide what every stored value means.
import type { ReactNode } from "react";
import { DateInput, Checkboxes, InsetText, SelectField, TextareaField, TextField, type AnyField } from "~/components/nhs";
import { CHART_TYPES, FREQUENCIES, IMPROVEMENT_DIRECTIONS, MEASURE_TYPES, MEASURE_UNITS, type Frequency, type MeasureUnit } from "~/domain/enums";
import { CHART_TYPE_LABELS } from "~/domain/measure-chart";
import { FREQUENCY_LABELS, IMPROVEMENT_LABELS, MEASURE_TYPE_LABELS } from "~/domain/labels";

type Fields = Record<string, AnyField>;

export const UNIT_OPTION_LABELS: Record<MeasureUnit, string> = {
  percent: "Percentage (%)",
  count: "Count",
  rate: "Rate per N (like falls per 1,000 bed days)",
  minutes: "Minutes",
  days: "Days",
  other: "Other (name the unit below)",
};

/** One yes-or-no checkbox bound to a conform field ("on" when ticked). */
export function Checkbox({ field, label, hint }: { field: AnyField; label: ReactNode; hint?: ReactNode }) {
  return <Checkboxes field={field} items={[{ value: "on", label, hint }]} />;
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
  "chartType",
  "dataOwner",
  "dataSource",
  "isPrimary",
] as const;

/** A select's options: each value of a list with its label. */
const labelled = <V extends string>(values: readonly V[], labels: Record<V, string>) => values.map((value) => ({ value, label: labels[value] }));

/** The named fields of a conform fieldset, for ErrorSummary. */
export function pickFields(fields: Fields, names: readonly string[]): Fields {
  return Object.fromEntries(names.map((n) => [n, fields[n]]));
}

export type FixedSeries = { unit: string; frequency: Frequency; usesRatio: boolean; points: number };

export function MeasureDefinitionFields({ fields, fixed }: { fields: Fields; fixed: FixedSeries | null }) {
  return (
    <>
      <TextField field={fields.name} label="Name of the measure" hint="Short and specific, like Falls per 1,000 bed days on Ward 5" width={30} />
      <SelectField
        field={fields.type}
        label="Type of measure"
        hint="Outcome: the aim itself. Process: is the change happening as planned? Balancing: has it caused a problem elsewhere?"
        placeholder="Choose a type"
        options={labelled(MEASURE_TYPES, MEASURE_TYPE_LABELS)}
      />
      <TextareaField
        field={fields.definition}
        label="Operational definition"
        hint="Exactly what is counted and how: who is included and left out, the numerator and denominator, when it is measured. Two people following it should get the same number."
        rows={5}
      />

      {fixed ? (
        <InsetText>
          <p>
            Unit: {fixed.unit}. Collected {FREQUENCY_LABELS[fixed.frequency].toLowerCase()}
            {fixed.usesRatio ? ", entered as a numerator and a denominator" : ""}.
          </p>
          <p>
            These cannot change now that the measure has {fixed.points.toLocaleString("en-GB")} {fixed.points === 1 ? "value" : "values"}: they decide what each
            value means. To measure it another way, add a new measure.
          </p>
        </InsetText>
      ) : (
        <>
          <SelectField field={fields.unit} label="Unit" placeholder="Choose a unit" options={labelled(MEASURE_UNITS, UNIT_OPTION_LABELS)} />
          <TextField field={fields.ratePer} label="Rate per (for a rate)" hint="A whole number, like 1000 for falls per 1,000 bed days" width={10} />
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
            options={labelled(FREQUENCIES, FREQUENCY_LABELS)}
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
        options={labelled(IMPROVEMENT_DIRECTIONS, IMPROVEMENT_LABELS)}
      />
      <TextField field={fields.target} label="Target (optional)" hint="A number, like 90 or 12.5" width={10} />
      <DateInput field={fields.targetDate} legend="Date to reach the target (optional)" />
      <TextField
        field={fields.baselinePoints}
        label="Fix the limits on the first points (optional)"
        hint="How many points the mean and limits are calculated from, 12 or more. Leave blank to use every point."
        width={4}
      />
      <SelectField
        field={fields.chartType}
        label="Chart (optional)"
        hint="Leave blank for the recommended chart: p for a percentage entered as a numerator and a denominator (p′ when denominators run to tens of thousands), u for a rate (u′ likewise), c for a count, g for days between events, otherwise XmR."
        placeholder="Recommended for this measure"
        options={labelled(CHART_TYPES, CHART_TYPE_LABELS)}
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
