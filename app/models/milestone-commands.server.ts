// Writes to a project's plan: adding, updating, re-baselining and deleting milestones. A forecast
// moved later and every re-baseline keep their reason in the milestone's history.
import type { Db } from "~/db.server";
import { forecastMoveNeedsReason } from "~/domain/milestone-rules";
import { buildConflict, describeChanges, type Conflict } from "~/domain/conflict";
import { formatDay } from "~/domain/calendar";
import { conflict, ok, record, refused, runCommand, type Actor, type CommandResult } from "~/models/command.server";
import { createOnce } from "~/models/form-token.server";
import { getPersonToChoose } from "~/models/people.server";
import {
  getMilestone,
  insertMilestone,
  recordMilestoneChange,
  softDeleteMilestone,
  updateMilestoneIfVersion,
  type MilestoneRow,
} from "~/models/milestone.server";

export const MILESTONE_FIELD_LABELS = {
  title: "Milestone",
  owner: "Owner",
  forecastDate: "Forecast",
  completedOn: "Completed on",
};

type Shown = Pick<MilestoneRow, "title" | "owner" | "forecastDate" | "completedOn">;

/** The fields as people read them: dates as "31 January 2027". */
export const shownMilestone = (m: Shown) => ({
  title: m.title,
  owner: m.owner,
  forecastDate: formatDay(m.forecastDate),
  completedOn: formatDay(m.completedOn),
});

function milestoneConflict(current: MilestoneRow, submitted: Record<string, unknown>, labels: Record<string, string>) {
  return conflict(
    buildConflict({
      changedBy: current.updatedByName,
      changedAt: current.updatedAt,
      currentVersion: current.version,
      current: { ...current, baselineDate: formatDay(current.baselineDate), ...shownMilestone(current) },
      submitted,
      labels,
    }),
  );
}

const NOT_FOUND = refused("We could not find that milestone.", 404);
type Ref = { projectId: number; milestoneId: number; version: number };

/** The owner of a milestone: a person in Stepping Up, or (only for someone who is not) their name as text. */
export type MilestoneOwner = { ownerUserId: number | null; owner: string };
export const UNKNOWN_OWNER = "Choose the owner from the list of people in Stepping Up";

/** The stored owner columns and the name people read, or null when the chosen person cannot be named (unknown or disabled). */
function resolveOwner(db: Db, input: MilestoneOwner): { ownerUserId: number | null; owner: string; name: string } | null {
  if (input.ownerUserId === null) return { ownerUserId: null, owner: input.owner.trim(), name: input.owner.trim() };
  const person = getPersonToChoose(db, input.ownerUserId);
  // A named person replaces any fallback text: one owner, one source.
  return person ? { ownerUserId: person.id, owner: "", name: person.name } : null;
}

export type AddMilestone = MilestoneOwner & {
  projectId: number;
  title: string;
  baselineDate: string;
  formToken?: string;
  locate: (milestoneId: number) => string;
};

export function addMilestone(db: Db, actor: Actor, input: AddMilestone): CommandResult<{ location: string }> {
  const { projectId, title, baselineDate, formToken, locate } = input;
  return runCommand(db, (tx) => {
    const owner = resolveOwner(tx, input);
    if (!owner) return refused(UNKNOWN_OWNER, 400);
    const { location } = createOnce(tx, { userId: actor.id, kind: "milestone", token: formToken }, () => {
      const milestoneId = insertMilestone(tx, { projectId, title, owner: owner.owner, ownerUserId: owner.ownerUserId, baselineDate, userId: actor.id });
      record(tx, actor, {
        action: "milestone.created",
        entityType: "milestone",
        entityId: milestoneId,
        projectId,
        summary: `Added milestone "${title}" (baseline ${formatDay(baselineDate)}${owner.name ? `, owner ${owner.name}` : ""})`,
      });
      return locate(milestoneId);
    });
    return ok({ location });
  });
}

export type UpdateMilestone = Ref & {
  values: MilestoneOwner & { title: string; forecastDate: string; completedOn: string | null };
  forecastReason: string;
};

