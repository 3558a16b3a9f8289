// The PDSA worksheet forms, shared by the browser (validation on submit) and the server.
import { z } from "zod";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";
import { PDSA_DECISIONS } from "~/domain/enums";
import { dayField, isPlausibleDay } from "~/forms/day-field";
import { PII_CONFIRM_FIELD } from "~/forms/pii-field";
import { optionalText as text, requiredText } from "~/forms/text-field";
import { CYCLE_LABELS, CYCLE_TEXT_FIELDS } from "~/domain/pdsa-fields";

export { CYCLE_LABELS, CYCLE_TEXT_FIELDS };

const ID = /^[1-9]\d{0,15}$/;
const RELOAD = "Something in the form was not as expected. Reload the page and try again";

// Every worksheet box is a textarea.
const optionalText = (label: string, max = 5000) => text({ what: label, max, multiline: true });

const day = (label: string) => dayField({ what: label, required: `Enter the ${label.toLowerCase()}` });
const optionalDay = (label: string) => dayField({ what: label, required: `Enter the ${label.toLowerCase()}`, optional: true });

// A field the form never sends (a project id, a cycle number, a status) is refused, not ignored.
const refuseForgedFields = {
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === "unrecognized_keys" ? `This form cannot change ${issue.keys?.join(", ")}. Reload the page and try again` : undefined,
};

const planShape = {
  changeIdea: z
    .string({ error: "Choose the change idea this cycle tests" })
    .refine((v) => v === "new" || ID.test(v), "Choose the change idea this cycle tests"),
  newChangeIdea: text({ what: "The new change idea", max: 200 }),
  // The secondary driver a new change idea goes under on the driver diagram (optional).
  newChangeIdeaDriver: z.string().regex(ID, "Choose one of this project's secondary drivers").transform(Number).optional(),
  title: requiredText("Enter the change being tested", { what: "The change being tested", max: 200 }),
  question: optionalText("The question"),
  prediction: optionalText("The prediction"),
  // Checked as a whole, so a bad id gives one message on the measures question.
  measureIds: z
    .array(z.string(), { error: "Choose measures from this project's list" })
    .default([])
    .refine((ids) => ids.every((id) => ID.test(id)), "Choose measures from this project's list")
    .transform((ids) => ids.map(Number)),
  planWho: optionalText("Who"),
  planWhat: optionalText("What"),
  planWhen: optionalText("When"),
  planWhere: optionalText("Where"),
  planDataCollection: optionalText("Data collection"),
  startDate: day("Start date"),
  endDate: optionalDay("End date"),
  [PII_CONFIRM_FIELD]: z.literal("yes").optional(),
};

const doStudyActShape = {
  doWhatHappened: optionalText("What happened"),
  doObservations: optionalText("Observations"),
  doProblems: optionalText("Problems and surprises"),
  studyResults: optionalText("Results"),
  studyLearning: optionalText("What was learned"),
  actDecision: z.enum(PDSA_DECISIONS, { error: "Choose adopt, adapt or abandon" }).optional(),
  actNextStep: optionalText("The next step"),
};

type Dates = { startDate?: unknown; endDate?: unknown; changeIdea?: unknown; newChangeIdea?: unknown };

// Checks across fields run even when another field is wrong, so every problem shows at once.
const always = { when: () => true };
const endNotBeforeStart = (v: Dates) =>
  !(typeof v.startDate === "string" && typeof v.endDate === "string" && isPlausibleDay(v.startDate) && isPlausibleDay(v.endDate) && v.endDate < v.startDate);
const newIdeaNamed = (v: Dates) => v.changeIdea !== "new" || (typeof v.newChangeIdea === "string" && v.newChangeIdea.trim() !== "");

/** The worksheet's cross-field rules, shared by the plan and the whole-worksheet forms; they run even when a field is wrong. */
const withWorksheetRules = <T extends z.ZodType<Dates>>(schema: T) =>
  schema
    .refine(endNotBeforeStart, { ...always, path: ["endDate"], message: "The end date must be on or after the start date" })
    .refine(newIdeaNamed, { ...always, path: ["newChangeIdea"], message: "Enter the new change idea" });

export const CreateCycleSchema = withWorksheetRules(
  z.strictObject(
    {
      intent: z.literal("create", { error: RELOAD }),
      [FORM_TOKEN_FIELD]: formToken(),
      previousCycleId: z.string().regex(ID, RELOAD).transform(Number).optional(),
      ...planShape,
    },
    refuseForgedFields,
  ),
);

export const EditCycleSchema = withWorksheetRules(
  z.strictObject(
    {
      intent: z.literal("save", { error: RELOAD }),
      version: z.string({ error: RELOAD }).regex(ID, RELOAD).transform(Number),
      ...planShape,
      ...doStudyActShape,
    },
    refuseForgedFields,
  ),
);

export const DeleteCycleSchema = z.strictObject({
  intent: z.literal("delete"),
  version: z.string().regex(ID).transform(Number),
});

/** What the server stores from either form (a new cycle has no Do, Study or Act yet). */
export type CycleValues = Omit<z.output<typeof CreateCycleSchema>, "intent" | typeof FORM_TOKEN_FIELD> &
  Partial<Omit<z.output<typeof EditCycleSchema>, "intent">>;

/** The fields the error summary lists (conform's field list is lazy, so it cannot be spread). */
export const summaryFieldNames = (schema: typeof CreateCycleSchema | typeof EditCycleSchema) =>
  Object.keys(schema.shape).filter((name) => name !== PII_CONFIRM_FIELD && name !== FORM_TOKEN_FIELD);
