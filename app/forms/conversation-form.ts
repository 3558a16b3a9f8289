// The forms of Big Conversations. Client and server both validate with these, so they must not
// live in a .server module.
import { z } from "zod";
import { ASSURANCE_ICONS } from "~/domain/enums";
import { dayField } from "~/forms/day-field";
import { PII_CONFIRM_FIELD } from "~/forms/pii-field";
import { optionalText, requiredText } from "~/forms/text-field";

const version = z.number({ error: "Reload the page and try again" }).int().positive();
const id = (message: string) => z.number({ error: message }).int(message).positive(message);
const pii = { [PII_CONFIRM_FIELD]: z.literal("yes").optional() };

export const ATTENDANCE_MAX = 100000;
export const MENTIONS_MAX = 10000;

const eventShape = {
  heldOn: dayField({ what: "Date of the event", required: "Enter the date of the event" }),
  site: requiredText("Enter the site", { what: "The site", max: 200 }),
  staffGroup: requiredText("Enter the staff group", { what: "The staff group", max: 200 }),
  facilitatorUserId: id("Choose the facilitator"),
  attendance: z
    .number({ error: "Enter the number of people who attended, for example 24" })
    .int("Attendance must be a whole number")
    .min(0, "Attendance must be 0 or more")
    .max(ATTENDANCE_MAX, `Attendance must be ${ATTENDANCE_MAX.toLocaleString("en-GB")} or fewer`),
  notes: optionalText({ what: "The notes", max: 4000, multiline: true }),
  ...pii,
};

export const EventSchema = z.object(eventShape).strict();
export const EditEventSchema = z.object({ intent: z.literal("edit"), version, ...eventShape }).strict();
export const RemoveEventSchema = z.object({ intent: z.literal("remove"), version }).strict();

const themeShape = {
  text: requiredText("Enter the theme", { what: "The theme", max: 300 }),
  mentions: z
    .number({ error: "Enter how many times it was mentioned, as a number, or leave it empty" })
    .int("Mentions must be a whole number")
    .min(1, "Mentions must be 1 or more")
    .max(MENTIONS_MAX, `Mentions must be ${MENTIONS_MAX.toLocaleString("en-GB")} or fewer`)
    .optional(),
  ...pii,
};

export const ThemeSchema = z.object({ intent: z.literal("add-theme"), ...themeShape }).strict();

/** The select's value for "not part of any priority". */
export const NO_PRIORITY = "none";

/** Editing a theme; `priorityId` is only on the board's form (a facilitator's edit leaves the grouping alone). */
export const EditThemeSchema = z
  .object({
    intent: z.literal("edit-theme"),
    version,
    ...themeShape,
    priorityId: z
      .string({ error: "Choose a priority from the list" })
      .regex(/^(none|[1-9][0-9]{0,9})$/, "Choose a priority from the list")
      .optional(),
  })
  .strict();
export const RemoveThemeSchema = z.object({ intent: z.literal("remove-theme"), version }).strict();

const priorityShape = {
  title: requiredText("Enter the priority's title", { what: "The title", max: 200 }),
  description: optionalText({ what: "The description", max: 4000, multiline: true }),
  ownerUserId: id("Choose the executive owner"),
  assurance: z.enum([...ASSURANCE_ICONS, "none"], { error: "Choose the assurance level" }),
  themeIds: z.array(id("Choose themes from the list")).max(500).optional(),
  ...pii,
};

export const NewPrioritySchema = z.object({ intent: z.literal("new-priority"), ...priorityShape }).strict();
export const EditPrioritySchema = z.object({ intent: z.literal("edit-priority"), priorityId: id("Choose a priority"), version, ...priorityShape }).strict();

export const PlanActionSchema = z
  .object({
    intent: z.literal("add-action"),
    priorityId: id("Choose a priority"),
    text: requiredText("Enter the action", { what: "The action", max: 1000, multiline: true }),
    ownerUserId: id("Choose who owns the action"),
    dueOn: dayField({ what: "Due date", required: "Enter the date the action is due" }),
    ...pii,
  })
  .strict();
