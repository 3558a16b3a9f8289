// The /spc calculator form: the fields people fill in, read into the same
// request the JSON API takes and checked by the same SpcRequestSchema.
import { z } from "zod";
import { IMPROVEMENT_DIRECTIONS, TWO_OF_THREE_MODES, type SpcInput } from "~/domain/spc";
import { parsePastedSeries, parseNumberCell, parseRebaseText } from "~/forms/spc-paste";
import { MAX_RULE_LENGTH, MIN_BASELINE, MIN_RULE_LENGTH, parseSpcRequest } from "~/forms/spc-request";
import { optionalText } from "~/forms/text-field";

export const CHART_CHOICES = ["auto", "xmr", "run", "p", "pp", "u", "up", "c", "g", "t"] as const;
export type ChartChoice = (typeof CHART_CHOICES)[number];

/** Several problems in one field are shown together; past this many, the rest are counted. */
const MAX_MESSAGES = 5;

export interface SpcCalculation {
  input: SpcInput;
  rebaseReasons: { index: number; reason: string }[];
  header: string | null;
  unit: string;
  chart: ChartChoice;
}

/** Charts whose values are numerators over denominators. */
const NEEDS_DENOMINATORS: readonly ChartChoice[] = ["p", "pp", "u", "up"];

type FormField =
  | "data"
  | "denominators"
  | "multiply"
  | "chart"
  | "improvement"
  | "target"
  | "baseline"
  | "rebase"
  | "unit"
  | "screen_outliers"
  | "shift_length"
  | "trend_length"
  | "two_of_three_mode";

/** Where an API field's problem shows on the form. */
const FORM_FIELD: Record<string, FormField> = {
  values: "data",
  dates: "data",
  denominators: "denominators",
  multiply: "multiply",
  chart: "chart",
  body: "data",
  improvement: "improvement",
  target: "target",
  baseline: "baseline",
  rebase: "rebase",
  screen_outliers: "screen_outliers",
  shift_length: "shift_length",
  trend_length: "trend_length",
  two_of_three_mode: "two_of_three_mode",
};

function capped(errors: string[]): string[] {
  if (errors.length <= MAX_MESSAGES) return errors;
  const more = errors.length - MAX_MESSAGES;
  return [...errors.slice(0, MAX_MESSAGES), `and ${more} more ${more === 1 ? "line has a problem" : "lines have problems"}`];
}

