// The one zod rule for a calendar day typed into a form (client and server): the NHS date input's
// day, month and year boxes (`<name>.day`, `<name>.month`, `<name>.year`, read by readDateParts)
// or an ISO YYYY-MM-DD string (what API clients and older pages post), giving a real date inside
// the plausible range, optionally bounded further by the field.
import { z } from "zod";
import { DAY_RANGE_TEXT, isDayInRange } from "~/domain/plausible";
import { isIsoDay } from "~/web/dates";
import { datePartsMessage, readDateParts } from "~/forms/date-parts";

/** A real YYYY-MM-DD date inside the range every field accepts. */
export const isPlausibleDay = (value: string) => isIsoDay(value) && isDayInRange(value);

export function dayRangeMessage(what: string) {
  return `${what} must be ${DAY_RANGE_TEXT}`;
}

const box = z.string().optional();
/** The three boxes as conform reads them (an empty box is left out). */
const dateBoxes = z.strictObject({ day: box, month: box, year: box });

/**
 * The boxes (or an ISO string) as the ISO string the checks read: undefined when nothing was
 * typed, the NHS message ("Start date must include a year") when the boxes do not make a date.
 */
function typedDay(what: string, invalid: string) {
  return z
    .union([z.string(), dateBoxes], { error: invalid })
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || typeof value === "string") return value;
      const read = readDateParts(value);
      if ("problem" in read) {
        ctx.addIssue({ code: "custom", message: datePartsMessage(what, read.problem) });
        return z.NEVER;
      }
      return "iso" in read ? read.iso : undefined;
    });
}

/** A calendar day from the date input; `what` starts its messages ("The baseline date must include a year"). */
export function dayField<Optional extends boolean = false>(opts: {
  what: string;
  required: string;
  /** For an ISO string that is not a real date; "<what> must be a real date" unless given. */
  invalid?: string;
  notBefore?: { day: string; message: string };
  notAfter?: { day: string; message: string };
  /** Nothing typed is allowed (empty boxes, like a missing field, give undefined). */
  optional?: Optional;
}) {
  const invalid = opts.invalid ?? `${opts.what} must be a real date`;
  let field = z
    .string({ error: opts.required })
    .trim()
    .refine(isIsoDay, { message: invalid, abort: true })
    .refine(isDayInRange, { message: dayRangeMessage(opts.what), abort: true });
  if (opts.notBefore) {
    const { day, message } = opts.notBefore;
    field = field.refine((v) => v >= day, message);
  }
  if (opts.notAfter) {
    const { day, message } = opts.notAfter;
    field = field.refine((v) => v <= day, message);
  }
  const typed = typedDay(opts.what, invalid);
  // Empty boxes arrive as an object, not as a missing field, so "optional" must reach past the boxes.
  return (opts.optional ? typed.pipe(field.optional()).optional() : typed.pipe(field)) as Optional extends true
    ? z.ZodOptional<z.ZodPipe<typeof typed, z.ZodOptional<typeof field>>>
    : z.ZodPipe<typeof typed, typeof field>;
}

/** A day that may be left empty; `what` starts its messages ("The target date"). */
export function optionalDay(what: string) {
  return dayField({ what, required: `${what} must be a real date`, optional: true });
}
