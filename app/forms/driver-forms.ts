// The driver diagram's forms: adding a primary driver, a secondary driver or a change idea; editing
// one node (title and description); and the small button forms that order, link, unlink, move and
// remove a node, attach a measure, or rate a change idea on the PICK chart. One schema per intent.
import { z } from "zod";
import { PICK_EASES, PICK_IMPACTS } from "~/domain/enums";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";
import { optionalText, requiredText } from "~/forms/text-field";

export const NODE_TITLE_MAX = 120;
export const NODE_DESCRIPTION_MAX = 1000;

const title = (missing: string) => requiredText(missing, { what: "The title", max: NODE_TITLE_MAX });
const description = optionalText({ what: "The description", max: NODE_DESCRIPTION_MAX, multiline: true });
const id = (message: string) => z.coerce.number({ error: message }).int(message).positive(message);
const optionalId = z.preprocess((v) => (v === "" || v === undefined ? undefined : v), id("Choose from the list").optional());
const version = z.coerce.number().int().positive();

export const AddPrimarySchema = z
  .object({ intent: z.literal("add-primary"), title: title("Enter the primary driver"), description, [FORM_TOKEN_FIELD]: formToken() })
  .strict();
export const AddSecondarySchema = z
  .object({
    intent: z.literal("add-secondary"),
    title: title("Enter the secondary driver"),
    description,
    parentId: optionalId,
    [FORM_TOKEN_FIELD]: formToken(),
  })
  .strict();
export const AddIdeaSchema = z
  .object({ intent: z.literal("add-idea"), title: title("Enter the change idea"), description, driverId: optionalId, [FORM_TOKEN_FIELD]: formToken() })
  .strict();

export const EditNodeSchema = z.object({ intent: z.literal("edit"), version, title: title("Enter a title"), description }).strict();
// `past`: a drag and drop moves it up or down past that node in one step (the buttons move one place).
export const ReorderSchema = z.object({ intent: z.literal("reorder"), version, direction: z.enum(["up", "down"]), past: optionalId }).strict();
export const LinkSchema = z.object({ intent: z.literal("link"), version, parentId: id("Choose what it goes under") }).strict();
export const UnlinkSchema = z.object({ intent: z.literal("unlink"), version, parentId: id("Choose what to take it from") }).strict();
export const MoveSchema = z.object({ intent: z.literal("move"), version, fromId: id("Choose where it is now"), parentId: id("Choose where it goes") }).strict();
export const RemoveSchema = z.object({ intent: z.literal("remove"), version }).strict();
export const MeasureSchema = z.object({ intent: z.literal("measure"), version, measureId: id("Choose a measure"), attach: z.enum(["yes", "no"]) }).strict();
export const PickSchema = z
  .object({
    intent: z.literal("pick"),
    ideaId: id("Choose a change idea"),
    impact: z.enum(PICK_IMPACTS, { error: "Choose the expected impact" }),
    ease: z.enum(PICK_EASES, { error: "Choose how easy it is" }),
    reason: optionalText({ what: "The reason", max: 300 }),
  })
  .strict();

/** "driver-12" or "idea-5" in a URL: which node a page is about. */
export function parseNodeKey(key: string | undefined): { kind: "driver" | "idea"; id: number } | null {
  const m = /^(driver|idea)-([1-9]\d{0,15})$/.exec(key ?? "");
  return m ? { kind: m[1] as "driver" | "idea", id: Number(m[2]) } : null;
}
