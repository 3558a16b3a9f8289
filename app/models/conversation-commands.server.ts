// Writes to Big Conversations: logging, editing and removing listening events, recording themes,
// adopting priorities from themes and giving each priority its action plan (ADR 095).
import type { Db } from "~/db.server";
import { conversationEvents, conversationPriorities, conversationThemes } from "~/db.server";
import type { Role } from "~/domain/enums";
import { buildConflict, describeChanges, type Conflict } from "~/domain/conflict";
import { formatDay } from "~/domain/calendar";
import { canRecordThemes, canRunConversations, NOT_ASSESSED, PRIORITY_ASSURANCE_LABELS, UNKNOWN_PERSON } from "~/domain/conversation-rules";
import { conflict, ok, record, refused, runCommand, type Actor, type CommandResult } from "~/models/command.server";
import { getPersonToChoose } from "~/models/people.server";
import { updateIfVersion } from "~/models/versioned.server";
import { insertAction } from "~/models/action.server";
import {
  countClosedPlanActions,
  countPriorityThemes,
  getEvent,
  getPriority,
  getTheme,
  softDeleteThemeIfVersion,
  insertEvent,
  insertPriority,
  insertTheme,
  setThemesPriority,
  softDeleteEventIfVersion,
  themesInProgramme,
  type EventRow,
  type EventValues,
  type PriorityRow,
  type PriorityValues,
  type ThemeRow,
} from "~/models/conversation.server";

type Writer = Actor & { role: Role };

const RUN = "run Big Conversations";
const EVENT_NOT_FOUND = refused("We could not find that listening event.", 404);
const PRIORITY_NOT_FOUND = refused("We could not find that priority.", 404);

export const EVENT_FIELD_LABELS = {
  heldOn: "Date",
  site: "Site",
  staffGroup: "Staff group",
  facilitator: "Facilitator",
  attendance: "Attendance",
  notes: "Notes",
};

const shownEvent = (v: { heldOn: string; site: string; staffGroup: string; facilitator: string; attendance: number; notes: string }) => ({
  ...v,
  heldOn: formatDay(v.heldOn),
  attendance: String(v.attendance),
});

const eventName = (v: { site: string; staffGroup: string; heldOn: string }) => `${v.site}, ${v.staffGroup}, ${formatDay(v.heldOn)}`;

export function logEvent(db: Db, actor: Writer, input: { programmeId: number; values: EventValues }): CommandResult<{ eventId: number }> {
  return runCommand(db, (tx) => {
    if (!canRunConversations(actor)) return refused(RUN, 403);
    const facilitator = getPersonToChoose(tx, input.values.facilitatorUserId);
    if (!facilitator) return refused(UNKNOWN_PERSON, 400);
    const eventId = insertEvent(tx, input.programmeId, input.values, actor.id);
    record(tx, actor, {
      action: "conversation.event_logged",
      entityType: "conversation_event",
      entityId: eventId,
      summary: `Logged a listening event: ${eventName(input.values)} (facilitator ${facilitator.name}, ${input.values.attendance} attended)`,
    });
    return ok({ eventId });
  });
}

function eventConflict(current: EventRow, submitted: Record<string, unknown>) {
  return conflict(
    buildConflict({
      changedBy: current.updatedByName,
      changedAt: current.updatedAt,
      currentVersion: current.version,
      current: shownEvent({ ...current, facilitator: current.facilitatorName }),
      submitted,
      labels: EVENT_FIELD_LABELS,
    }),
  );
}

export function updateEvent(
  db: Db,
  actor: Writer,
  input: { programmeId: number; eventId: number; version: number; values: EventValues },
): CommandResult<{ changed: boolean }, Conflict> {
  return runCommand<{ changed: boolean }, Conflict>(db, (tx) => {
    if (!canRunConversations(actor)) return refused(RUN, 403);
    const before = getEvent(tx, input.programmeId, input.eventId);
    if (!before) return EVENT_NOT_FOUND;
    const facilitator = getPersonToChoose(tx, input.values.facilitatorUserId);
    if (!facilitator) return refused(UNKNOWN_PERSON, 400);
    const after = shownEvent({ ...input.values, facilitator: facilitator.name });
    if (before.version !== input.version) return eventConflict(before, after);
    const summary = describeChanges(shownEvent({ ...before, facilitator: before.facilitatorName }), after, EVENT_FIELD_LABELS);
    if (summary === "no visible change") return ok({ changed: false });
    if (!updateIfVersion(tx, conversationEvents, before.id, input.version, input.values, actor.id)) return eventConflict(before, after);
    record(tx, actor, {
      action: "conversation.event_updated",
      entityType: "conversation_event",
      entityId: before.id,
      summary: `Updated the listening event ${eventName(input.values)}: ${summary}`,
    });
    return ok({ changed: true });
  });
}

