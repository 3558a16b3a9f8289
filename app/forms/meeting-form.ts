// The forms of a board meeting. Client and server both validate with these, so they must not
// live in a .server module.
import { z } from "zod";
import { MEETING_DECISIONS, RAGS } from "~/domain/enums";
import { DEFER_REASON_MESSAGE } from "~/domain/meeting-rules";
import { formatDay } from "~/web/dates";
import { dayField } from "~/forms/day-field";
import { PII_CONFIRM_FIELD } from "~/forms/pii-field";
import { optionalText, requiredText } from "~/forms/text-field";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";

export const MEETING_TITLE_MAX = 200;
export const ATTENDEES_MAX = 4000;
export const ACTION_TEXT_MAX = 1000;

const version = z.number({ error: "Reload the page and try again" }).int().positive();
const id = (message: string) => z.number({ error: message }).int().positive();
const pii = { [PII_CONFIRM_FIELD]: z.literal("yes").optional() };

const detailsShape = {
  title: requiredText("Enter the meeting's title", { what: "The title", max: MEETING_TITLE_MAX }),
  meetingDate: dayField({
    what: "The date of the meeting",
    required: "Enter the date of the meeting",
  }),
  attendees: optionalText({ what: "The attendees", max: ATTENDEES_MAX, multiline: true }),
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

export const AddItemSchema = z.object({ intent: z.literal("add-item"), version, projectId: id("Choose a project to add to the agenda") }).strict();

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
    reason: optionalText({ what: "The reason", max: 2000, multiline: true }),
    comment: optionalText({ what: "The comment", max: 4000, multiline: true }),
    decision: z.enum(MEETING_DECISIONS, { error: "Choose the board's decision" }),
    notes: optionalText({ what: "The notes", max: 4000, multiline: true }),
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
  })
  .refine((v) => v.decision !== "defer" || Boolean(v.notes), {
    path: ["notes"],
    message: DEFER_REASON_MESSAGE,
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
      text: requiredText("Enter the action", { what: "The action", max: ACTION_TEXT_MAX, multiline: true }),
      ownerUserId: id("Choose who owns the action"),
      dueOn: dayField({
        what: "The due date",
        required: "Enter the date the action is due",
        notBefore: {
          day: meetingDate,
          message: `The due date must be on or after the meeting (${formatDay(meetingDate)})`,
        },
      }),
      ...pii,
    })
    .strict();
}

export const CompleteActionSchema = z.object({ intent: z.literal("complete"), actionId: id("Choose an action"), actionVersion: version }).strict();

export const CloseSchema = z
  .object({
    intent: z.literal("close"),
    version,
    confirm: z.literal("yes", { error: "Confirm that the board has finished this meeting" }),
  })
  .strict();
