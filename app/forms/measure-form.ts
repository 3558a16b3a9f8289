// The forms of a measure of improvement (definition, values, rebases, notes, import),
// shared by the browser (validation on submit) and the server.
import { z } from "zod";
import { CHART_TYPES, FREQUENCIES, IMPROVEMENT_DIRECTIONS, MEASURE_TYPES, MEASURE_UNITS, type ChartType, type MeasureUnit } from "~/domain/enums";
import { recommendChart } from "~/domain/measure-chart";
import { checkPoint, valueProblem, type PointEntry } from "~/domain/measure-periods";
import { isNumberInRange, NUMBER_RANGE_TEXT } from "~/domain/plausible";
import { optionalNumber, SHORT_TEXT, strictForm, version } from "~/forms/charter-form";
import { dayField, optionalDay } from "~/forms/day-field";
import { optionalText, requiredText } from "~/forms/text-field";
import { parseNumberCell } from "~/forms/spc-paste";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";
import { DEFINITION_LABELS, DEFINITION_TEXT_FIELDS } from "~/domain/measure-fields";

export { DEFINITION_LABELS, DEFINITION_TEXT_FIELDS };

/** The most rows one import takes. */
export const IMPORT_MAX_ROWS = 10_000;
/** The most characters one import takes (10,000 rows of a date and two numbers fit easily). */
export const IMPORT_MAX_CHARS = 1_000_000;

/** parseNumberCell ("95%", "−3", "1e3"), also taking thousands separators written the UK way ("1,234.5"). */
export function parseImportNumber(cell: string): number | null {
  const text = cell.trim();
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?%?$/.test(text)) return parseNumberCell(text.replace(/,/g, ""));
  return parseNumberCell(text);
}

const whole = (message: string, min: number, max: number) => z.number({ error: message }).int(message).min(min, message).max(max, message);

const checkbox = () => z.boolean({ error: "Tick the box or leave it empty" }).optional();

const definitionShape = {
  name: requiredText("Enter the name of the measure", { what: "The name", max: SHORT_TEXT }),
  type: z.enum(MEASURE_TYPES, { error: "Choose whether this is an outcome, process or balancing measure" }),
  definition: requiredText("Enter the operational definition: exactly what is counted, and how", {
    what: "The operational definition",
    max: 5000,
    multiline: true,
  }),
  unitLabel: optionalText({ what: "The unit", max: 100 }),
  improvement: z.enum(IMPROVEMENT_DIRECTIONS, { error: "Choose which direction is an improvement" }),
  target: optionalNumber("Enter the target as a number, like 90 or 12.5"),
  targetDate: optionalDay("The target date"),
  dataOwner: optionalText({ what: "The data owner", max: SHORT_TEXT }),
  dataSource: optionalText({ what: "The data source", max: SHORT_TEXT }),
  baselinePoints: whole("Enter the number of baseline points as a whole number, 12 or more", 12, 10_000).optional(),
  chartType: z.enum(CHART_TYPES, { error: "Choose a chart from the list" }).optional(),
  isPrimary: checkbox(),
};

// Unit, rate, frequency and ratio decide what every stored value means, so they are
// fixed once the measure has data (the edit form leaves them out then).
const seriesShape = {
  unit: z.enum(MEASURE_UNITS, { error: "Choose the unit" }),
  ratePer: whole("Enter what the rate is per as a whole number, like 1000", 1, 1_000_000_000).optional(),
  frequency: z.enum(FREQUENCIES, { error: "Choose how often the data is collected" }),
  usesRatio: checkbox(),
};

export const CreateMeasureSchema = strictForm({ ...definitionShape, ...seriesShape, [FORM_TOKEN_FIELD]: formToken() });

export const EditMeasureSchema = strictForm({
  intent: z.literal("save"),
  version: version(),
  ...definitionShape,
  unit: seriesShape.unit.optional(),
  ratePer: seriesShape.ratePer,
  frequency: seriesShape.frequency.optional(),
  usesRatio: seriesShape.usesRatio,
});

