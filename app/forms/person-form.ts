// Editing a person on the Users page: name, email, job title and division (versioned).
import { z } from "zod";
import { optionalText, requiredText } from "~/forms/text-field";

export const PersonSchema = z
  .object({
    name: requiredText("Enter the person's name", { what: "Name", max: 200 }),
    email: z
      .string({ error: "Enter an email address" })
      .trim()
      .max(254, "Email address must be 254 characters or fewer")
      .email("Enter an email address in the correct format, like name@trust.nhs.uk"),
    jobTitle: optionalText({ what: "Job title", max: 200 }),
    divisionId: z.coerce.number().int().positive().optional(),
    version: z.coerce.number().int().positive(),
  })
  .strict();
