// The forms of a board meeting. Client and server both validate with these, so they must not
// live in a .server module.
import { z } from "zod";
import { MEETING_DECISIONS, RAGS } from "~/domain/enums";
import { dayField } from "~/lib/ask-form";
import { formatDay } from "~/lib/dates";
import { PII_CONFIRM_FIELD } from "~/lib/pii-field";
import { FORM_TOKEN_FIELD, formToken } from "~/lib/form-token";

export const MEETING_TITLE_MAX = 200;
export const ATTENDEES_MAX = 4000;
export const ACTION_TEXT_MAX = 1000;

const version = z.number({ error: "Reload the page and try again" }).int().positive();
const id = (message: string) => z.number({ error: message }).int().positive();
const pii = { [PII_CONFIRM_FIELD]: z.literal("yes").optional() };

const detailsShape = {
  title: z
    .string({ error: "Enter the meeting's title" })
    .trim()
    .min(1, "Enter the meeting's title")
    .max(MEETING_TITLE_MAX, "The title must be 200 characters or fewer"),
  meetingDate: dayField({
    required: "Enter the date of the meeting",
    invalid: "The date of the meeting must be a real date, like 10 December 2026",
  }),
  attendees: z.string().trim().max(ATTENDEES_MAX, "The attendees must be 4,000 characters or fewer").optional(),
  attendeeIds: z.array(id("Choose people from the list")).optional(),
};

export const NewMeetingSchema = z
  .object({
    ...detailsShape,
    projectIds: z.array(id("Choose projects from the list")).optional(),
    ...pii,
    [FORM_TOKEN_FIELD]: formToken(),
  })
  .strict();

export const DetailsSchema = z.object({ intent: z.literal("details"), version, ...detailsShape, ...pii }).strict();

export const AddItemSchema = z
  .object({ intent: z.literal("add-item"), version, projectId: id("Choose a project to add to the agenda") })
  .strict();

export const RemoveItemSchema = z.object({ intent: z.literal("remove-item"), version, itemId: id("Choose an item") }).strict();

export const MoveItemSchema = z
  .object({
    intent: z.literal("move-item"),
    version,
    itemId: id("Choose an item"),
    direction: z.enum(["up", "down"], { error: "Choose up or down" }),
  })
  .strict();

export const ReviewSchema = z
  .object({
    intent: z.literal("review"),
    version,
    itemId: id("Choose an item"),
    rag: z.enum(RAGS, { error: "Choose the board's RAG rating" }).optional(),
    reason: z.string().trim().max(2000, "The reason must be 2,000 characters or fewer").optional(),
    comment: z.string().trim().max(4000, "The comment must be 4,000 characters or fewer").optional(),
    decision: z.enum(MEETING_DECISIONS, { error: "Choose the board's decision" }),
    notes: z.string().trim().max(4000, "The notes must be 4,000 characters or fewer").optional(),
    ...pii,
  })
  .strict()
  .refine((v) => !v.rag || Boolean(v.reason), {
    path: ["reason"],
    message: "Give the reason for the board's rating",
    when: () => true,
  })
  .refine((v) => v.rag || !v.reason, {
    path: ["rag"],
    message: "Choose the board's RAG rating for this reason, or clear the reason",
    when: () => true,
  });

/** The due day is checked against the meeting's date, so the schema is built per meeting. */
export function actionSchema(meetingDate: string) {
  return z
    .object({
      intent: z.literal("add-action"),
      version,
      [FORM_TOKEN_FIELD]: formToken(),
      projectId: z.number().int().positive().optional(),
      text: z
        .string({ error: "Enter the action" })
        .trim()
        .min(1, "Enter the action")
        .max(ACTION_TEXT_MAX, "The action must be 1,000 characters or fewer"),
      ownerUserId: id("Choose who owns the action"),
      dueOn: dayField({
        required: "Enter the date the action is due",
        invalid: "The due date must be a real date, like 31 January 2027",
        notBefore: {
          day: meetingDate,
          message: `The due date must be on or after the meeting (${formatDay(meetingDate)})`,
        },
      }),
      ...pii,
    })
    .strict();
}

export const CompleteActionSchema = z
  .object({ intent: z.literal("complete"), actionId: id("Choose an action"), actionVersion: version })
  .strict();

export const CloseSchema = z
  .object({
    intent: z.literal("close"),
    version,
    confirm: z.literal("yes", { error: "Confirm that the board has finished this meeting" }),
  })
  .strict();
