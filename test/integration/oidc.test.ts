// Single sign-on against a real OpenID provider (oidc-provider on a random port, with a test client and
// accounts): the full redirect flow over HTTP, account linking, creation, role mapping and refusals.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditEvents, oidcIdentities, oidcRoleMappings, sessions, users } from "../../db/schema";
import { Client, DEMO_PASSWORD, startTestServer, type TestServer } from "../helpers/server";
import { readPage } from "../helpers/html";
import { freePort } from "../helpers/net";
import { listenTestOp, OpBrowser, OP_CLIENT_ID, OP_CLIENT_SECRET, type IdClaims, type OpAccount, type TestOp } from "../helpers/oidc-op";

const ACCOUNTS: Record<string, OpAccount> = {
  "sub-admin": { email: "admin@example.org", email_verified: true, name: "Admin" },
  "sub-board": { email: "board@example.org", email_verified: false, name: "Board" },
  "sub-new": { email: "new.starter@example.org", email_verified: true, name: "New Starter", groups: ["qi-board"] },
  "sub-viewer": { email: "viewer@example.org", email_verified: true, name: "Viewer" },
  "sub-nobody": { email: "nobody@elsewhere.org", email_verified: true },
};

let server: TestServer;
let op: TestOp;
let issuer: string;

beforeAll(async () => {
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  op = await listenTestOp();
  issuer = op.url;
  op.start(appUrl, ACCOUNTS);
  server = await startTestServer({
    port,
    env: {
      PUBLIC_URL: appUrl,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: OP_CLIENT_ID,
      OIDC_CLIENT_SECRET: OP_CLIENT_SECRET,
      OIDC_CREATE_USERS: "1",
      OIDC_ROLE_CLAIM: "groups",
    },
  });
});
afterAll(async () => {
  await server?.close();
  await op?.close();
});

