// Big Conversations: each write is one transaction with its audit row; refusals and conflicts write nothing.
import { describe, expect, it } from "vitest";
import {
  addPriorityAction,
  addTheme,
  createPriority,
  logEvent,
  removeEvent,
  removeTheme,
  updateEvent,
  updatePriority,
  updateTheme,
} from "~/models/conversation-commands.server";
import { allReminders, myReminders } from "~/models/reminder.server";
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

describe("editing and removing themes", () => {
  function grouped() {
    const s = setup();
    const logged = logEvent(s.db, s.board, { programmeId: s.programmeId, values: s.values });
    const eventId = logged.ok ? logged.value.eventId : 0;
    const add = (text: string) => {
      const r = addTheme(s.db, s.staff, { programmeId: s.programmeId, eventId, text, mentions: null });
      return r.ok ? r.value.themeId : 0;
    };
    const [lifts, stairs, loose] = [add("Lifts break down"), add("Stairs are cold"), add("Parking is full")];
    const values = { title: "Reliable lifts", description: "", ownerUserId: s.board.id, assurance: null };
    const created = createPriority(s.db, s.board, { programmeId: s.programmeId, values, themeIds: [lifts, stairs] });
    const priorityId = created.ok ? created.value.priorityId : 0;
    const base = { programmeId: s.programmeId, eventId };
    const theme = (id: number) =>
      s.db.$client.prepare("select text, mentions, priority_id, version, deleted_at is not null as gone from conversation_themes where id = ?").get(id);
    return { ...s, eventId, lifts, stairs, loose, priorityId, base, theme };
  }

  it("edits a theme's wording (versioned: a stale edit is a 409) and moves it between priorities, each with its audit row", () => {
    const s = grouped();
    const since = lastAuditId(s.db).n;
    // The facilitator fixes the wording.
    expect(updateTheme(s.db, s.staff, { ...s.base, themeId: s.loose, version: 1, text: "The car park is full by 8am", mentions: 4 })).toEqual({
      ok: true,
      value: { changed: true },
    });
    expect(s.theme(s.loose)).toEqual({ text: "The car park is full by 8am", mentions: 4, priority_id: null, version: 2, gone: 0 });
    const stale = updateTheme(s.db, s.board, { ...s.base, themeId: s.loose, version: 1, text: "Parking", mentions: 4 });
    expect(stale.ok).toBe(false);
    expect("conflict" in stale && stale.conflict.fields.map((f) => f.name)).toEqual(["text"]);
    expect("conflict" in stale && stale.conflict.message).toContain("Sam Staff");
    // Only the board groups a theme.
    const moveByStaff = updateTheme(s.db, s.staff, {
      ...s.base,
      themeId: s.loose,
      version: 2,
      text: "The car park is full by 8am",
      mentions: 4,
      priorityId: s.priorityId,
    });
    expect(moveByStaff).toMatchObject({ ok: false, status: 403 });
    const moved = updateTheme(s.db, s.board, {
      ...s.base,
      themeId: s.loose,
      version: 2,
      text: "The car park is full by 8am",
      mentions: 4,
      priorityId: s.priorityId,
    });
    expect(moved).toEqual({ ok: true, value: { changed: true } });
    expect(s.theme(s.loose)).toMatchObject({ priority_id: s.priorityId, version: 3 });
    expect(updateTheme(s.db, s.board, { ...s.base, themeId: s.loose, version: 3, text: "x", mentions: null, priorityId: 99999 })).toMatchObject({
      ok: false,
      status: 400,
      refused: "Choose a priority from the list",
    });
    const audit = auditSince(s.db, since);
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([
      ["conversation.theme_updated", s.loose],
      ["conversation.theme_updated", s.loose],
    ]);
    expect(audit[0].summary).toContain("Mentions: (empty) → 4");
    expect(audit[1].summary).toContain("Priority: Not yet grouped → Reliable lifts");
  });

  it("removes a theme softly after a version check; a grouped one only by the board; it leaves the lists and the poster", () => {
    const s = grouped();
    const since = lastAuditId(s.db).n;
    expect(removeTheme(s.db, s.staff, { ...s.base, themeId: s.stairs, version: 1 })).toMatchObject({ ok: false, status: 403 });
    expect(removeTheme(s.db, s.viewer, { ...s.base, themeId: s.loose, version: 1 })).toMatchObject({ ok: false, status: 403 });
    expect(removeTheme(s.db, s.staff, { ...s.base, themeId: s.loose, version: 9 })).toMatchObject({ ok: false });
    expect(s.theme(s.loose)).toMatchObject({ gone: 0 });
    expect(removeTheme(s.db, s.staff, { ...s.base, themeId: s.loose, version: 1 })).toEqual({ ok: true, value: { removed: true } });
    expect(removeTheme(s.db, s.board, { ...s.base, themeId: s.stairs, version: 1 })).toEqual({ ok: true, value: { removed: true } });
    expect([s.theme(s.loose), s.theme(s.stairs)]).toMatchObject([{ gone: 1 }, { gone: 1, priority_id: s.priorityId }]);
    // Gone is gone: it cannot be edited or removed again.
    expect(removeTheme(s.db, s.board, { ...s.base, themeId: s.stairs, version: 2 })).toMatchObject({ ok: false, status: 404 });
    expect(auditSince(s.db, since).map((a) => [a.action, a.entityId])).toEqual([
      ["conversation.theme_removed", s.loose],
      ["conversation.theme_removed", s.stairs],
    ]);
    expect(auditSince(s.db, since)[1].summary).toContain('(it was part of the priority "Reliable lifts")');
    const added = addPriorityAction(s.db, s.board, {
      ...s.base,
      priorityId: s.priorityId,
      text: "Lift contract",
      ownerUserId: s.staff.id,
      dueOn: "2026-04-30",
    });
    const actionId = added.ok ? added.value.actionId : 0;
    expect(completeAction(s.db, s.staff, { actionId, version: 1, today: TODAY }).ok).toBe(true);
    expect(
      listYouSaidWeDid(s.db, s.programmeId)
        .find((p) => p.id === s.priorityId)
        ?.themes.map((t) => t.text),
    ).toEqual(["Lifts break down"]);
  });

  it("keeps the last theme behind a priority on You said, we did: it may not be removed or moved out, and nothing changes", () => {
    const s = grouped();
    expect(removeTheme(s.db, s.board, { ...s.base, themeId: s.stairs, version: 1 }).ok).toBe(true);
    // Before anything is done, the last theme may still leave its priority.
    const added = addPriorityAction(s.db, s.board, {
      ...s.base,
      priorityId: s.priorityId,
      text: "Lift contract",
      ownerUserId: s.staff.id,
      dueOn: "2026-04-30",
    });
    const actionId = added.ok ? added.value.actionId : 0;
    expect(completeAction(s.db, s.staff, { actionId, version: 1, today: TODAY }).ok).toBe(true);
    const before = [rows(s.db, "audit_events"), s.theme(s.lifts)];
    const removed = removeTheme(s.db, s.board, { ...s.base, themeId: s.lifts, version: 1 });
    expect(removed).toMatchObject({ ok: false, status: 400 });
    expect(!removed.ok && "refused" in removed && removed.refused).toContain('This is the only theme behind "Reliable lifts"');
    const moved = updateTheme(s.db, s.board, { ...s.base, themeId: s.lifts, version: 1, text: "Lifts break down", mentions: null, priorityId: null });
    expect(moved).toMatchObject({ ok: false, status: 400 });
    expect([rows(s.db, "audit_events"), s.theme(s.lifts)]).toEqual(before);
    // Rewording it is fine, and with a second theme in the priority it may go.
    expect(updateTheme(s.db, s.board, { ...s.base, themeId: s.lifts, version: 1, text: "The lifts break down weekly", mentions: 5 }).ok).toBe(true);
    expect(updateTheme(s.db, s.board, { ...s.base, themeId: s.loose, version: 1, text: "Parking is full", mentions: null, priorityId: s.priorityId }).ok).toBe(
      true,
    );
    expect(removeTheme(s.db, s.board, { ...s.base, themeId: s.lifts, version: 2 })).toEqual({ ok: true, value: { removed: true } });
    expect(
      listYouSaidWeDid(s.db, s.programmeId)
        .find((p) => p.id === s.priorityId)
        ?.themes.map((t) => t.text),
    ).toEqual(["Parking is full"]);
  });
});

