// Export everything (ADR 080): the whole trust's data as CSV in a zip, loaded back into a fresh
// database with the same rows, and no secret in it.
import { describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import Papa from "papaparse";
import { buildExportZip, describeExport } from "~/models/export.server";
import { ExportLoadError, loadExportZip } from "~/models/export-load.server";
import { insertSession } from "~/models/session.server";
import { saveTwoFactor } from "~/models/two-factor.server";
import { rows, seededDb } from "../helpers/command-fixture";
import { createTestDb, userIdOf } from "../helpers/db";

const NOW = new Date("2026-03-11T10:00:00Z");

function exportedDemo() {
  const { db } = seededDb();
  const lead = userIdOf(db, "lead@example.org");
  insertSession(db, {
    idHash: "session-secret-hash",
    userId: lead,
    lastSeenAt: NOW.getTime(),
    expiresAt: NOW.getTime() + 1000,
    ip: "192.0.2.1",
    userAgent: "test",
  });
  saveTwoFactor(db, lead, { secret: "TOTPSECRETBASE32", step: 1, codeHashes: ["recovery-code-hash"], at: NOW });
  return { db, ...buildExportZip(db, NOW) };
}

describe("export everything", () => {
  it("loads into a fresh database with the same rows in every table", () => {
    const { db, zip, manifest } = exportedDemo();
    const tables = describeExport(db);
    expect(tables.length).toBeGreaterThan(30);
    expect(manifest.tables.map((t) => t.name)).toEqual(tables.map((t) => t.name));
    expect(manifest.schema.migrations).toBeGreaterThan(0);
    expect(manifest.exportedAt).toBe(NOW.toISOString());

    const fresh = createTestDb().db;
    const counts = loadExportZip(fresh, zip);
    for (const t of manifest.tables) {
      expect(counts[t.name], t.name).toBe(t.rowsLeftOut ? 0 : rows(db, t.name));
      expect(rows(fresh, t.name), t.name).toBe(t.rowsLeftOut ? 0 : rows(db, t.name));
    }
    expect(rows(fresh, "projects")).toBeGreaterThan(0);
    // The learning index is rebuilt from the loaded rows by the database's own triggers.
    expect(rows(fresh, "learning_entries")).toBe(rows(db, "learning_entries"));
    // Values survive: a project's text and dates, an audit row's time.
    const project = (d: typeof db) => d.$client.prepare("select * from projects order by id limit 1").get();
    expect(project(fresh)).toEqual(project(db));
    const audit = (d: typeof db) => d.$client.prepare("select * from audit_events order by id desc limit 1").get();
    expect(audit(fresh)).toEqual(audit(db));
    fresh.$client.close();
  });

  it("leaves out password hashes, two-factor secrets, sessions and recovery codes", () => {
    const { zip, manifest } = exportedDemo();
    const files = unzipSync(zip);
    const everything = Object.values(files)
      .map((f) => strFromU8(f))
      .join("\n");
    expect(everything).not.toContain("$argon2id$");
    expect(everything).not.toContain("TOTPSECRETBASE32");
    expect(everything).not.toContain("session-secret-hash");
    expect(everything).not.toContain("recovery-code-hash");
    const byName = new Map(manifest.tables.map((t) => [t.name, t]));
    expect(byName.get("sessions")?.rowsLeftOut).toBe(true);
    expect(byName.get("recovery_codes")?.rowsLeftOut).toBe(true);
    expect(byName.get("users")?.blankedColumns).toEqual(["password_hash"]);
    expect(byName.get("two_factors")?.blankedColumns).toEqual(["secret"]);
    const users = Papa.parse<Record<string, string>>(strFromU8(files["tables/users.csv"]), { header: true, skipEmptyLines: true }).data;
    expect(users.length).toBeGreaterThan(0);
    expect(users.map((u) => u.email)).toContain("lead@example.org");
    expect(files["README.txt"]).toBeDefined();
  });

  it("refuses a database that already holds data and a file that is not an export", () => {
    const { db, zip } = exportedDemo();
    expect(() => loadExportZip(db, zip)).toThrow(/already holds data/);
    const fresh = createTestDb().db;
    expect(() => loadExportZip(fresh, new Uint8Array([1, 2, 3]))).toThrow(ExportLoadError);
    expect(rows(fresh, "users")).toBe(0);
    fresh.$client.close();
  });
});
