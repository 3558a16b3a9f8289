// Proposals waiting for the board's decision, oldest first: the board's queue.
import { and, asc, eq } from "drizzle-orm";
import { divisions, projects, users } from "~/db.server";
import type { Db } from "~/db.server";
import { londonDay } from "~/domain/calendar";

export type QueuedProposal = { projectId: number; title: string; proposedBy: string | null; proposedOn: string; divisionName: string | null };

export function listProposalsAwaitingDecision(db: Db, programmeId: number): QueuedProposal[] {
  return db
    .select({ projectId: projects.id, title: projects.title, proposedBy: users.name, createdAt: projects.createdAt, divisionName: divisions.name })
    .from(projects)
    .leftJoin(users, eq(users.id, projects.createdBy))
    .leftJoin(divisions, eq(divisions.id, projects.divisionId))
    .where(and(eq(projects.programmeId, programmeId), eq(projects.stage, "proposed")))
    .orderBy(asc(projects.createdAt), asc(projects.id))
    .all()
    .map(({ createdAt, ...p }) => ({ ...p, proposedOn: londonDay(createdAt) }));
}
