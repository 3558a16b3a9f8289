// The one zod rule for a calendar day typed into a form (client and server): a real
// YYYY-MM-DD date inside the plausible range, optionally bounded further by the field.
import { z } from "zod";
import { DAY_RANGE_TEXT, isDayInRange } from "~/domain/plausible";
import { isIsoDay } from "~/web/dates";

/** A real YYYY-MM-DD date inside the range every field accepts. */
export const isPlausibleDay = (value: string) => isIsoDay(value) && isDayInRange(value);

export function dayRangeMessage(what: string) {
  return `${what} must be ${DAY_RANGE_TEXT}`;
}

/** A calendar day from <input type="date">; `what` names it in the range message ("The baseline date"). */
export function dayField(opts: {
  what: string;
  required: string;
  invalid: string;
  notBefore?: { day: string; message: string };
  notAfter?: { day: string; message: string };
}) {
  let field = z
    .string({ error: opts.required })
    .trim()
    .refine(isIsoDay, { message: opts.invalid, abort: true })
    .refine(isDayInRange, { message: dayRangeMessage(opts.what), abort: true });
  if (opts.notBefore) {
    const { day, message } = opts.notBefore;
    field = field.refine((v) => v >= day, message);
  }
  if (opts.notAfter) {
    const { day, message } = opts.notAfter;
    field = field.refine((v) => v <= day, message);
  }
  return field;
}

/** A day that may be left empty; `what` starts its messages ("The target date"). */
export function optionalDay(what: string) {
  return z
    .string({ error: `${what} must be a real date` })
    .refine(isIsoDay, { message: `${what} must be a real date`, abort: true })
    .refine(isDayInRange, { message: dayRangeMessage(what), abort: true })
    .optional();
}
