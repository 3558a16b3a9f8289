// Marking a board action done: its owner or a board member may; a stale version, a refusal or a failed audit row writes nothing.
import { describe, expect, it } from "vitest";
import { completeAction } from "~/models/action-commands.server";
import { workbook } from "./workbook-fixture";

const NO_AUDIT = "create trigger no_audit before insert on audit_events begin select raise(abort, 'audit refused'); end";

function setup() {
  const w = workbook();
  const a = w.one<{
    id: number;
    projectId: number | null;
    ownerId: number;
    version: number;
    text: string;
    ownerName: string;
    email: string;
  }>(
    `select a.id, a.project_id as projectId, a.owner_user_id as ownerId, a.version, a.text, u.name as ownerName, u.email
       from meeting_actions a join users u on u.id = a.owner_user_id where a.completed_on is null order by a.id`,
  );
  const owner = { id: a.ownerId, email: a.email, ip: "192.0.2.9", role: "staff" as const };
  const other = w.one<{ id: number; email: string }>(
    "select id, email from users where id <> ? and role = 'staff' and disabled_at is null order by id",
    a.ownerId,
  );
  const stranger = { ...other, ip: "192.0.2.9", role: "staff" as const };
  const row = () => w.one("select version, completed_on as completedOn from meeting_actions where id = ?", a.id);
  const input = { actionId: a.id, version: a.version, today: "2026-03-11" };
  return { ...w, a, owner, stranger, row, input };
}

describe("completeAction", () => {
  it("marks the action done with one action.completed audit row", () => {
    const w = setup();
    const result = completeAction(w.db, w.owner, w.input);
    expect(result).toMatchObject({ ok: true, value: { message: `Marked done: ${w.a.text}`, action: { id: w.a.id } } });
    expect(w.row()).toEqual({ version: w.a.version + 1, completedOn: "2026-03-11" });
    expect(w.audits("action.completed")).toEqual([
      {
        summary: `Marked done: "${w.a.text.slice(0, 120)}" (owner ${w.a.ownerName})`,
        user_id: w.owner.id,
        ip: "192.0.2.9",
        entity_id: w.a.id,
      },
    ]);
    expect(w.one("select project_id as projectId from audit_events where action = 'action.completed'")).toEqual({
      projectId: w.a.projectId,
    });
  });

  it("a stale version is a conflict with the action as it is now, and writes nothing", () => {
    const w = setup();
    const audits = w.count("audit_events");
    const result = completeAction(w.db, w.owner, { ...w.input, version: w.a.version - 1 });
    expect(result).toMatchObject({
      ok: false,
      conflict: { message: expect.stringContaining("since you opened the page"), action: { id: w.a.id } },
    });
    expect(w.row()).toEqual({ version: w.a.version, completedOn: null });
    expect(w.count("audit_events")).toBe(audits);
  });

  it("refuses someone else's action (403), an action already done (400) and one that does not exist (404)", () => {
    const w = setup();
    expect(completeAction(w.db, w.stranger, w.input)).toEqual({
      ok: false,
      refused: "mark this action done",
      status: 403,
    });
    expect(completeAction(w.db, w.owner, { ...w.input, actionId: 999_999 })).toMatchObject({ ok: false, status: 404 });
    expect(completeAction(w.db, w.owner, w.input).ok).toBe(true);
    expect(completeAction(w.db, w.owner, { ...w.input, version: w.a.version + 1 })).toEqual({
      ok: false,
      refused: "This action was already marked done on 11 Mar 2026.",
      status: 400,
    });
    expect(w.audits("action.completed")).toHaveLength(1);
  });

  it("rolls the completion back when the audit row cannot be written", () => {
    const w = setup();
    w.db.$client.exec(NO_AUDIT);
    expect(() => completeAction(w.db, w.owner, w.input)).toThrow(/audit refused/);
    expect(w.row()).toEqual({ version: w.a.version, completedOn: null });
  });
});
