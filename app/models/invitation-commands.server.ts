// Inviting people to set their own password (docs/decisions/075). Issuing writes the invitation, its audit row
// and, when mail is set up, the email in the outbox, all in the caller's transaction; accepting sets the
// password, spends the invitation and starts the session in one.
import { and, eq, gt, isNull } from "drizzle-orm";
import { emailOutbox, invitations, users } from "~/db.server";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";
import { INVITATION_MS, INVITATION_PROBLEMS, invitationState } from "~/domain/invitation";
import { renderInvitationEmail } from "~/domain/invitation";
import { ok, record, refused, runCommand, type Actor } from "~/models/command.server";
import { absolute } from "~/models/notification-links.server";
import { deleteSessionsForUser, insertSession, type NewSession } from "~/models/session.server";
import { findInvitation, hashToken, invitationPath, newNonce, tokenFor, type InvitationDelivery } from "~/models/invitation.server";
import { setUserPassword } from "~/models/user.server";

type Person = { id: number; name: string; email: string };
export type Issued = { userId: number; email: string; link: string; emailed: boolean };

/** Within a command: revokes the person's pending invitations and issues a new one (emailed when mail is set up). */
export function issueInvitationIn(tx: Db, actor: Actor, person: Person, delivery: InvitationDelivery, why = "Invited"): Issued {
  const at = nowMs();
  tx.update(invitations)
    .set({ revokedAt: new Date(at) })
    .where(and(eq(invitations.userId, person.id), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
    .run();
  const nonce = newNonce();
  const token = tokenFor(nonce);
  const expiresAt = new Date(at + INVITATION_MS);
  const id = tx
    .insert(invitations)
    .values({ userId: person.id, nonce, tokenHash: hashToken(token), createdBy: actor.id, createdAt: new Date(at), expiresAt })
    .returning({ id: invitations.id })
    .get().id;
  const link = absolute(invitationPath(token));
  if (delivery.email) {
    const message = renderInvitationEmail({ name: person.name, link, signInUrl: absolute("/login"), expiresAt, sso: delivery.sso });
    tx.insert(emailOutbox)
      .values({
        userId: person.id,
        toAddress: person.email,
        kind: "invitation",
        subject: message.subject,
        textBody: message.text,
        htmlBody: message.html,
        unsubscribeUrl: "",
        nextAttemptAt: new Date(at),
        createdAt: new Date(at),
      })
      .run();
  }
  record(tx, actor, {
    action: "invitation.issued",
    entityType: "user",
    entityId: person.id,
    summary: `${why} ${person.email}${delivery.email ? " by email" : ""}; the link works until it is used, for 7 days`,
    details: { invitationId: id },
  });
  return { userId: person.id, email: person.email, link, emailed: delivery.email };
}

/** A new link for someone who has not set a password yet; the old link stops working. */
export function reissueInvitation(db: Db, actor: Actor, input: { userId: number; delivery: InvitationDelivery }) {
  return runCommand(db, (tx) => {
    const person = tx
      .select({ id: users.id, name: users.name, email: users.email, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, input.userId))
      .get();
    if (!person) return refused("We could not find that user.", 404);
    if (person.disabledAt) return refused(`${person.email} is disabled: enable them before inviting them.`, 400);
    if (person.passwordHash) return refused(`${person.email} has already set a password: reset it instead if they cannot sign in.`, 400);
    return ok(issueInvitationIn(tx, actor, person, input.delivery, "Re-invited"));
  });
}

/** Stops a person's pending invitation link from working. */
export function revokeInvitation(db: Db, actor: Actor, input: { userId: number }) {
  return runCommand(db, (tx) => {
    const inv = tx
      .select({ id: invitations.id, userId: invitations.userId, email: users.email })
      .from(invitations)
      .innerJoin(users, eq(users.id, invitations.userId))
      .where(and(eq(invitations.userId, input.userId), isNull(invitations.usedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date(nowMs()))))
      .get();
    if (!inv) return refused("That person has no pending invitation.", 404);
    tx.update(invitations)
      .set({ revokedAt: new Date(nowMs()) })
      .where(and(eq(invitations.userId, input.userId), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
      .run();
    record(tx, actor, {
      action: "invitation.revoked",
      entityType: "user",
      entityId: inv.userId,
      summary: `Withdrew the invitation of ${inv.email}: its link no longer works`,
      details: { invitationId: inv.id },
    });
    return ok({ email: inv.email });
  });
}

export type InvitationProblem = keyof typeof INVITATION_PROBLEMS;

/** Why a link cannot be used now, or null when it can. */
export function invitationProblem(inv: ReturnType<typeof findInvitation>, at: number): InvitationProblem | null {
  if (!inv) return "unknown";
  if (inv.disabledAt) return "disabled";
  const state = invitationState(inv, at);
  return state === "pending" ? null : state;
}

/**
 * Sets the invited person's password from their link, once: the invitation is spent, their other sessions
 * end and this browser gets `session`. Checked again here, since the password was hashed after the page read it.
 */
export function acceptInvitation(db: Db, input: { token: string; passwordHash: string; session: NewSession; ip: string }) {
  return runCommand(db, (tx) => {
    const inv = findInvitation(tx, input.token);
    const problem = invitationProblem(inv, nowMs());
    if (problem || !inv || inv.userId !== input.session.userId) return refused(problem ?? "unknown", !inv ? 404 : 409);
    const spent = tx
      .update(invitations)
      .set({ usedAt: new Date(nowMs()) })
      .where(and(eq(invitations.id, inv.id), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
      .run();
    if (spent.changes !== 1) return refused("used", 409);
    setUserPassword(tx, inv.userId, input.passwordHash, false);
    deleteSessionsForUser(tx, inv.userId);
    insertSession(tx, input.session);
    record(
      tx,
      { id: inv.userId, email: inv.email, ip: input.ip },
      {
        action: "invitation.accepted",
        entityType: "user",
        entityId: inv.userId,
        summary: "Accepted their invitation, chose a password and signed in",
        details: { invitationId: inv.id },
      },
    );
    return ok({ userId: inv.userId, email: inv.email });
  });
}
