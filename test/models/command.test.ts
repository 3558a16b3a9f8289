// The command runner: one transaction per command, the audit row as the domain event, subscribers
// inside the same transaction, and nothing kept from a refused or conflicting command.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { auditEvents, themes } from "../../db/schema";
import { conflict, ok, onEvent, record, refused, runCommand, type Actor } from "~/models/command.server";
import { ensureProgramme, getProgramme } from "~/models/programme.server";
import { insertUser } from "~/models/user.server";
import { openDatabase } from "../../db/client";
import { createTestDb } from "../helpers/db";

let actor: Actor;
let unsubscribe: (() => void) | undefined;
afterEach(() => unsubscribe?.());

function setup() {
  const { db, file } = createTestDb();
  ensureProgramme(db);
  const id = insertUser(db, {
    email: "lead@example.org",
    name: "Lead",
    role: "staff",
    passwordHash: null,
    mustChangePassword: false,
  });
  actor = { id, email: "lead@example.org", ip: "192.0.2.7" };
  const programmeId = getProgramme(db).id;
  const addTheme = (name: string) => db.insert(themes).values({ programmeId, name }).returning({ id: themes.id }).get().id;
  const count = () => db.select().from(themes).all().length;
  return { db, file, addTheme, count };
}

describe("runCommand", () => {
  it("commits the write, its audit row and what subscribers wrote, together", () => {
    const { db, addTheme, count } = setup();
    const seen: string[] = [];
    unsubscribe = onEvent((_db, event) => seen.push(`${event.action} by ${event.actor?.email}`));
    const result = runCommand(db, (tx) => {
      const id = addTheme("Falls");
      record(tx, actor, { action: "programme.updated", entityType: "theme", entityId: id, summary: "Added Falls" });
      return ok({ id });
    });
    expect(result.ok).toBe(true);
    expect(count()).toBe(1);
    expect(seen).toEqual(["programme.updated by lead@example.org"]);
    const row = db.select().from(auditEvents).where(eq(auditEvents.action, "programme.updated")).get()!;
    expect(row).toMatchObject({
      actorEmail: "lead@example.org",
      summary: "Added Falls",
      ip: "192.0.2.7",
      entityType: "theme",
    });
  });

  it("keeps nothing from a refused command, including its audit row", () => {
    const { db, addTheme, count } = setup();
    const result = runCommand(db, (tx) => {
      addTheme("Falls");
      record(tx, actor, { action: "programme.updated", entityType: "theme", summary: "Added Falls" });
      return refused("That theme is retired", 409);
    });
    expect(result).toEqual({ ok: false, refused: "That theme is retired", status: 409 });
    expect(count()).toBe(0);
    expect(db.select().from(auditEvents).all()).toEqual([]);
  });

  it("keeps nothing from a conflict and hands back the current version", () => {
    const { db, addTheme, count } = setup();
    const result = runCommand(db, () => {
      addTheme("Falls");
      return conflict({ version: 7 });
    });
    expect(result).toEqual({ ok: false, conflict: { version: 7 } });
    expect(count()).toBe(0);
  });

  it("rolls back a subscriber's writes when the command fails later, and rethrows errors", () => {
    const { db, addTheme, count } = setup();
    unsubscribe = onEvent(() => addTheme("written by a subscriber"));
    expect(() =>
      runCommand(db, (tx) => {
        record(tx, actor, { action: "programme.updated", entityType: "theme", summary: "x" });
        throw new Error("disk on fire");
      }),
    ).toThrow("disk on fire");
    expect(count()).toBe(0);
  });

  it("holds the write lock from its start: another process's write waits, and a command that reads first is never refused", () => {
    const { db, file, addTheme, count } = setup();
    const other = openDatabase(file); // another process on the same file
    other.$client.pragma("busy_timeout = 0");
    let otherWrote = true;
    const result = runCommand(db, () => {
      count(); // a read first: a deferred transaction would now hold only a read snapshot
      try {
        other.$client.prepare("insert into themes (programme_id, name) select id, 'from the other process' from programmes").run();
      } catch (error) {
        otherWrote = (error as { code?: string }).code !== "SQLITE_BUSY";
      }
      addTheme("Falls"); // deferred: SQLITE_BUSY here, as the other process committed after our read
      return ok(null);
    });
    other.$client.close();
    expect(result.ok).toBe(true);
    expect(otherWrote).toBe(false);
    expect(count()).toBe(1);
  });
});
