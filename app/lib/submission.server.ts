import { parseWithZod } from "@conform-to/zod/v4";
import type { ZodType } from "zod";
import { badRequest } from "~/lib/guards.server";

/**
 * conform's parseWithZod on the server, with one guard: a forged or malformed reserved field
 * (__intent__, __state__, a list intent beside a field named __proto__) makes conform throw;
 * that is the client's fault, so it is a 400, never a 500.
 */
// Our forms never use these names; as path segments they would reach object prototypes.
const HOSTILE_NAME = /(^|[.[])(__proto__|constructor|prototype)([.\]]|$)/;

export function parseSubmission<Schema extends ZodType>(formData: FormData | URLSearchParams, options: { schema: Schema }) {
  for (const name of formData.keys()) {
    if (HOSTILE_NAME.test(name)) return badRequest("This form could not be read. Reload the page and try again.");
  }
  try {
    return parseWithZod(formData, options);
  } catch {
    return badRequest("This form could not be read. Reload the page and try again.");
  }
}
