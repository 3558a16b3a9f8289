// A person's data (UK GDPR, ADR 081): every row that refers to a person, found from the database's
// own foreign keys so a table added later is included without a change here, plus the rows that
// name them by email only (failed sign-ins, emails sent to them).
import type { Db } from "~/db.server";
import { exportableTables } from "~/models/export.server";

/** The person's name after erasure: the audit trail and projects show this instead. */
export const formerStaffName = (userId: number) => `Former member of staff #${userId}`;
/** Erased accounts keep a unique, undeliverable address (RFC 2606's .invalid): it marks them as erased. */
export const erasedEmail = (userId: number) => `former-member-${userId}@erased.invalid`;
export const isErasedEmail = (email: string) => email.endsWith("@erased.invalid");

/** Values never shown or downloaded, even to the person: credentials and the links in emails. */
const HIDDEN_COLUMN = /(password_hash|secret|token|token_hash|id_hash|code_hash|unsubscribe_url|text_body|html_body)$/;

export type PersonalRows = { table: string; column: string; rows: Record<string, unknown>[] };

type ForeignKey = { table: string; from: string; to: string };

function referencesToUsers(db: Db): { table: string; column: string }[] {
  const out: { table: string; column: string }[] = [];
  for (const table of exportableTables(db)) {
    if (table === "users") continue;
    const keys = db.$client.prepare(`pragma foreign_key_list("${table}")`).all() as ForeignKey[];
    for (const k of keys) if (k.table === "users") out.push({ table, column: k.from });
  }
  return out;
}

function visible(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, HIDDEN_COLUMN.test(k) ? (v == null ? null : "(not shown)") : v]));
}

export function getPerson(db: Db, userId: number) {
  const row = db.$client
    .prepare("select id, name, email, job_title as jobTitle, role, disabled_at as disabledAt, created_at as createdAt from users where id = ?")
    .get(userId) as { id: number; name: string; email: string; jobTitle: string; role: string; disabledAt: number | null; createdAt: number } | undefined;
  return row ? { ...row, erased: isErasedEmail(row.email) } : undefined;
}

/** Every row about the person, table by table and column by column (credentials shown as "(not shown)"). */
export function personalData(db: Db, userId: number): PersonalRows[] {
  const person = db.$client.prepare("select * from users where id = ?").get(userId) as Record<string, unknown> | undefined;
  if (!person) return [];
  const email = String(person.email);
  const found: PersonalRows[] = [{ table: "users", column: "id", rows: [visible(person)] }];
  for (const { table, column } of referencesToUsers(db)) {
    const rows = db.$client.prepare(`select * from "${table}" where "${column}" = ? order by rowid`).all(userId) as Record<string, unknown>[];
    if (rows.length) found.push({ table, column, rows: rows.map(visible) });
  }
  // Rows that name the person by address only.
  const byEmail: [string, string, string][] = [
    ["audit_events", "actor_email", "user_id is null and actor_email = ?"],
    ["sign_in_attempts", "email", "email = ?"],
    ["email_outbox", "to_address", "user_id is null and to_address = ?"],
  ];
  for (const [table, column, where] of byEmail) {
    const rows = db.$client.prepare(`select * from "${table}" where ${where} order by rowid`).all(email) as Record<string, unknown>[];
    if (rows.length) found.push({ table, column, rows: rows.map(visible) });
  }
  return found;
}

/** What the page lists first: the person's teams and lead roles, with project titles. */
export function teamsOf(db: Db, userId: number) {
  return db.$client
    .prepare(`select p.id as projectId, p.title, t.role from project_team t join projects p on p.id = t.project_id where t.user_id = ? order by p.title`)
    .all(userId) as { projectId: number; title: string; role: string }[];
}

/** A subject access request as CSV: one line per value (table, column the person is found by, row, field, value). */
export function personalDataCsvRows(data: PersonalRows[]): string[][] {
  const lines: string[][] = [];
  for (const section of data) {
    section.rows.forEach((row, i) => {
      for (const [field, value] of Object.entries(row)) lines.push([section.table, section.column, String(i + 1), field, value == null ? "" : String(value)]);
    });
  }
  return lines;
}
export const PERSONAL_DATA_CSV_HEADER = ["table", "found by", "row", "field", "value"];
