// Big Conversations: each write is one transaction with its audit row; refusals and conflicts write nothing.
import { describe, expect, it } from "vitest";
import { addPriorityAction, addTheme, createPriority, logEvent, removeEvent, updateEvent, updatePriority } from "~/models/conversation-commands.server";
import { completeAction } from "~/models/action-commands.server";
import { listOpenActionsFor } from "~/models/action.server";
import { listYouSaidWeDid } from "~/models/conversation.server";
import { actorFor, auditSince, lastAuditId, rows, seededDb, TODAY } from "../helpers/command-fixture";

function setup() {
  const { db, programmeId } = seededDb();
  const as = (email: string, role: "admin" | "board" | "staff" | "viewer") => ({ ...actorFor(db, email), role });
  const board = as("board@example.org", "board");
  const staff = as("staff@example.org", "staff");
  const viewer = as("viewer@example.org", "viewer");
  const values = { heldOn: "2026-03-02", site: "Orsett Hospital", staffGroup: "Porters", facilitatorUserId: staff.id, attendance: 12, notes: "" };
  return { db, programmeId, board, staff, viewer, values };
}

describe("listening events", () => {
  it("logs an event with one audit row, then edits it (versioned) and removes it softly", () => {
    const s = setup();
    const since = lastAuditId(s.db).n;
    const logged = logEvent(s.db, s.board, { programmeId: s.programmeId, values: s.values });
    expect(logged.ok).toBe(true);
    const eventId = logged.ok ? logged.value.eventId : 0;
    expect(auditSince(s.db, since).map((a) => [a.action, a.entityId])).toEqual([["conversation.event_logged", eventId]]);
    const edited = updateEvent(s.db, s.board, { programmeId: s.programmeId, eventId, version: 1, values: { ...s.values, attendance: 14 } });
    expect(edited).toEqual({ ok: true, value: { changed: true } });
    expect(auditSince(s.db, since).at(-1)?.summary).toContain("Attendance: 12 → 14");
    const stale = updateEvent(s.db, s.board, { programmeId: s.programmeId, eventId, version: 1, values: { ...s.values, attendance: 99 } });
    expect(stale.ok).toBe(false);
    expect("conflict" in stale && stale.conflict.fields.map((f) => f.name)).toEqual(["attendance"]);
    expect(s.db.$client.prepare("select attendance, version from conversation_events where id = ?").get(eventId)).toEqual({ attendance: 14, version: 2 });
    expect(removeEvent(s.db, s.board, { programmeId: s.programmeId, eventId, version: 1 }).ok).toBe(false);
    expect(removeEvent(s.db, s.board, { programmeId: s.programmeId, eventId, version: 2 })).toEqual({ ok: true, value: { removed: true } });
    expect(s.db.$client.prepare("select deleted_at is not null as gone from conversation_events where id = ?").get(eventId)).toEqual({ gone: 1 });
    expect(auditSince(s.db, since).map((a) => a.action)).toEqual(["conversation.event_logged", "conversation.event_updated", "conversation.event_removed"]);
  });

  it("refuses staff who are not on the board, and an unknown facilitator, writing nothing", () => {
    const s = setup();
    const before = [rows(s.db, "conversation_events"), rows(s.db, "audit_events")];
    expect(logEvent(s.db, s.staff, { programmeId: s.programmeId, values: s.values })).toMatchObject({ ok: false, status: 403 });
    expect(logEvent(s.db, s.board, { programmeId: s.programmeId, values: { ...s.values, facilitatorUserId: 99999 } })).toMatchObject({
      ok: false,
      status: 400,
    });
    expect([rows(s.db, "conversation_events"), rows(s.db, "audit_events")]).toEqual(before);
  });

  it("lets the facilitator record themes at their own event, and no one else below the board", () => {
    const s = setup();
    const logged = logEvent(s.db, s.board, { programmeId: s.programmeId, values: s.values });
    const eventId = logged.ok ? logged.value.eventId : 0;
    expect(addTheme(s.db, s.staff, { programmeId: s.programmeId, eventId, text: "Lifts break down", mentions: 3 }).ok).toBe(true);
    const themes = rows(s.db, "conversation_themes");
    expect(addTheme(s.db, s.viewer, { programmeId: s.programmeId, eventId, text: "Other", mentions: null })).toMatchObject({ ok: false, status: 403 });
    const other = logEvent(s.db, s.board, { programmeId: s.programmeId, values: { ...s.values, facilitatorUserId: s.board.id } });
    const otherId = other.ok ? other.value.eventId : 0;
    expect(addTheme(s.db, s.staff, { programmeId: s.programmeId, eventId: otherId, text: "Other", mentions: null })).toMatchObject({ ok: false, status: 403 });
    expect(rows(s.db, "conversation_themes")).toBe(themes);
  });
});

