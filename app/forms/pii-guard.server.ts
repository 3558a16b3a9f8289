import { fieldsWithPatientIdentifiers } from "~/domain/pii";

import { PII_CONFIRM_FIELD } from "~/forms/pii-field";
import { today } from "~/today.server";

export { PII_CONFIRM_FIELD };

/**
 * Warn-and-confirm: free text that looks like an NHS number or a date of birth beside a name is
 * not saved until the person ticks that it holds no patient-identifiable data.
 * Returns field errors to send back, or null when the submission may be saved.
 */
export function patientDataWarning(values: Record<string, unknown>, formData: FormData): Record<string, string[]> | null {
  if (formData.get(PII_CONFIRM_FIELD) === "yes") return null;
  const flagged = fieldsWithPatientIdentifiers(values, today());
  const names = Object.keys(flagged);
  if (names.length === 0) return null;
  return Object.fromEntries(
    names.map((name) => [
      name,
      [
        `This looks like patient-identifiable data (${flagged[name]
          .map((f) => (f.kind === "nhs_number" ? "an NHS number" : "a date of birth beside a name"))
          .join(" and ")}). Remove it, or confirm below that it is not patient data`,
      ],
    ]),
  );
}
