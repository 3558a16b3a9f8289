// Spread (issue 16 §3): an adopted change idea marked "ready to spread" with a one-line summary of what
// another team should copy, or withdrawn again. Versioned (409 on a stale form) and audited.
import { and, eq, isNull } from "drizzle-orm";
import { changeIdeas, users } from "~/db.server";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";
import { buildConflict, type Conflict } from "~/domain/conflict";
import { conflict, ok, record, refused, runCommand, type Actor, type CommandResult } from "~/models/command.server";
import { ideaEvidence } from "~/models/driver.server";
import { updateIfVersion } from "~/models/versioned.server";

export type SpreadInput = { projectId: number; ideaId: number; version: number; summary: string | null };

const LABELS = { spreadSummary: "What to copy" };

function readIdea(db: Db, projectId: number, ideaId: number) {
  return db
    .select({
      id: changeIdeas.id,
      title: changeIdeas.title,
      version: changeIdeas.version,
      spreadSummary: changeIdeas.spreadSummary,
      updatedAt: changeIdeas.updatedAt,
      updatedByName: users.name,
    })
    .from(changeIdeas)
    .leftJoin(users, eq(users.id, changeIdeas.updatedBy))
    .where(and(eq(changeIdeas.id, ideaId), eq(changeIdeas.projectId, projectId), isNull(changeIdeas.deletedAt)))
    .get();
}

/** Marks an adopted change idea ready to spread (summary given) or withdraws it (summary null). */
export function setReadyToSpread(db: Db, actor: Actor, input: SpreadInput): CommandResult<{ id: number }, Conflict> {
  return runCommand<{ id: number }, Conflict>(db, (tx) => {
    const before = readIdea(tx, input.projectId, input.ideaId);
    if (!before) return refused("That change idea is not on this project's diagram", 404);
    const summary = input.summary?.trim() || null;
    if (summary && ideaEvidence(tx, [before.id]).get(before.id)?.status !== "adopted") {
      return refused("Only an adopted change idea can be marked ready to spread: record an adopt decision on its latest PDSA cycle first", 400);
    }
    const values = { spreadSummary: summary, spreadReadyAt: summary ? new Date(nowMs()) : null };
    if (!updateIfVersion(tx, changeIdeas, before.id, input.version, values, actor.id)) {
      return conflict(
        buildConflict({
          changedBy: before.updatedByName,
          changedAt: before.updatedAt,
          currentVersion: before.version,
          current: before,
          submitted: { spreadSummary: summary },
          labels: LABELS,
        }),
      );
    }
    record(tx, actor, {
      action: summary ? "change_idea.ready_to_spread" : "change_idea.spread_withdrawn",
      entityType: "change_idea",
      entityId: before.id,
      projectId: input.projectId,
      summary: summary ? `Marked change idea ${before.title} ready to spread: ${summary}` : `Change idea ${before.title} is no longer marked ready to spread`,
    });
    return ok({ id: before.id });
  });
}