describe("theme → priority → action", () => {
  it("groups themes into a priority, plans an action that is the owner's board action, and reports it once done", () => {
    const s = setup();
    const logged = logEvent(s.db, s.board, { programmeId: s.programmeId, values: s.values });
    const eventId = logged.ok ? logged.value.eventId : 0;
    const theme = addTheme(s.db, s.staff, { programmeId: s.programmeId, eventId, text: "Lifts break down", mentions: 3 });
    const themeId = theme.ok ? theme.value.themeId : 0;
    const values = { title: "Reliable lifts", description: "", ownerUserId: s.board.id, assurance: null };
    const created = createPriority(s.db, s.board, { programmeId: s.programmeId, values, themeIds: [themeId] });
    expect(created.ok).toBe(true);
    const priorityId = created.ok ? created.value.priorityId : 0;
    // A theme belongs to one priority.
    const again = createPriority(s.db, s.board, { programmeId: s.programmeId, values: { ...values, title: "Twice" }, themeIds: [themeId] });
    expect(again).toMatchObject({ ok: false, status: 400, refused: 'The theme "Lifts break down" is already part of another priority' });
    expect(s.db.$client.prepare("select count(*) n from conversation_priorities where title = 'Twice'").get()).toEqual({ n: 0 });
    const assured = updatePriority(s.db, s.board, {
      programmeId: s.programmeId,
      priorityId,
      version: 1,
      values: { ...values, assurance: "inconsistent" },
      addThemeIds: [],
    });
    expect(assured).toEqual({ ok: true, value: { changed: true } });
    expect(updatePriority(s.db, s.board, { programmeId: s.programmeId, priorityId, version: 1, values, addThemeIds: [] })).toMatchObject({ ok: false });
    const refusedAction = addPriorityAction(s.db, s.staff, { programmeId: s.programmeId, priorityId, text: "x", ownerUserId: s.staff.id, dueOn: TODAY });
    expect(refusedAction).toMatchObject({ ok: false, status: 403 });
    const added = addPriorityAction(s.db, s.board, {
      programmeId: s.programmeId,
      priorityId,
      text: "Service contract for the lifts",
      ownerUserId: s.staff.id,
      dueOn: "2026-04-30",
    });
    const actionId = added.ok ? added.value.actionId : 0;
    const mine = listOpenActionsFor(s.db, s.staff.id).find((a) => a.id === actionId);
    expect(mine).toMatchObject({ meetingId: null, priorityId, priorityTitle: "Reliable lifts", dueOn: "2026-04-30" });
    expect(completeAction(s.db, s.staff, { actionId, version: 1, today: TODAY }).ok).toBe(true);
    const poster = listYouSaidWeDid(s.db, s.programmeId).find((p) => p.id === priorityId);
    expect(poster).toEqual({
      id: priorityId,
      title: "Reliable lifts",
      themes: [{ id: themeId, text: "Lifts break down", site: "Orsett Hospital", heldOn: "2026-03-02" }],
      done: [{ text: "Service contract for the lifts", completedOn: TODAY }],
    });
  });

  it("the database refuses an action with neither a meeting nor a priority", () => {
    const s = setup();
    expect(() =>
      s.db.$client
        .prepare("insert into meeting_actions (text, owner_user_id, due_on, created_at, updated_at) values ('x', ?, '2026-04-01', 0, 0)")
        .run(s.board.id),
    ).toThrow(/CHECK constraint failed/);
  });
});
