// Reads for spread (issue 16 §3): whether a change idea is marked ready to spread, and with what summary.
import { and, eq, isNull } from "drizzle-orm";
import { changeIdeas } from "~/db.server";
import type { Db } from "~/db.server";

export function getSpread(db: Db, projectId: number, ideaId: number) {
  return (
    db
      .select({ summary: changeIdeas.spreadSummary, readyAt: changeIdeas.spreadReadyAt })
      .from(changeIdeas)
      .where(and(eq(changeIdeas.id, ideaId), eq(changeIdeas.projectId, projectId), isNull(changeIdeas.deletedAt)))
      .get() ?? null
  );
}
