// The two writes a guard makes on its own: a refused permission is recorded, and a session that ran out
// is removed with its audit row. Commands like every other write (ADR 011), so the trail cannot miss one.
import type { Db } from "~/db.server";
import { ok, record, runCommand, type Actor } from "~/models/command.server";
import { deleteSession } from "~/models/session.server";

/** "Refused: approve projects" in the trail, against the project when there is one. */
export function recordRefusal(db: Db, actor: Actor, input: { what: string; projectId?: number | null }) {
  return runCommand(db, () => {
    record(db, actor, {
      action: "auth.permission_denied",
      entityType: "",
      projectId: input.projectId ?? null,
      summary: `Refused: ${input.what}`,
    });
    return ok(null);
  });
}

/** Ends a session that is past its limit; a disabled account's session goes without an entry of its own. */
export function endExpiredSession(db: Db, actor: Actor, input: { idHash: string; reason: "maximum" | "idle"; audited: boolean }) {
  return runCommand(db, () => {
    deleteSession(db, input.idHash);
    if (input.audited) {
      record(db, actor, {
        action: "auth.session_expired",
        entityType: "user",
        entityId: actor.id,
        summary: input.reason === "maximum" ? "Session ended: maximum session length reached" : "Session ended after inactivity",
      });
    }
    return ok(null);
  });
}
