// Meeting commands: every edit claims the meeting's version. A stale version writes nothing and
// hands back the meeting as it is; a closed meeting refuses every edit.
import { describe, expect, it } from "vitest";
import {
  addAgendaItem,
  addMeetingAction,
  closeMeeting,
  CLOSED_MESSAGE,
  createMeeting,
  moveAgendaItem,
  recordItemReview,
  removeAgendaItem,
  updateMeetingDetails,
} from "~/models/meeting-commands.server";
import type { Db } from "../../db/client";
import { actorFor, auditSince, lastAuditId, rows, seededDb, TODAY } from "../helpers/command-fixture";

const one = <T>(db: Db, sql: string, ...args: unknown[]) => db.$client.prepare(sql).get(...args) as T;

function setup() {
  const { db, programmeId } = seededDb();
  const board = actorFor(db, "board@example.org");
  const planned = one<{ id: number; version: number }>(db, "select id, version from meetings where state = 'planned'");
  const closed = one<{ id: number; version: number }>(db, "select id, version from meetings where state = 'closed'");
  const items = db.$client.prepare("select id, project_id as projectId from meeting_items where meeting_id = ? order by position").all(planned.id) as {
    id: number;
    projectId: number;
  }[];
  const ref = { programmeId, meetingId: planned.id, version: planned.version };
  const version = () => one<{ v: number }>(db, "select version as v from meetings where id = ?", planned.id).v;
  return { db, programmeId, board, planned, closed, items, ref, version, since: lastAuditId(db).n };
}

const details = { title: "March board", meetingDate: "2026-03-25", attendees: "Blake Board" };

/** The planned meeting as it can close: held today, every item decided (written directly, not a versioned edit). */
function readyToClose(s: ReturnType<typeof setup>) {
  s.db.$client.prepare("update meeting_items set decision = 'continue' where meeting_id = ?").run(s.planned.id);
  s.db.$client.prepare("update meetings set meeting_date = ? where id = ?").run(TODAY, s.planned.id);
}

describe("createMeeting", () => {
  it("plans the meeting with its agenda once per form token, audited", () => {
    const { db, programmeId, board, since } = setup();
    const meetings = rows(db, "meetings");
    const once = { userId: board.id, kind: "meeting", token: "token-token-token-1" };
    const input = { programmeId, ...details, items: [{ projectId: 1, reasonSuggested: "" }], once };
    const first = createMeeting(db, board, input);
    expect(first).toMatchObject({
      ok: true,
      value: { replayed: false, location: expect.stringMatching(/^\/meetings\/\d+\?saved=created$/) },
    });
    expect(createMeeting(db, board, input)).toMatchObject({ ok: true, value: { replayed: true } });
    expect(rows(db, "meetings")).toBe(meetings + 1);
    expect(auditSince(db, since)).toMatchObject([{ action: "meeting.created", summary: 'Planned "March board" on 25 Mar 2026 with 1 project on the agenda' }]);
  });
});

