// The IHI progress score: an append-only history, and projects.progress_score as its latest value.
import { asc, desc, eq } from "drizzle-orm";
import { progressScores, projects, users } from "~/db.server";
import type { Db } from "~/db.server";
import { now } from "~/clock.server";

/** The project's scores with who gave it, to be ordered by the caller. */
function scoresOf(db: Db, projectId: number) {
  return db
    .select({
      id: progressScores.id,
      score: progressScores.score,
      evidence: progressScores.evidence,
      at: progressScores.at,
      byName: users.name,
    })
    .from(progressScores)
    .leftJoin(users, eq(users.id, progressScores.byUserId))
    .where(eq(progressScores.projectId, projectId));
}

/** Every score in the order it was given (oldest first), with who gave it. */
export function listProgressScores(db: Db, projectId: number) {
  return scoresOf(db, projectId).orderBy(asc(progressScores.at), asc(progressScores.id)).all();
}

export function latestProgressScore(db: Db, projectId: number) {
  return scoresOf(db, projectId).orderBy(desc(progressScores.at), desc(progressScores.id)).limit(1).get();
}

/**
 * Appends a score and makes it the project's current one. The charter's version is left alone:
 * scoring is not a charter edit and must not turn someone's open charter form into a conflict.
 */
export function recordProgressScore(db: Db, projectId: number, score: number, evidence: string, userId: number): number {
  const row = db.insert(progressScores).values({ projectId, score, evidence, byUserId: userId, at: now() }).returning({ id: progressScores.id }).get();
  db.update(projects).set({ progressScore: score }).where(eq(projects.id, projectId)).run();
  return row.id;
}
