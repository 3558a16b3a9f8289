// Single sign-on as commands: the sign-in that links or creates an account, its refusals, the role
// mapping an admin edits and break-glass accounts. Each write lands with its audit rows, or not at all.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { oidcIdentities, oidcRoleMappings, users } from "../../db/schema";
import type { Db } from "../../db/client";
import {
  addRoleMapping,
  refuseSso,
  removeRoleMapping,
  setBreakGlass,
  signInWithSso,
  SSO_DISABLED,
  SSO_NO_ACCOUNT,
  SSO_UNVERIFIED,
  type SsoIdentity,
} from "~/models/sso-commands.server";
import { actorFor, auditSince, lastAuditId, rows, seededDb } from "../helpers/command-fixture";

const ISSUER = "https://login.example.net/tenant/v2.0";
let sessionNo = 0;
const session = () => ({ idHash: String(++sessionNo).padStart(64, "0"), createdAt: new Date(), lastSeenAt: 1, expiresAt: 2, ip: "192.0.2.7", method: "oidc" });
const identity = (over: Partial<SsoIdentity>): SsoIdentity => ({
  issuer: ISSUER,
  subject: "subject-1",
  email: null,
  emailVerified: false,
  name: null,
  roleValues: null,
  ...over,
});
const signIn = (db: Db, over: Partial<SsoIdentity>, createUsers = false) =>
  signInWithSso(db, { identity: identity(over), ip: "192.0.2.7", createUsers, session: session() });
const user = (db: Db, email: string) => db.select().from(users).where(eq(users.email, email)).get();
const links = (db: Db) => db.select({ subject: oidcIdentities.subject, userId: oidcIdentities.userId }).from(oidcIdentities).all();

describe("signInWithSso", () => {
  it("links by verified email, then finds the account by subject alone; session and audit rows together", () => {
    const { db } = seededDb();
    const lead = actorFor(db, "lead@example.org");
    const since = lastAuditId(db).n;
    const sessions = rows(db, "sessions");
    const first = signIn(db, { email: "lead@example.org", emailVerified: true });
    expect(first).toEqual({ ok: true, value: { userId: lead.id, email: lead.email, mustChangePassword: false } });
    expect(links(db)).toEqual([{ subject: "subject-1", userId: lead.id }]);
    expect(rows(db, "sessions")).toBe(sessions + 1);
    expect(auditSince(db, since)).toMatchObject([
      {
        action: "auth.sso_linked",
        actorEmail: lead.email,
        entityId: lead.id,
        summary: `Linked ${ISSUER} subject subject-1 to lead@example.org (matched by verified email)`,
      },
      { action: "auth.sign_in", actorEmail: lead.email, summary: `Signed in through single sign-on (${ISSUER})` },
    ]);
    // The subject alone, with another (unverified) address: the same account, no new link.
    const after = lastAuditId(db).n;
    expect(signIn(db, { email: "someone.else@example.org", emailVerified: false })).toMatchObject({ ok: true, value: { userId: lead.id } });
    expect(auditSince(db, after).map((a) => a.action)).toEqual(["auth.sign_in"]);
    expect(links(db)).toHaveLength(1);
  });

  it("refuses an unverified email, an unknown person and a disabled account, writing nothing", () => {
    const { db } = seededDb();
    db.update(users).set({ disabledAt: new Date() }).where(eq(users.email, "viewer@example.org")).run();
    const since = lastAuditId(db).n;
    const [sessions, people] = [rows(db, "sessions"), rows(db, "users")];
    expect(signIn(db, { email: "lead@example.org", emailVerified: false })).toEqual({ ok: false, refused: SSO_UNVERIFIED, status: 403 });
    expect(signIn(db, { email: "stranger@example.org", emailVerified: true })).toEqual({ ok: false, refused: SSO_NO_ACCOUNT, status: 403 });
    expect(signIn(db, { email: null, emailVerified: true }, true)).toEqual({ ok: false, refused: SSO_UNVERIFIED, status: 403 });
    expect(signIn(db, { email: "viewer@example.org", emailVerified: true })).toEqual({ ok: false, refused: SSO_DISABLED, status: 403 });
    // Nothing of the refused attempts stays: no link (even the disabled account's), session, user or audit row.
    expect(links(db)).toEqual([]);
    expect([rows(db, "sessions"), rows(db, "users")]).toEqual([sessions, people]);
    expect(auditSince(db, since)).toEqual([]);
  });

  it("creates a viewer when asked and maps its role at each sign-in", () => {
    const { db } = seededDb();
    db.insert(oidcRoleMappings)
      .values([
        { claimValue: "g-staff", role: "staff" },
        { claimValue: "g-board", role: "board" },
      ])
      .run();
    const since = lastAuditId(db).n;
    const made = signIn(db, { email: "new.starter@example.org", emailVerified: true, name: "New Starter", roleValues: ["g-staff", "g-board", "other"] }, true);
    expect(made.ok).toBe(true);
    const created = user(db, "new.starter@example.org")!;
    expect(created).toMatchObject({ name: "New Starter", role: "board", passwordHash: null });
    expect(auditSince(db, since).map((a) => [a.action, a.summary])).toEqual([
      ["user.created", "Created new.starter@example.org (Viewer) at first sign-in through single sign-on"],
      ["auth.sso_linked", `Linked ${ISSUER} subject subject-1 to new.starter@example.org (new account)`],
      ["user.updated", "Role of new.starter@example.org set from Viewer to Programme board member by the single sign-on role mapping"],
      ["auth.sign_in", `Signed in through single sign-on (${ISSUER})`],
    ]);
    // A values list that maps to nothing leaves the role; one that maps lower lowers it (applied at each sign-in).
    expect(signIn(db, { roleValues: ["other"] }).ok).toBe(true);
    expect(user(db, "new.starter@example.org")!.role).toBe("board");
    expect(signIn(db, { roleValues: ["g-staff"] }).ok).toBe(true);
    expect(user(db, "new.starter@example.org")!.role).toBe("staff");
  });

  it("a session that cannot be stored leaves no link, no new account and no audit row", () => {
    const { db } = seededDb();
    const since = lastAuditId(db).n;
    const people = rows(db, "users");
    const row = session();
    signInWithSso(db, {
      identity: identity({ subject: "s-a", email: "lead@example.org", emailVerified: true }),
      ip: "192.0.2.7",
      createUsers: true,
      session: row,
    });
    const after = lastAuditId(db).n;
    expect(() =>
      signInWithSso(db, {
        identity: identity({ subject: "s-b", email: "fresh@example.org", emailVerified: true }),
        ip: "192.0.2.7",
        createUsers: true,
        session: row,
      }),
    ).toThrow();
    expect(user(db, "fresh@example.org")).toBeUndefined();
    expect(rows(db, "users")).toBe(people);
    expect(links(db).map((l) => l.subject)).toEqual(["s-a"]);
    expect(auditSince(db, after)).toEqual([]);
    expect(auditSince(db, since)).toHaveLength(2);
  });
});

