// Every sign-in, account and administration form, in Chromium with JavaScript on: a valid
// submission is saved and shown, an invalid one shows the server's message. Each page is hydrated
// before it is used, and a form post the browser sends as a plain page load fails the test.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { E2E_PASSWORD, launchBrowser, startApp, type RunningApp } from "./support";
import { hydrated, open, undefinedOrNaNShown, watchPage, type PageWatch } from "./js-on";
import { fillDate } from "./form-helpers";

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

function query<T>(sql: string, ...args: unknown[]): T | undefined {
  const db = new Database(app.databaseFile, { readonly: true });
  try {
    return db.prepare(sql).get(...args) as T | undefined;
  } finally {
    db.close();
  }
}

type UserRow = {
  id: number;
  role: string;
  password_hash: string | null;
  must_change_password: number;
  disabled_at: number | null;
};
const userRow = (email: string) => query<UserRow>("select id, role, password_hash, must_change_password, disabled_at from users where email = ?", email);

/** A fresh browser context (its own cookies) on one page, watched for errors and plain posts. */
async function freshPage(): Promise<{ context: BrowserContext; page: Page; watch: PageWatch }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { context, page, watch: watchPage(page) };
}

async function signInWith(page: Page, email: string, password: string) {
  await open(page, `${app.url}/login`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signedIn(email: string) {
  const fresh = await freshPage();
  await signInWith(fresh.page, email, E2E_PASSWORD);
  await fresh.page.getByRole("button", { name: "Sign out" }).waitFor();
  await hydrated(fresh.page);
  return fresh;
}

const problem = (page: Page, message: string) => page.locator(".nhsuk-error-summary", { hasText: message }).waitFor();

function expectCleanRun(watch: PageWatch) {
  expect(watch.errors).toEqual([]);
  expect(watch.documentPosts, "form posts sent without JavaScript").toEqual([]);
  expect(watch.fetchPosts.length).toBeGreaterThan(0);
}

/** Adds a person at /admin/users and returns the invitation link the page shows. */
async function addPerson(page: Page, person: { name: string; email: string; jobTitle: string; role: string }) {
  await open(page, `${app.url}/admin/users`);
  await openAddForm(page);
  await page.getByLabel("Full name").fill(person.name);
  await page.getByLabel("Email address").fill(person.email);
  await page.getByLabel("Job title (optional)").fill(person.jobTitle);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: person.role });
  await page.getByRole("button", { name: "Add user" }).click();
  const status = page.getByRole("status").filter({ hasText: `Account created for ${person.email}.` });
  await status.waitFor();
  return (await status.locator(".app-invitation-link").textContent())!;
}

/** The add form is behind "Add a person" at the top of the page. */
async function openAddForm(page: Page) {
  if (await page.getByLabel("Full name").isVisible()) return;
  await page.getByText("Add a person", { exact: true }).click();
  await page.getByLabel("Full name").waitFor();
}

/** An admin sets a one-time password for someone (break-glass, or a person who cannot use their invitation). */
async function setOneTimePassword(page: Page, name: string, email: string) {
  await page
    .locator("tr", { hasText: email })
    .getByRole("button", { name: `Set a one-time password for ${name}` })
    .click();
  const status = page.getByRole("status").filter({ hasText: `Password reset for ${email}.` });
  await status.waitFor();
  return (await status.locator("code").textContent())!;
}

describe("invitations", () => {
  it("an admin adds a person and copies the link from the page; the person opens it, chooses a password and lands signed in", async () => {
    const email = "ivy.invited@example.org";
    const admin = await signedIn("admin@example.org");
    const link = await addPerson(admin.page, { name: "Ivy Invited", email, jobTitle: "Matron", role: "Staff" });
    expect(link).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}$/);
    expect(userRow(email)).toMatchObject({ role: "staff", password_hash: null, must_change_password: 0 });
    expect(await admin.page.locator("tr", { hasText: email }).textContent()).toContain("Invited: link works until");
    expectCleanRun(admin.watch);
    await admin.context.close();

    const { context, page, watch } = await freshPage();
    await open(page, `${app.url}${new URL(link).pathname}`);
    await page.getByRole("heading", { level: 1, name: "Welcome to Stepping Up" }).waitFor();
    const choose = async (next: string, again: string) => {
      await page.getByLabel("New password", { exact: true }).fill(next);
      await page.getByLabel("New password again").fill(again);
      await page.getByRole("button", { name: "Set password and sign in" }).click();
    };
    await choose("short", "short");
    await problem(page, "Password must be at least 8 characters");
    await choose("qwerty123", "qwerty123");
    await problem(page, "This password is too common: choose one that is harder to guess");
    expect(userRow(email)?.password_hash).toBeNull();
    await choose("lantern meadow copper 82", "lantern meadow copper 82");
    await page.waitForURL(`${app.url}/`);
    await page.getByRole("heading", { level: 1, name: /Welcome, Ivy Invited/ }).waitFor();
    expect(userRow(email)?.password_hash).toMatch(/^\$argon2id\$/);
    expect(await undefinedOrNaNShown(page)).toEqual([]);
    expectCleanRun(watch);

    // The link is spent.
    await page.goto(`${app.url}${new URL(link).pathname}`);
    await page.getByRole("heading", { level: 1, name: "This invitation has already been used" }).waitFor();
    await context.close();
  }, 180_000);
});

