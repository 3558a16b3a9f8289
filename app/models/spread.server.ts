// Reads for spread (issue 16 §3, ADRs 061 and 104): whether a change idea is marked ready to spread, the
// projects a person may adopt it into, where an idea spread to (live copies only) and where a copy came from.
import { and, asc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { changeIdeas, projects, projectTeam, users } from "~/db.server";
import type { Db } from "~/db.server";
import { OPEN_STAGES } from "~/domain/charter-rules";
import type { Role } from "~/domain/enums";
import { canEditProject } from "~/domain/permissions";

export function getSpread(db: Db, projectId: number, ideaId: number) {
  return (
    db
      .select({ summary: changeIdeas.spreadSummary, readyAt: changeIdeas.spreadReadyAt })
      .from(changeIdeas)
      .where(and(eq(changeIdeas.id, ideaId), eq(changeIdeas.projectId, projectId), isNull(changeIdeas.deletedAt)))
      .get() ?? null
  );
}

/** A live change idea with its project, for the adopt page and command (any project: it is read across them). */
export function getSpreadIdea(db: Db, ideaId: number) {
  return (
    db
      .select({
        id: changeIdeas.id,
        title: changeIdeas.title,
        description: changeIdeas.description,
        spreadSummary: changeIdeas.spreadSummary,
        version: changeIdeas.version,
        updatedAt: changeIdeas.updatedAt,
        updatedByName: users.name,
        projectId: changeIdeas.projectId,
        projectTitle: projects.title,
      })
      .from(changeIdeas)
      .innerJoin(projects, eq(projects.id, changeIdeas.projectId))
      .leftJoin(users, eq(users.id, changeIdeas.updatedBy))
      .where(and(eq(changeIdeas.id, ideaId), isNull(changeIdeas.deletedAt)))
      .get() ?? null
  );
}

export type AdoptionTarget = { id: number; title: string };

/**
 * The open projects (approved, active, sustaining) a person may adopt a change idea into: those whose
 * current team they are on and whose workbook their role lets them edit. Administrators too are offered
 * only their own teams' projects, so the choice stays short.
 */
export function adoptionTargets(db: Db, user: { id: number; role: Role }): AdoptionTarget[] {
  if (!canEditProject(user, true)) return [];
  const rows = db
    .selectDistinct({ id: projects.id, title: projects.title })
    .from(projectTeam)
    .innerJoin(projects, eq(projects.id, projectTeam.projectId))
    .where(and(eq(projectTeam.userId, user.id), isNull(projectTeam.endedAt), inArray(projects.stage, [...OPEN_STAGES])))
    .orderBy(asc(projects.title), asc(projects.id))
    .all();
  return rows;
}

/** The ids of the projects holding a live copy of the idea. */
export function projectsWithCopy(db: Db, originId: number): Set<number> {
  return new Set(
    db
      .select({ projectId: changeIdeas.projectId })
      .from(changeIdeas)
      .where(and(eq(changeIdeas.originChangeIdeaId, originId), isNull(changeIdeas.deletedAt)))
      .all()
      .map((r) => r.projectId),
  );
}

/** Runs `read` over the ids in slices, so a long list (the whole change package's CSV) stays under SQLite's parameter limit. */
function inSlices<T>(ids: readonly number[], read: (slice: number[]) => T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...read(ids.slice(i, i + 500)));
  return out;
}

export type SpreadLink = { projectId: number; projectTitle: string; ideaId: number; ideaTitle: string };

/** Where each of these ideas spread to: its live copies, one per project, by project title. */
export function spreadTo(db: Db, originIds: readonly number[]): Map<number, SpreadLink[]> {
  const out = new Map<number, SpreadLink[]>();
  if (originIds.length === 0) return out;
  const rows = inSlices(originIds, (slice) =>
    db
      .select({
        originId: changeIdeas.originChangeIdeaId,
        projectId: changeIdeas.projectId,
        projectTitle: projects.title,
        ideaId: changeIdeas.id,
        ideaTitle: changeIdeas.title,
      })
      .from(changeIdeas)
      .innerJoin(projects, eq(projects.id, changeIdeas.projectId))
      .where(and(inArray(changeIdeas.originChangeIdeaId, slice), isNull(changeIdeas.deletedAt)))
      .orderBy(asc(projects.title), asc(changeIdeas.id))
      .all(),
  ).sort((a, b) => a.projectTitle.localeCompare(b.projectTitle) || a.ideaId - b.ideaId);
  for (const { originId, ...link } of rows) {
    const list = out.get(originId!) ?? [];
    if (!list.some((l) => l.projectId === link.projectId)) list.push(link);
    out.set(originId!, list);
  }
  return out;
}

export type OriginLink = SpreadLink & { removed: boolean };

/** Where each of these copies came from (a removed origin is still named, without a link). */
export function originsOf(db: Db, copyIds: readonly number[]): Map<number, OriginLink> {
  const out = new Map<number, OriginLink>();
  if (copyIds.length === 0) return out;
  const origin = alias(changeIdeas, "origin");
  const rows = inSlices(copyIds, (slice) =>
    db
      .select({
        copyId: changeIdeas.id,
        projectId: origin.projectId,
        projectTitle: projects.title,
        ideaId: origin.id,
        ideaTitle: origin.title,
        deletedAt: origin.deletedAt,
      })
      .from(changeIdeas)
      .innerJoin(origin, eq(origin.id, changeIdeas.originChangeIdeaId))
      .innerJoin(projects, eq(projects.id, origin.projectId))
      .where(and(inArray(changeIdeas.id, slice), isNotNull(changeIdeas.originChangeIdeaId)))
      .all(),
  );
  for (const { copyId, deletedAt, ...link } of rows) out.set(copyId, { ...link, removed: deletedAt !== null });
  return out;
}

/** The spread of one project's live ideas: what each was adopted from, and where each spread to. */
export function projectSpread(db: Db, projectId: number) {
  const ids = db
    .select({ id: changeIdeas.id, ready: changeIdeas.spreadSummary })
    .from(changeIdeas)
    .where(and(eq(changeIdeas.projectId, projectId), isNull(changeIdeas.deletedAt)))
    .all();
  const all = ids.map((i) => i.id);
  return {
    ready: ids.filter((i) => i.ready !== null).map((i) => i.id),
    origins: Object.fromEntries(originsOf(db, all)) as Record<number, OriginLink>,
    spread: Object.fromEntries(spreadTo(db, all)) as Record<number, SpreadLink[]>,
  };
}
