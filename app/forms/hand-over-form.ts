// Handing a leaver's work to one successor (ADR 106). Client and server both validate with these.
import { z } from "zod";

import { SUCCESSOR_MESSAGE } from "~/domain/hand-over";

const version = z.number({ error: "Reload the page and try again" }).int().positive();

export const HandOverSchema = z
  .object({
    intent: z.literal("hand_over"),
    version,
    successorId: z.number({ error: SUCCESSOR_MESSAGE }).int(SUCCESSOR_MESSAGE).positive(SUCCESSOR_MESSAGE),
    /** Shown only while the account is enabled: disable it in the same step, or keep it (someone changing roles). */
    account: z.enum(["disable", "keep"], { error: "Choose whether to disable their account" }).optional(),
  })
  .strict();

export const DisableLeaverSchema = z.object({ intent: z.literal("disable_only"), version }).strict();
