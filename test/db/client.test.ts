import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { runMigrations, defaultMigrationsFolder, NewerSchemaError } from "../../db/migrate";
import { createTestDb, tempDir } from "../helpers/db";

describe("database client", () => {
  it("opens every connection with WAL, synchronous=FULL, foreign keys and a busy timeout", () => {
    const { db } = createTestDb();
    const pragma = (name: string) => db.$client.pragma(name, { simple: true });
    expect(pragma("journal_mode")).toBe("wal");
    expect(pragma("synchronous")).toBe(2); // FULL
    expect(pragma("foreign_keys")).toBe(1);
    expect(pragma("busy_timeout")).toBe(5000);
  });

  it("enforces foreign keys and CHECK constraints", () => {
    const { db } = createTestDb();
    expect(() => db.$client.prepare("insert into themes (programme_id, name, created_at) values (999, 'x', 0)").run()).toThrow(/FOREIGN KEY/);
    db.$client.prepare("insert into programmes (name, trust_name, created_at, updated_at) values ('P', 'T', 0, 0)").run();
    expect(() =>
      db.$client
        .prepare("insert into waves (programme_id, number, name, starts_on, ends_on, created_at) values (1, 1, 'W', '2026-05-01', '2026-01-01', 0)")
        .run(),
    ).toThrow(/CHECK/);
  });

  it("refuses a database written by a newer version", () => {
    const file = path.join(tempDir(), "newer.sqlite");
    const db = openDatabase(file);
    runMigrations(db, defaultMigrationsFolder);
    db.$client.prepare("insert into __drizzle_migrations (hash, created_at) values ('future', 99999999999999)").run();
    expect(() => runMigrations(db, defaultMigrationsFolder)).toThrow(NewerSchemaError);
    db.$client.close();
    expect(fs.existsSync(file)).toBe(true);
  });
});
