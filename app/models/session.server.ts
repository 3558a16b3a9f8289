import { and, eq, isNotNull, sql } from "drizzle-orm";
import { sessions, twoFactors, users } from "~/db.server";
import type { Db } from "~/db.server";
import type { Role } from "~/domain/enums";

export type SessionUser = {
  id: number;
  email: string;
  name: string;
  role: Role;
  mustChangePassword: boolean;
  disabledAt: Date | null;
  /** An authenticator app is set up and confirmed. */
  twoFactorOn: boolean;
  /** How this session was signed in (sessions.method). */
  signedInWith: string;
  sessionExpiresAt?: number;
};

// Every signed-in request runs this query: built and prepared once per database, not per request.
const prepared = new WeakMap<Db, ReturnType<typeof prepareFind>>();

function prepareFind(db: Db) {
  return db
    .select({
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      signedInWith: sessions.method,
      twoFactorUserId: twoFactors.userId,
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        mustChangePassword: users.mustChangePassword,
        disabledAt: users.disabledAt,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(twoFactors, and(eq(twoFactors.userId, users.id), isNotNull(twoFactors.confirmedAt)))
    .where(eq(sessions.idHash, sql.placeholder("idHash")))
    .prepare();
}

export function findSessionWithUser(db: Db, idHash: string) {
  let find = prepared.get(db);
  if (!find) {
    find = prepareFind(db);
    prepared.set(db, find);
  }
  const row = find.get({ idHash });
  if (!row) return undefined;
  const { twoFactorUserId, signedInWith, ...rest } = row;
  return {
    ...rest,
    user: { ...rest.user, twoFactorOn: twoFactorUserId !== null, signedInWith },
    lastSeenAt: Number(row.lastSeenAt),
    expiresAt: Number(row.expiresAt),
  };
}

export type NewSession = typeof sessions.$inferInsert;

export function insertSession(db: Db, row: NewSession) {
  db.insert(sessions).values(row).run();
}

export function touchSession(db: Db, idHash: string, at: number) {
  db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.idHash, idHash)).run();
}

export function deleteSession(db: Db, idHash: string) {
  db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
}

export function deleteSessionsForUser(db: Db, userId: number) {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}
