// The one validation of an SPC request, shared by POST /api/spc and the /spc
// calculator: what the engine may be asked, with an error naming the field.
import { z } from "zod";
import { EARLIEST_DAY, LATEST_DAY, MAX_MAGNITUDE } from "~/domain/plausible";
import { CHART_TYPES, IMPROVEMENT_DIRECTIONS, RATIO_CHARTS, TWO_OF_THREE_MODES, type ChartType, type SpcInput } from "~/domain/spc";
import { isPlausibleDay } from "~/forms/day-field";

/** More values than this is refused with 413. */
export const MAX_VALUES = 10_000;
/** A request body over this many bytes is refused with 413 (1 MiB). */
export const MAX_BODY_BYTES = 1_048_576;
/** Making Data Count: limits fixed on fewer than 12 points are not worth fixing. */
export const MIN_BASELINE = 12;
export const MIN_RULE_LENGTH = 3;
export const MAX_RULE_LENGTH = 15;

const BOUND = MAX_MAGNITUDE.toExponential().replace("+", ""); // "1e12"
const FINITE = `must be a finite number from -${BOUND} to ${BOUND}`;
const boundedNumber = (message: string) => z.number({ error: message }).gte(-MAX_MAGNITUDE, message).lte(MAX_MAGNITUDE, message);
const DAY = `must be a date written YYYY-MM-DD, from ${EARLIEST_DAY} to ${LATEST_DAY}`;

// Messages are predicates; spcRequestError() puts the field's path in front
// ("values[3] must be a finite number").
const wholeRuleLength = z
  .number({ error: `must be a whole number from ${MIN_RULE_LENGTH} to ${MAX_RULE_LENGTH}` })
  .int({ error: `must be a whole number from ${MIN_RULE_LENGTH} to ${MAX_RULE_LENGTH}` })
  .min(MIN_RULE_LENGTH, { error: `must be a whole number from ${MIN_RULE_LENGTH} to ${MAX_RULE_LENGTH}` })
  .max(MAX_RULE_LENGTH, { error: `must be a whole number from ${MIN_RULE_LENGTH} to ${MAX_RULE_LENGTH}` });

const CHART_LIST = CHART_TYPES.map((c) => `"${c}"`).join(", ");
const POSITIVE = `must be a number greater than 0, up to ${BOUND}`;

/** What a chart's values are, for messages. */
const VALUE_WORD: Partial<Record<ChartType, string>> = {
  p: "a count of cases",
  pp: "a count of cases",
  u: "a count of events",
  up: "a count of events",
  c: "a count of events",
  g: "a number of days or opportunities between events",
};

export const SpcRequestSchema = z
  .strictObject(
    {
      chart: z.enum(CHART_TYPES, { error: `must be one of ${CHART_LIST}` }).optional(),
      denominators: z
        .array(z.number({ error: POSITIVE }).gt(0, POSITIVE).lte(MAX_MAGNITUDE, POSITIVE), {
          error: "must be an array of numbers greater than 0, one per value",
        })
        .optional(),
      multiply: z.number({ error: POSITIVE }).gt(0, POSITIVE).lte(MAX_MAGNITUDE, POSITIVE).optional(),
      values: z
        .array(boundedNumber(FINITE), {
          error: (issue) => (issue.input === undefined ? "is required: an array of numbers" : "must be an array of numbers"),
        })
        .min(1, { error: "must hold at least one number" })
        .max(MAX_VALUES, { error: `must hold no more than ${MAX_VALUES.toLocaleString("en-GB")} numbers` }),
      dates: z
        .array(z.string({ error: DAY }).refine(isPlausibleDay, { error: DAY }), {
          error: "must be an array of dates written YYYY-MM-DD",
        })
        .optional(),
      improvement: z.enum(IMPROVEMENT_DIRECTIONS, {
        error: (issue) => (issue.input === undefined ? 'is required: "increase", "decrease" or "neutral"' : 'must be "increase", "decrease" or "neutral"'),
      }),
      target: boundedNumber(`must be a finite number or null, from -${BOUND} to ${BOUND}`).nullable().optional(),
      baseline: z
        .number({ error: `must be a whole number of at least ${MIN_BASELINE}` })
        .int({ error: `must be a whole number of at least ${MIN_BASELINE}` })
        .min(MIN_BASELINE, { error: `must be a whole number of at least ${MIN_BASELINE}` })
        .optional(),
      rebase: z
        .array(z.number({ error: "must be a whole number" }).int({ error: "must be a whole number" }), {
          error: "must be an array of point indices (whole numbers, counting from 0)",
        })
        .optional(),
      screen_outliers: z.boolean({ error: "must be true or false" }).optional(),
      shift_length: wholeRuleLength.optional(),
      trend_length: wholeRuleLength.optional(),
      two_of_three_mode: z.enum(TWO_OF_THREE_MODES, { error: 'must be "between_limits" or "beyond_two_sigma"' }).optional(),
    },
    { error: (issue) => (issue.code === "invalid_type" ? "must be a JSON object" : undefined) },
  )
  .superRefine((req, ctx) => {
    const n = req.values.length;
    const chart = req.chart ?? "xmr";
    const ratio = RATIO_CHARTS.includes(chart);
    if (ratio && req.denominators === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["denominators"],
        message: `are required for a ${chart} chart: one number per value, the subgroup size (patients, bed days)`,
      });
      return;
    }
    if (!ratio && req.denominators !== undefined) {
      ctx.addIssue({ code: "custom", path: ["denominators"], message: `are only used by p, pp, u and up charts, not a ${chart} chart: leave them out` });
      return;
    }
    if (req.denominators !== undefined && req.denominators.length !== n) {
      const d = req.denominators.length;
      ctx.addIssue({
        code: "custom",
        path: ["denominators"],
        message: `must hold one denominator per value (${n} ${n === 1 ? "value" : "values"}, ${d} ${d === 1 ? "denominator" : "denominators"})`,
      });
      return;
    }
    const what = VALUE_WORD[chart];
    for (let i = 0; i < n; i++) {
      const v = req.values[i];
      if (what !== undefined && v < 0) {
        ctx.addIssue({ code: "custom", path: ["values", i], message: `(${v}) must not be negative: on a ${chart} chart each value is ${what}` });
        return;
      }
      if (chart === "t" && !(v > 0)) {
        ctx.addIssue({ code: "custom", path: ["values", i], message: `(${v}) must be greater than 0: on a t chart each value is the time between two events` });
        return;
      }
      if ((chart === "p" || chart === "pp") && req.denominators !== undefined && v > req.denominators[i]) {
        ctx.addIssue({
          code: "custom",
          path: ["values", i],
          message: `(${v}) is more than its denominator (${req.denominators[i]}): on a p chart a numerator counts cases out of the denominator`,
        });
        return;
      }
    }
    if (req.dates !== undefined) {
      if (req.dates.length !== n) {
        ctx.addIssue({
          code: "custom",
          path: ["dates"],
          message: `must hold one date per value (${n} ${n === 1 ? "value" : "values"}, ${req.dates.length} ${req.dates.length === 1 ? "date" : "dates"})`,
        });
        return;
      }
      for (let i = 1; i < n; i++) {
        if (req.dates[i] < req.dates[i - 1]) {
          ctx.addIssue({
            code: "custom",
            path: ["dates", i],
            message: `is before dates[${i - 1}]: dates must be in order, oldest first`,
          });
          return;
        }
      }
    }
    if (req.baseline !== undefined && req.baseline > n) {
      ctx.addIssue({
        code: "custom",
        path: ["baseline"],
        message: `(${req.baseline}) must not be more than the number of values (${n})`,
      });
      return;
    }
    if (req.rebase !== undefined) {
      const seen = new Set<number>();
      for (let k = 0; k < req.rebase.length; k++) {
        const i = req.rebase[k];
        if (i < 1 || i > n - 1) {
          ctx.addIssue({
            code: "custom",
            path: ["rebase", k],
            message:
              n < 2
                ? `(${i}) cannot start a new segment: there is only one value`
                : `(${i}) must be from 1 to ${n - 1}: the index, counting from 0, of the first point of a new segment`,
          });
          return;
        }
        if (seen.has(i)) {
          ctx.addIssue({ code: "custom", path: ["rebase", k], message: `(${i}) is listed more than once` });
          return;
        }
        seen.add(i);
      }
    }
  });

