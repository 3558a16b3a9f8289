import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtRoutes } from "../helpers/build";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
/** Every address of the app (ids filled in with 1), and whether something there takes posts. */
let routePaths: { path: string; hasAction: boolean }[];

beforeAll(async () => {
  server = await startTestServer();
  const byPath = new Map<string, boolean>();
  for (const route of await builtRoutes()) {
    const path = route.pattern.replace(/:[A-Za-z]+/g, "1");
    byPath.set(path, (byPath.get(path) ?? false) || route.hasAction);
  }
  routePaths = [...byPath].map(([path, hasAction]) => ({ path, hasAction }));
});
afterAll(async () => {
  await server?.close();
});

// Single sign-on starts and ends signed out (404 when no provider is configured); an email's
// one-click unsubscribe works without signing in (its signed link is the credential); so does answering a
// Pulse Check (its link is the credential, and answers are anonymous), accepting an invitation (likewise)
// and reading the accessibility statement, which the regulations require to be public.
const PUBLIC = new Set([
  "/login",
  "/healthz",
  "/api/spc",
  "/auth/oidc",
  "/auth/oidc/callback",
  "/notifications/unsubscribe",
  "/pulse/answer/1",
  "/accessibility",
  "/invitations/1",
]);

describe("signed out", () => {
  it("every page redirects to /login except sign-in, health and the SPC API", async () => {
    const pages = routePaths.filter(({ path }) => !PUBLIC.has(path));
    expect(pages.length).toBeGreaterThan(40);
    expect(pages.map((p) => p.path)).toContain("/");
    for (const { path } of pages) {
      const res = await new Client(server.url).get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location"), path).toMatch(/^\/login/);
    }
  });

  it("every action refuses to run and redirects to /login", async () => {
    const actions = routePaths.filter(({ path, hasAction }) => hasAction && !PUBLIC.has(path) && path !== "/logout");
    expect(actions.length).toBeGreaterThan(25);
    for (const { path } of actions) {
      const res = await new Client(server.url).post(path, { intent: "create", title: "x" });
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location"), path).toMatch(/^\/login/);
    }
  });

  it("keeps the page asked for in redirectTo", async () => {
    const res = await new Client(server.url).get("/projects?stage=active");
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Fprojects%3Fstage%3Dactive");
  });

  it("serves the sign-in page and health check", async () => {
    expect((await new Client(server.url).get("/login")).status).toBe(200);
    const health = await new Client(server.url).get("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", database: "ok" });
  });
});

describe("headers", () => {
  it("sends an enforced CSP whose nonce is on every script tag", async () => {
    const client = await Client.signedIn(server.url, "board@example.org");
    const res = await client.get("/projects");
    const csp = res.headers.get("content-security-policy") ?? "";
    for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    const page = await readPage(res);
    const scripts = page.findAll("script");
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.map((script) => script.getAttribute("nonce"))).toEqual(scripts.map(() => nonce));
    expect(page.findAll("[style]").map((el) => el.outerHTML)).toEqual([]);

    const again = await client.get("/projects");
    expect(again.headers.get("content-security-policy")).not.toContain(`'nonce-${nonce}'`);
  });

  it("sets nosniff, a referrer policy, no-store on pages, compression, and no HSTS over plain HTTP", async () => {
    const client = await Client.signedIn(server.url, "board@example.org");
    const res = await client.get("/projects", { "Accept-Encoding": "gzip" });
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("strict-transport-security")).toBeNull();
    expect(res.headers.get("x-powered-by")).toBeNull();
  });
});

describe("cross-site requests", () => {
  it("refuses a state-changing request from another site", async () => {
    const client = await Client.signedIn(server.url, "admin@example.org");
    const fromOrigin = await client.post("/logout", {}, { Origin: "https://evil.example" });
    expect(fromOrigin.status).toBe(403);
    const fromFetchSite = await client.post("/logout", {}, { "Sec-Fetch-Site": "cross-site" });
    expect(fromFetchSite.status).toBe(403);
    // still signed in: neither request did anything
    expect((await client.get("/projects")).status).toBe(200);
    const sameOrigin = await client.post("/logout", {}, { Origin: server.url, "Sec-Fetch-Site": "same-origin" });
    expect(sameOrigin.status).toBe(302);
  });

  it("refuses a cross-site sign-in attempt (login CSRF)", async () => {
    const res = await new Client(server.url).post("/login", { email: "admin@example.org", password: "whatever-password" }, { Origin: "https://evil.example" });
    expect(res.status).toBe(403);
  });
});

describe("errors", () => {
  it("answers a missing page with a styled 404 that reveals nothing internal", async () => {
    const client = await Client.signedIn(server.url, "viewer@example.org");
    const res = await client.get("/projects/999999");
    expect(res.status).toBe(404);
    const page = await readPage(res);
    expect(page.textOf("h1")).toBe("Page not found");
    expect(page.find(".nhsuk-header")).not.toBeNull();
    expect(page.anywhere).not.toMatch(/at .*\.js:\d+/);
  });
});
