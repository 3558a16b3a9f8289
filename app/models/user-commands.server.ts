// Administering accounts. Passwords are hashed by the caller (async) and handed in.
import type { Db } from "~/db.server";
import type { Role } from "~/domain/enums";
import { ROLE_LABELS } from "~/domain/labels";
import { and, desc, eq, sql } from "drizzle-orm";
import { auditEvents, divisions, users } from "~/db.server";
import { nowMs } from "~/clock.server";
import { buildConflict, describeChanges, type Conflict } from "~/domain/conflict";
import { conflict, ok, record, refused, runCommand, type Actor, type CommandResult } from "~/models/command.server";
import { spendFormToken, spentFormToken, type Created, type FormOnce } from "~/models/form-token.server";
import { deleteSessionsForUser } from "~/models/session.server";
import { emailTaken, getUser, insertUser, normaliseEmail, setUserDisabled, setUserPassword, updateUserAccount } from "~/models/user.server";

import { EMAIL_TAKEN } from "~/domain/messages";
import { issueInvitationIn, type Issued } from "~/models/invitation-commands.server";
import type { InvitationDelivery } from "~/models/invitation.server";
const USERS_PAGE = "/admin/users";

type NewUser = { email: string; name: string; jobTitle?: string; role: Role; once: FormOnce; delivery: InvitationDelivery };

/** A new account without a password, and its invitation to choose one (docs/decisions/075). */
export function createUser(db: Db, actor: Actor, input: NewUser) {
  return runCommand<Created & { invitation: Issued | null }>(db, (tx) => {
    const replay = spentFormToken(tx, input.once);
    if (replay) return ok({ replayed: true, location: replay, id: null, invitation: null });
    // Checked inside the transaction: another request may have taken the address meanwhile.
    if (emailTaken(tx, input.email)) return refused(EMAIL_TAKEN, 400);
    const { once: _once, delivery, ...row } = input;
    const id = insertUser(tx, { ...row, passwordHash: null, mustChangePassword: false });
    record(tx, actor, {
      action: "user.created",
      entityType: "user",
      entityId: id,
      summary: `Created ${normaliseEmail(input.email)} (${ROLE_LABELS[input.role]})`,
    });
    const invitation = issueInvitationIn(tx, actor, { id, name: input.name, email: normaliseEmail(input.email) }, delivery);
    spendFormToken(tx, input.once, USERS_PAGE);
    return ok({ replayed: false, location: USERS_PAGE, id, invitation });
  });
}

type Change = { kind: "disable" } | { kind: "enable" } | { kind: "reset"; passwordHash: string } | { kind: "role"; role: Role };

/** Disabling and resetting a password end the person's sessions; nobody disables or demotes themselves. */
export function changeUser(db: Db, actor: Actor, input: { userId: number; change: Change }) {
  const { userId, change } = input;
  return runCommand(db, (tx) => {
    const target = getUser(tx, userId);
    if (!target) return refused("We could not find that user.", 404);
    if (userId === actor.id && change.kind !== "reset") return refused("You cannot disable yourself or change your own role.", 400);
    const event = { entityType: "user", entityId: userId };
    switch (change.kind) {
      case "disable":
        setUserDisabled(tx, userId, true);
        deleteSessionsForUser(tx, userId);
        record(tx, actor, {
          ...event,
          action: "user.disabled",
          summary: `Disabled ${target.email} and ended their sessions`,
        });
        break;
      case "enable":
        setUserDisabled(tx, userId, false);
        record(tx, actor, { ...event, action: "user.enabled", summary: `Enabled ${target.email}` });
        break;
      case "reset":
        setUserPassword(tx, userId, change.passwordHash, true);
        deleteSessionsForUser(tx, userId);
        record(tx, actor, {
          ...event,
          action: "user.password_reset",
          summary: `Reset the password of ${target.email}`,
        });
        break;
      case "role":
        updateUserAccount(tx, userId, { role: change.role });
        record(tx, actor, {
          ...event,
          action: "user.updated",
          summary: `Changed the role of ${target.email} from ${ROLE_LABELS[target.role]} to ${ROLE_LABELS[change.role]}`,
        });
        break;
    }
    return ok({ email: target.email });
  });
}

export const PERSON_FIELD_LABELS = { name: "Name", email: "Email", jobTitle: "Job title", division: "Division" };

type PersonEdit = { userId: number; version: number; name: string; email: string; jobTitle: string; divisionId: number | null };

/** A person's name, email, job title and division: versioned (409 with both versions), a taken email refused, audited. */
export function editPerson(db: Db, actor: Actor, input: PersonEdit): CommandResult<{ email: string }, Conflict> {
  return runCommand(db, (tx) => {
    const current = tx
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        jobTitle: users.jobTitle,
        divisionId: users.divisionId,
        division: divisions.name,
        version: users.version,
        updatedAt: users.updatedAt,
      })
      .from(users)
      .leftJoin(divisions, eq(divisions.id, users.divisionId))
      .where(eq(users.id, input.userId))
      .get();
    if (!current) return refused("We could not find that user.", 404);
    const division = input.divisionId ? tx.select({ name: divisions.name }).from(divisions).where(eq(divisions.id, input.divisionId)).get() : null;
    if (input.divisionId && !division) return refused("Choose a division from the list", 400);
    const email = normaliseEmail(input.email);
    const shown = (p: { name: string; email: string; jobTitle: string; division: string | null | undefined }) => ({ ...p, division: p.division ?? "" });
    const before = shown(current);
    const after = shown({ name: input.name, email, jobTitle: input.jobTitle, division: division?.name ?? "" });
    if (current.version !== input.version) {
      const by = tx
        .select({ who: auditEvents.actorEmail })
        .from(auditEvents)
        .where(and(eq(auditEvents.entityType, "user"), eq(auditEvents.entityId, current.id)))
        .orderBy(desc(auditEvents.id))
        .get();
      return conflict(
        buildConflict({
          changedBy: by?.who ?? null,
          changedAt: current.updatedAt,
          currentVersion: current.version,
          current: before,
          submitted: after,
          labels: PERSON_FIELD_LABELS,
        }),
      );
    }
    if (email !== current.email && emailTaken(tx, email)) return refused(EMAIL_TAKEN, 400);
    const done = tx
      .update(users)
      .set({
        name: input.name,
        email,
        jobTitle: input.jobTitle,
        divisionId: input.divisionId,
        updatedAt: new Date(nowMs()),
        version: sql`${users.version} + 1`,
      })
      .where(and(eq(users.id, current.id), eq(users.version, input.version)))
      .run();
    if (done.changes !== 1) return refused("Someone else changed this person at the same moment. Open the page again.", 409);
    record(tx, actor, {
      action: "user.updated",
      entityType: "user",
      entityId: current.id,
      summary: `Changed ${current.email}: ${describeChanges(before, after, PERSON_FIELD_LABELS)}`,
    });
    return ok({ email });
  });
}
