// Bringing people in from the HR spreadsheet: new people are added (without a password, each with an invitation
// to choose one, or to sign in with the organisation's account), people already here, matched by email, are updated. All or nothing.
import { eq, inArray, sql } from "drizzle-orm";
import { users } from "~/db.server";
import type { Db } from "~/db.server";
import { ROLE_LABELS } from "~/domain/labels";
import type { PersonRow } from "~/forms/people-import.server";
import { nowMs } from "~/clock.server";
import { ok, record, runCommand, type Actor } from "~/models/command.server";
import { issueInvitationIn, type Issued } from "~/models/invitation-commands.server";
import type { InvitationDelivery } from "~/models/invitation.server";

export type PeopleImportPlan = { added: PersonRow[]; updated: (PersonRow & { id: number; changes: string[] })[]; unchanged: number };

/** What confirming would do, read without writing: who is new, who changes and how. */
export function planPeopleImport(db: Db, rows: PersonRow[]): PeopleImportPlan {
  const existing = new Map<string, typeof users.$inferSelect>();
  for (let i = 0; i < rows.length; i += 500) {
    const emails = rows.slice(i, i + 500).map((r) => r.email);
    for (const u of db.select().from(users).where(inArray(users.email, emails)).all()) existing.set(u.email, u);
  }
  const plan: PeopleImportPlan = { added: [], updated: [], unchanged: 0 };
  for (const row of rows) {
    const u = existing.get(row.email);
    if (!u) {
      plan.added.push(row);
      continue;
    }
    const changes: string[] = [];
    if (u.name !== row.name) changes.push(`name to ${row.name}`);
    if (u.jobTitle !== row.jobTitle) changes.push(`job title to ${row.jobTitle || "none"}`);
    if (u.role !== row.role) changes.push(`role to ${ROLE_LABELS[row.role]}`);
    if ((u.divisionId ?? null) !== row.divisionId) changes.push(`division to ${row.division || "none"}`);
    if (changes.length) plan.updated.push({ ...row, id: u.id, changes });
    else plan.unchanged++;
  }
  return plan;
}

/** Adds and updates everyone in the checked rows in one transaction, each person's change in the audit trail. */
export function importPeople(db: Db, actor: Actor, input: { rows: PersonRow[]; fileName: string; delivery: InvitationDelivery }) {
  return runCommand(db, (tx) => {
    const plan = planPeopleImport(tx, input.rows);
    const now = new Date(nowMs());
    const invited: Issued[] = [];
    for (const row of plan.added) {
      const id = tx
        .insert(users)
        .values({
          email: row.email,
          name: row.name,
          jobTitle: row.jobTitle,
          role: row.role,
          divisionId: row.divisionId,
          passwordHash: null,
          mustChangePassword: false,
        })
        .returning({ id: users.id })
        .get().id;
      record(tx, actor, {
        action: "user.created",
        entityType: "user",
        entityId: id,
        summary: `Imported ${row.email} (${ROLE_LABELS[row.role]}) from ${input.fileName}`,
      });
      invited.push(issueInvitationIn(tx, actor, { id, name: row.name, email: row.email }, input.delivery));
    }
    for (const row of plan.updated) {
      tx.update(users)
        .set({ name: row.name, jobTitle: row.jobTitle, role: row.role, divisionId: row.divisionId, updatedAt: now, version: sql`${users.version} + 1` })
        .where(eq(users.id, row.id))
        .run();
      record(tx, actor, {
        action: "user.updated",
        entityType: "user",
        entityId: row.id,
        summary: `Imported from ${input.fileName}: changed ${row.email}'s ${row.changes.join(", ")}`,
      });
    }
    return ok({ added: plan.added.length, updated: plan.updated.length, unchanged: plan.unchanged, invited });
  });
}
