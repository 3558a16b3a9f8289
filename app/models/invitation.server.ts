// Invitation links (docs/decisions/075): the token is an HMAC of a stored nonce under the session secret, so an
// administrator can see a pending link again while a copy of the database alone opens nothing. Lookups go
// through the token's SHA-256.
import crypto from "node:crypto";
import { and, asc, desc, eq, gt, isNull } from "drizzle-orm";
import { invitations, users } from "~/db.server";
import type { Db } from "~/db.server";
import { getSessionSecret } from "~/auth/secrets.server";
import { oidcSettings } from "~/auth/oidc.server";
import { absolute } from "~/models/notification-links.server";
import { mailRelayConfigured } from "~/models/mail-sender.server";

export const invitationPath = (token: string) => `/invitations/${token}`;

export const tokenFor = (nonce: string) => crypto.createHmac("sha256", getSessionSecret()).update(`invitation:${nonce}`).digest("base64url");
export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");
export const newNonce = () => crypto.randomBytes(16).toString("base64url");

/** How invitations reach people here: by email when a relay is set up; whether single sign-on is offered. */
export type InvitationDelivery = { email: boolean; sso: string | null };
export function invitationDelivery(): InvitationDelivery {
  return { email: mailRelayConfigured(), sso: oidcSettings()?.label ?? null };
}

/** The invitation a link names, with its person; undefined for a token nobody was given. */
export function findInvitation(db: Db, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  return db
    .select({
      id: invitations.id,
      userId: invitations.userId,
      expiresAt: invitations.expiresAt,
      usedAt: invitations.usedAt,
      revokedAt: invitations.revokedAt,
      name: users.name,
      email: users.email,
      role: users.role,
      disabledAt: users.disabledAt,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(eq(invitations.tokenHash, hashToken(token)))
    .get();
}

/** Invitations not used, revoked or expired, newest first, each with its link (absolute) to copy. */
export function listPendingInvitations(db: Db, nowMs: number) {
  return db
    .select({
      id: invitations.id,
      userId: invitations.userId,
      nonce: invitations.nonce,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      name: users.name,
      email: users.email,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(and(isNull(invitations.usedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date(nowMs)), isNull(users.disabledAt)))
    .orderBy(desc(invitations.createdAt), asc(users.name))
    .all()
    .map(({ nonce, ...i }) => ({ ...i, link: absolute(invitationPath(tokenFor(nonce))) }));
}

/** The link of a person's pending invitation, if they have one. */
export function pendingLinkOf(db: Db, userId: number, nowMs: number): string | null {
  const row = db
    .select({ nonce: invitations.nonce })
    .from(invitations)
    .where(and(eq(invitations.userId, userId), isNull(invitations.usedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date(nowMs))))
    .orderBy(desc(invitations.id))
    .get();
  return row ? absolute(invitationPath(tokenFor(row.nonce))) : null;
}
