// Running a board meeting. Every edit of a planned meeting claims its version, so two board
// members editing at once never overwrite each other; a closed meeting refuses every edit.
import type { Db } from "~/db.server";
import type { MeetingDecision, Rag } from "~/domain/enums";
import { RAG_LABELS } from "~/domain/labels";
import { closeProblems, closeRefusal, DECISION_LABELS, moveInList } from "~/domain/meeting-rules";
import { describeChanges } from "~/domain/conflict";
import { formatDay } from "~/domain/calendar";
import { insertAction } from "~/models/action.server";
import { recordBoardAssessment } from "~/models/board.server";
import { conflict, ok, record, refused, runCommand, type Actor, type Conflicted, type Refused } from "~/models/command.server";
import { spendFormToken, spentFormToken, type Created, type FormOnce } from "~/models/form-token.server";
import {
  buildSnapshot,
  claimMeetingVersion,
  deleteItem,
  getMeeting,
  insertItem,
  insertMeeting,
  itemHasRecords,
  listAgenda,
  projectsInProgramme,
  setAgendaOrder,
  setItemDecision,
  suggestedAgenda,
  type MeetingRow,
} from "~/models/meeting.server";

export const CLOSED_MESSAGE = "This meeting is closed, so its record can't be changed. Actions from it can still be marked done.";
export const DETAIL_LABELS = { title: "Title", meetingDate: "Date", attendees: "Attendees" };

/** Which meeting, at the version the form read. */
export type MeetingRef = { programmeId: number; meetingId: number; version: number };

type NewMeeting = {
  programmeId: number;
  title: string;
  meetingDate: string;
  attendees: string;
  items: { projectId: number; reasonSuggested: string }[];
  once: FormOnce;
};

export function createMeeting(db: Db, actor: Actor, input: NewMeeting) {
  const { once, ...values } = input;
  return runCommand<Created>(db, (tx) => {
    const replay = spentFormToken(tx, once);
    if (replay) return ok({ replayed: true, location: replay, id: null });
    const id = insertMeeting(tx, { ...values, userId: actor.id });
    const n = values.items.length;
    record(tx, actor, {
      action: "meeting.created",
      entityType: "meeting",
      entityId: id,
      summary: `Planned "${values.title}" on ${formatDay(values.meetingDate)} with ${n} project${n === 1 ? "" : "s"} on the agenda`,
    });
    const location = `/meetings/${id}?saved=created`;
    spendFormToken(tx, once, location);
    return ok({ replayed: false, location, id });
  });
}

/** What an edit will do once it holds the meeting's version: `values` go on the meeting row. */
type Plan<T> = { values?: Record<string, unknown>; write: () => T };

/**
 * Checks the edit against the planned meeting (`plan` returns a refusal or what to write), claims the
 * version the form read, then writes. A conflict hands back the meeting as it is now.
 */
function editMeeting<T>(db: Db, actor: Actor, ref: MeetingRef, plan: (tx: Db, meeting: MeetingRow) => Refused | Conflicted<MeetingRow> | Plan<T>) {
  return runCommand<T, MeetingRow>(db, (tx) => {
    const meeting = getMeeting(tx, ref.programmeId, ref.meetingId);
    if (!meeting) return refused("We could not find that meeting.", 404);
    if (meeting.state === "closed") return refused(CLOSED_MESSAGE, 400);
    const planned = plan(tx, meeting);
    if ("refused" in planned || "conflict" in planned) return planned;
    if (!claimMeetingVersion(tx, meeting.id, ref.version, actor.id, planned.values)) return conflict(meeting);
    return ok(planned.write());
  });
}

type Details = { title: string; meetingDate: string; attendees: string };
const shown = (m: Details) => ({ ...m, meetingDate: formatDay(m.meetingDate) });

