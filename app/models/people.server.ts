// The people a form can name: enabled accounts, by name, with the job title that tells two of the
// same name apart. Every people picker (leads, team members, action owners, ask recipients,
// milestone owners) reads this one list.
import { and, asc, eq, isNull, ne, type SQL } from "drizzle-orm";
import { users } from "~/db.server";
import type { Db } from "~/db.server";

/**
 * A bound on the list a picker renders (a large trust has 10,000–20,000 staff). The list is read in name
 * order through the partial index `users_active_name_idx`; a trust past the bound needs a search
 * endpoint instead of a select, and a test at the bound would say so.
 */
export const PEOPLE_LIST_LIMIT = 20_000;

export type PersonChoice = { id: number; name: string; jobTitle: string };

/** Who may be chosen: enabled accounts; for an ask, only those who can answer one (viewers cannot). */
function choosable(options: { askable?: boolean }): SQL | undefined {
  return options.askable ? and(isNull(users.disabledAt), ne(users.role, "viewer")) : isNull(users.disabledAt);
}

export function listPeopleToChoose(db: Db, options: { askable?: boolean } = {}): PersonChoice[] {
  return db
    .select({ id: users.id, name: users.name, jobTitle: users.jobTitle })
    .from(users)
    .where(choosable(options))
    .orderBy(asc(users.name), asc(users.id))
    .limit(PEOPLE_LIST_LIMIT)
    .all();
}

/** The person behind a chosen id, or undefined when there is no such account or it is disabled. */
export function getPersonToChoose(db: Db, userId: number, options: { askable?: boolean } = {}): { id: number; name: string } | undefined {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.id, userId), choosable(options)))
    .get();
}
