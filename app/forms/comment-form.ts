// The comment forms: add (on a record's page), edit and delete (on the comment's own page). Client and
// server both validate with them, so they must not live in a .server module.
import { z } from "zod";
import { COMMENT_MAX, COMMENT_TARGETS } from "~/domain/comments";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";
import { PII_CONFIRM_FIELD } from "~/forms/pii-field";
import { requiredText } from "~/forms/text-field";

const body = () => requiredText("Enter your comment", { what: "Your comment", max: COMMENT_MAX, multiline: true });
const id = (what: string) =>
  z.coerce
    .number({ error: `That ${what} was not understood` })
    .int()
    .positive();

export const AddCommentSchema = z
  .object({
    intent: z.literal("add"),
    target: z.enum(COMMENT_TARGETS, { error: "That request was not understood" }),
    targetId: id("record"),
    body: body(),
    [PII_CONFIRM_FIELD]: z.literal("yes").optional(),
    [FORM_TOKEN_FIELD]: formToken(),
  })
  .strict();

export const EditCommentSchema = z
  .object({
    intent: z.literal("edit"),
    version: id("version"),
    body: body(),
    [PII_CONFIRM_FIELD]: z.literal("yes").optional(),
  })
  .strict();

export const DeleteCommentSchema = z.object({ intent: z.literal("delete") }).strict();
