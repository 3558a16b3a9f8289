// Single sign-on against a real OpenID provider (oidc-provider on a random port, with a test client and
// accounts): the full redirect flow over HTTP, account linking, creation, role mapping and refusals.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import Provider from "oidc-provider";
import { auditEvents, oidcIdentities, oidcRoleMappings, sessions, users } from "../../db/schema";
import { Client, DEMO_PASSWORD, startTestServer, type TestServer } from "../helpers/server";
import { readPage } from "../helpers/html";
import { freePort } from "../helpers/net";

type Account = { email?: string; email_verified?: boolean; name?: string; groups?: string[] };
const ACCOUNTS: Record<string, Account> = {
  "sub-admin": { email: "admin@example.org", email_verified: true, name: "Admin" },
  "sub-board": { email: "board@example.org", email_verified: false, name: "Board" },
  "sub-new": { email: "new.starter@example.org", email_verified: true, name: "New Starter", groups: ["qi-board"] },
  "sub-viewer": { email: "viewer@example.org", email_verified: true, name: "Viewer" },
  "sub-nobody": { email: "nobody@elsewhere.org", email_verified: true },
};

let server: TestServer;
let op: http.Server;
let issuer: string;

async function startProvider() {
  let handler: http.RequestListener = () => {};
  const srv = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  return { srv, url, use: (h: http.RequestListener) => (handler = h) };
}

beforeAll(async () => {
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const p = await startProvider();
  issuer = p.url;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: "stepping-up",
        client_secret: "test-client-secret",
        redirect_uris: [`${appUrl}/auth/oidc/callback`],
        post_logout_redirect_uris: [`${appUrl}/login`],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    pkce: { required: () => true },
    conformIdTokenClaims: false,
    claims: { openid: ["sub", "groups"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ["test-provider-cookie-key"] },
    async findAccount(_ctx: unknown, sub: string) {
      return { accountId: sub, claims: async () => ({ sub, ...ACCOUNTS[sub] }) };
    },
  });
  p.use(provider.callback());
  op = p.srv;
  server = await startTestServer({
    port,
    env: {
      PUBLIC_URL: appUrl,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: "stepping-up",
      OIDC_CLIENT_SECRET: "test-client-secret",
      OIDC_CREATE_USERS: "1",
      OIDC_ROLE_CLAIM: "groups",
    },
  });
});
afterAll(async () => {
  await server?.close();
  await new Promise<void>((r) => (op ? op.close(() => r()) : r()));
});

/** A browser: one cookie jar per origin, following redirects by hand. */
class Browser {
  jars = new Map<string, Client>();
  jar(url: URL) {
    let c = this.jars.get(url.origin);
    if (!c) this.jars.set(url.origin, (c = new Client(url.origin)));
    return c;
  }
  async go(href: string, form?: Record<string, string>, stopAt?: (u: URL) => boolean): Promise<{ res: Response; url: URL }> {
    let url = new URL(href);
    let res = form ? await this.jar(url).post(url.pathname + url.search, form) : await this.jar(url).get(url.pathname + url.search);
    for (let i = 0; i < 20 && res.status >= 300 && res.status < 400; i++) {
      url = new URL(res.headers.get("location")!, url);
      if (stopAt?.(url)) return { res, url };
      res = await this.jar(url).get(url.pathname + url.search);
    }
    return { res, url };
  }
  /** Submits the provider's dev login form as `sub`, then its consent form. */
  async signInAtProvider(start: URL, sub: string, stopAtCallback = false) {
    let { res, url } = await this.go(start.href);
    const stop = stopAtCallback ? (u: URL) => u.pathname === "/auth/oidc/callback" : undefined;
    for (let i = 0; i < 3 && url.origin === issuer; i++) {
      const html = await res.text();
      const action = /action="([^"]+)"/.exec(html)![1];
      const prompt = /name="prompt" value="(\w+)"/.exec(html)![1];
      const fields: Record<string, string> = prompt === "login" ? { prompt, login: sub, password: "any" } : { prompt };
      ({ res, url } = await this.go(new URL(action, url).href, fields, stop));
    }
    return { res, url };
  }
}

