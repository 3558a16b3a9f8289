import { asc, and, eq } from "drizzle-orm";
import { oidcIdentities, oidcRoleMappings } from "~/db.server";
import type { Db } from "~/db.server";
import type { Role } from "~/domain/enums";

export function findIdentity(db: Db, issuer: string, subject: string) {
  return db
    .select({ id: oidcIdentities.id, userId: oidcIdentities.userId })
    .from(oidcIdentities)
    .where(and(eq(oidcIdentities.issuer, issuer), eq(oidcIdentities.subject, subject)))
    .get();
}

export function insertIdentity(db: Db, input: { userId: number; issuer: string; subject: string; at: Date }) {
  db.insert(oidcIdentities).values({ userId: input.userId, issuer: input.issuer, subject: input.subject, createdAt: input.at }).run();
}

export function touchIdentity(db: Db, id: number, at: Date) {
  db.update(oidcIdentities).set({ lastSignInAt: at }).where(eq(oidcIdentities.id, id)).run();
}

export function listRoleMappings(db: Db) {
  return db
    .select({ id: oidcRoleMappings.id, claimValue: oidcRoleMappings.claimValue, role: oidcRoleMappings.role })
    .from(oidcRoleMappings)
    .orderBy(asc(oidcRoleMappings.claimValue))
    .all();
}

export function insertRoleMapping(db: Db, claimValue: string, role: Role) {
  return db.insert(oidcRoleMappings).values({ claimValue, role }).onConflictDoNothing().run().changes === 1;
}

export function deleteRoleMapping(db: Db, id: number) {
  return db.delete(oidcRoleMappings).where(eq(oidcRoleMappings.id, id)).returning({ claimValue: oidcRoleMappings.claimValue }).get();
}
