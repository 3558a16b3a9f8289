// The form that maps a value of the single sign-on role claim (an Entra group's id or an app role's
// name) to a Stepping Up role. Client and server both validate with it.
import { z } from "zod";
import { ROLES } from "~/domain/enums";
import { requiredText } from "~/forms/text-field";

export const CLAIM_VALUE_MAX = 200;

export const RoleMappingSchema = z
  .object({
    intent: z.literal("add_role_mapping"),
    claimValue: requiredText("Enter the group or role value your organisation's sign-in service sends", {
      what: "The group or role value",
      max: CLAIM_VALUE_MAX,
    }).refine((v) => !/\s/.test(v), { message: "The group or role value cannot contain spaces" }),
    role: z.enum(ROLES, { error: "Choose the Stepping Up role it gives" }),
  })
  .strict();