export function removeEvent(
  db: Db,
  actor: Writer,
  input: { programmeId: number; eventId: number; version: number },
): CommandResult<{ removed: true }, Conflict> {
  return runCommand<{ removed: true }, Conflict>(db, (tx) => {
    if (!canRunConversations(actor)) return refused(RUN, 403);
    const before = getEvent(tx, input.programmeId, input.eventId);
    if (!before) return EVENT_NOT_FOUND;
    if (!softDeleteEventIfVersion(tx, before.id, input.version, actor.id)) {
      const shown = shownEvent({ ...before, facilitator: before.facilitatorName });
      return eventConflict(before, shown);
    }
    record(tx, actor, {
      action: "conversation.event_removed",
      entityType: "conversation_event",
      entityId: before.id,
      summary: `Removed the listening event ${eventName(before)}`,
    });
    return ok({ removed: true });
  });
}

export function addTheme(
  db: Db,
  actor: Writer,
  input: { programmeId: number; eventId: number; text: string; mentions: number | null },
): CommandResult<{ themeId: number }> {
  return runCommand(db, (tx) => {
    const event = getEvent(tx, input.programmeId, input.eventId);
    if (!event) return EVENT_NOT_FOUND;
    if (!canRecordThemes(actor, event)) return refused("record themes at this event", 403);
    const themeId = insertTheme(tx, { eventId: event.id, text: input.text, mentions: input.mentions, userId: actor.id });
    record(tx, actor, {
      action: "conversation.theme_added",
      entityType: "conversation_theme",
      entityId: themeId,
      summary: `Theme raised at ${eventName(event)}: "${input.text.slice(0, 120)}"${input.mentions ? ` (${input.mentions} mentions)` : ""}`,
    });
    return ok({ themeId });
  });
}

const assuranceWords = (v: PriorityValues["assurance"]) => (v ? PRIORITY_ASSURANCE_LABELS[v] : NOT_ASSESSED);

export const PRIORITY_FIELD_LABELS = { title: "Title", description: "Description", owner: "Executive owner", assurance: "Assurance" };

const shownPriority = (v: { title: string; description: string; owner: string; assurance: PriorityValues["assurance"] }) => ({
  ...v,
  assurance: assuranceWords(v.assurance),
});

/** Checks the chosen themes are the programme's and not yet in another priority; null when they are. */
function themeProblem(tx: Db, programmeId: number, themeIds: number[], priorityId: number | null): string | null {
  const found = themesInProgramme(tx, programmeId, themeIds);
  if (found.length !== themeIds.length) return "Choose themes from the list";
  const taken = found.find((th) => th.priorityId !== null && th.priorityId !== priorityId);
  return taken ? `The theme "${taken.text}" is already part of another priority` : null;
}

export function createPriority(
  db: Db,
  actor: Writer,
  input: { programmeId: number; values: PriorityValues; themeIds: number[] },
): CommandResult<{ priorityId: number }> {
  return runCommand(db, (tx) => {
    if (!canRunConversations(actor)) return refused(RUN, 403);
    const person = getPersonToChoose(tx, input.values.ownerUserId);
    if (!person) return refused(UNKNOWN_PERSON, 400);
    const themeIds = [...new Set(input.themeIds)];
    const problem = themeProblem(tx, input.programmeId, themeIds, null);
    if (problem) return refused(problem, 400);
    const priorityId = insertPriority(tx, input.programmeId, input.values, actor.id);
    setThemesPriority(tx, themeIds, priorityId);
    record(tx, actor, {
      action: "conversation.priority_created",
      entityType: "conversation_priority",
      entityId: priorityId,
      summary: `Adopted the priority "${input.values.title}" (executive owner ${person.name}; ${assuranceWords(input.values.assurance)}; ${themeIds.length} themes)`,
    });
    return ok({ priorityId });
  });
}

