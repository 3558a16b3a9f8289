// Adopting a change idea marked ready to spread into one of the person's projects (ADR 104): the
// project (chosen on the page before), the secondary driver to place it under (or none) and the
// origin's version that was confirmed.
import { z } from "zod";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";

const id = (message: string) => z.coerce.number({ error: message }).int({ error: message }).positive({ error: message });

export const AdoptSchema = z
  .object({
    projectId: id("Choose the project to adopt the change idea into"),
    version: z.coerce.number().int().positive(),
    driverId: z.preprocess((v) => (v === "" ? undefined : v), id("Choose a secondary driver, or leave the change idea unlinked").optional()),
    [FORM_TOKEN_FIELD]: formToken(),
  })
  .strict();