/** `changed: false` when the form showed no visible change: nothing is written or audited. */
export function updateMilestone(db: Db, actor: Actor, input: UpdateMilestone): CommandResult<{ changed: boolean }, Conflict> {
  const { projectId, milestoneId, version, values, forecastReason: reason } = input;
  return runCommand<{ changed: boolean }, Conflict>(db, (tx) => {
    const before = getMilestone(tx, projectId, milestoneId);
    if (!before) return NOT_FOUND;
    const owner = resolveOwner(tx, values);
    if (!owner) return refused(UNKNOWN_OWNER, 400);
    const after = { ...values, owner: owner.name };
    if (before.version !== version) return milestoneConflict(before, shownMilestone(after), MILESTONE_FIELD_LABELS);
    const sameOwner = before.ownerUserId === owner.ownerUserId && before.ownerText === owner.owner;
    let summary = describeChanges(shownMilestone(before), shownMilestone(after), MILESTONE_FIELD_LABELS);
    if (summary === "no visible change") {
      if (sameOwner) return ok({ changed: false });
      summary = `Owner: ${owner.name} (${owner.ownerUserId ? "a person in Stepping Up" : "not in Stepping Up"})`;
    }
    const stored = {
      title: values.title,
      forecastDate: values.forecastDate,
      completedOn: values.completedOn,
      owner: owner.owner,
      ownerUserId: owner.ownerUserId,
    };
    updateMilestoneIfVersion(tx, milestoneId, version, stored, actor.id);
    if (forecastMoveNeedsReason(before.forecastDate, after.forecastDate)) {
      const change = {
        milestoneId,
        kind: "forecast" as const,
        fromDate: before.forecastDate,
        toDate: after.forecastDate,
      };
      recordMilestoneChange(tx, { ...change, reason, userId: actor.id });
    }
    const completing = !before.completedOn && after.completedOn !== null;
    record(tx, actor, {
      action: completing ? "milestone.completed" : "milestone.updated",
      entityType: "milestone",
      entityId: milestoneId,
      projectId,
      summary: `${completing ? "Completed" : "Updated"} milestone "${after.title}": ${summary}${reason ? ` (reason: ${reason})` : ""}`,
    });
    return ok({ changed: true });
  });
}

export type RebaselineMilestone = Ref & { baselineDate: string; reason: string };

export function rebaselineMilestone(db: Db, actor: Actor, input: RebaselineMilestone): CommandResult<{ milestoneId: number }, Conflict> {
  const { projectId, milestoneId, version, baselineDate, reason } = input;
  return runCommand(db, (tx) => {
    const before = getMilestone(tx, projectId, milestoneId);
    if (!before) return NOT_FOUND;
    if (!updateMilestoneIfVersion(tx, milestoneId, version, { baselineDate }, actor.id)) {
      return milestoneConflict(before, { baselineDate: formatDay(baselineDate) }, { baselineDate: "Baseline" });
    }
    const change = { milestoneId, kind: "rebaseline" as const, fromDate: before.baselineDate, toDate: baselineDate };
    recordMilestoneChange(tx, { ...change, reason, userId: actor.id });
    record(tx, actor, {
      action: "milestone.rebaselined",
      entityType: "milestone",
      entityId: milestoneId,
      projectId,
      summary: `Re-baselined milestone "${before.title}" from ${formatDay(before.baselineDate)} to ${formatDay(baselineDate)} (reason: ${reason})`,
    });
    return ok({ milestoneId });
  });
}

export function deleteMilestone(db: Db, actor: Actor, input: Ref): CommandResult<{ milestoneId: number }, Conflict> {
  const { projectId, milestoneId, version } = input;
  return runCommand(db, (tx) => {
    const before = getMilestone(tx, projectId, milestoneId);
    if (!before) return NOT_FOUND;
    if (!softDeleteMilestone(tx, milestoneId, version, actor.id)) {
      return milestoneConflict(before, shownMilestone(before), MILESTONE_FIELD_LABELS);
    }
    record(tx, actor, {
      action: "milestone.deleted",
      entityType: "milestone",
      entityId: milestoneId,
      projectId,
      summary: `Deleted milestone "${before.title}"`,
    });
    return ok({ milestoneId });
  });
}
