// QI records must not hold patient-identifiable data. This finds the two patterns
// people most often paste by mistake: an NHS number, and a date of birth beside a name.

/** NHS number check digit (Modulus 11, NHS Data Dictionary). */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

// 10 digits, optionally grouped 3-3-4 with spaces or hyphens, not inside a longer number.
const NHS_NUMBER = /(?<![\d])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d])/g;
const DATE = String.raw`(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4})`;
const DOB_LABEL = new RegExp(String.raw`\b(?:dob|d\.o\.b\.?|date of birth|born)\b[:\s]*${DATE}`, "i");
// "Mrs Jane Smith 03/04/1950" or "Jane Smith (03/04/1950)": two capitalised words then a date.
const NAME_THEN_DATE = new RegExp(
  String.raw`\b(?:(?:Mr|Mrs|Ms|Miss|Dr)\.? )?[A-Z][a-z]+ [A-Z][a-z'-]+[,\s(]{1,3}${DATE}`,
);

export type PiiFinding = { kind: "nhs_number" | "date_of_birth"; excerpt: string };

export function findPatientIdentifiers(text: string): PiiFinding[] {
  const found: PiiFinding[] = [];
  for (const m of text.matchAll(NHS_NUMBER)) {
    if (isValidNhsNumber(m[1] + m[2] + m[3])) found.push({ kind: "nhs_number", excerpt: m[0] });
  }
  const dob = text.match(DOB_LABEL) ?? text.match(NAME_THEN_DATE);
  if (dob) found.push({ kind: "date_of_birth", excerpt: dob[0] });
  return found;
}

/** The free-text fields of a submission that look patient-identifiable, by field name. */
export function fieldsWithPatientIdentifiers(values: Record<string, unknown>): Record<string, PiiFinding[]> {
  const out: Record<string, PiiFinding[]> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== "string" || value.length < 8) continue;
    const findings = findPatientIdentifiers(value);
    if (findings.length) out[name] = findings;
  }
  return out;
}
