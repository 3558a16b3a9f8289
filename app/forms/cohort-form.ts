// The forms of waves as cohorts (ADR 110, 111): the wave's sponsor, champions and events, and a
// team's mission, quick wins and outcome stories. Client and server both validate with these.
import { z } from "zod";
import { WAVE_EVENT_KINDS } from "~/domain/enums";
import { dayField } from "~/forms/day-field";
import { PII_CONFIRM_FIELD } from "~/forms/pii-field";
import { optionalText, requiredText } from "~/forms/text-field";

const version = z.number({ error: "Reload the page and try again" }).int().min(0);
const id = (message: string) => z.number({ error: message }).int(message).positive(message);
const pii = { [PII_CONFIRM_FIELD]: z.literal("yes").optional() };

export const WAVE_ATTENDANCE_MAX = 100000;

export const SponsorSchema = z.object({ intent: z.literal("sponsor"), version, sponsorUserId: id("Choose the executive sponsor") }).strict();
export const AddChampionSchema = z.object({ intent: z.literal("add-champion"), championUserId: id("Choose a champion") }).strict();
export const RemoveChampionSchema = z.object({ intent: z.literal("remove-champion"), championUserId: id("Choose a champion") }).strict();

const eventShape = {
  kind: z.enum(WAVE_EVENT_KINDS, { error: "Choose what kind of event it is" }),
  heldOn: dayField({ what: "Date of the event", required: "Enter the date of the event" }),
  title: requiredText("Enter a title for the event", { what: "The title", max: 200 }),
  attendance: z
    .number({ error: "Enter the number of people who attended, for example 40, or leave it empty" })
    .int("Attendance must be a whole number")
    .min(0, "Attendance must be 0 or more")
    .max(WAVE_ATTENDANCE_MAX, `Attendance must be ${WAVE_ATTENDANCE_MAX.toLocaleString("en-GB")} or fewer`)
    .optional(),
  attendeeIds: z.array(id("Choose attendees from the list")).max(500, "Name 500 attendees or fewer").optional(),
  notes: optionalText({ what: "The notes", max: 4000, multiline: true }),
  ...pii,
};

export const WaveEventSchema = z.object({ intent: z.literal("add-event"), ...eventShape }).strict();
export const EditWaveEventSchema = z.object({ intent: z.literal("edit"), version, ...eventShape }).strict();
export const RemoveWaveEventSchema = z.object({ intent: z.literal("remove"), version }).strict();

export const MISSION_MAX = 2000;

export const MissionSchema = z
  .object({
    intent: z.literal("mission"),
    version,
    mission: requiredText("Enter the team's mission", { what: "The mission", max: MISSION_MAX, multiline: true }),
    ...pii,
  })
  .strict();

export const AddQuickWinSchema = z.object({ intent: z.literal("add-quick-win"), winId: id("Choose one of the project's wins") }).strict();
export const RemoveQuickWinSchema = z.object({ intent: z.literal("remove-quick-win"), winId: id("Choose one of the project's wins") }).strict();

const storyShape = {
  title: requiredText("Enter a title for the story", { what: "The title", max: 200 }),
  story: requiredText("Enter the story", { what: "The story", max: 6000, multiline: true }),
  ...pii,
};

export const StorySchema = z.object({ intent: z.literal("add-story"), ...storyShape }).strict();
export const EditStorySchema = z.object({ intent: z.literal("edit-story"), storyId: id("Choose a story"), version, ...storyShape }).strict();
export const RemoveStorySchema = z.object({ intent: z.literal("remove-story"), storyId: id("Choose a story"), version }).strict();