// Plain forms without conform: the version arrives as text.
const postedVersion = () => z.coerce.number().int().positive();
export const PrimaryMeasureSchema = z.strictObject({ intent: z.literal("primary"), version: postedVersion() });
export const DeleteMeasureSchema = z.strictObject({ version: postedVersion() });
/** Accepting the chart the data suggest (ADR 035). */
export const ChartChoiceSchema = z.strictObject({ intent: z.literal("chart"), version: postedVersion(), chartType: z.enum(CHART_TYPES) });

export type DefinitionValues = {
  name: string;
  type: z.output<typeof definitionShape.type>;
  definition: string;
  unit: MeasureUnit;
  unitLabel: string;
  ratePer: number | null;
  improvement: z.output<typeof definitionShape.improvement>;
  target: number | null;
  targetDate: string | null;
  frequency: z.output<typeof seriesShape.frequency>;
  dataOwner: string;
  dataSource: string;
  usesRatio: boolean;
  baselinePoints: number | null;
  /** The SPC chart (ADR 030); left blank on the form, the recommended one. */
  chartType: ChartType;
  isPrimary: boolean;
};

type SeriesValues = Pick<DefinitionValues, "unit" | "ratePer" | "frequency" | "usesRatio">;
type ParsedDefinition = Omit<z.output<typeof EditMeasureSchema>, "intent" | "version" | "confirmNoPatientData">;

/**
 * The row to store from a parsed form. `fixed` holds the stored unit, rate, frequency and
 * ratio of a measure that has data: the form cannot change them.
 */
export function toDefinitionValues(v: ParsedDefinition, fixed: SeriesValues | null): DefinitionValues {
  const unit = fixed?.unit ?? v.unit ?? "count";
  const usesRatio = fixed ? fixed.usesRatio : Boolean(v.usesRatio);
  return {
    name: v.name,
    type: v.type,
    definition: v.definition,
    unit,
    unitLabel: unit === "percent" ? "" : (v.unitLabel ?? ""),
    ratePer: fixed ? fixed.ratePer : unit === "rate" ? (v.ratePer ?? null) : null,
    improvement: v.improvement,
    target: v.target ?? null,
    targetDate: v.targetDate ?? null,
    frequency: fixed?.frequency ?? v.frequency ?? "monthly",
    dataOwner: v.dataOwner ?? "",
    dataSource: v.dataSource ?? "",
    usesRatio,
    baselinePoints: v.baselinePoints ?? null,
    chartType: v.chartType ?? recommendChart({ usesRatio, unit }),
    isPrimary: Boolean(v.isPrimary),
  };
}

/** Which fixed settings a submission tries to change (a stale form, or a forged field). */
export function fixedSettingChanges(v: ParsedDefinition, fixed: SeriesValues): Record<string, string[]> | null {
  const message = "This cannot change once the measure has data. Reload the page to see the measure as it is now";
  const errors: Record<string, string[]> = {};
  if (v.unit !== undefined && v.unit !== fixed.unit) errors.unit = [message];
  if (v.ratePer !== undefined && v.ratePer !== fixed.ratePer) errors.ratePer = [message];
  if (v.frequency !== undefined && v.frequency !== fixed.frequency) errors.frequency = [message];
  if (v.usesRatio !== undefined && v.usesRatio !== fixed.usesRatio) errors.usesRatio = [message];
  return Object.keys(errors).length ? errors : null;
}

/** Checks across fields, on the values as they will be stored. */
export function definitionProblems(v: DefinitionValues): Record<string, string[]> | null {
  const errors: Record<string, string[]> = {};
  if (v.unit === "other" && !v.unitLabel) errors.unitLabel = ["Enter the unit, like falls or beds"];
  if (v.unit === "rate" && !v.ratePer) {
    errors.ratePer = ["Enter what the rate is per, like 1000 for falls per 1,000 bed days"];
  }
  if (v.target !== null) {
    const problem = valueProblem(v.target, v.unit);
    if (problem) errors.target = [`The target is not possible: ${problem}`];
  }
  if ((v.chartType === "p" || v.chartType === "pp" || v.chartType === "u" || v.chartType === "up") && !v.usesRatio) {
    errors.chartType = ["A p, p′, u or u′ chart needs each value entered as a numerator and a denominator: choose another chart, or tick that box"];
  }
  if ((v.chartType === "p" || v.chartType === "pp") && v.unit !== "percent") {
    errors.chartType = ["A p or p′ chart is for a percentage: choose a u or u′ chart for a rate"];
  }
  if (v.targetDate && v.target === null) {
    errors.targetDate = ["Enter a target to go with the target date, or leave the date blank"];
  }
  return Object.keys(errors).length ? errors : null;
}