export function updateMeetingDetails(db: Db, actor: Actor, input: MeetingRef & { values: Details }) {
  return editMeeting(db, actor, input, (tx, meeting) => ({
    values: input.values,
    write: () => {
      const summary = describeChanges(shown(meeting), shown(input.values), DETAIL_LABELS);
      record(tx, actor, {
        action: "meeting.updated",
        entityType: "meeting",
        entityId: meeting.id,
        summary: `Updated the meeting: ${summary}`,
      });
    },
  }));
}

/** Adds a project to the agenda, with the reason it would have been suggested (if any). */
export function addAgendaItem(db: Db, actor: Actor, input: MeetingRef & { projectId: number }) {
  const { projectId } = input;
  return editMeeting(db, actor, input, (tx, meeting) => {
    const [project] = projectsInProgramme(tx, input.programmeId, [projectId]);
    if (!project) return refused("Choose a project to add to the agenda", 400);
    if (listAgenda(tx, meeting.id).some((i) => i.projectId === projectId)) return refused(`${project.title} is already on the agenda`, 400);
    return {
      write: () => {
        const reason = suggestedAgenda(tx, input.programmeId).find((s) => s.projectId === projectId)?.reason ?? "";
        insertItem(tx, meeting.id, projectId, reason);
        record(tx, actor, {
          action: "meeting.agenda_changed",
          entityType: "meeting",
          entityId: meeting.id,
          projectId,
          summary: `Added ${project.title} to the agenda of the meeting on ${formatDay(meeting.meetingDate)}`,
          details: { added: projectId },
        });
      },
    };
  });
}

function findItem(tx: Db, meetingId: number, itemId: number) {
  return listAgenda(tx, meetingId).find((i) => i.id === itemId);
}
const NO_ITEM = () => refused("We could not find that agenda item.", 404);

/** Only an item the board has recorded nothing against can leave the agenda. */
export function removeAgendaItem(db: Db, actor: Actor, input: MeetingRef & { itemId: number }) {
  return editMeeting(db, actor, input, (tx, meeting) => {
    const item = findItem(tx, meeting.id, input.itemId);
    if (!item) return NO_ITEM();
    if (item.decision || itemHasRecords(tx, meeting.id, item.projectId)) {
      return refused(`The board has already recorded its view, a decision or an action for ${item.title}, so it stays on the agenda.`, 400);
    }
    return {
      write: () => {
        deleteItem(tx, item.id);
        setAgendaOrder(
          tx,
          listAgenda(tx, meeting.id).map((i) => i.id),
        );
        record(tx, actor, {
          action: "meeting.agenda_changed",
          entityType: "meeting",
          entityId: meeting.id,
          projectId: item.projectId,
          summary: `Removed ${item.title} from the agenda of the meeting on ${formatDay(meeting.meetingDate)}`,
        });
      },
    };
  });
}

export function moveAgendaItem(db: Db, actor: Actor, input: MeetingRef & { itemId: number; direction: "up" | "down" }) {
  const { itemId, direction } = input;
  return editMeeting(db, actor, input, (tx, meeting) => {
    const item = findItem(tx, meeting.id, itemId);
    if (!item) return NO_ITEM();
    const ids = listAgenda(tx, meeting.id).map((i) => i.id);
    const index = ids.indexOf(itemId);
    const next = moveInList(ids, index, direction);
    if (next[index] === itemId) return refused(`${item.title} is already ${direction === "up" ? "first" : "last"} on the agenda.`, 400);
    return {
      write: () => {
        setAgendaOrder(tx, next);
        record(tx, actor, {
          action: "meeting.agenda_changed",
          entityType: "meeting",
          entityId: meeting.id,
          projectId: item.projectId,
          summary: `Moved ${item.title} ${direction} the agenda (now item ${next.indexOf(itemId) + 1})`,
        });
      },
    };
  });
}

type Review = {
  itemId: number;
  rag?: Rag;
  reason?: string;
  comment?: string;
  decision: MeetingDecision;
  notes?: string;
};

