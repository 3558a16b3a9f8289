import { and, eq, isNull, sql } from "drizzle-orm";
import { recoveryCodes, twoFactors } from "~/db.server";
import type { Db } from "~/db.server";

/** The account's authenticator secret, if one is confirmed. */
export function getConfirmedTwoFactor(db: Db, userId: number) {
  const row = db
    .select({ secret: twoFactors.secret, confirmedAt: twoFactors.confirmedAt, lastStep: twoFactors.lastStep })
    .from(twoFactors)
    .where(eq(twoFactors.userId, userId))
    .get();
  return row?.confirmedAt ? row : undefined;
}

export function unusedRecoveryCodeCount(db: Db, userId: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
      .get()?.n ?? 0
  );
}

export function findUnusedRecoveryCode(db: Db, userId: number, codeHash: string) {
  return db
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .get();
}

/** A new confirmed factor (replacing any earlier one) with its fresh recovery codes. */
export function saveTwoFactor(db: Db, userId: number, input: { secret: string; step: number; codeHashes: string[]; at: Date }) {
  db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
  db.insert(twoFactors)
    .values({ userId, secret: input.secret, confirmedAt: input.at, lastStep: input.step, createdAt: input.at })
    .onConflictDoUpdate({ target: twoFactors.userId, set: { secret: input.secret, confirmedAt: input.at, lastStep: input.step, createdAt: input.at } })
    .run();
  db.insert(recoveryCodes)
    .values(input.codeHashes.map((codeHash) => ({ userId, codeHash })))
    .run();
}

/** Accepts a time step only if it is later than the last accepted one (false: a replay, or a race lost). */
export function spendTimeStep(db: Db, userId: number, step: number): boolean {
  return (
    db
      .update(twoFactors)
      .set({ lastStep: step })
      .where(and(eq(twoFactors.userId, userId), sql`${twoFactors.lastStep} < ${step}`))
      .run().changes === 1
  );
}

export function spendRecoveryCode(db: Db, codeId: number, at: Date): boolean {
  return (
    db
      .update(recoveryCodes)
      .set({ usedAt: at })
      .where(and(eq(recoveryCodes.id, codeId), isNull(recoveryCodes.usedAt)))
      .run().changes === 1
  );
}

export function deleteTwoFactor(db: Db, userId: number): boolean {
  db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
  return db.delete(twoFactors).where(eq(twoFactors.userId, userId)).run().changes > 0;
}
