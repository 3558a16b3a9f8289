// The two halves of "confirm before removing": the page asked for with ?delete=ID, and the
// post that confirms it (intent=delete, id).
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { badRequest, notFound, parseId } from "~/auth/guards.server";
import { parseFields } from "~/forms/submission.server";

/** The listed record named by ?delete=ID; null when none is asked for; 404 for an id not in the list. */
export function pendingRemoval<T extends { id: number }>(request: Request, items: readonly T[], what: string): T | null {
  const param = new URL(request.url).searchParams.get("delete");
  if (param === null) return null;
  const id = parseId(param, what);
  const found = items.find((item) => item.id === id);
  if (!found) notFound(what);
  return found;
}

const RemovalSchema = z.strictObject({ intent: z.literal("delete"), id: z.coerce.number().int().positive() });

/** The id a confirmed removal names, or null when the post is not a removal; 400 when it is malformed. */
export function confirmedRemovalId(formData: FormData): number | null {
  if (formData.get("intent") !== "delete") return null;
  const parsed = parseFields(formData, RemovalSchema);
  if (!parsed.success) badRequest("That request was not understood. Reload the page and try again.");
  return parsed.data.id;
}

/** A confirmed removal's redirect after `remove(id)` (which returns where to go), or null when the post is not one. */
export function redirectAfterRemoval(formData: FormData, remove: (id: number) => string): Response | null {
  const id = confirmedRemovalId(formData);
  return id === null ? null : redirect(remove(id));
}
