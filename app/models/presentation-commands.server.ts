// The team's presentation choices: which slides are hidden and the order of the measures.
import { eq } from "drizzle-orm";
import { projects } from "~/db.server";
import type { Db } from "~/db.server";
import { serialiseSettings, type PresentationSettings } from "~/web/presentation";
import { conflict, ok, record, refused, runCommand, type Actor, type CommandResult } from "~/models/command.server";
import { getSettings } from "~/models/presentation.server";

export type SaveSettings = {
  projectId: number;
  /** The revision the form read. */
  rev: number;
  hidden: string[];
  measureOrder: number[];
  /** What changed, as people read it (slide and measure names), for the audit trail. */
  summary: string;
};

/**
 * Saves the settings if nobody saved since revision `rev` was read; a conflict hands back the
 * settings as they are now. Only this column changes, so the charter's version (and anyone
 * editing it) is untouched.
 */
export function saveSettings(db: Db, actor: Actor, input: SaveSettings): CommandResult<PresentationSettings, PresentationSettings> {
  const { projectId, rev, hidden, measureOrder, summary } = input;
  return runCommand<PresentationSettings, PresentationSettings>(db, (tx) => {
    const current = getSettings(tx, projectId);
    if (!current) return refused("We could not find that project.", 404);
    if (current.rev !== rev) return conflict(current);
    const next = { rev: current.rev + 1, hidden, measureOrder };
    tx.update(projects)
      .set({ presentationSettings: serialiseSettings(next) })
      .where(eq(projects.id, projectId))
      .run();
    record(tx, actor, {
      action: "project.presentation_changed",
      entityType: "project",
      entityId: projectId,
      projectId,
      summary,
      details: next,
    });
    return ok(next);
  });
}