const userByEmail = (email: string) => server.db.select().from(users).where(eq(users.email, email)).get();
const lastAudit = (action: string) =>
  server.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, action as never))
    .all()
    .at(-1);

async function ssoSignIn(sub: string) {
  const browser = new Browser();
  const app = new URL(server.url);
  const start = await browser.jar(app).get("/auth/oidc?redirectTo=/projects");
  expect(start.status).toBe(302);
  const { res, url } = await browser.signInAtProvider(new URL(start.headers.get("location")!), sub);
  return { browser, res, url, app: browser.jar(app) };
}

describe("single sign-on", () => {
  it("shows the organisation button on the sign-in page", async () => {
    const page = await readPage(await new Client(server.url).get("/login"));
    expect(page.text).toContain("Sign in with your organisation account");
    expect(page.hrefs()).toContain("/auth/oidc?redirectTo=%2F");
  });

  it("starts the code flow with PKCE S256, state and nonce", async () => {
    const res = await new Client(server.url).get("/auth/oidc");
    const url = new URL(res.headers.get("location")!);
    expect(url.origin).toBe(issuer);
    const q = url.searchParams;
    expect(q.get("response_type")).toBe("code");
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(q.get("state")).toMatch(/^[\w-]{20,}$/);
    expect(q.get("nonce")).toMatch(/^[\w-]{20,}$/);
    expect(q.get("redirect_uri")).toBe(`${server.url}/auth/oidc/callback`);
    expect(q.get("scope")).toBe("openid email profile");
    expect(res.headers.getSetCookie().join()).toMatch(/stepping_up_oidc=.*HttpOnly/i);
  });

  it("signs in through the full redirect flow, linking by verified email, then by subject", async () => {
    const { url, app } = await ssoSignIn("sub-admin");
    expect(url.pathname).toBe("/projects");
    expect((await app.get("/projects")).status).toBe(200);
    const admin = userByEmail("admin@example.org")!;
    expect(
      server.db
        .select()
        .from(oidcIdentities)
        .where(eq(oidcIdentities.userId, admin.id))
        .all()
        .map((i) => [i.issuer, i.subject]),
    ).toEqual([[issuer, "sub-admin"]]);
    expect(lastAudit("auth.sso_linked")!.summary).toBe(`Linked ${issuer} subject sub-admin to admin@example.org (matched by verified email)`);
    expect(lastAudit("auth.sign_in")!.summary).toBe(`Signed in through single sign-on (${issuer})`);
    expect(
      server.db
        .select()
        .from(sessions)
        .where(eq(sessions.userId, admin.id))
        .all()
        .map((s) => s.method),
    ).toContain("oidc");

    // The second time, the subject finds the account even if the email changed at the provider.
    ACCOUNTS["sub-admin"].email = "renamed@example.org";
    const again = await ssoSignIn("sub-admin");
    expect(again.url.pathname).toBe("/projects");
    ACCOUNTS["sub-admin"].email = "admin@example.org";
  });

  it("creates a viewer just in time and maps its role from the groups claim", async () => {
    server.db.insert(oidcRoleMappings).values({ claimValue: "qi-board", role: "board" }).run();
    const { url } = await ssoSignIn("sub-new");
    expect(url.pathname).toBe("/projects");
    const created = userByEmail("new.starter@example.org")!;
    expect(created.role).toBe("board");
    expect(created.passwordHash).toBeNull();
    expect(lastAudit("user.created")!.summary).toBe("Created new.starter@example.org (Viewer) at first sign-in through single sign-on");
  });

  it("refuses an unverified email when linking by email", async () => {
    const { res } = await ssoSignIn("sub-board");
    expect(res.status).toBe(403);
    expect((await readPage(res)).text).toContain("email address is not verified");
    expect(lastAudit("auth.sso_refused")!.summary).toMatch(/not verified/);
  });

  it("refuses a disabled account", async () => {
    server.db.update(users).set({ disabledAt: new Date() }).where(eq(users.email, "viewer@example.org")).run();
    const { res } = await ssoSignIn("sub-viewer");
    expect(res.status).toBe(403);
    expect((await readPage(res)).text).toContain("Your Stepping Up account is disabled");
    server.db.update(users).set({ disabledAt: null }).where(eq(users.email, "viewer@example.org")).run();
  });

  it("refuses a tampered state", async () => {
    const browser = new Browser();
    const app = new URL(server.url);
    const start = await browser.jar(app).get("/auth/oidc");
    const { url } = await browser.signInAtProvider(new URL(start.headers.get("location")!), "sub-admin", true);
    url.searchParams.set("state", "forged-state-value-0123456789");
    const res = await browser.jar(app).get(url.pathname + url.search);
    expect(res.status).toBe(403);
    expect((await readPage(res)).text).toContain("did not match the sign-in this browser started");
    expect(lastAudit("auth.sso_refused")!.summary).toMatch(/^Single sign-on refused: state/);
  });

  it("refuses an ID token whose nonce is not the one this browser sent", async () => {
    const browser = new Browser();
    const app = new URL(server.url);
    const start = await browser.jar(app).get("/auth/oidc");
    const authorize = new URL(start.headers.get("location")!);
    authorize.searchParams.set("nonce", "a-nonce-the-app-never-made-0123456789");
    const { res } = await browser.signInAtProvider(authorize, "sub-admin");
    expect(res.status).toBe(403);
    expect(lastAudit("auth.sso_refused")!.summary).toMatch(/^Single sign-on refused: nonce/);
  });

  it("refuses a replayed code", async () => {
    const browser = new Browser();
    const app = new URL(server.url);
    const start = await browser.jar(app).get("/auth/oidc");
    const flowCookie = browser.jar(app).cookies.get("stepping_up_oidc")!;
    const { url } = await browser.signInAtProvider(new URL(start.headers.get("location")!), "sub-admin", true);
    expect((await browser.jar(app).get(url.pathname + url.search)).status).toBe(302);
    // The same answer again, with the flow cookie restored: the provider refuses the spent code.
    const replay = new Client(server.url);
    replay.cookies.set("stepping_up_oidc", flowCookie);
    const res = await replay.get(url.pathname + url.search);
    expect(res.status).toBe(403);
    expect((await readPage(res)).text).toContain("already been used or has expired");
    expect(lastAudit("auth.sso_refused")!.summary).toMatch(/^Single sign-on refused: code/);
  });

  it("refuses a callback no sign-in was started for", async () => {
    const res = await new Client(server.url).get("/auth/oidc/callback?code=abc&state=def");
    expect(res.status).toBe(403);
    expect(lastAudit("auth.sso_refused")!.summary).toMatch(/^Single sign-on refused: expired/);
  });

  it("refuses a person with no account when the provider knows them but creation finds no verified address", async () => {
    ACCOUNTS["sub-nobody"].email_verified = false;
    const { res } = await ssoSignIn("sub-nobody");
    expect(res.status).toBe(403);
    expect(userByEmail("nobody@elsewhere.org")).toBeUndefined();
  });

  it("signs out at the provider too", async () => {
    const { app } = await ssoSignIn("sub-admin");
    const res = await app.post("/logout", {});
    const to = new URL(res.headers.get("location")!);
    expect(to.origin).toBe(issuer);
    expect(to.searchParams.get("post_logout_redirect_uri")).toBe(`${server.url}/login`);
    expect((await app.get("/projects")).status).toBe(302);
  });

  it("keeps password sign-in working alongside", async () => {
    const client = new Client(server.url);
    expect((await client.post("/login", { email: "staff@example.org", password: DEMO_PASSWORD })).status).toBe(302);
  });
});
