// What every kit control needs from a conform field: its id, name, errors and the ids that
// aria-describedby joins. Kept in one place so each control is wired the same way.
import type { FieldMetadata } from "@conform-to/react";

export type AnyField = FieldMetadata<any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The field's own errors plus those of its parts (a date's day, an array's items), once each. */
export function fieldErrors(field: AnyField): string[] {
  const all = Object.values(field.allErrors ?? {}).flat();
  const own = field.errors ?? [];
  return [...new Set([...own, ...all])].filter(Boolean);
}

export const hintId = (id: string) => `${id}-hint`;

/** The ids for aria-describedby, in the order NHS.UK puts them: hint, then error. */
export function describedBy(...ids: (string | false | null | undefined)[]) {
  const joined = ids.filter(Boolean).join(" ");
  return joined || undefined;
}

/** The values a field starts with, as strings: one for a radio, several for checkboxes. */
export function initialValues(field: AnyField): string[] {
  return [field.initialValue ?? []].flat().map(String);
}