describe("reminders for a priority's action plan", () => {
  it("reminds the owner of a plan action due within a week or overdue (with no meeting), and stops once it is done", () => {
    const s = setup();
    const created = createPriority(s.db, s.board, {
      programmeId: s.programmeId,
      values: { title: "Reliable lifts", description: "", ownerUserId: s.board.id, assurance: null },
      themeIds: [],
    });
    const priorityId = created.ok ? created.value.priorityId : 0;
    const plan = (text: string, dueOn: string) => {
      const r = addPriorityAction(s.db, s.board, { programmeId: s.programmeId, priorityId, text, ownerUserId: s.staff.id, dueOn });
      return r.ok ? r.value.actionId : 0;
    };
    const soon = plan("Lift service contract", "2026-03-14"); // three days after TODAY
    const late = plan("Lift engineer on site", "2026-03-01");
    const later = plan("New lifts", "2026-06-30");
    expect(s.db.$client.prepare("select count(*) n from meeting_actions where id in (?, ?, ?) and meeting_id is null").get(soon, late, later)).toEqual({
      n: 3,
    });
    const forPlan = (rs: ReturnType<typeof allReminders>) =>
      rs.filter((r) => r.rule === "action" && [soon, late, later].some((id) => r.key.startsWith(`action:${id}:`)));
    const all = forPlan(allReminders(s.db, TODAY));
    expect(all.map((r) => [r.key, r.userIds, r.overdue])).toEqual([
      [`action:${late}:2026-03-01`, [s.staff.id], true],
      [`action:${soon}:2026-03-14`, [s.staff.id], false],
    ]);
    expect(all[0].body).toBe('Your action in the plan for the Big Conversation priority "Reliable lifts" is 10 days overdue: mark it done when it is.');
    expect(forPlan(myReminders(s.db, s.programmeId, TODAY, s.staff.id)).map((r) => r.key)).toEqual(all.map((r) => r.key));
    expect(completeAction(s.db, s.staff, { actionId: late, version: 1, today: TODAY }).ok).toBe(true);
    expect(forPlan(allReminders(s.db, TODAY)).map((r) => r.key)).toEqual([`action:${soon}:2026-03-14`]);
  });
});
