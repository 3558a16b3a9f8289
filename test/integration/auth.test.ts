import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditEvents, sessions, users } from "../../db/schema";
import { Client, DEMO_PASSWORD, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ trustProxy: true });
});
afterAll(async () => {
  await server?.close();
});

const auditCount = (action: string) =>
  server.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, action as never))
    .all().length;

describe("sign-in", () => {
  it("signs in with the demo password, sets a session cookie and records the sign-in", async () => {
    const client = new Client(server.url);
    const before = auditCount("auth.sign_in");
    const res = await client.post("/login", {
      email: "Admin@Example.org",
      password: DEMO_PASSWORD,
      redirectTo: "/projects",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/projects");
    const cookie = res.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/^stepping_up_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect((await client.get("/projects")).status).toBe(200);
    expect(auditCount("auth.sign_in")).toBe(before + 1);
  });

  it("uses a __Host- Secure cookie when the request arrived over HTTPS", async () => {
    const client = new Client(server.url, { "X-Forwarded-Proto": "https" });
    const res = await client.post("/login", { email: "board@example.org", password: DEMO_PASSWORD, redirectTo: "/" });
    expect(res.status).toBe(302);
    const cookie = res.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/^__Host-stepping_up_session=/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });

  it("says only that the email or password is incorrect, and audits the failure", async () => {
    const client = new Client(server.url);
    const before = auditCount("auth.sign_in_failed");
    const wrongPassword = await client.post("/login", { email: "staff@example.org", password: "not-the-password" });
    const unknownEmail = await client.post("/login", { email: "nobody@example.org", password: "not-the-password" });
    for (const res of [wrongPassword, unknownEmail]) {
      expect(res.status).toBe(401);
      const html = await res.text();
      expect(html).toContain("Email or password is incorrect");
      expect(html).not.toContain("not-the-password");
    }
    expect(client.cookies.size).toBe(0);
    expect(auditCount("auth.sign_in_failed")).toBe(before + 2);
  });

  it("refuses open redirects after sign-in", async () => {
    for (const target of ["https://evil.example", "//evil.example", "/\\evil.example"]) {
      const res = await new Client(server.url).post("/login", {
        email: "viewer@example.org",
        password: DEMO_PASSWORD,
        redirectTo: target,
      });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/");
    }
  });

  it("answers 429 on the 11th failed sign-in for one account, with a retry time, and never locks for good", async () => {
    const email = "lead@example.org";
    const start = Date.now();
    server.setNow(start);
    try {
      for (let i = 1; i <= 10; i++) {
        const res = await new Client(server.url, { "X-Forwarded-For": `10.0.0.${i}` }).post("/login", {
          email,
          password: `wrong-${i}`,
        });
        expect(res.status, `attempt ${i}`).toBe(401);
      }
      const eleventh = await new Client(server.url).post("/login", { email, password: DEMO_PASSWORD });
      expect(eleventh.status).toBe(429);
      expect(Number(eleventh.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await eleventh.text()).toMatch(/Too many failed sign-in attempts. Wait \d+ minutes?/);
      server.setNow(start + 15 * 60_000 + 1000);
      const later = await new Client(server.url).post("/login", { email, password: DEMO_PASSWORD });
      expect(later.status).toBe(302);
    } finally {
      server.setNow(null);
    }
  });

  it("throttles one client address after 100 failures across accounts", async () => {
    const start = Date.now() + 60 * 60_000;
    server.setNow(start);
    try {
      const headers = { "X-Forwarded-For": "192.0.2.77" };
      for (let i = 0; i < 100; i++) {
        const res = await new Client(server.url, headers).post("/login", {
          email: `someone${i}@example.org`,
          password: "wrong-password",
        });
        expect(res.status).toBe(401);
      }
      const blocked = await new Client(server.url, headers).post("/login", {
        email: "admin@example.org",
        password: DEMO_PASSWORD,
      });
      expect(blocked.status).toBe(429);
      const otherAddress = await new Client(server.url, { "X-Forwarded-For": "192.0.2.78" }).post("/login", {
        email: "admin@example.org",
        password: DEMO_PASSWORD,
      });
      expect(otherAddress.status).toBe(302);
    } finally {
      server.setNow(null);
    }
  });
});

describe("sessions end on the server", () => {
  const sessionCount = (email: string) => {
    const user = server.db.select().from(users).where(eq(users.email, email)).get()!;
    return server.db.select().from(sessions).where(eq(sessions.userId, user.id)).all().length;
  };

  it("sign-out deletes the session, so the old cookie no longer works", async () => {
    const client = new Client(server.url);
    await client.signIn("viewer@example.org");
    const stolen = new Map(client.cookies);
    const res = await client.post("/logout", {});
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login");
    const replay = new Client(server.url);
    replay.cookies = stolen;
    const page = await replay.get("/projects");
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toMatch(/^\/login/);
    expect(auditCount("auth.sign_out")).toBeGreaterThan(0);
  });

  it("a password change ends every other session of that user", async () => {
    const email = "staff@example.org";
    const laptop = new Client(server.url);
    const phone = new Client(server.url);
    await laptop.signIn(email);
    await phone.signIn(email);
    const res = await laptop.post("/account/password", {
      currentPassword: DEMO_PASSWORD,
      newPassword: "a new and long passphrase",
      confirmPassword: "a new and long passphrase",
      redirectTo: "/projects",
    });
    expect(res.status).toBe(302);
    expect((await phone.get("/projects")).status).toBe(302);
    expect((await laptop.get("/projects")).status).toBe(200);
    expect(sessionCount(email)).toBe(1);
    expect(auditCount("auth.password_changed")).toBe(1);
  });

  it("rejects a common or short new password and changes nothing", async () => {
    const client = new Client(server.url);
    await client.signIn("board@example.org");
    const user = server.db.select().from(users).where(eq(users.email, "board@example.org")).get()!;
    for (const newPassword of ["password1", "short"]) {
      const res = await client.post("/account/password", {
        currentPassword: DEMO_PASSWORD,
        newPassword,
        confirmPassword: newPassword,
      });
      expect(res.status).toBe(400);
    }
    const after = server.db.select().from(users).where(eq(users.email, "board@example.org")).get()!;
    expect(after.passwordHash).toBe(user.passwordHash);
  });

  it("disabling a user ends their sessions and stops sign-in", async () => {
    const admin = new Client(server.url);
    await admin.signIn("admin@example.org");
    const viewer = new Client(server.url);
    await viewer.signIn("viewer@example.org");
    const target = server.db.select().from(users).where(eq(users.email, "viewer@example.org")).get()!;
    const res = await admin.post("/admin/users", { intent: "disable", userId: String(target.id) });
    expect(res.status).toBe(200);
    expect((await viewer.get("/projects")).status).toBe(302);
    expect(sessionCount("viewer@example.org")).toBe(0);
    const again = await new Client(server.url).post("/login", { email: "viewer@example.org", password: DEMO_PASSWORD });
    expect(again.status).toBe(401);
    expect(auditCount("user.disabled")).toBe(1);
    await admin.post("/admin/users", { intent: "enable", userId: String(target.id) });
    expect((await new Client(server.url).post("/login", { email: "viewer@example.org", password: DEMO_PASSWORD })).status).toBe(302);
  });

  it("ends a session after the idle timeout and at the absolute lifetime", async () => {
    const start = Date.now() + 2 * 3_600_000;
    server.setNow(start);
    try {
      const client = new Client(server.url);
      await client.signIn("lead@example.org");
      server.setNow(start + 29 * 60_000);
      expect((await client.get("/projects")).status).toBe(200); // refreshes the idle clock
      server.setNow(start + 29 * 60_000 + 30 * 60_000);
      const expiredBefore = auditCount("auth.session_expired");
      const idle = await client.get("/projects");
      expect(idle.status).toBe(302);
      expect(idle.headers.get("location")).toBe("/login?redirectTo=%2Fprojects");
      expect(auditCount("auth.session_expired")).toBe(expiredBefore + 1);

      const busy = new Client(server.url);
      server.setNow(start);
      await busy.signIn("lead@example.org");
      for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
        server.setNow(start + minutes * 60_000);
        expect((await busy.get("/projects")).status, `after ${minutes} minutes`).toBe(200);
      }
      server.setNow(start + 12 * 3_600_000 + 1000);
      expect((await busy.get("/projects")).status).toBe(302);
    } finally {
      server.setNow(null);
    }
  });

  it("admin resets a password: the one-time password must be changed at next sign-in", async () => {
    const admin = new Client(server.url);
    await admin.signIn("admin@example.org");
    const target = server.db.select().from(users).where(eq(users.email, "board@example.org")).get()!;
    const res = await admin.post("/admin/users", { intent: "reset", userId: String(target.id) });
    const html = await res.text();
    const oneTime = html.match(/One-time password: <code[^>]*>([^<]+)<\/code>/)?.[1];
    expect(oneTime).toBeTruthy();
    const member = new Client(server.url);
    const signIn = await member.post("/login", {
      email: "board@example.org",
      password: oneTime!,
      redirectTo: "/projects",
    });
    expect(signIn.headers.get("location")).toBe("/account/password?redirectTo=%2Fprojects");
    const blocked = await member.get("/projects");
    expect(blocked.headers.get("location")).toMatch(/^\/account\/password/);
    const changed = await member.post("/account/password", {
      currentPassword: oneTime!,
      newPassword: "board member chooses a passphrase",
      confirmPassword: "board member chooses a passphrase",
      redirectTo: "/projects",
    });
    expect(changed.headers.get("location")).toBe("/projects");
    expect((await member.get("/projects")).status).toBe(200);
  });
});