describe("first sign-in", () => {
  it("a person an admin creates signs in with the one-time password, must change it, reaches home, and the new password works", async () => {
    const email = "new.starter@example.org";
    const admin = await signedIn("admin@example.org");
    await addPerson(admin.page, {
      name: "Nia Newstarter",
      email,
      jobTitle: "Ward Manager",
      role: "Staff",
    });
    const oneTime = await setOneTimePassword(admin.page, "Nia Newstarter", email);
    expect(oneTime).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(userRow(email)).toMatchObject({ role: "staff", must_change_password: 1, disabled_at: null });
    await admin.page.locator("tr", { hasText: email }).filter({ hasText: "Must change password" }).waitFor();
    expectCleanRun(admin.watch);
    await admin.context.close();

    const { context, page, watch } = await freshPage();
    await signInWith(page, email, oneTime);
    await page.waitForURL((u) => u.pathname === "/account/password");
    await page.getByRole("heading", { level: 1, name: "Choose a new password" }).waitFor();
    await hydrated(page);
    const hint = page.locator(".nhsuk-hint", { hasText: "characters" });
    expect(await hint.textContent()).toMatch(/^At least 8 characters\. /);
    expect(await undefinedOrNaNShown(page)).toEqual([]);
    // Every other page sends them back here until they have chosen a password.
    await page.goto(`${app.url}/projects`);
    await page.waitForURL((u) => u.pathname === "/account/password" && u.searchParams.get("redirectTo") === "/projects");
    await page.goto(`${app.url}/`);
    await page.waitForURL((u) => u.pathname === "/account/password" && u.searchParams.get("redirectTo") === "/");
    await hydrated(page);

    const attempt = async (current: string, next: string, again: string) => {
      await page.getByLabel("Current password").fill(current);
      await page.getByLabel("New password", { exact: true }).fill(next);
      await page.getByLabel("New password again").fill(again);
      await page.getByRole("button", { name: "Change password" }).click();
    };
    await attempt(oneTime, "short", "short");
    await problem(page, "Password must be at least 8 characters");
    await attempt(oneTime, "a long new password", "a different one");
    await problem(page, "The passwords do not match");
    await attempt("not the one-time password", "a long new password", "a long new password");
    await problem(page, "Your current password is incorrect");
    await attempt(oneTime, "qwerty123", "qwerty123");
    await problem(page, "This password is too common: choose one that is harder to guess");
    expect(await page.getByText(/undefined/).count()).toBe(0);
    expect(userRow(email)?.must_change_password).toBe(1);

    const chosen = "kettle harbour violet 47";
    await attempt(oneTime, chosen, chosen);
    await page.waitForURL(`${app.url}/`);
    await page.getByRole("heading", { level: 1, name: /Welcome, Nia Newstarter/ }).waitFor();
    expect(userRow(email)?.must_change_password).toBe(0);

    // The sign-out form in the header.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((u) => u.pathname === "/login");
    await page.goto(`${app.url}/projects`);
    await page.waitForURL((u) => u.pathname === "/login");

    await signInWith(page, email, oneTime);
    await problem(page, "Email or password is incorrect");
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.getByLabel("Password").fill(chosen);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${app.url}/`);
    await page.getByRole("heading", { level: 1, name: /Welcome, Nia Newstarter/ }).waitFor();
    // Too short and not matching are caught in the browser by the server's own schema; the wrong
    // current password, the common password and the change itself went to the server.
    expect(watch.fetchPosts.filter((p) => p.startsWith("/account/password"))).toHaveLength(3);
    expect(watch.fetchPosts.filter((p) => p.startsWith("/logout"))).toHaveLength(1);
    expectCleanRun(watch);
    await context.close();
  });
});

describe("account", () => {
  it("a person changes their own password; a wrong current password shows the server's message", async () => {
    const email = "viewer@example.org";
    const before = userRow(email)!;
    const { context, page, watch } = await signedIn(email);
    await open(page, `${app.url}/account/password`);
    await page.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
    expect(await page.locator(".nhsuk-hint", { hasText: "characters" }).textContent()).toMatch(/^At least 8 characters\. /);
    const fill = async (current: string, next: string) => {
      await page.getByLabel("Current password").fill(current);
      await page.getByLabel("New password", { exact: true }).fill(next);
      await page.getByLabel("New password again").fill(next);
      await page.getByRole("button", { name: "Change password" }).click();
    };
    await fill("wrong password", "meadow lantern copper 19");
    await problem(page, "Your current password is incorrect");
    expect(userRow(email)?.password_hash).toBe(before.password_hash);
    await fill(E2E_PASSWORD, "meadow lantern copper 19");
    await page.waitForURL(`${app.url}/`);
    await page.getByRole("heading", { level: 1, name: /Welcome, Vic Viewer/ }).waitFor();
    expect(userRow(email)?.password_hash).not.toBe(before.password_hash);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((u) => u.pathname === "/login");
    await signInWith(page, email, "meadow lantern copper 19");
    await page.waitForURL(`${app.url}/`);
    expectCleanRun(watch);
    await context.close();
  });
});

describe("users", () => {
  it("an admin adds a person (refusing a missing field and a taken email), changes their role, disables, enables and resets them", async () => {
    const email = "rowan.reyes@example.org";
    const name = "Rowan Reyes";
    const { context, page, watch } = await signedIn("admin@example.org");
    await open(page, `${app.url}/admin/users`);
    await openAddForm(page);
    await page.getByRole("button", { name: "Add user" }).click();
    await problem(page, "Enter the person's name");
    await problem(page, "Choose a role");
    await page.getByLabel("Full name").fill(name);
    await page.getByLabel("Email address").fill("admin@example.org");
    await page.getByLabel("Role", { exact: true }).selectOption({ label: "Staff" });
    await page.getByRole("button", { name: "Add user" }).click();
    await problem(page, "An account with this email address already exists");
    expect(await page.getByLabel("Full name").inputValue()).toBe(name);

    await addPerson(page, { name, email, jobTitle: "Physiotherapist", role: "Staff" });
    const row = page.locator("tr", { hasText: email });
    expect(await row.textContent()).toContain("Physiotherapist");

    await row.getByLabel(`Role of ${name}`).selectOption({ label: "Programme board member" });
    await row.getByRole("button", { name: `Save role of ${name}` }).click();
    await page.getByRole("status").getByText(`${email} is now Programme board member.`).waitFor();
    expect(userRow(email)?.role).toBe("board");

    await row.getByRole("button", { name: `Disable ${name}` }).click();
    await page.getByRole("status").getByText(`${email} is disabled and has been signed out.`).waitFor();
    expect(userRow(email)?.disabled_at).toEqual(expect.any(Number));
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain("Disabled");

    await row.getByRole("button", { name: `Enable ${name}` }).click();
    await page.getByRole("status").getByText(`${email} can sign in again.`).waitFor();
    expect(userRow(email)?.disabled_at).toBeNull();

    const hashBefore = userRow(email)?.password_hash;
    const oneTime = await setOneTimePassword(page, name, email);
    expect(userRow(email)).toMatchObject({ must_change_password: 1 });
    expect(userRow(email)?.password_hash).not.toBe(hashBefore);
    expectCleanRun(watch);

    // The reset password lets them in, straight to choosing their own.
    const other = await freshPage();
    await signInWith(other.page, email, oneTime);
    await other.page.waitForURL((u) => u.pathname === "/account/password");
    expectCleanRun(other.watch);
    await other.context.close();
    await context.close();
  });
});

describe("programme set-up", () => {
  let context: BrowserContext;
  let page: Page;
  let watch: PageWatch;
  beforeAll(async () => {
    ({ context, page, watch } = await signedIn("admin@example.org"));
  });
  afterAll(async () => {
    expectCleanRun(watch);
    await context?.close();
  });
  const programme = () =>
    query<{ name: string; ask_open_days: number; milestone_slip_days: number }>("select name, ask_open_days, milestone_slip_days from programmes");
  const section = (heading: string) => page.locator("section", { has: page.getByRole("heading", { level: 2, name: heading }) });

  it("saves the programme's details and thresholds, and refuses a threshold out of range", async () => {
    await open(page, `${app.url}/admin/programme`);
    const before = programme()!;
    await page.getByLabel("Milestone slipped more than (days)").fill("0");
    await page.getByRole("button", { name: "Save programme details" }).click();
    await problem(page, "Milestone slip must be at least 1");
    expect(programme()).toEqual(before);
    await page.getByLabel("Milestone slipped more than (days)").fill("21");
    await page.getByLabel("Ask open for more than (days)").fill("10");
    await page.getByLabel("Programme name").fill("Stepping Up at Riverside");
    await page.getByRole("button", { name: "Save programme details" }).click();
    await page.getByRole("status").getByText("Programme details saved.").waitFor();
    expect(programme()).toEqual({ name: "Stepping Up at Riverside", ask_open_days: 10, milestone_slip_days: 21 });
    expect(await page.getByLabel("Ask open for more than (days)").inputValue()).toBe("10");
  });

  it("adds, renames and deletes a strategic theme; refuses an empty or taken name", async () => {
    await open(page, `${app.url}/admin/programme`);
    const themes = section("Strategic themes");
    await themes.getByRole("button", { name: "Add", exact: true }).click();
    await themes.getByText("Enter the strategic theme's name").waitFor();
    const taken = query<{ name: string }>("select name from themes order by id")!.name;
    await themes.getByLabel("Add a strategic theme").fill(taken);
    await themes.getByRole("button", { name: "Add", exact: true }).click();
    await themes.getByText(`There is already a strategic theme called ${taken}`).waitFor();

    await themes.getByLabel("Add a strategic theme").fill("Frailty at the front door");
    await themes.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByRole("status").getByText("Added Frailty at the front door.").waitFor();
    const theme = query<{ id: number }>("select id from themes where name = ?", "Frailty at the front door");
    expect(theme).toBeDefined();

    await themes.getByLabel("Name of strategic theme Frailty at the front door").fill("Frailty in the emergency department");
    await themes.getByRole("button", { name: "Rename Frailty at the front door" }).click();
    await themes.getByRole("button", { name: "Rename Frailty in the emergency department" }).waitFor();
    expect(query<{ name: string }>("select name from themes where id = ?", theme!.id)?.name).toBe("Frailty in the emergency department");

    await themes.getByRole("button", { name: "Delete Frailty in the emergency department" }).click();
    await expect.poll(() => themes.getByRole("button", { name: "Delete Frailty in the emergency department" }).count()).toBe(0);
    expect(query("select id from themes where id = ?", theme!.id)).toBeUndefined();
  });

  it("retires and restores a division in use, and adds one", async () => {
    await open(page, `${app.url}/admin/programme`);
    const used = query<{ id: number; name: string }>(
      "select d.id, d.name from divisions d where d.retired_at is null and exists (select 1 from projects p where p.division_id = d.id) order by d.id",
    )!;
    const divisions = section("Divisions");
    const item = divisions.locator("li", { has: page.getByLabel(`Name of division ${used.name}`) });
    await divisions.getByRole("button", { name: `Retire ${used.name}` }).click();
    await item.getByText("· retired").waitFor();
    expect(query<{ retired_at: number | null }>("select retired_at from divisions where id = ?", used.id)?.retired_at).toEqual(expect.any(Number));
    await divisions.getByRole("button", { name: `Restore ${used.name}` }).click();
    await divisions.getByRole("button", { name: `Retire ${used.name}` }).waitFor();
    expect(query<{ retired_at: number | null }>("select retired_at from divisions where id = ?", used.id)?.retired_at).toBeNull();

    await divisions.getByLabel("Add a division").fill("Community services");
    await divisions.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByRole("status").getByText("Added Community services.").waitFor();
    expect(query("select id from divisions where name = ?", "Community services")).toBeDefined();
  });

  it("adds a wave, refusing one that ends before it starts", async () => {
    await open(page, `${app.url}/admin/programme`);
    const number = query<{ n: number }>("select max(number) + 1 as n from waves")!.n;
    await page.getByLabel("Wave number").fill(String(number));
    await page.getByLabel("Name (optional)").fill("Spring cohort");
    await fillDate(page, "Starts on", "2027-03-01");
    await fillDate(page, "Ends on", "2027-02-01");
    await page.getByRole("button", { name: "Add wave" }).click();
    await problem(page, "The end date must be after the start date");
    await fillDate(page, "Ends on", "2027-07-19");
    await page.getByRole("button", { name: "Add wave" }).click();
    await page.getByRole("status").getByText(`Wave ${number} saved.`).waitFor();
    expect(query("select name, starts_on, ends_on from waves where number = ?", number)).toEqual({
      name: "Spring cohort",
      starts_on: "2027-03-01",
      ends_on: "2027-07-19",
    });
    await page.getByRole("cell", { name: `Wave ${number}: Spring cohort` }).waitFor();
  });
});

describe("CQC register", () => {
  let context: BrowserContext;
  let page: Page;
  let watch: PageWatch;
  beforeAll(async () => {
    ({ context, page, watch } = await signedIn("admin@example.org"));
  });
  afterAll(async () => {
    expectCleanRun(watch);
    await context?.close();
  });
  const linked = (reference: string) =>
    query<{ n: number }>("select count(*) as n from cqc_action_projects l join cqc_actions a on a.id = l.cqc_action_id where a.reference = ?", reference)!.n;

  it("adds an action, refusing a missing field and a reference already in the register, then links and unlinks a project", async () => {
    await open(page, `${app.url}/cqc`);
    await page.getByRole("button", { name: "Add action" }).click();
    await problem(page, "Enter a reference, such as MD1");
    await problem(page, "Enter the action from the inspection report");
    const existing = query<{ reference: string }>("select reference from cqc_actions order by id")!.reference;
    await page.getByLabel("Reference", { exact: true }).fill(existing);
    await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Must do" });
    await page.getByLabel("CQC domain").selectOption({ label: "Safe" });
    await page.getByLabel("Service (optional)").fill("Maternity");
    await page.getByLabel("The action", { exact: true }).fill("Ensure every birthing room's emergency trolley is checked daily.");
    await page.getByRole("button", { name: "Add action" }).click();
    await problem(page, `${existing} is already in the register`);

    await page.getByLabel("Reference", { exact: true }).fill("MD90");
    await page.getByRole("button", { name: "Add action" }).click();
    await page.getByRole("status").getByText("Added MD90.").waitFor();
    expect(query("select kind, domain, service, text from cqc_actions where reference = 'MD90'")).toEqual({
      kind: "must_do",
      domain: "safe",
      service: "Maternity",
      text: "Ensure every birthing room's emergency trolley is checked daily.",
    });
    const item = page.locator("li.app-cqc-item", { has: page.getByRole("heading", { name: /^MD90 · / }) });
    await item.getByText("No project linked yet.").waitFor();

    const select = item.getByLabel("Link a project to MD90");
    const title = (await select.locator("option:not([disabled])").first().textContent())!;
    await select.selectOption({ label: title });
    await item.getByRole("button", { name: "Link", exact: true }).click();
    await item.getByRole("link", { name: title }).waitFor();
    expect(linked("MD90")).toBe(1);

    await item.getByRole("button", { name: `Unlink ${title} from MD90` }).click();
    await item.getByText("No project linked yet.").waitFor();
    expect(linked("MD90")).toBe(0);
  });

  it("adds pasted actions, refusing a paste with a bad line and keeping the text", async () => {
    await open(page, `${app.url}/cqc`);
    const paste = page.getByLabel("One action per line: reference, kind, domain, service, text");
    const bad = "SD91, should do, safe, Pharmacy, Check fridge temperatures every day\nSD92, could do, caring, Wards, Offer a chaperone";
    await paste.fill(bad);
    await page.getByRole("button", { name: "Add pasted actions" }).click();
    await page.getByText('Line 2: the kind must be "must do" or "should do", not "could do"').waitFor();
    expect(await paste.inputValue()).toBe(bad);
    expect(query("select id from cqc_actions where reference = 'SD91'")).toBeUndefined();

    await paste.fill(bad.replace("could do", "should do"));
    await page.getByRole("button", { name: "Add pasted actions" }).click();
    await page.getByRole("status").getByText("Added 2 actions.").waitFor();
    expect(query<{ n: number }>("select count(*) as n from cqc_actions where reference in ('SD91', 'SD92')")!.n).toBe(2);
    await page.getByRole("heading", { name: /^SD92 · Caring · Wards/ }).waitFor();
  });
});
