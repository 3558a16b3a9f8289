// Erasing a leaver's personal details (ADR 081): the account stays (the audit trail and the projects
// point at it) but it is pseudonymised, "Former member of staff #123", and nothing personal about it
// is left beside what they wrote for their projects.
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";
import { ok, record, refused, runCommand, type Actor } from "~/models/command.server";
import { erasedEmail, formerStaffName, isErasedEmail } from "~/models/personal-data.server";

/** Tables of personal settings and sign-in credentials, deleted on erasure (invitations when that table exists). */
const PERSONAL_TABLES = [
  "sessions",
  "two_factors",
  "recovery_codes",
  "oidc_identities",
  "notifications",
  "notification_preferences",
  "form_tokens",
  "invitations",
];

export function eraseUser(db: Db, actor: Actor, input: { userId: number }) {
  return runCommand(db, (tx) => {
    const sql = tx.$client;
    const user = sql.prepare("select id, email, disabled_at as disabledAt from users where id = ?").get(input.userId) as
      { id: number; email: string; disabledAt: number | null } | undefined;
    if (!user) return refused("We could not find that user.", 404);
    if (user.id === actor.id) return refused("You cannot erase your own account.", 400);
    if (isErasedEmail(user.email)) return refused("This person's details have already been erased.", 409);
    if (user.disabledAt == null) return refused("Disable the account first: only a leaver's details can be erased.", 400);

    const existing = new Set((sql.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name));
    const deleted: Record<string, number> = {};
    for (const table of PERSONAL_TABLES) {
      if (!existing.has(table)) continue;
      deleted[table] = sql.prepare(`delete from "${table}" where user_id = ?`).run(user.id).changes;
    }
    deleted.sign_in_attempts = sql.prepare("delete from sign_in_attempts where email = ?").run(user.email).changes;
    deleted.email_outbox = sql.prepare("delete from email_outbox where user_id = ? or to_address = ?").run(user.id, user.email).changes;
    sql
      .prepare(
        `update users set name = ?, email = ?, job_title = '', password_hash = null, must_change_password = 0, break_glass = 0,
           division_id = null, version = version + 1, updated_at = ? where id = ?`,
      )
      .run(formerStaffName(user.id), erasedEmail(user.id), nowMs(), user.id);
    record(tx, actor, {
      action: "user.erased",
      entityType: "user",
      entityId: user.id,
      // Never the person's name or address: that would undo the erasure.
      summary: `Erased the personal details of ${formerStaffName(user.id)}; their sessions and settings were deleted`,
      details: { deleted },
    });
    return ok({ name: formerStaffName(user.id), deleted });
  });
}

/** A download of a person's data leaves the service: recorded, without the person's name in the summary. */
export function recordPersonalDataDownload(db: Db, actor: Actor, input: { userId: number; file: string }) {
  return runCommand(db, (tx) => {
    record(tx, actor, {
      action: "user.data_downloaded",
      entityType: "user",
      entityId: input.userId,
      summary: `Downloaded the personal data of user #${input.userId} (${input.file})`,
    });
    return ok(null);
  });
}
