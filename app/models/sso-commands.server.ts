// Administering how people sign in: break-glass accounts (passwords kept when AUTH_LOCAL=0).
import type { Db } from "~/db.server";
import { ok, record, refused, runCommand, type Actor } from "~/models/command.server";
import { getUser, setUserBreakGlass } from "~/models/user.server";

export function setBreakGlass(db: Db, actor: Actor, input: { userId: number; breakGlass: boolean }) {
  return runCommand(db, (tx) => {
    const target = getUser(tx, input.userId);
    if (!target) return refused("We could not find that user.", 404);
    if (target.breakGlass === input.breakGlass) return ok({ email: target.email });
    setUserBreakGlass(tx, input.userId, input.breakGlass);
    record(tx, actor, {
      action: "user.break_glass_changed",
      entityType: "user",
      entityId: input.userId,
      summary: input.breakGlass
        ? `Made ${target.email} a break-glass account (may sign in with a password when passwords are off)`
        : `${target.email} is no longer a break-glass account`,
    });
    return ok({ email: target.email });
  });
}
