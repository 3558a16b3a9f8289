// Two-factor authentication over HTTP with a fixed clock: enrolment, the second sign-in step, the
// ±1 step window, replays, recovery codes, throttling, required enrolment for admins and an admin's reset.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { auditEvents, recoveryCodes, sessions, twoFactors, users } from "../../db/schema";
import { totpAt } from "~/auth/totp.server";
import { Client, DEMO_PASSWORD, startTestServer, type TestServer } from "../helpers/server";
import { readPage } from "../helpers/html";

let server: TestServer;
// 2026-11-26 09:00:10 UTC, ten seconds into a 30-second step.
const T0 = Date.UTC(2026, 10, 26, 9, 0, 10);
let now = T0;
const at = (ms: number) => {
  now = ms;
  server.setNow(ms);
};

beforeAll(async () => {
  // The demo turns the MFA_REQUIRED_ROLES default off; setting it explicitly turns it on.
  server = await startTestServer({ env: { MFA_REQUIRED_ROLES: "admin" } });
  at(T0);
});
afterAll(async () => {
  server?.setNow(null);
  await server?.close();
});

const userId = (email: string) => server.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
const audits = (action: string) =>
  server.db
    .select({ summary: auditEvents.summary, actorEmail: auditEvents.actorEmail })
    .from(auditEvents)
    .where(eq(auditEvents.action, action as never))
    .all();
const secrets = new Map<string, string>();
const codesOf = new Map<string, string[]>();

async function passwordStep(email: string, client = new Client(server.url)) {
  const res = await client.post("/login", { email, password: DEMO_PASSWORD, redirectTo: "/projects" });
  return { client, res };
}

/** Sets up an authenticator for a signed-in client: reads the secret off the page, confirms with a code. */
async function enrol(client: Client, email: string) {
  const page = await readPage(await client.get("/account/two-factor?redirectTo=/projects"));
  expect(page.find("svg.app-qr-code path")).not.toBeNull();
  const secret = page.fieldValue("secret")!;
  expect(page.textOf(".app-setup-key")).toBe(secret);
  const res = await client.post("/account/two-factor", { secret, code: totpAt(secret, now), redirectTo: "/projects" });
  expect(res.status).toBe(200);
  const done = await readPage(res);
  const codes = done.textsOf(".app-recovery-codes code");
  secrets.set(email, secret);
  codesOf.set(email, codes);
  return { secret, codes, done };
}

