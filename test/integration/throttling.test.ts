// Sign-in throttling that cannot be turned against users: device cookies (OWASP), proxy trust
// by hop count or address list, change-password guesses, and one audit row per flood.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents } from "../../db/schema";
import { trustProxySetting } from "../../app/auth/trust-proxy.server";
import { importBuild, importServerApp, projectRoot } from "../helpers/build";
import { Client, DEMO_PASSWORD, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
const servers: Server[] = [];
beforeAll(async () => {
  server = await startTestServer({ trustProxy: true });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await server?.close();
});

const DEVICE = "stepping_up_device";
const audits = (action: string, where: { ip?: string; actorEmail?: string } = {}) =>
  server.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, action as never),
        where.ip ? eq(auditEvents.ip, where.ip) : undefined,
        where.actorEmail ? eq(auditEvents.actorEmail, where.actorEmail) : undefined,
      ),
    )
    .all();
const countOf = (row: { details: string | null }) => (JSON.parse(row.details ?? "{}") as { count: number }).count;

/** A browser that signed in to `email` once, reduced to its device cookie. */
async function deviceOf(email: string, headers: Record<string, string>) {
  const browser = new Client(server.url, headers);
  await browser.signIn(email);
  const cookie = browser.cookies.get(DEVICE);
  expect(cookie).toBeTruthy();
  const device = new Client(server.url, headers);
  device.cookies.set(DEVICE, cookie!);
  return device;
}

async function failFrom(address: string, n: number, email = (i: number) => `nobody${i}@example.org`) {
  for (let i = 0; i < n; i++) {
    const res = await new Client(server.url, { "X-Forwarded-For": address }).post("/login", {
      email: email(i),
      password: "wrong-password",
    });
    expect(res.status, `attempt ${i + 1}`).toBe(401);
  }
}

describe("device cookies", () => {
  it("signs in with a device cookie after the address is throttled; a browser without one still gets 429", async () => {
    const nat = { "X-Forwarded-For": "192.0.2.10" };
    const device = await deviceOf("admin@example.org", nat);
    const setCookie = (await new Client(server.url).post("/login", { email: "admin@example.org", password: DEMO_PASSWORD })).headers
      .getSetCookie()
      .find((c) => c.startsWith(`${DEVICE}=`))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Max-Age=31536000/i);

    await failFrom("192.0.2.10", 100);
    const stranger = await new Client(server.url, nat).post("/login", {
      email: "admin@example.org",
      password: DEMO_PASSWORD,
    });
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers.get("retry-after"))).toBeGreaterThan(0);
    // Signed-out copies of the browser: the cookie is for one account, and a forged one counts for nothing.
    const cookie = device.cookies.get(DEVICE)!;
    const sameBrowser = () => Object.assign(new Client(server.url, nat), { cookies: new Map([[DEVICE, cookie]]) });
    expect((await device.post("/login", { email: "admin@example.org", password: DEMO_PASSWORD, redirectTo: "/projects" })).status).toBe(302);
    expect((await sameBrowser().post("/login", { email: "board@example.org", password: DEMO_PASSWORD })).status).toBe(429);
    const forged = new Client(server.url, nat);
    forged.cookies.set(DEVICE, `${cookie.slice(0, -4)}AAAA`);
    expect((await forged.post("/login", { email: "admin@example.org", password: DEMO_PASSWORD })).status).toBe(429);
  });

  it("counts a device's own failures against that device only, which is locked after 10", async () => {
    const device = await deviceOf("lead@example.org", { "X-Forwarded-For": "192.0.2.11" });
    for (let i = 1; i <= 10; i++) {
      expect((await device.post("/login", { email: "lead@example.org", password: `wrong-${i}` })).status, `attempt ${i}`).toBe(401);
    }
    const locked = await device.post("/login", { email: "lead@example.org", password: DEMO_PASSWORD });
    expect(locked.status).toBe(429);
    expect(await locked.text()).toMatch(/Too many failed sign-in attempts/);
    // Not the account: another browser signs in.
    const other = await new Client(server.url, { "X-Forwarded-For": "192.0.2.12" }).post("/login", {
      email: "lead@example.org",
      password: DEMO_PASSWORD,
    });
    expect(other.status).toBe(302);
  });
});

