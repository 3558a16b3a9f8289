// Spread (issue 16 §3): an adopted change idea marked "ready to spread" with a one-line summary of what
// another team should copy, or withdrawn again; and adopting one into another project (ADR 104).
// Versioned (409 on a stale form) and audited.
import { and, eq, isNull, max, sql } from "drizzle-orm";
import { changeIdeaDrivers, changeIdeas, projects, users } from "~/db.server";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";
import { buildConflict, type Conflict } from "~/domain/conflict";
import { conflict, ok, record, refused, runCommand, type Actor, type CommandResult } from "~/models/command.server";
import { getDriver, ideaEvidence } from "~/models/driver.server";
import { spendFormToken, spentFormToken } from "~/models/form-token.server";
import { adoptionTargets, getSpreadIdea, projectsWithCopy } from "~/models/spread.server";
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

export type AdoptInput = {
  /** The idea being copied (of another project). */
  ideaId: number;
  /** Its version when the person confirmed: a change since (a new summary, a withdrawal) is a 409. */
  version: number;
  /** The adopting project. */
  projectId: number;
  /** A secondary driver of the adopting project to place the copy under, or null for unlinked. */
  driverId: number | null;
  formToken?: string;
};

/**
 * Copies a change idea marked ready to spread into another project's diagram (ADR 104): a new change idea
 * of the adopting project with `origin_change_idea_id`, its description starting with what to copy, under
 * the chosen secondary driver or unlinked. The actor must be on the adopting project's team and able to
 * edit it, and the project must be open. Audited on both projects in the one transaction.
 */
export function adoptChangeIdea(db: Db, actor: Actor, input: AdoptInput): CommandResult<{ id: number; location: string }, Conflict> {
  return runCommand<{ id: number; location: string }, Conflict>(db, (tx) => {
    const once = { userId: actor.id, kind: "change_idea_adopt", token: input.formToken };
    const replay = spentFormToken(tx, once);
    if (replay) return ok({ id: 0, location: replay });
    const origin = getSpreadIdea(tx, input.ideaId);
    if (!origin) return refused("We could not find that change idea. It may have been removed.", 404);
    if (origin.version !== input.version) {
      // The person confirmed an older version of what they would copy: show them the idea as it is now.
      const built = buildConflict({
        changedBy: origin.updatedByName,
        changedAt: origin.updatedAt,
        currentVersion: origin.version,
        current: {},
        submitted: {},
        labels: {},
      });
      return conflict({
        ...built,
        message: built.message.replace(/Nothing of theirs.*$/, "Read the change idea again below, then confirm to adopt it as it is now."),
      });
    }
    if (!origin.spreadSummary) return refused(`${origin.title} is not marked ready to spread, so it cannot be adopted yet`, 400);
    if (origin.projectId === input.projectId) return refused("This change idea is already in that project: choose another project to adopt it into", 400);
    const me = tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, actor.id)).get();
    const target = me ? adoptionTargets(tx, me).find((p) => p.id === input.projectId) : undefined;
    if (!target) {
      const exists = tx.select({ id: projects.id }).from(projects).where(eq(projects.id, input.projectId)).get();
      if (!exists) return refused("We could not find that project", 404);
      return refused("You can only adopt a change idea into an open project whose team you are on and can edit", 403);
    }
    if (projectsWithCopy(tx, origin.id).has(target.id)) return refused(`${target.title} has already adopted ${origin.title}`, 400);
    if (input.driverId !== null) {
      const driver = getDriver(tx, target.id, input.driverId);
      if (!driver || driver.level !== "secondary") return refused(`Choose a secondary driver of ${target.title}, or leave the change idea unlinked`, 400);
    }
    const same = tx
      .select({ id: changeIdeas.id, deletedAt: changeIdeas.deletedAt })
      .from(changeIdeas)
      .where(and(eq(changeIdeas.projectId, target.id), sql`lower(${changeIdeas.title}) = lower(${origin.title})`))
      .get();
    if (same && !same.deletedAt) {
      return refused(
        `${target.title} already has a change idea called ${origin.title}: rename it on its driver diagram first, or adopt into another project`,
        400,
      );
    }
    const description = [origin.spreadSummary, origin.description.trim()].filter(Boolean).join("\n\n");
    const last = tx
      .select({ n: max(changeIdeas.position) })
      .from(changeIdeas)
      .where(eq(changeIdeas.projectId, target.id))
      .get();
    const at = new Date(nowMs());
    const values = {
      title: origin.title,
      description,
      position: (last?.n ?? 0) + 1,
      updatedAt: at,
      updatedBy: actor.id,
      deletedAt: null,
      originChangeIdeaId: origin.id,
      spreadSummary: null,
      spreadReadyAt: null,
    };
    let id: number;
    if (same) {
      // A removed idea of the same title comes back as the copy (as adding an idea does).
      tx.update(changeIdeas)
        .set({ ...values, version: sql`${changeIdeas.version} + 1` })
        .where(eq(changeIdeas.id, same.id))
        .run();
      tx.delete(changeIdeaDrivers).where(eq(changeIdeaDrivers.changeIdeaId, same.id)).run();
      id = same.id;
    } else {
      id = tx
        .insert(changeIdeas)
        .values({ projectId: target.id, ...values, createdAt: at })
        .returning({ id: changeIdeas.id })
        .get().id;
    }
    if (input.driverId !== null) tx.insert(changeIdeaDrivers).values({ changeIdeaId: id, driverId: input.driverId }).onConflictDoNothing().run();
    record(tx, actor, {
      action: "change_idea.adopted_from",
      entityType: "change_idea",
      entityId: id,
      projectId: target.id,
      summary: `Adopted change idea ${origin.title} from ${origin.projectTitle}`,
      details: { originIdeaId: origin.id, originProjectId: origin.projectId },
    });
    record(tx, actor, {
      action: "change_idea.spread",
      entityType: "change_idea",
      entityId: origin.id,
      projectId: origin.projectId,
      summary: `Change idea ${origin.title} was adopted by ${target.title}`,
      details: { copyIdeaId: id, projectId: target.id },
    });
    const location = `/projects/${target.id}/drivers?adopted=${id}#node-idea-${id}`;
    spendFormToken(tx, once, location);
    return ok({ id, location });
  });
}
