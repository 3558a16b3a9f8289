// Single sign-on as commands: signing in with a provider's identity (linking rules in ADR 032), its
// refusals, the role mapping an admin edits, and break-glass accounts (passwords kept when AUTH_LOCAL=0).
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";
import { ROLES, type Role } from "~/domain/enums";
import { ROLE_LABELS } from "~/domain/labels";
import { ok, record, refused, runCommand, type Actor } from "~/models/command.server";
import { findIdentity, insertIdentity, insertRoleMapping, deleteRoleMapping, listRoleMappings, touchIdentity } from "~/models/oidc.server";
import { insertSession, type NewSession } from "~/models/session.server";
import { findUserForSignIn, getUser, insertUser, setUserBreakGlass, updateUserAccount } from "~/models/user.server";

export type SsoIdentity = {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  /** The values of OIDC_ROLE_CLAIM, or null when no role claim is configured. */
  roleValues: string[] | null;
};

export const SSO_NO_ACCOUNT = "There is no Stepping Up account for your organisation account. Ask your Stepping Up administrator to add you.";
export const SSO_UNVERIFIED = "Your organisation account's email address is not verified, so it cannot be matched to a Stepping Up account.";
export const SSO_DISABLED = "Your Stepping Up account is disabled. Ask your Stepping Up administrator.";

/** The most privileged role any of the claim's values maps to. */
function mappedRole(db: Db, values: string[]): Role | null {
  const mapped = listRoleMappings(db).filter((m) => values.includes(m.claimValue));
  const order = [...ROLES]; // admin, board, staff, viewer: most privileged first
  return mapped.map((m) => m.role).sort((a, b) => order.indexOf(a) - order.indexOf(b))[0] ?? null;
}

/**
 * A provider's identity becomes a session: the linked account, else the account with the same
 * verified email (then linked), else a new viewer when `createUsers`. One transaction with its audit rows.
 */
export function signInWithSso(db: Db, input: { identity: SsoIdentity; ip: string; createUsers: boolean; session: Omit<NewSession, "userId"> }) {
  const { identity } = input;
  return runCommand(db, (tx) => {
    const at = new Date(nowMs());
    const linked = findIdentity(tx, identity.issuer, identity.subject);
    let userId = linked?.userId ?? null;
    let how = "linked account";
    if (userId === null) {
      const byEmail = identity.email ? findUserForSignIn(tx, identity.email) : undefined;
      if (byEmail || input.createUsers) {
        if (!identity.email || !identity.emailVerified) return refused(SSO_UNVERIFIED, 403);
      }
      if (byEmail) {
        userId = byEmail.id;
        how = "matched by verified email";
      } else if (input.createUsers && identity.email) {
        userId = insertUser(tx, {
          email: identity.email,
          name: identity.name ?? identity.email,
          role: "viewer",
          passwordHash: null,
          mustChangePassword: false,
        });
        how = "new account";
        record(
          tx,
          { id: userId, email: identity.email, ip: input.ip },
          {
            action: "user.created",
            entityType: "user",
            entityId: userId,
            summary: `Created ${identity.email} (${ROLE_LABELS.viewer}) at first sign-in through single sign-on`,
          },
        );
      } else {
        return refused(SSO_NO_ACCOUNT, 403);
      }
      insertIdentity(tx, { userId, issuer: identity.issuer, subject: identity.subject, at });
    }
    const user = getUser(tx, userId)!;
    if (user.disabledAt) return refused(SSO_DISABLED, 403);
    const actor: Actor = { id: user.id, email: user.email, ip: input.ip };
    if (!linked) {
      record(tx, actor, {
        action: "auth.sso_linked",
        entityType: "user",
        entityId: user.id,
        summary: `Linked ${identity.issuer} subject ${identity.subject} to ${user.email} (${how})`,
      });
    }
    if (identity.roleValues) {
      const role = mappedRole(tx, identity.roleValues);
      if (role && role !== user.role) {
        updateUserAccount(tx, user.id, { role });
        record(tx, actor, {
          action: "user.updated",
          entityType: "user",
          entityId: user.id,
          summary: `Role of ${user.email} set from ${ROLE_LABELS[user.role]} to ${ROLE_LABELS[role]} by the single sign-on role mapping`,
        });
      }
    }
    const identityRow = findIdentity(tx, identity.issuer, identity.subject)!;
    touchIdentity(tx, identityRow.id, at);
    insertSession(tx, { ...input.session, userId: user.id });
    record(tx, actor, { action: "auth.sign_in", entityType: "user", entityId: user.id, summary: `Signed in through single sign-on (${identity.issuer})` });
    return ok({ userId: user.id, email: user.email, mustChangePassword: false });
  });
}

/** A refused single sign-on (wrong state or nonce, a bad token, no account…): audited, nothing else. */
export function refuseSso(db: Db, input: { ip: string; reason: string; who?: string | null; userId?: number | null }) {
  return runCommand(db, (tx) => {
    record(tx, input.userId ? { id: input.userId, email: input.who ?? "", ip: input.ip } : { id: null, email: input.who ?? "", ip: input.ip }, {
      action: "auth.sso_refused",
      entityType: "user",
      entityId: input.userId ?? null,
      summary: `Single sign-on refused: ${input.reason}`.slice(0, 500),
    });
    return ok(null);
  });
}

export function addRoleMapping(db: Db, actor: Actor, input: { claimValue: string; role: Role }) {
  return runCommand(db, (tx) => {
    if (!insertRoleMapping(tx, input.claimValue, input.role)) return refused(`“${input.claimValue}” already has a role. Remove it first to change it.`, 400);
    record(tx, actor, {
      action: "user.role_mapping_changed",
      entityType: "",
      summary: `Single sign-on: “${input.claimValue}” gives the role ${ROLE_LABELS[input.role]}`,
    });
    return ok(null);
  });
}

export function removeRoleMapping(db: Db, actor: Actor, input: { id: number }) {
  return runCommand(db, (tx) => {
    const gone = deleteRoleMapping(tx, input.id);
    if (!gone) return refused("That role mapping was already removed.", 404);
    record(tx, actor, { action: "user.role_mapping_changed", entityType: "", summary: `Single sign-on: “${gone.claimValue}” no longer gives a role` });
    return ok({ claimValue: gone.claimValue });
  });
}

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