// Values

export type PointSettings = { unit: MeasureUnit; ratePer: number | null; usesRatio: boolean };

const numberText = (what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text === "") return undefined;
      const n = parseImportNumber(text);
      if (n === null) {
        ctx.addIssue({ code: "custom", message: `Enter the ${what} as a number, like 12 or 92.5` });
        return z.NEVER;
      }
      if (!isNumberInRange(n)) {
        ctx.addIssue({ code: "custom", message: `The ${what} must be ${NUMBER_RANGE_TEXT}` });
        return z.NEVER;
      }
      return n;
    });

const periodDate = () =>
  dayField({
    what: "The date",
    required: "Enter the date of the period",
  });

/**
 * One form for adding or correcting a value: a single value, or a numerator and a
 * denominator when the measure is entered as a ratio (the other fields are refused).
 */
export function pointSchema(settings: PointSettings) {
  return strictForm({
    intent: z.enum(["add", "update"]),
    pointId: z.number().int().positive().optional(),
    updatedAt: z.number().int().nonnegative().optional(),
    periodDate: periodDate(),
    value: numberText("value"),
    numerator: numberText("numerator"),
    denominator: numberText("denominator"),
    note: optionalText({ what: "The note", max: 500, multiline: true }),
    [FORM_TOKEN_FIELD]: formToken(),
  }).superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (settings.usesRatio) {
      if (v.value !== undefined) issue("value", "This measure is entered as a numerator and a denominator");
      if (v.numerator === undefined) issue("numerator", "Enter the numerator");
      if (v.denominator === undefined) issue("denominator", "Enter the denominator");
    } else {
      if (v.numerator !== undefined || v.denominator !== undefined) {
        issue("value", "This measure is entered as a single value, not a numerator and a denominator");
      }
      if (v.value === undefined) issue("value", "Enter the value");
    }
    const entry = pointEntry(v, settings);
    if (!entry) return;
    const checked = checkPoint(entry, settings);
    if (!checked.ok) {
      const field = settings.usesRatio ? (/numerator/.test(checked.problem) ? "numerator" : "denominator") : "value";
      issue(field, checked.problem.charAt(0).toUpperCase() + checked.problem.slice(1));
    }
  });
}

export type PointFormValues = z.output<ReturnType<typeof pointSchema>>;

/** The entry a parsed form describes, or null while a number is missing. */
export function pointEntry(v: Pick<PointFormValues, "value" | "numerator" | "denominator">, settings: Pick<PointSettings, "usesRatio">): PointEntry | null {
  if (settings.usesRatio) {
    return v.numerator === undefined || v.denominator === undefined ? null : { usesRatio: true, numerator: v.numerator, denominator: v.denominator };
  }
  return v.value === undefined ? null : { usesRatio: false, value: v.value };
}

export const DeletePointSchema = z.strictObject({
  intent: z.literal("delete"),
  pointId: z.coerce.number().int().positive(),
  updatedAt: z.coerce.number().int().nonnegative(),
});

// Rebases and notes

export const RebaseSchema = strictForm({
  intent: z.literal("add"),
  periodDate: periodDate(),
  reason: requiredText("Enter why the limits are recalculated, like New triage process started", {
    what: "The reason",
    max: SHORT_TEXT,
  }),
  /** "yes" when the person knows the new limits rest on fewer than 12 points (trial limits). */
  trialLimits: z.literal("yes").optional(),
  [FORM_TOKEN_FIELD]: formToken(),
});

export const AnnotationSchema = strictForm({
  intent: z.literal("add"),
  periodDate: periodDate(),
  text: requiredText("Enter the note to show on the chart", { what: "The note", max: 300 }),
  [FORM_TOKEN_FIELD]: formToken(),
});
