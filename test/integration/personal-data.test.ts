// A person's data over HTTP (ADR 081): the page lists it, the downloads are attachments and audited,
// erasing needs a disabled account and a ticked confirmation, and the audit trail then shows the pseudonym.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPage } from "../helpers/html";
import { userIdOf } from "../helpers/db";
import { Client, startTestServer, TEST_TODAY, type TestServer } from "../helpers/server";

let server: TestServer;
let admin: Client;
let leaver: number;
beforeAll(async () => {
  server = await startTestServer();
  admin = await Client.signedIn(server.url, "admin@example.org");
  await Client.signedIn(server.url, "staff@example.org"); // an audit event by the leaver-to-be
  leaver = userIdOf(server.db, "staff@example.org");
});
afterAll(async () => {
  await server?.close();
});

const one = (sql: string, ...args: unknown[]) => server.db.$client.prepare(sql).get(...args) as Record<string, unknown>;

describe("a person's data", () => {
  it("is for admins only, linked from the person's page in Users, and lists what is held", async () => {
    const lead = await Client.signedIn(server.url, "lead@example.org");
    expect((await lead.get(`/admin/users/${leaver}/data`)).status).toBe(403);
    expect((await lead.get(`/admin/users/${leaver}/data.json`)).status).toBe(403);
    expect((await admin.get("/admin/users/999999/data")).status).toBe(404);
    const users = await readPage(await admin.get("/admin/users"));
    expect(users.hrefs()).toContain(`/admin/users/${leaver}`);
    const edit = await readPage(await admin.get(`/admin/users/${leaver}`));
    expect(edit.hrefs()).toContain(`/admin/users/${leaver}/data`);
    const page = await readPage(await admin.get(`/admin/users/${leaver}/data`));
    expect(page.text).toContain("staff@example.org");
    expect(page.text).toContain("Everything held about this person");
    const rows = page.tableRows();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(["Profile (account)", "Audit trail events", "Sign-in sessions"]));
    expect(page.text).toContain("Only a leaver's details can be erased");
  });

  it("downloads everything as JSON and CSV, audited", async () => {
    const json = await admin.get(`/admin/users/${leaver}/data.json`);
    expect(json.status).toBe(200);
    expect(json.headers.get("content-disposition")).toBe(`attachment; filename="stepping-up-person-${leaver}-${TEST_TODAY}.json"`);
    const body = (await json.json()) as { tables: { table: string; rows: Record<string, unknown>[] }[] };
    expect(body.tables.find((t) => t.table === "users")?.rows[0].email).toBe("staff@example.org");
    expect(JSON.stringify(body)).not.toContain("$argon2id$");
    const csv = await admin.get(`/admin/users/${leaver}/data.csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(await csv.text()).toContain("staff@example.org");
    expect(one("select count(*) as n from audit_events where action = 'user.data_downloaded' and entity_id = ?", leaver).n).toBe(2);
  });

  it("erases a disabled account only after confirmation, and the audit trail shows the pseudonym", async () => {
    // The leaver still owns an open action: disabled from the hand-over page, without handing over (ADR 106).
    const version = String(one("select version from users where id = ?", leaver).version);
    expect((await admin.post(`/admin/users/${leaver}/leaving`, { intent: "disable_only", version })).status).toBe(200);
    expect(one("select disabled_at from users where id = ?", leaver).disabled_at).not.toBeNull();
    const unconfirmed = await admin.post(`/admin/users/${leaver}/data`, { intent: "erase" });
    expect(unconfirmed.status).toBe(400);
    expect((await readPage(unconfirmed)).errorSummary()).toContain("Tick to confirm that this person has left and their personal details can be erased");
    expect(one("select email from users where id = ?", leaver).email).toBe("staff@example.org");

    const done = await admin.post(`/admin/users/${leaver}/data`, { intent: "erase", confirm: "yes" });
    expect(done.status).toBe(200);
    expect((await readPage(done)).text).toContain(`Erased. This person is now shown as Former member of staff #${leaver}`);
    expect(one("select name, email, job_title from users where id = ?", leaver)).toEqual({
      name: `Former member of staff #${leaver}`,
      email: `former-member-${leaver}@erased.invalid`,
      job_title: "",
    });
    const audit = await readPage(await admin.get(`/admin/audit?user=${leaver}`));
    const events = audit.tableRows();
    expect(events.length).toBeGreaterThan(0);
    for (const row of events) expect(row[1]).toBe(`Former member of staff #${leaver}`);
    expect((await admin.post(`/admin/users/${leaver}/data`, { intent: "erase", confirm: "yes" })).status).toBe(409);
    // Sign-in is impossible.
    expect((await new Client(server.url).post("/login", { email: "staff@example.org", password: "demo-password-for-tests" })).status).not.toBe(302);
  });
});
