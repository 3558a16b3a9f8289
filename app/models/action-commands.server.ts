// Marking a board action done, from the meeting page or a person's own list of actions.
import type { Db } from "~/db.server";
import type { Role } from "~/domain/enums";
import { canGovern } from "~/domain/permissions";
import { formatDateTime, formatDay } from "~/domain/calendar";
import { completeActionIfVersion, getAction, type ActionRow } from "~/models/action.server";
import { conflict, ok, record, refused, runCommand, type Actor, type CommandResult } from "~/models/command.server";

export type CompleteAction = { actionId: number; version: number; today: string };
/** The action as it is now, and what to tell the person whose page was out of date. */
export type ActionConflict = { message: string; action: ActionRow };

const alreadyDone = (day: string) => refused(`This action was already marked done on ${formatDay(day)}.`, 400);

/**
 * Its owner, a board member or an admin may mark an action done (a 403 refusal names what was
 * refused); an action already done is a 400 refusal and one changed since the page was opened a
 * conflict. The value is the message to show and the action as it was read.
 */
export function completeAction(
  db: Db,
  actor: Actor & { role: Role },
  input: CompleteAction,
): CommandResult<{ message: string; action: ActionRow }, ActionConflict> {
  return runCommand<{ message: string; action: ActionRow }, ActionConflict>(db, (tx) => {
    const action = getAction(tx, input.actionId);
    if (!action) return refused("We could not find that action.", 404);
    if (action.ownerUserId !== actor.id && !canGovern(actor)) return refused("mark this action done", 403);
    if (action.completedOn) return alreadyDone(action.completedOn);
    if (!completeActionIfVersion(tx, action.id, input.version, input.today, actor.id)) {
      const current = getAction(tx, action.id) ?? action;
      if (current.completedOn) return alreadyDone(current.completedOn);
      const when = current.updatedAt ? ` at ${formatDateTime(current.updatedAt)}` : "";
      return conflict({
        message: `This action was changed by ${current.updatedByName ?? "someone else"}${when} since you opened the page. Check it below and try again.`,
        action: current,
      });
    }
    record(tx, actor, {
      action: "action.completed",
      entityType: "meeting_action",
      entityId: action.id,
      projectId: action.projectId,
      summary: `Marked done: "${action.text.slice(0, 120)}" (owner ${action.ownerName})`,
    });
    return ok({ message: `Marked done: ${action.text}`, action });
  });
}
