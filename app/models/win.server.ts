// Wins: what a project has to celebrate, each linked to its evidence.
// A dismissed suggestion is an audit event (win.dismissed, entity "win_suggestion", details.evidenceRef):
// no extra table, and the dismissal keeps who and when.
import { and, desc, eq, isNull } from "drizzle-orm";
import { auditEvents, changeIdeas, measures, milestones, pdsaCycles, projects, users, wins } from "~/db.server";
import type { Db } from "~/db.server";
import type { WinEvidence, WinEvidenceKind } from "~/domain/win-suggestions";
import { nowMs } from "~/clock.server";
import { londonDay } from "~/today.server";

const winColumns = {
  id: wins.id,
  projectId: wins.projectId,
  title: wins.title,
  description: wins.description,
  evidenceKind: wins.evidenceKind,
  evidenceRef: wins.evidenceRef,
  at: wins.at,
  confirmedByName: users.name,
};

export function listProjectWins(db: Db, projectId: number) {
  return db
    .select(winColumns)
    .from(wins)
    .leftJoin(users, eq(users.id, wins.confirmedBy))
    .where(eq(wins.projectId, projectId))
    .orderBy(desc(wins.at), desc(wins.id))
    .all();
}

/** The programme's wins, newest first, with their project. */
export function listRecentWins(db: Db, programmeId: number, limit: number) {
  return db
    .select({ ...winColumns, projectTitle: projects.title })
    .from(wins)
    .innerJoin(projects, eq(projects.id, wins.projectId))
    .leftJoin(users, eq(users.id, wins.confirmedBy))
    .where(eq(projects.programmeId, programmeId))
    .orderBy(desc(wins.at), desc(wins.id))
    .limit(limit)
    .all();
}

/** Evidence keys of the project already recorded as wins or dismissed. */
export function handledEvidence(db: Db, projectId: number): Set<string> {
  const recorded = db
    .select({ ref: wins.evidenceRef })
    .from(wins)
    .where(eq(wins.projectId, projectId))
    .all()
    .map((r) => r.ref);
  const dismissed = db
    .select({ details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.projectId, projectId), eq(auditEvents.action, "win.dismissed"), eq(auditEvents.entityType, "win_suggestion")))
    .all()
    .map((r) => {
      try {
        return (JSON.parse(r.details ?? "{}") as { evidenceRef?: unknown }).evidenceRef;
      } catch {
        return undefined;
      }
    })
    .filter((ref): ref is string => typeof ref === "string");
  return new Set([...recorded, ...dismissed].filter(Boolean));
}

/** Everything suggestWins needs about one project, or undefined when it does not exist. */
export function getWinEvidence(db: Db, projectId: number, today: string): WinEvidence | undefined {
  const project = db.select({ stage: projects.stage }).from(projects).where(eq(projects.id, projectId)).get();
  if (!project) return undefined;
  return {
    stage: project.stage,
    today,
    measures: db
      .select({
        id: measures.id,
        name: measures.name,
        improvement: measures.improvement,
        latestSignal: measures.spcLatestSignal,
        latestDate: measures.spcLatestDate,
        latestValue: measures.spcLatestValue,
      })
      .from(measures)
      .where(and(eq(measures.projectId, projectId), isNull(measures.deletedAt)))
      .all(),
    milestones: db
      .select({ id: milestones.id, title: milestones.title, completedOn: milestones.completedOn })
      .from(milestones)
      .where(and(eq(milestones.projectId, projectId), isNull(milestones.deletedAt)))
      .all(),
    cycles: db
      .select({
        id: pdsaCycles.id,
        number: pdsaCycles.number,
        title: pdsaCycles.title,
        changeIdea: changeIdeas.title,
        actDecision: pdsaCycles.actDecision,
        endDate: pdsaCycles.endDate,
        updatedAt: pdsaCycles.updatedAt,
      })
      .from(pdsaCycles)
      .innerJoin(changeIdeas, eq(changeIdeas.id, pdsaCycles.changeIdeaId))
      .where(and(eq(pdsaCycles.projectId, projectId), isNull(pdsaCycles.deletedAt)))
      .all()
      .map(({ endDate, updatedAt, ...c }) => ({ ...c, decidedOn: endDate ?? londonDay(updatedAt) })),
    handled: handledEvidence(db, projectId),
  };
}

export function insertWin(
  db: Db,
  win: {
    projectId: number;
    title: string;
    description: string;
    evidenceKind: WinEvidenceKind | "other";
    evidenceRef: string;
    userId: number;
  },
): number {
  return db
    .insert(wins)
    .values({
      projectId: win.projectId,
      title: win.title,
      description: win.description,
      evidenceKind: win.evidenceKind,
      evidenceRef: win.evidenceRef,
      confirmedBy: win.userId,
      at: new Date(nowMs()),
    })
    .returning({ id: wins.id })
    .get().id;
}