describe("proxy trust", () => {
  it("TRUST_PROXY=1: a forged left-most X-Forwarded-For entry neither dodges the address limit nor reaches the audit", async () => {
    const real = "198.51.100.20";
    for (let i = 0; i < 100; i++) {
      const forgedChain = { "X-Forwarded-For": `10.${i}.0.1, ${real}` };
      const res = await new Client(server.url, forgedChain).post("/login", {
        email: `forger${i}@example.org`,
        password: "wrong-password",
      });
      expect(res.status).toBe(401);
    }
    const blocked = await new Client(server.url, { "X-Forwarded-For": `203.0.113.99, ${real}` }).post("/login", {
      email: "viewer@example.org",
      password: DEMO_PASSWORD,
    });
    expect(blocked.status).toBe(429);
    const failed = audits("auth.sign_in_failed").filter((a) => a.actorEmail.startsWith("forger"));
    expect(failed).toHaveLength(100);
    expect(new Set(failed.map((a) => a.ip))).toEqual(new Set([real]));
    // The same chain with the real address forged on the left is another client.
    const elsewhere = await new Client(server.url, { "X-Forwarded-For": `${real}, 198.51.100.21` }).post("/login", {
      email: "viewer@example.org",
      password: DEMO_PASSWORD,
    });
    expect(elsewhere.status).toBe(302);
  });

  /** Another front door on the same build and database, with its own `trust proxy`. */
  async function serveWith(trustProxy: string) {
    const { createApp, listen } = await importServerApp();
    const app = createApp(await importBuild(), {
      trustProxy: trustProxySetting.parse(trustProxy),
      publicDir: path.join(projectRoot, "public"),
    });
    const s: Server = await listen(app, { port: 0, host: "127.0.0.1" });
    servers.push(s);
    return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  }

  async function failedSignInIp(url: string, forwardedFor: string, email: string) {
    const res = await new Client(url, { "X-Forwarded-For": forwardedFor }).post("/login", {
      email,
      password: "wrong-password",
    });
    expect(res.status).toBe(401);
    return audits("auth.sign_in_failed", { actorEmail: email }).at(-1)!.ip;
  }

  it("a hop count of 2 takes the address the second proxy saw", async () => {
    const url = await serveWith("2");
    expect(await failedSignInIp(url, "6.6.6.6, 203.0.113.5, 10.0.0.1", "hops2@example.org")).toBe("203.0.113.5");
  });

  it("an address list skips only the listed proxies, right to left", async () => {
    const url = await serveWith("127.0.0.1, 10.9.0.0/16");
    expect(await failedSignInIp(url, "6.6.6.6, 203.0.113.6, 10.9.1.1, 10.9.2.2", "list1@example.org")).toBe("203.0.113.6");
    expect(await failedSignInIp(url, "10.9.1.1, 203.0.113.7", "list2@example.org")).toBe("203.0.113.7");
  });

  it("parses TRUST_PROXY as a hop count or an address list, never true", () => {
    expect(trustProxySetting.parse(undefined)).toBe(0);
    expect(trustProxySetting.parse("0")).toBe(0);
    expect(trustProxySetting.parse("2")).toBe(2);
    expect(trustProxySetting.parse("10.0.0.0/8, ::1, 192.0.2.1")).toEqual(["10.0.0.0/8", "::1", "192.0.2.1"]);
    for (const bad of ["true", "yes", "10.0.0.0/33", "example.org", "1.2.3.4/8/1"]) {
      expect(trustProxySetting.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe("change password", () => {
  it("counts wrong current passwords against the account: 429 with Retry-After past 10, each audited", async () => {
    const email = "staff@example.org";
    const browser = new Client(server.url, { "X-Forwarded-For": "192.0.2.30" });
    await browser.signIn(email);
    const change = (currentPassword: string) =>
      browser.post("/account/password", {
        currentPassword,
        newPassword: "a brand new passphrase",
        confirmPassword: "a brand new passphrase",
      });
    for (let i = 1; i <= 10; i++) expect((await change(`wrong-${i}`)).status, `attempt ${i}`).toBe(400);
    expect(audits("auth.password_change_failed", { actorEmail: email })).toHaveLength(10);

    for (let i = 0; i < 3; i++) {
      const refused = await change(DEMO_PASSWORD);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    const throttled = audits("auth.password_change_throttled", { actorEmail: email });
    expect(throttled).toHaveLength(1);
    expect(countOf(throttled[0])).toBe(3);
    // The same account limit as sign-in: a new browser is refused too.
    const newBrowser = await new Client(server.url, { "X-Forwarded-For": "192.0.2.31" }).post("/login", {
      email,
      password: DEMO_PASSWORD,
    });
    expect(newBrowser.status).toBe(429);
  });
});

describe("audit flooding", () => {
  it("300 failed sign-ins for one account make a handful of rows, the refusals counted in one", async () => {
    const email = "flood@example.org";
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) {
      const res = await new Client(server.url, { "X-Forwarded-For": "198.51.100.40" }).post("/login", {
        email,
        password: `guess-${i}`,
      });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(290);
    expect(audits("auth.sign_in_failed", { actorEmail: email })).toHaveLength(10);
    const throttled = audits("auth.sign_in_throttled", { actorEmail: email });
    expect(throttled).toHaveLength(1);
    expect(countOf(throttled[0])).toBe(290);
    expect(throttled[0].summary).toBe(`Sign-in refused 290 times for ${email}: too many failed attempts`);
  });

  it("refusals by address make one row per address with a count", async () => {
    const address = "198.51.100.41";
    await failFrom(address, 100, (i) => `spray${i}@example.org`);
    for (let i = 0; i < 50; i++) {
      const res = await new Client(server.url, { "X-Forwarded-For": address }).post("/login", {
        email: `spray-more${i}@example.org`,
        password: "x",
      });
      expect(res.status).toBe(429);
    }
    const rows = audits("auth.sign_in_throttled", { ip: address });
    expect(rows).toHaveLength(1);
    expect(countOf(rows[0])).toBe(50);
    expect(rows[0].summary).toBe(`Sign-in refused 50 times from ${address}: too many failed attempts`);
  });
});