describe("two-factor authentication", () => {
  it("makes an admin set up a second factor at the next sign-in before anything else", async () => {
    const { client, res } = await passwordStep("admin@example.org");
    expect(res.status).toBe(302);
    for (const path of ["/projects", "/board", "/admin/users"]) {
      const page = await client.get(path);
      expect(page.status).toBe(302);
      expect(page.headers.get("location")).toBe(`/account/two-factor?${new URLSearchParams({ redirectTo: path })}`);
    }
    const setup = await readPage(await client.get("/account/two-factor"));
    expect(setup.text).toContain("Your role needs a second factor");

    // A wrong first code stores nothing.
    const secret = setup.fieldValue("secret")!;
    const wrong = await client.post("/account/two-factor", { secret, code: totpAt(secret, now + 5 * 60_000), redirectTo: "/projects" });
    expect(wrong.status).toBe(400);
    expect((await readPage(wrong)).errorSummary()).toEqual(["The code is not right. Check the app shows Stepping Up and enter the code it shows now."]);
    expect(server.db.select().from(twoFactors).all()).toHaveLength(0);

    const { codes, done } = await enrol(client, "admin@example.org");
    expect(done.text).toContain("Save your recovery codes now");
    expect(codes).toHaveLength(10);
    const stored = server.db
      .select()
      .from(recoveryCodes)
      .where(eq(recoveryCodes.userId, userId("admin@example.org")))
      .all();
    expect(stored).toHaveLength(10);
    for (const row of stored) expect(codes.map((c) => c.replace(/-/g, ""))).not.toContain(row.codeHash);
    expect(stored.every((r) => /^[0-9a-f]{64}$/.test(r.codeHash))).toBe(true);
    expect(audits("auth.two_factor_enabled").map((a) => a.actorEmail)).toEqual(["admin@example.org"]);
    expect((await client.get("/projects")).status).toBe(200);

    // The codes are shown once: the page now says the factor is on.
    const again = await readPage(await client.get("/account/two-factor"));
    expect(again.text).toContain("Two-factor authentication is on");
    expect(again.find(".app-recovery-codes")).toBeNull();
  });

  it("does not make other roles set one up", async () => {
    const { client } = await passwordStep("staff@example.org");
    expect((await client.get("/projects")).status).toBe(200);
  });

  it("asks for the code after the password and starts no session until it is right", async () => {
    at(T0 + 5 * 60_000);
    const before = server.db.select().from(sessions).all().length;
    const { client, res } = await passwordStep("admin@example.org");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login/two-factor");
    expect([...client.cookies.keys()]).toEqual(["stepping_up_pending"]);
    expect(server.db.select().from(sessions).all()).toHaveLength(before);
    expect((await client.get("/projects")).headers.get("location")).toBe("/login?redirectTo=%2Fprojects");
    expect((await client.get("/login/two-factor")).status).toBe(200);

    const ok = await client.post("/login/two-factor", { code: totpAt(secrets.get("admin@example.org")!, now) });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/projects");
    expect(client.cookies.has("stepping_up_pending")).toBe(false);
    expect((await client.get("/projects")).status).toBe(200);
    const rows = server.db
      .select()
      .from(sessions)
      .where(eq(sessions.userId, userId("admin@example.org")))
      .all();
    expect(rows.map((r) => r.method)).toContain("password+totp");
    expect(audits("auth.sign_in").map((a) => a.summary)).toContain("Signed in (password and authenticator code)");
  });

  it("accepts a code one step either side of now and refuses two steps away", async () => {
    const secret = secrets.get("admin@example.org")!;
    const t = T0 + 10 * 60_000;
    at(t);
    const { client } = await passwordStep("admin@example.org");
    for (const delta of [-2, 2]) {
      const res = await client.post("/login/two-factor", { code: totpAt(secret, t + delta * 30_000) });
      expect(res.status).toBe(401);
      expect((await readPage(res)).errorSummary()).toEqual(["The code is not right. Enter the code your authenticator app shows now."]);
    }
    expect((await client.post("/login/two-factor", { code: totpAt(secret, t - 30_000) })).status).toBe(302);
    const second = await passwordStep("admin@example.org");
    expect((await second.client.post("/login/two-factor", { code: totpAt(secret, t + 30_000) })).status).toBe(302);
  });

  it("refuses a code that was already used, and a code older than one that was", async () => {
    const secret = secrets.get("admin@example.org")!;
    const t = T0 + 15 * 60_000;
    at(t);
    const first = await passwordStep("admin@example.org");
    expect((await first.client.post("/login/two-factor", { code: totpAt(secret, t) })).status).toBe(302);
    const failedBefore = audits("auth.second_factor_failed").length;
    for (const code of [totpAt(secret, t), totpAt(secret, t - 30_000)]) {
      const { client } = await passwordStep("admin@example.org");
      const res = await client.post("/login/two-factor", { code });
      expect(res.status).toBe(401);
      expect((await readPage(res)).errorSummary()).toEqual(["That code has already been used. Wait for the next code and enter it."]);
      expect(client.cookies.has("stepping_up_session")).toBe(false);
    }
    expect(
      audits("auth.second_factor_failed")
        .slice(failedBefore)
        .map((a) => a.summary),
    ).toEqual([
      "Failed sign-in for admin@example.org: an authenticator code that was already used",
      "Failed sign-in for admin@example.org: an authenticator code that was already used",
    ]);
  });

  it("accepts each recovery code once", async () => {
    at(T0 + 20 * 60_000);
    const code = codesOf.get("admin@example.org")![3];
    const first = await passwordStep("admin@example.org");
    const ok = await first.client.post("/login/two-factor", { code: code.toUpperCase() });
    expect(ok.status).toBe(302);
    expect(audits("auth.sign_in").at(-1)!.summary).toBe("Signed in (password and a recovery code; 9 recovery codes left)");
    const unused = server.db
      .select()
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId("admin@example.org")), isNull(recoveryCodes.usedAt)))
      .all();
    expect(unused).toHaveLength(9);
    const second = await passwordStep("admin@example.org");
    const again = await second.client.post("/login/two-factor", { code });
    expect(again.status).toBe(401);
    expect((await readPage(again)).errorSummary()).toEqual(["That recovery code is not right, or it has already been used."]);
  });

  it("forgets a half-finished sign-in after five minutes", async () => {
    at(T0 + 25 * 60_000);
    const { client } = await passwordStep("admin@example.org");
    at(T0 + 31 * 60_000);
    const res = await client.post("/login/two-factor", { code: totpAt(secrets.get("admin@example.org")!, now) });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login");
    expect(client.cookies.has("stepping_up_session")).toBe(false);
  });

  it("lets an admin reset someone's second factor, audited", async () => {
    at(T0 + 40 * 60_000);
    const board = await passwordStep("board@example.org");
    await enrol(board.client, "board@example.org");
    const adminStep = await passwordStep("admin@example.org");
    at(T0 + 40 * 60_000 + 30_000);
    await adminStep.client.post("/login/two-factor", { code: totpAt(secrets.get("admin@example.org")!, now) });
    const admin = adminStep.client;
    const users = await readPage(await admin.get("/admin/users"));
    expect(users.text).toContain("Active (two-factor on)");

    const res = await admin.post("/admin/users", { intent: "reset_two_factor", userId: String(userId("board@example.org")) });
    expect(res.status).toBe(200);
    expect((await readPage(res)).text).toContain("Two-factor authentication reset for board@example.org.");
    expect(
      server.db
        .select()
        .from(twoFactors)
        .where(eq(twoFactors.userId, userId("board@example.org")))
        .all(),
    ).toHaveLength(0);
    expect(
      server.db
        .select()
        .from(recoveryCodes)
        .where(eq(recoveryCodes.userId, userId("board@example.org")))
        .all(),
    ).toHaveLength(0);
    expect(audits("user.two_factor_reset")).toEqual([{ summary: "Reset the two-factor authentication of board@example.org", actorEmail: "admin@example.org" }]);
    // A second reset has nothing to reset.
    expect((await admin.post("/admin/users", { intent: "reset_two_factor", userId: String(userId("board@example.org")) })).status).toBe(400);
    // Board members need no second factor here: the password is enough again.
    const after = await passwordStep("board@example.org");
    expect(after.res.headers.get("location")).toBe("/projects");
    // Only admins may reset.
    const staff = (await passwordStep("staff@example.org")).client;
    expect((await staff.post("/admin/users", { intent: "reset_two_factor", userId: String(userId("admin@example.org")) })).status).toBe(403);
  });

  it("counts wrong codes against the sign-in throttle", async () => {
    at(T0 + 60 * 60_000);
    const { client } = await passwordStep("admin@example.org");
    const wrong = totpAt(secrets.get("admin@example.org")!, now + 10 * 60_000);
    for (let i = 0; i < 10; i++) expect((await client.post("/login/two-factor", { code: wrong })).status).toBe(401);
    const refused = await client.post("/login/two-factor", { code: totpAt(secrets.get("admin@example.org")!, now) });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await readPage(refused)).errorSummary()[0]).toMatch(/^Too many failed sign-in attempts/);
    expect(audits("auth.sign_in_throttled").length).toBeGreaterThan(0);
    // The password step is throttled by the same count.
    expect((await passwordStep("admin@example.org")).res.status).toBe(429);
    // The window slides: after 15 minutes the right code works.
    at(T0 + 76 * 60_000);
    const later = await passwordStep("admin@example.org");
    expect((await later.client.post("/login/two-factor", { code: totpAt(secrets.get("admin@example.org")!, now) })).status).toBe(302);
  });
});