function priorityConflict(current: PriorityRow, submitted: Record<string, unknown>) {
  return conflict(
    buildConflict({
      changedBy: current.updatedByName,
      changedAt: current.updatedAt,
      currentVersion: current.version,
      current: shownPriority({ ...current, owner: current.ownerName }),
      submitted,
      labels: PRIORITY_FIELD_LABELS,
    }),
  );
}

/** Edits a priority and adds themes to it (themes already grouped stay). */
export function updatePriority(
  db: Db,
  actor: Writer,
  input: { programmeId: number; priorityId: number; version: number; values: PriorityValues; addThemeIds: number[] },
): CommandResult<{ changed: boolean }, Conflict> {
  return runCommand<{ changed: boolean }, Conflict>(db, (tx) => {
    if (!canRunConversations(actor)) return refused(RUN, 403);
    const before = getPriority(tx, input.programmeId, input.priorityId);
    if (!before) return PRIORITY_NOT_FOUND;
    const person = getPersonToChoose(tx, input.values.ownerUserId);
    if (!person) return refused(UNKNOWN_PERSON, 400);
    const after = shownPriority({ ...input.values, owner: person.name });
    if (before.version !== input.version) return priorityConflict(before, after);
    const themeIds = [...new Set(input.addThemeIds)];
    const problem = themeProblem(tx, input.programmeId, themeIds, before.id);
    if (problem) return refused(problem, 400);
    const changes = describeChanges(shownPriority({ ...before, owner: before.ownerName }), after, PRIORITY_FIELD_LABELS);
    if (changes === "no visible change" && !themeIds.length) return ok({ changed: false });
    if (!updateIfVersion(tx, conversationPriorities, before.id, input.version, input.values, actor.id)) return priorityConflict(before, after);
    setThemesPriority(tx, themeIds, before.id);
    const parts = [changes === "no visible change" ? null : changes, themeIds.length ? `${themeIds.length} themes added` : null].filter(Boolean);
    record(tx, actor, {
      action: "conversation.priority_updated",
      entityType: "conversation_priority",
      entityId: before.id,
      summary: `Updated the priority "${input.values.title}": ${parts.join("; ")}`,
    });
    return ok({ changed: true });
  });
}

/** An action in a priority's plan: a board action with the priority as its home, so it is in its owner's list. */
export function addPriorityAction(
  db: Db,
  actor: Writer,
  input: { programmeId: number; priorityId: number; text: string; ownerUserId: number; dueOn: string },
): CommandResult<{ actionId: number }> {
  return runCommand(db, (tx) => {
    if (!canRunConversations(actor)) return refused(RUN, 403);
    const priority = getPriority(tx, input.programmeId, input.priorityId);
    if (!priority) return PRIORITY_NOT_FOUND;
    const person = getPersonToChoose(tx, input.ownerUserId);
    if (!person) return refused(UNKNOWN_PERSON, 400);
    const actionId = insertAction(tx, {
      meetingId: null,
      priorityId: priority.id,
      projectId: null,
      text: input.text,
      ownerUserId: person.id,
      dueOn: input.dueOn,
      userId: actor.id,
    });
    record(tx, actor, {
      action: "action.created",
      entityType: "meeting_action",
      entityId: actionId,
      summary: `Action for the priority "${priority.title}": "${input.text.slice(0, 120)}" (owner ${person.name}, due ${formatDay(input.dueOn)})`,
    });
    return ok({ actionId });
  });
}

const THEME_NOT_FOUND = refused("We could not find that theme.", 404);

export const THEME_FIELD_LABELS = { text: "Theme", mentions: "Mentions", priority: "Priority" };

const NOT_GROUPED = "Not yet grouped";

const shownTheme = (v: { text: string; mentions: number | null; priority: string | null }) => ({
  text: v.text,
  mentions: v.mentions === null ? "" : String(v.mentions),
  priority: v.priority ?? NOT_GROUPED,
});

/**
 * "You said, we did" reports a priority's closed actions against its themes: the last theme of a priority
 * with a closed action may not leave it (removed or moved), or the poster would answer nobody (ADR 116).
 */
function lastThemeOnPoster(tx: Db, theme: ThemeRow): string | null {
  if (theme.priorityId === null) return null;
  if (countClosedPlanActions(tx, theme.priorityId) === 0 || countPriorityThemes(tx, theme.priorityId) > 1) return null;
  return `This is the only theme behind "${theme.priorityTitle}", which You said, we did reports against: move another theme into that priority first, or edit this theme's wording instead`;
}

