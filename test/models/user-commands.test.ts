// Account administration: each change is one transaction with its audit row; refusals write nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { loadSessionSecret } from "~/auth/secrets.server";
import { resetEnvForTests } from "~/env.server";
import { changeUser, createUser, editPerson } from "~/models/user-commands.server";
import { actorFor, auditSince, lastAuditId, rows, seededDb } from "../helpers/command-fixture";

beforeAll(() => {
  process.env.SESSION_SECRET = "unit-test-session-secret-0123456789abcdef";
  resetEnvForTests();
  loadSessionSecret(false);
});

describe("createUser", () => {
  it("creates the account without a password, with its invitation, once per form token, audited; a taken address writes nothing", () => {
    const { db } = seededDb();
    const admin = actorFor(db, "admin@example.org");
    const [since, users] = [lastAuditId(db).n, rows(db, "users")];
    const once = { userId: admin.id, kind: "user", token: "token-token-token-1" };
    const input = {
      email: "New.Person@Example.org",
      name: "New Person",
      role: "staff" as const,
      once,
      delivery: { email: false, sso: null },
    };
    const first = createUser(db, admin, input);
    expect(first).toMatchObject({ ok: true, value: { replayed: false, location: "/admin/users" } });
    expect(createUser(db, admin, input)).toMatchObject({
      ok: true,
      value: { replayed: true, location: "/admin/users" },
    });
    expect(rows(db, "users")).toBe(users + 1);
    expect(first.ok && first.value.invitation?.link).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}$/);
    expect(db.$client.prepare("select password_hash, must_change_password from users where email = 'new.person@example.org'").get()).toEqual({
      password_hash: null,
      must_change_password: 0,
    });
    expect(rows(db, "invitations")).toBe(1);
    expect(auditSince(db, since)).toMatchObject([
      { action: "user.created", summary: "Created new.person@example.org (Staff)" },
      { action: "invitation.issued", entityId: first.ok ? first.value.id : -1 },
    ]);

    const taken = createUser(db, admin, { ...input, once: { ...once, token: "token-token-token-2" } });
    expect(taken).toMatchObject({ ok: false, status: 400 });
    expect(rows(db, "users")).toBe(users + 1);
    expect(rows(db, "form_tokens")).toBe(1);
    expect(auditSince(db, since)).toHaveLength(2);
  });
});

describe("changeUser", () => {
  const cases = [
    { change: { kind: "disable" as const }, action: "user.disabled", sessionsEnd: true },
    { change: { kind: "enable" as const }, action: "user.enabled", sessionsEnd: false },
    {
      change: { kind: "reset" as const, passwordHash: "reset-hash" },
      action: "user.password_reset",
      sessionsEnd: true,
    },
    { change: { kind: "role" as const, role: "board" as const }, action: "user.updated", sessionsEnd: false },
  ];
  it.each(cases)("$change.kind: writes and audits $action", ({ change, action, sessionsEnd }) => {
    const { db } = seededDb();
    const admin = actorFor(db, "admin@example.org");
    const staff = actorFor(db, "staff@example.org");
    db.$client
      .prepare("insert into sessions (id_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent) values ('s1', ?, 0, 0, 9e15, '', '')")
      .run(staff.id);
    const since = lastAuditId(db).n;
    expect(changeUser(db, admin, { userId: staff.id, change })).toEqual({ ok: true, value: { email: staff.email } });
    expect(auditSince(db, since)).toMatchObject([{ action, entityId: staff.id, actorEmail: admin.email }]);
    expect(rows(db, "sessions")).toBe(sessionsEnd ? 0 : 1);
  });

  it("refuses changing oneself (but not one's own reset) and a missing user, writing nothing", () => {
    const { db } = seededDb();
    const admin = actorFor(db, "admin@example.org");
    const since = lastAuditId(db).n;
    expect(changeUser(db, admin, { userId: admin.id, change: { kind: "disable" } })).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(changeUser(db, admin, { userId: 99_999, change: { kind: "enable" } })).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(auditSince(db, since)).toEqual([]);
    expect(db.$client.prepare("select disabled_at from users where id = ?").get(admin.id)).toEqual({
      disabled_at: null,
    });
  });
});

describe("editPerson", () => {
  it("saves name, email, job title and division, audited; a stale version is a conflict and a taken email is refused, writing nothing", () => {
    const { db } = seededDb();
    const admin = actorFor(db, "admin@example.org");
    const staff = actorFor(db, "staff@example.org");
    const read = () => db.$client.prepare("select name, email, job_title, version from users where id = ?").get(staff.id) as Record<string, unknown>;
    const before = read();
    const since = lastAuditId(db).n;
    const base = {
      userId: staff.id,
      version: before.version as number,
      name: "Sam Staffer",
      email: "Sam.Staffer@Example.org",
      jobTitle: "Sister",
      divisionId: null,
    };
    expect(editPerson(db, admin, base)).toEqual({ ok: true, value: { email: "sam.staffer@example.org" } });
    expect(read()).toMatchObject({ name: "Sam Staffer", email: "sam.staffer@example.org", job_title: "Sister", version: (before.version as number) + 1 });
    expect(auditSince(db, since)).toMatchObject([
      { action: "user.updated", entityId: staff.id, summary: expect.stringContaining("Name: Sam Staff → Sam Staffer") },
    ]);

    const after = read();
    const stale = editPerson(db, admin, { ...base, name: "Someone Else" });
    expect(stale).toMatchObject({
      ok: false,
      conflict: { currentVersion: after.version, fields: [{ name: "name", theirs: "Sam Staffer", yours: "Someone Else" }] },
    });
    const taken = editPerson(db, admin, { ...base, version: after.version as number, email: "admin@example.org" });
    expect(taken).toMatchObject({ ok: false, status: 400 });
    expect(read()).toEqual(after);
    expect(auditSince(db, since)).toHaveLength(1);
  });
});