describe("editing a planned meeting", () => {
  // Each edit: what it writes when the version is current, and the audit action it records.
  const edits = [
    {
      name: "details",
      run: (s: ReturnType<typeof setup>, version: number) => updateMeetingDetails(s.db, s.board, { ...s.ref, version, values: details }),
      action: "meeting.updated",
    },
    {
      name: "add item",
      run: (s: ReturnType<typeof setup>, version: number) => addAgendaItem(s.db, s.board, { ...s.ref, version, projectId: freeProject(s) }),
      action: "meeting.agenda_changed",
    },
    {
      name: "remove item",
      run: (s: ReturnType<typeof setup>, version: number) => removeAgendaItem(s.db, s.board, { ...s.ref, version, itemId: s.items[s.items.length - 1].id }),
      action: "meeting.agenda_changed",
    },
    {
      name: "move item",
      run: (s: ReturnType<typeof setup>, version: number) => moveAgendaItem(s.db, s.board, { ...s.ref, version, itemId: s.items[1].id, direction: "up" }),
      action: "meeting.agenda_changed",
    },
    {
      name: "review",
      run: (s: ReturnType<typeof setup>, version: number) =>
        recordItemReview(s.db, s.board, { ...s.ref, version, itemId: s.items[0].id, decision: "continue" }),
      action: "meeting.decision_recorded",
    },
    {
      name: "close",
      run: (s: ReturnType<typeof setup>, version: number) => {
        readyToClose(s);
        return closeMeeting(s.db, s.board, { ...s.ref, version, today: TODAY });
      },
      action: "meeting.closed",
    },
  ];
  const freeProject = (s: ReturnType<typeof setup>) =>
    one<{ id: number }>(s.db, "select id from projects where id not in (select project_id from meeting_items where meeting_id = ?) limit 1", s.planned.id).id;

  it.each(edits)("$name: writes, bumps the version and records $action", ({ run, action }) => {
    const s = setup();
    const result = run(s, s.planned.version);
    expect(result.ok).toBe(true);
    expect(s.version()).toBe(s.planned.version + 1);
    expect(auditSince(s.db, s.since).map((r) => r.action)).toEqual([action]);
  });

  it.each(edits)("$name: a stale version writes nothing and returns the current meeting", ({ run }) => {
    const s = setup();
    const items = rows(s.db, "meeting_items");
    updateMeetingDetails(s.db, s.board, { ...s.ref, values: details }); // someone else saved first
    const since = lastAuditId(s.db).n;
    const result = run(s, s.planned.version);
    expect(result).toMatchObject({
      ok: false,
      conflict: { id: s.planned.id, version: s.planned.version + 1, title: "March board" },
    });
    expect(s.version()).toBe(s.planned.version + 1);
    expect(rows(s.db, "meeting_items")).toBe(items);
    expect(auditSince(s.db, since)).toEqual([]);
  });

  it("refuses to close before the meeting's date or with an item undecided, and writes nothing", () => {
    const s = setup();
    const state = () => JSON.stringify([rows(s.db, "meeting_items"), one(s.db, "select * from meetings where id = ?", s.planned.id)]);
    const before = state();
    const early = closeMeeting(s.db, s.board, { ...s.ref, today: TODAY });
    expect(early).toMatchObject({ ok: false, status: 400, refused: expect.stringMatching(/^This meeting can't be closed yet\. The meeting is on /) });
    expect(!early.ok && "refused" in early && early.refused).toContain("has no decision");
    expect(state()).toBe(before);
    expect(s.version()).toBe(s.planned.version);
    expect(auditSince(s.db, s.since)).toEqual([]);

    readyToClose(s);
    s.db.$client.prepare("update meeting_items set decision = 'defer', notes = '' where id = ?").run(s.items[0].id);
    const deferredWithoutReason = closeMeeting(s.db, s.board, { ...s.ref, today: TODAY });
    expect(deferredWithoutReason).toMatchObject({ ok: false, status: 400, refused: expect.stringContaining("is deferred without a reason") });
    expect(one(s.db, "select state from meetings where id = ?", s.planned.id)).toEqual({ state: "planned" });
    expect(auditSince(s.db, s.since)).toEqual([]);

    s.db.$client.prepare("update meeting_items set notes = 'Not reached' where id = ?").run(s.items[0].id);
    expect(closeMeeting(s.db, s.board, { ...s.ref, today: TODAY }).ok).toBe(true);
    expect(auditSince(s.db, s.since).map((r) => r.action)).toEqual(["meeting.closed"]);
  });

  it("refuses every edit of a closed meeting, and an agenda item the board has decided on", () => {
    const s = setup();
    const closedRef = { ...s.ref, meetingId: s.closed.id, version: s.closed.version };
    expect(updateMeetingDetails(s.db, s.board, { ...closedRef, values: details })).toEqual({
      ok: false,
      refused: CLOSED_MESSAGE,
      status: 400,
    });
    recordItemReview(s.db, s.board, { ...s.ref, itemId: s.items[0].id, decision: "continue" });
    const since = lastAuditId(s.db).n;
    expect(removeAgendaItem(s.db, s.board, { ...s.ref, version: s.version(), itemId: s.items[0].id })).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(moveAgendaItem(s.db, s.board, { ...s.ref, version: s.version(), itemId: s.items[0].id, direction: "up" })).toMatchObject({ ok: false, status: 400 });
    expect(auditSince(s.db, since)).toEqual([]);
  });

  it("addMeetingAction adds once per token; after a conflict the token stays unspent", () => {
    const s = setup();
    const actions = rows(s.db, "meeting_actions");
    const once = { userId: s.board.id, kind: "meeting_action:programme", token: "token-token-token-2" };
    const input = {
      ...s.ref,
      projectId: null,
      text: "Write to the ICB",
      ownerUserId: s.board.id,
      dueOn: "2026-04-30",
      location: "/meetings/x",
      once,
    };
    expect(addMeetingAction(s.db, s.board, { ...input, version: s.planned.version + 5 })).toMatchObject({
      ok: false,
      conflict: { id: s.planned.id },
    });
    expect(rows(s.db, "form_tokens")).toBe(0);
    expect(addMeetingAction(s.db, s.board, input)).toMatchObject({
      ok: true,
      value: { replayed: false, location: "/meetings/x" },
    });
    expect(addMeetingAction(s.db, s.board, input)).toMatchObject({
      ok: true,
      value: { replayed: true, location: "/meetings/x" },
    });
    expect(rows(s.db, "meeting_actions")).toBe(actions + 1);
    expect(auditSince(s.db, s.since).map((r) => r.action)).toEqual(["action.created"]);
  });

  it("a review with a RAG records the board's assessment too", () => {
    const s = setup();
    const assessments = rows(s.db, "board_assessments");
    recordItemReview(s.db, s.board, {
      ...s.ref,
      itemId: s.items[0].id,
      rag: "amber",
      reason: "Slipping",
      decision: "continue",
    });
    expect(rows(s.db, "board_assessments")).toBe(assessments + 1);
    expect(auditSince(s.db, s.since).map((r) => r.action)).toEqual(["board.assessed", "meeting.decision_recorded"]);
  });
});