function themeConflict(current: ThemeRow, submitted: Record<string, unknown>) {
  return conflict(
    buildConflict({
      changedBy: current.updatedByName,
      changedAt: current.updatedAt,
      currentVersion: current.version,
      current: shownTheme({ ...current, priority: current.priorityTitle }),
      submitted,
      labels: THEME_FIELD_LABELS,
    }),
  );
}

/**
 * Edits a theme's wording and mentions (whoever may record themes at its event) and which priority it
 * belongs to (the board: `priorityId` undefined leaves it where it is, null ungroups it).
 */
export function updateTheme(
  db: Db,
  actor: Writer,
  input: { programmeId: number; eventId: number; themeId: number; version: number; text: string; mentions: number | null; priorityId?: number | null },
): CommandResult<{ changed: boolean }, Conflict> {
  return runCommand<{ changed: boolean }, Conflict>(db, (tx) => {
    const event = getEvent(tx, input.programmeId, input.eventId);
    if (!event) return EVENT_NOT_FOUND;
    if (!canRecordThemes(actor, event)) return refused("edit themes at this event", 403);
    const before = getTheme(tx, input.programmeId, event.id, input.themeId);
    if (!before) return THEME_NOT_FOUND;
    const priorityId = input.priorityId === undefined ? before.priorityId : input.priorityId;
    let priorityTitle = before.priorityTitle;
    if (priorityId !== before.priorityId) {
      if (!canRunConversations(actor)) return refused("move themes between priorities", 403);
      if (priorityId !== null) {
        const priority = getPriority(tx, input.programmeId, priorityId);
        if (!priority) return refused("Choose a priority from the list", 400);
        priorityTitle = priority.title;
      } else priorityTitle = null;
    }
    const after = shownTheme({ text: input.text, mentions: input.mentions, priority: priorityTitle });
    if (before.version !== input.version) return themeConflict(before, after);
    if (priorityId !== before.priorityId) {
      const problem = lastThemeOnPoster(tx, before);
      if (problem) return refused(problem, 400);
    }
    const changes = describeChanges(shownTheme({ ...before, priority: before.priorityTitle }), after, THEME_FIELD_LABELS);
    if (changes === "no visible change") return ok({ changed: false });
    const values = { text: input.text, mentions: input.mentions, priorityId };
    if (!updateIfVersion(tx, conversationThemes, before.id, input.version, values, actor.id)) return themeConflict(before, after);
    record(tx, actor, {
      action: "conversation.theme_updated",
      entityType: "conversation_theme",
      entityId: before.id,
      summary: `Updated a theme raised at ${eventName(event)}: ${changes}`,
    });
    return ok({ changed: true });
  });
}

/** Removes a theme (soft): one still ungrouped by whoever may record themes at its event, a grouped one by the board. */
export function removeTheme(
  db: Db,
  actor: Writer,
  input: { programmeId: number; eventId: number; themeId: number; version: number },
): CommandResult<{ removed: true }, Conflict> {
  return runCommand<{ removed: true }, Conflict>(db, (tx) => {
    const event = getEvent(tx, input.programmeId, input.eventId);
    if (!event) return EVENT_NOT_FOUND;
    if (!canRecordThemes(actor, event)) return refused("remove themes at this event", 403);
    const before = getTheme(tx, input.programmeId, event.id, input.themeId);
    if (!before) return THEME_NOT_FOUND;
    if (before.priorityId !== null && !canRunConversations(actor)) return refused("remove a theme the board has grouped into a priority", 403);
    if (before.version !== input.version) return themeConflict(before, shownTheme({ ...before, priority: before.priorityTitle }));
    const problem = lastThemeOnPoster(tx, before);
    if (problem) return refused(problem, 400);
    if (!softDeleteThemeIfVersion(tx, before.id, input.version, actor.id))
      return themeConflict(before, shownTheme({ ...before, priority: before.priorityTitle }));
    record(tx, actor, {
      action: "conversation.theme_removed",
      entityType: "conversation_theme",
      entityId: before.id,
      summary: `Removed a theme raised at ${eventName(event)}: "${before.text.slice(0, 120)}"${before.priorityTitle ? ` (it was part of the priority "${before.priorityTitle}")` : ""}`,
    });
    return ok({ removed: true });
  });
}
