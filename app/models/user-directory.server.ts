// The users page for a trust of hundreds: search by name or email, filter by role, division and status, a page at a time.
import { and, asc, eq, isNotNull, isNull, like, or, sql, type SQL } from "drizzle-orm";
import { divisions, users } from "~/db.server";
import type { Db } from "~/db.server";
import type { Role } from "~/domain/enums";

import { USERS_PER_PAGE, type UserStatus } from "~/domain/user-status";

export type UserFilter = { q: string; role: Role | null; divisionId: number | null; status: UserStatus | null; page: number };

const hasIdentity = sql`exists (select 1 from oidc_identities o where o.user_id = ${users.id})`;
/** Can sign in: a password, or an organisation account that has signed in. */
const canSignIn = or(isNotNull(users.passwordHash), hasIdentity);

function where(f: UserFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  const q = f.q.trim().toLowerCase();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(or(sql`lower(${users.name}) like ${pattern} escape '\\'`, like(users.email, sql`${pattern} escape '\\'`)));
  }
  if (f.role) parts.push(eq(users.role, f.role));
  if (f.divisionId) parts.push(eq(users.divisionId, f.divisionId));
  if (f.status === "disabled") parts.push(isNotNull(users.disabledAt));
  if (f.status === "active") parts.push(and(isNull(users.disabledAt), canSignIn));
  if (f.status === "invited") parts.push(and(isNull(users.disabledAt), isNull(users.passwordHash), sql`not ${hasIdentity}`));
  return and(...parts.filter(Boolean));
}

/** One page of the people the filter finds, by name, and how many it finds in all. */
export function findUsers(db: Db, f: UserFilter) {
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .where(where(f))
      .get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / USERS_PER_PAGE));
  const page = Math.min(Math.max(1, f.page), pages);
  const rows = db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      jobTitle: users.jobTitle,
      role: users.role,
      divisionId: users.divisionId,
      division: divisions.name,
      disabledAt: users.disabledAt,
      version: users.version,
      hasPassword: sql<number>`${users.passwordHash} is not null`,
      hasIdentity: sql<number>`${hasIdentity}`,
      mustChangePassword: users.mustChangePassword,
      breakGlass: users.breakGlass,
      twoFactorOn: sql<number>`exists (select 1 from two_factors f where f.user_id = ${users.id} and f.confirmed_at is not null)`,
      invitationExpiresAt: sql<
        number | null
      >`(select max(i.expires_at) from invitations i where i.user_id = ${users.id} and i.used_at is null and i.revoked_at is null)`,
    })
    .from(users)
    .leftJoin(divisions, eq(divisions.id, users.divisionId))
    .where(where(f))
    .orderBy(asc(users.name), asc(users.id))
    .limit(USERS_PER_PAGE)
    .offset((page - 1) * USERS_PER_PAGE)
    .all();
  return { rows, total, page, pages };
}

/** What the edit page shows of one person. */
export function getPersonForEdit(db: Db, userId: number) {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      jobTitle: users.jobTitle,
      role: users.role,
      divisionId: users.divisionId,
      version: users.version,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
}
