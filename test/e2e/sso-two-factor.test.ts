// Signing in the trust's way, in Chromium: single sign-on through a real OpenID provider (oidc-provider
// in this process, its own sign-in and consent pages), and setting up then using a second factor,
// with codes computed from the setup key the page shows.
import Database from "better-sqlite3";
import { generateTOTP } from "@epic-web/totp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import { E2E_PASSWORD, freePort, launchBrowser, signIn, startApp, type RunningApp } from "./support";
import { hydrated, open, watchPage } from "./js-on";
import { axeViolations } from "./axe";
import { listenTestOp, OP_CLIENT_ID, OP_CLIENT_SECRET, type TestOp } from "../helpers/oidc-op";

let app: RunningApp;
let op: TestOp;
let browser: Browser;

beforeAll(async () => {
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  op = await listenTestOp();
  op.start(appUrl, {
    "sub-lead": { email: "lead@example.org", email_verified: true, name: "Lead" },
    "sub-viewer": { email: "viewer@example.org", email_verified: true, name: "Viewer", groups: ["qi-board-group"] },
  });
  app = await startApp(
    { PUBLIC_URL: appUrl, OIDC_ISSUER: op.url, OIDC_CLIENT_ID: OP_CLIENT_ID, OIDC_CLIENT_SECRET: OP_CLIENT_SECRET, OIDC_ROLE_CLAIM: "groups" },
    { port },
  );
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await op?.close();
});

function query<T>(sql: string, ...args: unknown[]): T[] {
  const db = new Database(app.databaseFile, { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

/** The code an authenticator app would show `offsetMs` from now (RFC 6238: SHA-1, 6 digits, 30 s). */
async function codeAt(secret: string, offsetMs = 0) {
  const at = Date.now() + offsetMs;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at);
  try {
    return (await generateTOTP({ secret, period: 30, digits: 6, algorithm: "SHA-1" })).otp;
  } finally {
    vi.useRealTimers();
  }
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/logout"));
  await page.getByRole("button", { name: "Sign out" }).waitFor({ state: "detached" });
}

/** Signs in at the provider's own pages (who you are, then consent) and waits to land back on `landing`. */
async function ssoSignIn(sub: string, landing: string) {
  const context = await browser.newContext();
  // The provider's development pages fetch a web font from the internet: answered empty here.
  await context.route(
    (u) => u.hostname !== "127.0.0.1",
    (route) => route.fulfill({ status: 200, body: "" }),
  );
  const page = await context.newPage();
  const watch = watchPage(page);
  await open(page, `${app.url}/login?redirectTo=${encodeURIComponent(landing)}`);
  await page.getByRole("link", { name: "Sign in with your organisation account" }).click();
  await page.waitForURL((u) => u.origin === op.url);
  await page.locator('input[name="login"]').fill(sub);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(`${app.url}${landing}`);
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  await hydrated(page);
  return { context, page, watch };
}

describe("signing in the trust's way", () => {
  it("signs in with the organisation account through the provider and lands signed in", async () => {
    const { context, page, watch } = await ssoSignIn("sub-lead", "/projects");
    expect(await page.locator("h1").first().textContent()).toBeTruthy();
    const sessions = query<{ method: string }>("select s.method from sessions s join users u on u.id = s.user_id where u.email = ?", "lead@example.org");
    expect(sessions.map((s) => s.method)).toContain("oidc");
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it("an admin maps a group to a role in /admin/users; the next single sign-on gives it", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    await signIn(page, app, "admin@example.org");
    await open(page, `${app.url}/admin/users`);
    await page.getByRole("button", { name: "Add role mapping" }).click();
    await expect(page.locator(".nhsuk-error-summary").textContent()).resolves.toContain("Enter the group or role value");
    await page.getByLabel("Value of the groups claim").fill("qi-board-group");
    await page.getByLabel("Role it gives").selectOption("board");
    await page.getByRole("button", { name: "Add role mapping" }).click();
    await page.getByText("“qi-board-group” now gives the role").waitFor();
    await expect(page.getByRole("table", { name: "Values that give a role" }).textContent()).resolves.toContain("qi-board-group");
    await expect(page.getByLabel("Value of the groups claim").inputValue()).resolves.toBe("");
    expect(watch.documentPosts).toEqual([]);
    expect(watch.errors).toEqual([]);
    await context.close();

    const viewer = await ssoSignIn("sub-viewer", "/projects");
    expect(query<{ role: string }>("select role from users where email = ?", "viewer@example.org")).toEqual([{ role: "board" }]);
    expect(viewer.watch.errors).toEqual([]);
    await viewer.context.close();
  });

  it("sets up a second factor from the page's setup key, then signs in with password and code; a wrong code is refused", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    await signIn(page, app, "staff@example.org");
    await open(page, `${app.url}/account/two-factor`);
    await expect(page.locator('svg[aria-label="QR code for your authenticator app"]').count()).resolves.toBe(1);
    const secret = (await page.locator(".app-setup-key").textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,64}$/);

    // A code from five minutes ahead is not accepted; the app's code now is.
    await page.getByLabel("Enter the 6-digit code the app shows").fill(await codeAt(secret, 5 * 60_000));
    await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
    await page.locator(".nhsuk-error-summary").waitFor();
    await page.getByLabel("Enter the 6-digit code the app shows").fill(await codeAt(secret));
    await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
    await page.getByRole("heading", { name: "Two-factor authentication is on" }).waitFor();
    expect(await page.getByRole("list", { name: "Recovery codes" }).locator("li").count()).toBe(10);
    await signOut(page);

    await open(page, `${app.url}/login`);
    await page.getByLabel("Email address").fill("staff@example.org");
    await page.getByLabel("Password").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Enter your code" }).waitFor();
    await hydrated(page);
    await page.getByLabel("Code").fill(await codeAt(secret, 5 * 60_000));
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.locator(".nhsuk-error-summary").textContent()).resolves.toContain("The code is not right");
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(0);
    // The next step's code (the one just used to set up cannot be used again).
    await page.getByLabel("Code").fill(await codeAt(secret, 30_000));
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    expect(new URL(page.url()).pathname).not.toMatch(/^\/login/);
    const audit = query<{ summary: string }>(
      "select summary from audit_events where action = 'auth.sign_in' and actor_email = ? order by id",
      "staff@example.org",
    );
    expect(audit.at(-1)!.summary).toBe("Signed in (password and authenticator code)");
    expect(query("select 1 from audit_events where action = 'auth.second_factor_failed' and actor_email = ?", "staff@example.org")).toHaveLength(1);
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it("the pages of single sign-on and two-factor have no WCAG 2.2 AA violations", async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const check = async (path: string, status = 200) => {
      const res = await page.goto(`${app.url}${path}`);
      expect(res?.status(), path).toBe(status);
      await hydrated(page);
      expect(await axeViolations(page), path).toEqual([]);
    };
    await check("/login");
    await check("/auth/oidc/callback?code=not-a-code&state=not-a-state", 403);
    await signIn(page, app, "admin@example.org");
    await check("/admin/users");
    await check("/account/two-factor");
    await context.close();
  });
});
