// The fields of an ask, shared by the project's ask form and the asks written in a status
// report. Client and server both validate with it, so it must not live in a .server module.
import { z } from "zod";
import { ASK_ADDRESSEES } from "~/domain/enums";
import { dayField } from "~/forms/day-field";
import { requiredText } from "~/forms/text-field";

export const ASK_WHAT_MAX = 1000;

/** The fields of one ask: what is needed, from whom, by when. */
export function askShape(today: string) {
  return {
    what: requiredText("Enter what you need", { what: "The ask", max: ASK_WHAT_MAX, multiline: true }),
    addressee: z.enum(ASK_ADDRESSEES, { error: "Choose who the ask is for" }),
    addresseeUserId: z.number({ error: "Choose the person the ask is for" }).int().positive().optional(),
    dueOn: dayField({
      what: "The date you need an answer by",
      required: "Enter the date you need an answer by",
      notBefore: { day: today, message: "The date you need an answer by must be today or in the future" },
      optional: true,
    }),
  };
}

/** A "person" ask must name the person (checked even when other fields are wrong, so all errors show at once). */
export const namesThePerson = (v: { addressee?: string; addresseeUserId?: number }) => v.addressee !== "person" || v.addresseeUserId !== undefined;
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
    addresseeUserId: input.addressee === "person" ? (input.addresseeUserId ?? null) : null,
    dueOn: input.dueOn ?? null,
  };
}

export type AskPerson = { id: number; name: string; jobTitle: string };
