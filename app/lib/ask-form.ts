// The fields of an ask, shared by the project's ask form and the asks written in a status
// report. Client and server both validate with it, so it must not live in a .server module.
import { z } from "zod";
import { ASK_ADDRESSEES } from "~/domain/enums";
import { isIsoDay } from "~/lib/dates";

export const ASK_WHAT_MAX = 1000;

/** A calendar day from <input type="date">; `today` bounds it when given. */
export function dayField(opts: {
  required: string;
  invalid: string;
  notBefore?: { day: string; message: string };
  notAfter?: { day: string; message: string };
}) {
  let field = z.string({ error: opts.required }).trim().refine(isIsoDay, opts.invalid);
  if (opts.notBefore) {
    const { day, message } = opts.notBefore;
    field = field.refine((v) => !isIsoDay(v) || v >= day, message);
  }
  if (opts.notAfter) {
    const { day, message } = opts.notAfter;
    field = field.refine((v) => !isIsoDay(v) || v <= day, message);
  }
  return field;
}

/** The fields of one ask: what is needed, from whom, by when. */
export function askShape(today: string) {
  return {
    what: z
      .string({ error: "Enter what you need" })
      .trim()
      .min(1, "Enter what you need")
      .max(ASK_WHAT_MAX, "The ask must be 1,000 characters or fewer"),
    addressee: z.enum(ASK_ADDRESSEES, { error: "Choose who the ask is for" }),
    addresseeUserId: z.number({ error: "Choose the person the ask is for" }).int().positive().optional(),
    dueOn: dayField({
      required: "Enter the date you need an answer by",
      invalid: "The date you need an answer by must be a real date",
      notBefore: { day: today, message: "The date you need an answer by must be today or in the future" },
    }).optional(),
  };
}

/** A "person" ask must name the person (checked even when other fields are wrong, so all errors show at once). */
export const namesThePerson = (v: { addressee?: string; addresseeUserId?: number }) =>
  v.addressee !== "person" || v.addresseeUserId !== undefined;
export const NAMES_THE_PERSON = {
  path: ["addresseeUserId"],
  message: "Choose the person the ask is for",
  when: () => true,
};

export function askFields(today: string) {
  return z.object(askShape(today)).strict().refine(namesThePerson, NAMES_THE_PERSON);
}

export type AskInput = z.output<ReturnType<typeof askFields>>;

/** What is stored: a board ask never keeps a person chosen in the (always visible) select. */
export function askRow(input: AskInput) {
  return {
    what: input.what,
    addressee: input.addressee,
    addresseeUserId: input.addressee === "person" ? input.addresseeUserId ?? null : null,
    dueOn: input.dueOn ?? null,
  };
}

export type AskPerson = { id: number; name: string; jobTitle: string };