describe("refuseSso", () => {
  it("writes one auth.sso_refused row, naming the typed address but no account when none is known", () => {
    const { db } = seededDb();
    const since = lastAuditId(db).n;
    expect(refuseSso(db, { ip: "192.0.2.9", reason: "state: forged", who: "x@example.org" }).ok).toBe(true);
    expect(auditSince(db, since)).toMatchObject([
      { action: "auth.sso_refused", actorEmail: "x@example.org", entityId: null, ip: "192.0.2.9", summary: "Single sign-on refused: state: forged" },
    ]);
    refuseSso(db, { ip: "192.0.2.9", reason: "x".repeat(600) });
    expect(auditSince(db, since)[1].summary).toHaveLength(500);
  });
});

describe("role mapping commands", () => {
  it("addRoleMapping stores the mapping with its audit row; a duplicate value is refused and changes nothing", () => {
    const { db } = seededDb();
    const admin = actorFor(db, "admin@example.org");
    const since = lastAuditId(db).n;
    expect(addRoleMapping(db, admin, { claimValue: "qi-leads", role: "staff" })).toEqual({ ok: true, value: null });
    expect(auditSince(db, since)).toMatchObject([
      { action: "user.role_mapping_changed", actorEmail: admin.email, summary: "Single sign-on: “qi-leads” gives the role Staff" },
    ]);
    const after = lastAuditId(db).n;
    expect(addRoleMapping(db, admin, { claimValue: "qi-leads", role: "admin" })).toEqual({
      ok: false,
      refused: "“qi-leads” already has a role. Remove it first to change it.",
      status: 400,
    });
    expect(db.select({ v: oidcRoleMappings.claimValue, r: oidcRoleMappings.role }).from(oidcRoleMappings).all()).toEqual([{ v: "qi-leads", r: "staff" }]);
    expect(auditSince(db, after)).toEqual([]);
  });

  it("removeRoleMapping deletes it with its audit row; a second removal is refused without an audit row", () => {
    const { db } = seededDb();
    const admin = actorFor(db, "admin@example.org");
    addRoleMapping(db, admin, { claimValue: "qi-board", role: "board" });
    const id = db.select().from(oidcRoleMappings).get()!.id;
    const since = lastAuditId(db).n;
    expect(removeRoleMapping(db, admin, { id })).toEqual({ ok: true, value: { claimValue: "qi-board" } });
    expect(rows(db, "oidc_role_mappings")).toBe(0);
    expect(auditSince(db, since)).toMatchObject([{ action: "user.role_mapping_changed", summary: "Single sign-on: “qi-board” no longer gives a role" }]);
    expect(removeRoleMapping(db, admin, { id })).toEqual({ ok: false, refused: "That role mapping was already removed.", status: 404 });
    expect(auditSince(db, since)).toHaveLength(1);
  });
});

describe("setBreakGlass", () => {
  it("marks and unmarks an account with an audit row each, and writes nothing when nothing changes", () => {
    const { db } = seededDb();
    const admin = actorFor(db, "admin@example.org");
    const lead = actorFor(db, "lead@example.org");
    const since = lastAuditId(db).n;
    expect(setBreakGlass(db, admin, { userId: lead.id, breakGlass: true })).toEqual({ ok: true, value: { email: lead.email } });
    expect(user(db, lead.email)!.breakGlass).toBe(true);
    expect(setBreakGlass(db, admin, { userId: lead.id, breakGlass: true }).ok).toBe(true);
    expect(setBreakGlass(db, admin, { userId: lead.id, breakGlass: false }).ok).toBe(true);
    expect(user(db, lead.email)!.breakGlass).toBe(false);
    expect(auditSince(db, since).map((a) => [a.action, a.entityId, a.summary])).toEqual([
      ["user.break_glass_changed", lead.id, "Made lead@example.org a break-glass account (may sign in with a password when passwords are off)"],
      ["user.break_glass_changed", lead.id, "lead@example.org is no longer a break-glass account"],
    ]);
    expect(setBreakGlass(db, admin, { userId: 999_999, breakGlass: true })).toEqual({ ok: false, refused: "We could not find that user.", status: 404 });
  });
});