/** The board's view of one agenda item (its RAG, if given) and its decision. */
export function recordItemReview(db: Db, actor: Actor, input: MeetingRef & Review) {
  const { rag, reason = "", decision } = input;
  return editMeeting(db, actor, input, (tx, meeting) => {
    const item = findItem(tx, meeting.id, input.itemId);
    if (!item) return NO_ITEM();
    return {
      write: () => {
        const at = { entityId: meeting.id, projectId: item.projectId };
        if (rag) {
          const id = recordBoardAssessment(tx, {
            projectId: item.projectId,
            rag,
            reason,
            comment: input.comment ?? "",
            userId: actor.id,
            meetingId: meeting.id,
          });
          record(tx, actor, {
            action: "board.assessed",
            entityType: "board_assessment",
            entityId: id,
            projectId: item.projectId,
            summary: `Board's view at the meeting on ${formatDay(meeting.meetingDate)}: ${RAG_LABELS[rag]} — ${reason.slice(0, 120)}`,
          });
        }
        setItemDecision(tx, item.id, decision, input.notes ?? "");
        const was = item.decision && item.decision !== decision ? ` (was ${DECISION_LABELS[item.decision]})` : "";
        record(tx, actor, {
          action: "meeting.decision_recorded",
          entityType: "meeting",
          ...at,
          summary: `Decision on ${item.title}: ${DECISION_LABELS[decision]}${was}`,
        });
      },
    };
  });
}

type NewAction = {
  projectId: number | null;
  text: string;
  ownerUserId: number;
  dueOn: string;
  location: string;
  once: FormOnce;
};

/** An action from the meeting, once per form token (a replay is answered before the version check). */
export function addMeetingAction(db: Db, actor: Actor, input: MeetingRef & NewAction) {
  const { once, location, projectId, text, ownerUserId, dueOn } = input;
  return runCommand<Created, MeetingRow>(db, (tx) => {
    const spent = spentFormToken(tx, once);
    if (spent) return ok({ replayed: true, location: spent, id: null });
    const created = editMeeting(tx, actor, input, (inner, meeting) => ({
      write: () => {
        const id = insertAction(inner, {
          meetingId: meeting.id,
          projectId,
          text,
          ownerUserId,
          dueOn,
          userId: actor.id,
        });
        record(inner, actor, {
          action: "action.created",
          entityType: "meeting_action",
          entityId: id,
          projectId,
          summary: `Action due ${formatDay(dueOn)}: ${text.slice(0, 120)}`,
        });
        return id;
      },
    }));
    if (!created.ok) return created;
    spendFormToken(tx, once, location);
    return ok({ replayed: false, location, id: created.value });
  });
}

/** Closing needs the meeting to have happened and every item decided or deferred with a reason (ADR 027); it freezes the board view as it stands (`today`) with the meeting's decisions and actions. */
export function closeMeeting(db: Db, actor: Actor, input: MeetingRef & { today: string }) {
  return editMeeting(db, actor, input, (tx, meeting) => {
    // A stale version is a conflict first: the refusal below would describe a meeting the person has not seen.
    if (meeting.version !== input.version) return conflict(meeting);
    const problems = closeProblems(meeting.meetingDate, listAgenda(tx, meeting.id), input.today, formatDay);
    if (problems.length) return refused(closeRefusal(problems), 400);
    const snapshot = buildSnapshot(tx, input.programmeId, meeting, input.today);
    return {
      values: { state: "closed", closedAt: new Date(snapshot.takenAt), snapshot: JSON.stringify(snapshot) },
      write: () => {
        const decided = snapshot.agenda.filter((i) => i.decision).length;
        record(tx, actor, {
          action: "meeting.closed",
          entityType: "meeting",
          entityId: meeting.id,
          summary: `Closed the meeting on ${formatDay(meeting.meetingDate)}: ${decided} of ${snapshot.agenda.length} projects decided, ${snapshot.actions.length} actions; the board view is frozen`,
        });
      },
    };
  });
}
