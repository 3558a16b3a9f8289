import { asc, eq, sql } from "drizzle-orm";
import { users } from "~/db.server";
import type { Db } from "~/db.server";
import type { Role } from "~/domain/enums";
import { nowMs } from "~/clock.server";
import { listPeopleToChoose } from "~/models/people.server";

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function countUsers(db: Db): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .get()?.n ?? 0
  );
}

/** What signing in and changing a password read of an account. */
const ACCOUNT_COLUMNS = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  passwordHash: users.passwordHash,
  disabledAt: users.disabledAt,
  mustChangePassword: users.mustChangePassword,
  breakGlass: users.breakGlass,
  version: users.version,
};

export function findUserForSignIn(db: Db, email: string) {
  return db
    .select(ACCOUNT_COLUMNS)
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
}

export function getUser(db: Db, id: number) {
  return db
    .select({ ...ACCOUNT_COLUMNS, jobTitle: users.jobTitle })
    .from(users)
    .where(eq(users.id, id))
    .get();
}

export function listUsers(db: Db) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      jobTitle: users.jobTitle,
      role: users.role,
      disabledAt: users.disabledAt,
      canSignIn: sql<number>`${users.passwordHash} is not null`,
      mustChangePassword: users.mustChangePassword,
      breakGlass: users.breakGlass,
      twoFactorOn: sql<number>`exists (select 1 from two_factors f where f.user_id = ${users.id} and f.confirmed_at is not null)`,
    })
    .from(users)
    .orderBy(asc(users.name))
    .all();
}

/** People who can be named as leads or owners (enabled accounts, bounded: see people.server). */
export function listPeople(db: Db) {
  return listPeopleToChoose(db);
}

export function emailTaken(db: Db, email: string): boolean {
  return Boolean(
    db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, normaliseEmail(email)))
      .get(),
  );
}

export function insertUser(
  db: Db,
  input: {
    email: string;
    name: string;
    jobTitle?: string;
    role: Role;
    passwordHash: string | null;
    mustChangePassword: boolean;
  },
): number {
  const row = db
    .insert(users)
    .values({ ...input, email: normaliseEmail(input.email), jobTitle: input.jobTitle ?? "" })
    .returning({ id: users.id })
    .get();
  return row.id;
}

export function updateUserAccount(db: Db, id: number, patch: { name?: string; jobTitle?: string; role?: Role }) {
  db.update(users)
    .set({ ...patch, updatedAt: new Date(nowMs()), version: sql`${users.version} + 1` })
    .where(eq(users.id, id))
    .run();
}

export function setUserDisabled(db: Db, id: number, disabled: boolean) {
  db.update(users)
    .set({
      disabledAt: disabled ? new Date(nowMs()) : null,
      updatedAt: new Date(nowMs()),
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, id))
    .run();
}

export function setUserPassword(db: Db, id: number, passwordHash: string, mustChange: boolean) {
  db.update(users)
    .set({
      passwordHash,
      mustChangePassword: mustChange,
      updatedAt: new Date(nowMs()),
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, id))
    .run();
}

export function setUserBreakGlass(db: Db, id: number, breakGlass: boolean) {
  db.update(users)
    .set({ breakGlass, updatedAt: new Date(nowMs()), version: sql`${users.version} + 1` })
    .where(eq(users.id, id))
    .run();
}