export type SpcRequest = z.infer<typeof SpcRequestSchema>;

export type SpcRequestResult = { ok: true; input: SpcInput } | { ok: false; status: 400 | 413; error: string; field: string };

function pathText(path: readonly PropertyKey[]): string {
  let text = "";
  for (const part of path) text += typeof part === "number" ? `[${part}]` : text ? `.${String(part)}` : String(part);
  return text;
}

/** The first problem with a request, as `{ error, field }` (field is the top-level key, or "body"). */
export function spcRequestError(issues: readonly z.core.$ZodIssue[]): { error: string; field: string } {
  const issue = issues[0];
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0];
    return { error: `Unknown field "${key}"`, field: key };
  }
  const field = issue.path.length > 0 ? String(issue.path[0]) : "body";
  const subject = issue.path.length > 0 ? pathText(issue.path) : "The request body";
  return { error: `${subject} ${issue.message}`, field };
}

/**
 * Checks a parsed JSON body (or a calculator's candidate request). Too many
 * values is 413; anything else wrong is 400. The values, dates and options
 * pass to analyseSeries unchanged.
 */
export function parseSpcRequest(body: unknown): SpcRequestResult {
  if (body !== null && typeof body === "object" && !Array.isArray(body)) {
    const values = (body as { values?: unknown }).values;
    if (Array.isArray(values) && values.length > MAX_VALUES) {
      return {
        ok: false,
        status: 413,
        error: `values holds ${values.length.toLocaleString("en-GB")} numbers; the limit is ${MAX_VALUES.toLocaleString("en-GB")}`,
        field: "values",
      };
    }
  }
  const parsed = SpcRequestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, status: 400, ...spcRequestError(parsed.error.issues) };
  const req = parsed.data;
  const input: SpcInput = { values: req.values, improvement: req.improvement };
  if (req.chart !== undefined) input.chart = req.chart;
  if (req.denominators !== undefined) input.denominators = req.denominators;
  if (req.multiply !== undefined) input.multiply = req.multiply;
  if (req.dates !== undefined) input.dates = req.dates;
  if (req.target !== undefined) input.target = req.target;
  if (req.baseline !== undefined) input.baseline = req.baseline;
  if (req.rebase !== undefined) input.rebase = [...req.rebase].sort((a, b) => a - b);
  if (req.screen_outliers !== undefined) input.screen_outliers = req.screen_outliers;
  if (req.shift_length !== undefined) input.shift_length = req.shift_length;
  if (req.trend_length !== undefined) input.trend_length = req.trend_length;
  if (req.two_of_three_mode !== undefined) input.two_of_three_mode = req.two_of_three_mode;
  return { ok: true, input };
}
