// The one rule for free text typed into any form, shared by the browser and the server
// (so it must not live in a .server module). Text is stored as NFC so that "é" typed two
// ways is one value to search and compare; control and bidi override characters are
// refused because they hide or reorder what a reader sees (CVE-2021-42574, "Trojan Source").
import { z } from "zod";

export type TextRule = {
  /** The field as a sentence starts: "The title". */
  what: string;
  max: number;
  /** A textarea: tabs and line breaks are allowed. */
  multiline?: boolean;
};

// C0 controls, DEL and C1 controls; a textarea keeps tab, line feed and carriage return
// (browsers send its line breaks as CRLF).
/* eslint-disable no-control-regex -- finding control characters is the point */
const CONTROL_ONE_LINE = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_MANY_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */
const LINE_BREAK_OR_TAB = /[\t\n\r]/;
// Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
// Something a reader can see: a letter, digit, punctuation mark or symbol.
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

export type TextProblem = "line_break" | "control" | "bidi" | null;

/** What is wrong with a piece of text, or null when it may be stored. */
export function textProblem(text: string, multiline = false): TextProblem {
  if (BIDI_CONTROL.test(text)) return "bidi";
  if (!multiline && LINE_BREAK_OR_TAB.test(text)) return "line_break";
  if ((multiline ? CONTROL_MANY_LINES : CONTROL_ONE_LINE).test(text)) return "control";
  return null;
}

export const hasVisibleText = (text: string) => VISIBLE.test(text);

export function textProblemMessage(problem: Exclude<TextProblem, null>, what: string): string {
  if (problem === "line_break") return `${what} must be on one line, without tabs or line breaks`;
  if (problem === "bidi") return `${what} must not contain hidden characters that change the direction of text`;
  return `${what} must not contain hidden control characters. Type it again or paste it as plain text`;
}

function checkedText(rule: TextRule, typeError: string) {
  const max = `${rule.what} must be ${rule.max.toLocaleString("en-GB")} characters or fewer`;
  return z
    .string({ error: typeError })
    .normalize("NFC")
    .trim()
    .refine((text) => !textProblem(text, rule.multiline), {
      error: (issue) => textProblemMessage(textProblem(String(issue.input), rule.multiline) ?? "control", rule.what),
      abort: true,
    })
    .max(rule.max, max);
}

/** Text that must be given: empty, blank or only invisible characters (zero-width spaces) is `missing`. */
export function requiredText(missing: string, rule: TextRule) {
  return checkedText(rule, missing).refine(hasVisibleText, { message: missing, abort: true });
}

/** Text that may be left empty; only invisible characters count as empty. */
export function optionalText(rule: TextRule) {
  return checkedText(rule, `${rule.what} must be text`)
    .overwrite((text) => (hasVisibleText(text) ? text : ""))
    .optional();
}
