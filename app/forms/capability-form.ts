// The forms of QI capability (ADR 114). Client and server both validate with these, so they must not
// live in a .server module. "Not in the future" is the command's rule: the form does not know today.
import { z } from "zod";
import { dayField } from "~/forms/day-field";
import { requiredText } from "~/forms/text-field";

const version = z.number({ error: "Reload the page and try again" }).int().positive();
const id = (message: string) => z.number({ error: message }).int(message).positive(message);
const levelName = requiredText("Enter the level's name", { what: "The name", max: 100 });

export const RecordTrainingSchema = z
  .object({
    intent: z.literal("record"),
    userId: id("Choose the person"),
    levelId: id("Choose the training level"),
    achievedOn: dayField({ what: "Date achieved", required: "Enter the date the level was achieved" }),
  })
  .strict();

export const RemoveRecordSchema = z.object({ intent: z.literal("remove-record"), recordId: id("Choose a record") }).strict();

export const AddLevelSchema = z.object({ intent: z.literal("add-level"), name: levelName }).strict();
export const RenameLevelSchema = z.object({ intent: z.literal("rename-level"), levelId: id("Choose a level"), version, name: levelName }).strict();
export const RetireLevelSchema = z.object({ intent: z.enum(["retire-level", "restore-level"]), levelId: id("Choose a level"), version }).strict();
export const MoveLevelSchema = z
  .object({ intent: z.literal("move-level"), levelId: id("Choose a level"), version, direction: z.enum(["up", "down"], { error: "Choose up or down" }) })
  .strict();
