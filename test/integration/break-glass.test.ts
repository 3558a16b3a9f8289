// AUTH_LOCAL=0: passwords only for break-glass accounts, which an admin marks (audited).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditEvents, users } from "../../db/schema";
import { Client, DEMO_PASSWORD, startTestServer, type TestServer } from "../helpers/server";
import { readPage } from "../helpers/html";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    env: { AUTH_LOCAL: "0", PUBLIC_URL: "http://127.0.0.1:9", OIDC_ISSUER: "http://127.0.0.1:9/issuer", OIDC_CLIENT_ID: "stepping-up" },
  });
});
afterAll(async () => {
  await server?.close();
});

const idOf = (email: string) => server.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;

describe("AUTH_LOCAL=0", () => {
  it("refuses the right password of an account that is not break-glass, audited", async () => {
    const res = await new Client(server.url).post("/login", { email: "staff@example.org", password: DEMO_PASSWORD });
    expect(res.status).toBe(403);
    expect((await readPage(res)).errorSummary()).toEqual(["Passwords are turned off for your account. Sign in with your organisation account instead."]);
    const rows = server.db.select().from(auditEvents).where(eq(auditEvents.action, "auth.sign_in_failed")).all();
    expect(rows.at(-1)!.summary).toBe("Failed sign-in for staff@example.org (local passwords are turned off)");
  });

  it("lets a break-glass account sign in, and an admin mark another one", async () => {
    server.db.update(users).set({ breakGlass: true }).where(eq(users.email, "admin@example.org")).run();
    const page = await readPage(await new Client(server.url).get("/login"));
    expect(page.text).toContain("Break-glass accounts only");
    const admin = await Client.signedIn(server.url, "admin@example.org");
    const res = await admin.post("/admin/users", { intent: "break_glass_on", userId: String(idOf("staff@example.org")) });
    expect(res.status).toBe(200);
    const audit = server.db.select().from(auditEvents).where(eq(auditEvents.action, "user.break_glass_changed")).all();
    expect(audit.map((a) => a.summary)).toEqual(["Made staff@example.org a break-glass account (may sign in with a password when passwords are off)"]);
    expect((await new Client(server.url).post("/login", { email: "staff@example.org", password: DEMO_PASSWORD })).status).toBe(302);
  });
});
