import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBuild } from "../helpers/build";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let routePaths: { path: string; hasAction: boolean }[];

beforeAll(async () => {
  server = await startTestServer();
  const build = await importBuild();
  routePaths = Object.values(build.routes)
    .filter((r) => r.path !== undefined && r.id !== "root")
    .map((r) => ({
      path: `/${fullPath(build.routes, r.id)}`.replace(/\/+/g, "/").replace(/:[A-Za-z]+/g, "1").replace(/\/$/, "") || "/",
      hasAction: typeof r.module.action === "function",
    }));
});
afterAll(async () => {
  await server?.close();
});

function fullPath(routes: Record<string, { path?: string; parentId?: string } | undefined>, id: string): string {
  const route = routes[id]!;
  const parent = route.parentId && route.parentId !== "root" ? fullPath(routes, route.parentId) : "";
  return [parent, route.path ?? ""].filter(Boolean).join("/");
}

const PUBLIC = new Set(["/login", "/healthz", "/api/spc"]);

describe("signed out", () => {
  it("every page redirects to /login except sign-in, health and the SPC API", async () => {
    expect(routePaths.length).toBeGreaterThan(5);
    for (const { path } of routePaths) {
      if (PUBLIC.has(path)) continue;
      const res = await new Client(server.url).get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location"), path).toMatch(/^\/login/);
    }
  });

  it("every action refuses to run and redirects to /login", async () => {
    for (const { path, hasAction } of routePaths) {
      if (!hasAction || PUBLIC.has(path) || path === "/logout") continue;
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
    const client = new Client(server.url);
    await client.signIn("board@example.org");
    const res = await client.get("/projects");
    const csp = res.headers.get("content-security-policy") ?? "";
    for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(html).not.toMatch(/\sstyle="/);

    const again = await client.get("/projects");
    expect(again.headers.get("content-security-policy")).not.toContain(`'nonce-${nonce}'`);
  });

  it("sets nosniff, a referrer policy, no-store on pages, compression, and no HSTS over plain HTTP", async () => {
    const client = new Client(server.url);
    await client.signIn("board@example.org");
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
    const client = new Client(server.url);
    await client.signIn("admin@example.org");
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
    const res = await new Client(server.url).post(
      "/login",
      { email: "admin@example.org", password: "whatever-password" },
      { Origin: "https://evil.example" },
    );
    expect(res.status).toBe(403);
  });
});

describe("errors", () => {
  it("answers a missing page with a styled 404 that reveals nothing internal", async () => {
    const client = new Client(server.url);
    await client.signIn("viewer@example.org");
    const res = await client.get("/projects/999999");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("Page not found");
    expect(html).toContain("nhsuk-header");
    expect(html).not.toMatch(/at .*\.js:\d+/);
  });
});