function wholeNumber(text: string): number | null {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

export const SpcFormSchema = z
  .object({
    data: z.string({ error: "Paste your data: one value per line, or a date and a value per line" }),
    improvement: z.enum(IMPROVEMENT_DIRECTIONS, { error: "Choose which direction is an improvement" }),
    target: z.string().max(40, { error: "Enter the target as a number, like 8 or 92.5" }).optional(),
    baseline: z.string().max(20, { error: "Enter the baseline as a number of points" }).optional(),
    rebase: optionalText({ what: "The list of new limits", max: 5000, multiline: true }),
    unit: optionalText({ what: "The unit", max: 20 }),
    chart: z.enum(CHART_CHOICES, { error: "Choose a chart" }).default("auto"),
    denominators: optionalText({ what: "The denominators", max: 200_000, multiline: true }),
    multiply: z.string().max(20, { error: "Enter the multiplier as a number, like 100 or 1000" }).optional(),
    screen_outliers: z.boolean().optional(),
    shift_length: z.string().max(10).optional(),
    trend_length: z.string().max(10).optional(),
    two_of_three_mode: z.enum(TWO_OF_THREE_MODES, { error: "Choose how to count two out of three" }).default("between_limits"),
  })
  .transform((form, ctx): SpcCalculation => {
    let failed = false;
    const fail = (field: FormField, messages: string[]) => {
      failed = true;
      for (const message of capped(messages)) ctx.addIssue({ code: "custom", path: [field], message });
    };

    const pasted = parsePastedSeries(form.data);
    if (!pasted.ok) fail("data", pasted.errors);

    let target: number | null = null;
    if (form.target !== undefined && form.target.trim() !== "") {
      target = parseNumberCell(form.target);
      if (target === null) fail("target", ["Enter the target as a number, like 8 or 92.5"]);
    }

    let baseline: number | undefined;
    if (form.baseline !== undefined && form.baseline.trim() !== "") {
      const b = wholeNumber(form.baseline);
      if (b === null || b < MIN_BASELINE) {
        fail("baseline", [`Enter the baseline as a whole number of points, at least ${MIN_BASELINE}`]);
      } else if (pasted.ok && b > pasted.series.values.length) {
        fail("baseline", [`The baseline (${b} points) cannot be longer than your data (${pasted.series.values.length} points)`]);
      } else {
        baseline = b;
      }
    }

    const ruleLength = (field: "shift_length" | "trend_length", what: string): number | undefined => {
      const text = form[field];
      if (text === undefined || text.trim() === "") return undefined;
      const k = wholeNumber(text);
      if (k === null || k < MIN_RULE_LENGTH || k > MAX_RULE_LENGTH) {
        fail(field, [`Enter the ${what} as a whole number from ${MIN_RULE_LENGTH} to ${MAX_RULE_LENGTH}`]);
        return undefined;
      }
      return k;
    };
    const shiftLength = ruleLength("shift_length", "shift length");
    const trendLength = ruleLength("trend_length", "trend length");

    let denominators: number[] | undefined;
    if (NEEDS_DENOMINATORS.includes(form.chart)) {
      const lines = (form.denominators ?? "").split(/\r?\n/).filter((line) => line.trim() !== "");
      if (lines.length === 0) {
        fail("denominators", ["Enter the denominators, one per line in the same order as your data (for example patients seen, or bed days)"]);
      } else {
        const bad: string[] = [];
        denominators = lines.map((line, i) => {
          const d = parseNumberCell(line);
          if (d === null || !(d > 0)) bad.push(`Denominator line ${i + 1} (“${line.trim().slice(0, 20)}”) must be a number greater than 0`);
          return d ?? 0;
        });
        if (bad.length > 0) fail("denominators", bad);
      }
    }

    let multiply: number | undefined;
    if (form.multiply !== undefined && form.multiply.trim() !== "") {
      const m = parseNumberCell(form.multiply);
      if (m === null || !(m > 0)) fail("multiply", ["Enter the multiplier as a number greater than 0, like 100 for a percentage or 1000 for a rate per 1,000"]);
      else multiply = m;
    }

    let rebase: number[] | undefined;
    let rebaseReasons: { index: number; reason: string }[] = [];
    if (pasted.ok && form.rebase !== undefined && form.rebase.trim() !== "") {
      const parsed = parseRebaseText(form.rebase, pasted.series.values.length, pasted.series.dates);
      if (!parsed.ok) fail("rebase", parsed.errors);
      else if (parsed.rebase.indices.length > 0) {
        rebase = parsed.rebase.indices;
        rebaseReasons = parsed.rebase.reasons;
      }
    }

    if (failed || !pasted.ok) return z.NEVER;

    // The final check is the API's own schema, so both accept exactly the same requests.
    const request: Record<string, unknown> = {
      values: pasted.series.values,
      improvement: form.improvement,
      target,
      screen_outliers: form.screen_outliers ?? false,
      two_of_three_mode: form.two_of_three_mode,
    };
    if (pasted.series.dates !== null) request.dates = pasted.series.dates;
    // "auto", "xmr" and "run" all analyse as XmR (the page shows the run chart beside it); the others are attribute charts.
    if (form.chart !== "auto" && form.chart !== "xmr" && form.chart !== "run") request.chart = form.chart;
    if (denominators !== undefined) request.denominators = denominators;
    if (multiply !== undefined) request.multiply = multiply;
    if (baseline !== undefined) request.baseline = baseline;
    if (rebase !== undefined) request.rebase = rebase;
    if (shiftLength !== undefined) request.shift_length = shiftLength;
    if (trendLength !== undefined) request.trend_length = trendLength;
    const checked = parseSpcRequest(request);
    if (!checked.ok) {
      fail(FORM_FIELD[checked.field] ?? "data", [checked.error]);
      return z.NEVER;
    }
    return {
      input: checked.input,
      rebaseReasons,
      header: pasted.series.header,
      unit: form.unit?.trim() ?? "",
      chart: form.chart,
    };
  });

export type SpcFormFields = z.input<typeof SpcFormSchema>;

/** The calculator's starting values. */
export const SPC_FORM_DEFAULTS = {
  improvement: "increase",
  chart: "auto",
  screen_outliers: "on",
  shift_length: "7",
  trend_length: "7",
  two_of_three_mode: "between_limits",
} as const;

/** The worked example offered on the empty calculator. */
export const SPC_EXAMPLE = {
  data: [5, 6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 5, 9, 9, 10, 9, 10, 11, 10, 9]
    .map((v, i) => `01/${String((i % 12) + 1).padStart(2, "0")}/${2025 + Math.floor(i / 12)},${v}`)
    .join("\n"),
  target: "8",
};
