// The guards' own writes: a refusal and an expired session each land with their audit row, or not at all.
import { describe, expect, it } from "vitest";
import { endExpiredSession, recordRefusal } from "~/models/session-commands.server";
import { insertSession } from "~/models/session.server";
import { actorFor, auditSince, lastAuditId, rows, seededDb } from "../helpers/command-fixture";

const session = (userId: number, idHash: string) => ({
  idHash,
  userId,
  createdAt: new Date(),
  lastSeenAt: 1,
  expiresAt: 2,
  ip: "192.0.2.7",
  userAgent: "test",
});

describe("session commands", () => {
  it("recordRefusal writes auth.permission_denied against the project, with the address", () => {
    const { db } = seededDb();
    const staff = actorFor(db, "staff@example.org");
    const since = lastAuditId(db).n;
    expect(recordRefusal(db, staff, { what: "approve projects", projectId: 3 }).ok).toBe(true);
    expect(auditSince(db, since)).toMatchObject([
      {
        action: "auth.permission_denied",
        actorEmail: staff.email,
        projectId: 3,
        ip: "192.0.2.7",
        summary: "Refused: approve projects",
      },
    ]);
  });

  it("endExpiredSession removes the session and says why; a disabled account's session leaves no entry", () => {
    const { db } = seededDb();
    const lead = actorFor(db, "lead@example.org");
    insertSession(db, session(lead.id, "b".repeat(64)));
    insertSession(db, session(lead.id, "c".repeat(64)));
    const before = rows(db, "sessions");
    const since = lastAuditId(db).n;
    endExpiredSession(db, lead, { idHash: "b".repeat(64), reason: "idle", audited: true });
    expect(rows(db, "sessions")).toBe(before - 1);
    expect(auditSince(db, since)).toMatchObject([{ action: "auth.session_expired", entityId: lead.id, summary: "Session ended after inactivity" }]);
    const after = lastAuditId(db).n;
    endExpiredSession(db, lead, { idHash: "c".repeat(64), reason: "maximum", audited: false });
    expect(rows(db, "sessions")).toBe(before - 2);
    expect(auditSince(db, after)).toEqual([]);
  });

  it("rolls the removal back when the audit row cannot be written", () => {
    const { db } = seededDb();
    const lead = actorFor(db, "lead@example.org");
    insertSession(db, session(lead.id, "d".repeat(64)));
    const before = rows(db, "sessions");
    db.$client.exec("create trigger no_audit before insert on audit_events begin select raise(abort, 'audit refused'); end");
    expect(() => endExpiredSession(db, lead, { idHash: "d".repeat(64), reason: "idle", audited: true })).toThrow(/audit refused/);
    expect(rows(db, "sessions")).toBe(before);
  });
});
