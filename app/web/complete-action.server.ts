// Marking a board action done from a posted form: the meeting page and a person's own list of
// actions share it, so both refuse and report in the same way.
import type { AppLoadContext } from "@remix-run/node";
import type { Db } from "~/db.server";
import { forbidden, notFound, type SessionUser } from "~/auth/guards.server";
import { CompleteActionSchema } from "~/forms/meeting-form";
import { parseSubmission } from "~/forms/submission.server";
import { actorOf } from "~/auth/actor.server";
import { completeAction } from "~/models/action-commands.server";
import { today as getToday } from "~/today.server";

/**
 * Null when the action is marked done. An action that does not exist is a 404 and one the user may
 * not complete a 403 (both thrown); a form that names no action, an action already done or one
 * changed since the page was opened come back as the message to show, with its status.
 */
export function completeActionFromForm(db: Db, user: SessionUser, context: AppLoadContext, formData: FormData): { status: 400 | 409; message: string } | null {
  const submission = parseSubmission(formData, { schema: CompleteActionSchema });
  if (submission.status !== "success") return { status: 400, message: "Choose an action to mark done." };
  const outcome = completeAction(
    db,
    { ...actorOf(user, context), role: user.role },
    {
      actionId: submission.value.actionId,
      version: submission.value.actionVersion,
      today: getToday(),
    },
  );
  if (outcome.ok) return null;
  if ("conflict" in outcome) return { status: 409, message: outcome.conflict.message };
  if (outcome.status === 404) notFound("action");
  if (outcome.status === 403) forbidden(user, context, outcome.refused);
  return { status: 400, message: outcome.refused };
}