class Browser extends OpBrowser {
  constructor() {
    super(issuer);
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

  /** Signs in as the admin with the token endpoint's ID token forged; expects a refusal, no session, an audit row. */
  async function refusedForgery(forge: (claims: IdClaims) => IdClaims, otherKey = false) {
    const sessionsBefore = server.db.select().from(sessions).all().length;
    const auditBefore = server.db.select().from(auditEvents).all().length;
    op.forge = forge;
    op.otherKey = otherKey;
    try {
      const { res, app } = await ssoSignIn("sub-admin");
      expect(res.status).toBe(403);
      const page = await readPage(res);
      expect(page.text).toContain("You have not been signed in");
      expect(page.text).toContain("sent an answer Stepping Up cannot trust");
      expect(app.cookies.has("stepping_up_session")).toBe(false);
      expect((await app.get("/projects")).status).toBe(302);
    } finally {
      op.forge = null;
      op.otherKey = false;
    }
    expect(server.db.select().from(sessions).all()).toHaveLength(sessionsBefore);
    const added = server.db.select().from(auditEvents).all().slice(auditBefore);
    expect(added.map((a) => a.action)).toEqual(["auth.sso_refused"]);
    return added[0].summary;
  }

  it("refuses an ID token from another issuer", async () => {
    expect(await refusedForgery((c) => ({ ...c, iss: "https://login.elsewhere.example/tenant" }))).toMatch(/^Single sign-on refused: issuer/);
  });

  it("refuses an ID token for another audience", async () => {
    expect(await refusedForgery((c) => ({ ...c, aud: "another-application" }))).toMatch(/^Single sign-on refused: audience/);
  });

  it("refuses an ID token signed with another key", async () => {
    expect(await refusedForgery((c) => c, true)).toMatch(/^Single sign-on refused: signature/);
  });

  it("accepts a token re-signed by the provider's own key unchanged (so the refusals above come from the change alone)", async () => {
    op.forge = (c) => c;
    try {
      const { url } = await ssoSignIn("sub-admin");
      expect(url.pathname).toBe("/projects");
    } finally {
      op.forge = null;
    }
  });

  it("refuses an ID token without the nonce", async () => {
    expect(
      await refusedForgery((c) => {
        const { nonce: _nonce, ...rest } = c;
        return rest;
      }),
    ).toMatch(/^Single sign-on refused: nonce/);
  });

  it("refuses an expired code", async () => {
    op.codeTtl = 1;
    try {
      const browser = new Browser();
      const app = new URL(server.url);
      const start = await browser.jar(app).get("/auth/oidc");
      const { url } = await browser.signInAtProvider(new URL(start.headers.get("location")!), "sub-admin", true);
      await new Promise((r) => setTimeout(r, 2100));
      const res = await browser.jar(app).get(url.pathname + url.search);
      expect(res.status).toBe(403);
      expect((await readPage(res)).text).toContain("already been used or has expired");
      expect(browser.jar(app).cookies.has("stepping_up_session")).toBe(false);
      expect(lastAudit("auth.sso_refused")!.summary).toMatch(/^Single sign-on refused: code/);
    } finally {
      op.codeTtl = 60;
    }
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

describe("roles from single sign-on, edited in /admin/users", () => {
  const mappingRows = (page: Awaited<ReturnType<typeof readPage>>) => page.tableRowsCaptioned("Values that give a role");
  const mappingId = (value: string) => server.db.select().from(oidcRoleMappings).where(eq(oidcRoleMappings.claimValue, value)).get()!.id;

  it("adds mappings through the form, refusing bad values with clear messages, audited", async () => {
    const admin = new Client(server.url);
    expect((await admin.post("/login", { email: "admin@example.org", password: DEMO_PASSWORD })).status).toBe(302);
    const page = await readPage(await admin.get("/admin/users"));
    expect(page.text).toContain("Roles from single sign-on");
    expect(page.text).toContain("Value of the groups claim");

    const bad = async (form: Record<string, string>) => {
      const res = await admin.post("/admin/users", { intent: "add_role_mapping", ...form });
      expect(res.status).toBe(400);
      return (await readPage(res)).errorSummary();
    };
    const before = server.db.select().from(oidcRoleMappings).all().length;
    expect(await bad({ claimValue: "  ", role: "" })).toEqual([
      "Enter the group or role value your organisation's sign-in service sends",
      "Choose the Stepping Up role it gives",
    ]);
    expect(await bad({ claimValue: "qi staff", role: "staff" })).toEqual(["The group or role value cannot contain spaces"]);
    expect(await bad({ claimValue: "x".repeat(201), role: "staff" })).toEqual(["The group or role value must be 200 characters or fewer"]);
    expect(await bad({ claimValue: "qi-staff", role: "owner" })).toEqual(["Choose the Stepping Up role it gives"]);
    expect(await bad({ claimValue: "qi-board", role: "staff" })).toEqual(["“qi-board” already has a role. Remove it first to change it."]);
    expect(server.db.select().from(oidcRoleMappings).all()).toHaveLength(before);

    const added = await admin.post("/admin/users", { intent: "add_role_mapping", claimValue: " qi-staff ", role: "staff" });
    expect(added.status).toBe(200);
    const after = await readPage(added);
    expect(after.text).toContain("“qi-staff” now gives the role Staff at each sign-in.");
    expect(mappingRows(after)).toContainEqual(["qi-staff", "Staff", "Remove the role given by qi-staff"]);
    expect(lastAudit("user.role_mapping_changed")!.summary).toBe("Single sign-on: “qi-staff” gives the role Staff");
    expect((await admin.post("/admin/users", { intent: "add_role_mapping", claimValue: "qi-admins", role: "admin" })).status).toBe(200);
  });

  it("applies the mapping at each sign-in: the most able role of the matching values", async () => {
    ACCOUNTS["sub-viewer"].groups = ["unrelated", "qi-staff"];
    expect((await ssoSignIn("sub-viewer")).url.pathname).toBe("/projects");
    expect(userByEmail("viewer@example.org")!.role).toBe("staff");
    expect(lastAudit("user.updated")!.summary).toBe("Role of viewer@example.org set from Viewer to Staff by the single sign-on role mapping");

    ACCOUNTS["sub-viewer"].groups = ["qi-staff", "qi-admins"];
    await ssoSignIn("sub-viewer");
    expect(userByEmail("viewer@example.org")!.role).toBe("admin");

    // No matching value: the role stays as it is.
    ACCOUNTS["sub-viewer"].groups = ["unrelated"];
    await ssoSignIn("sub-viewer");
    expect(userByEmail("viewer@example.org")!.role).toBe("admin");
  });

  it("removes a mapping (a second removal says it is gone), and only an admin may edit them", async () => {
    const admin = new Client(server.url);
    await admin.post("/login", { email: "admin@example.org", password: DEMO_PASSWORD });
    const id = String(mappingId("qi-admins"));
    const removed = await readPage(await admin.post("/admin/users", { intent: "remove_role_mapping", mappingId: id }));
    expect(removed.text).toContain("“qi-admins” no longer gives a role.");
    expect(mappingRows(removed).map((r) => r[0])).not.toContain("qi-admins");
    expect(lastAudit("user.role_mapping_changed")!.summary).toBe("Single sign-on: “qi-admins” no longer gives a role");
    const again = await readPage(await admin.post("/admin/users", { intent: "remove_role_mapping", mappingId: id }));
    expect(again.text).toContain("That role mapping was already removed.");

    const staff = new Client(server.url);
    await staff.post("/login", { email: "staff@example.org", password: DEMO_PASSWORD });
    expect((await staff.post("/admin/users", { intent: "add_role_mapping", claimValue: "qi-sneaky", role: "admin" })).status).toBe(403);
    expect(server.db.select().from(oidcRoleMappings).where(eq(oidcRoleMappings.claimValue, "qi-sneaky")).all()).toEqual([]);
  });
});
