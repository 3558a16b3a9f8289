// Export everything (ADR 080) over HTTP: admins only, an attachment with a dated name, audited; the
// zip loads into a new database with the same rows; the SQLite copy is a whole, checked database.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { checkDatabaseFile } from "~/models/backup.server";
import { loadExportZip } from "~/models/export-load.server";
import type { ExportManifest } from "~/models/export.server";
import { readPage } from "../helpers/html";
import { createTestDb, tempDir } from "../helpers/db";
import { Client, startTestServer, TEST_TODAY, type TestServer } from "../helpers/server";

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startTestServer();
  admin = await Client.signedIn(server.url, "admin@example.org");
});
afterAll(async () => {
  await server?.close();
});

const count = (table: string) => (server.db.$client.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
const exports = () => server.db.$client.prepare("select summary, actor_email as actorEmail from audit_events where action = 'data.exported' order by id").all();

describe("export everything", () => {
  it("is for admins only, and is in the Admin navigation", async () => {
    const lead = await Client.signedIn(server.url, "lead@example.org");
    expect((await lead.get("/admin/export")).status).toBe(403);
    expect((await lead.post("/admin/export/download", { intent: "csv" })).status).toBe(403);
    expect((await new Client(server.url).get("/admin/export")).status).toBe(302);
    expect(exports()).toEqual([]);
    const page = await readPage(await admin.get("/admin/export"));
    expect(page.hrefs('nav[aria-label="Admin"]')).toContain("/admin/export");
    expect(page.text).toContain("Secrets are not exported: password hashes, two-factor secrets, sign-in sessions");
    const tables = page.tableRows();
    expect(tables.length).toBeGreaterThan(30);
    expect(tables.find((r) => r[0] === "sessions")?.[2]).toBe("every row (credentials)");
    expect(tables.find((r) => r[0] === "users")?.[2]).toBe("password_hash");
  });

  it("downloads every table as CSV in a dated zip that loads into a new database with the same rows", async () => {
    const res = await admin.post("/admin/export/download", { intent: "csv" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="stepping-up-export-${TEST_TODAY}.zip"`);
    const zip = new Uint8Array(await res.arrayBuffer());
    const manifest = JSON.parse(strFromU8(unzipSync(zip)["manifest.json"])) as ExportManifest;
    expect(manifest.tables.length).toBeGreaterThan(30);
    const fresh = createTestDb().db;
    const counts = loadExportZip(fresh, zip);
    const projects = manifest.tables.find((t) => t.name === "projects");
    expect(projects?.rows).toBeGreaterThan(0);
    for (const t of manifest.tables) if (t.name !== "audit_events") expect(counts[t.name], t.name).toBe(t.rowsLeftOut ? 0 : count(t.name));
    fresh.$client.close();
    expect(exports()).toEqual([expect.objectContaining({ actorEmail: "admin@example.org" })]);
    expect(String((exports()[0] as { summary: string }).summary)).toContain("Exported the data: every table as CSV");
  });

  it("downloads a checked copy of the database", async () => {
    const res = await admin.post("/admin/export/download", { intent: "sqlite" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="stepping-up-database-${TEST_TODAY}.sqlite"`);
    const file = path.join(tempDir(), "copy.sqlite");
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const check = checkDatabaseFile(file);
    expect(check.integrity).toBe("ok");
    expect(check.counts.projects).toBe(count("projects"));
    expect(exports()).toHaveLength(2);
  });

  it("refuses an unknown export and saves nothing", async () => {
    expect((await admin.post("/admin/export/download", { intent: "everything" })).status).toBe(400);
    expect((await admin.post("/admin/export/download", { intent: "csv", extra: "1" })).status).toBe(400);
    expect(exports()).toHaveLength(2);
  });
});
