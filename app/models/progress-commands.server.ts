// Giving a project its IHI progress score. The score history is append-only, so the check for a
// score given meanwhile compares the latest score's id, not the charter's version.
import type { Db } from "~/db.server";
import { mayRecordScore } from "~/domain/charter-rules";
import { progressLabel, STAGE_LABELS } from "~/domain/labels";
import { buildConflict, type Conflict } from "~/domain/conflict";
import { getProjectState } from "~/models/charter.server";
import { conflict, ok, record, refused, runCommand, type Actor, type CommandResult } from "~/models/command.server";
import { spendFormToken, spentFormToken } from "~/models/form-token.server";
import { latestProgressScore, recordProgressScore } from "~/models/progress.server";

/** `since`: the id of the latest score the form showed (0 for none). */
export type ScoreProgress = { projectId: number; score: number; evidence: string; since: number; formToken?: string };

export function scoreProgress(db: Db, actor: Actor, input: ScoreProgress): CommandResult<{ scoreId: number }, Conflict> {
  const { projectId, score, evidence, since } = input;
  const once = { userId: actor.id, kind: "progress_score", token: input.formToken };
  return runCommand(db, (tx) => {
    // A double click or a resubmission after Back: the score is already recorded once.
    const replayed = spentFormToken(tx, once);
    if (replayed !== null) return ok({ scoreId: Number(replayed.split("#score-")[1]) || 0 });
    const project = getProjectState(tx, projectId);
    if (!project) return refused("We could not find that project.", 404);
    if (!mayRecordScore(project.stage)) {
      return refused(`This project is ${STAGE_LABELS[project.stage].toLowerCase()}, so its progress score can no longer change`);
    }
    const latest = latestProgressScore(tx, projectId);
    if (latest && latest.id !== since) {
      return conflict(
        buildConflict({
          changedBy: latest.byName,
          changedAt: latest.at,
          currentVersion: latest.id,
          current: { score: progressLabel(latest.score), evidence: latest.evidence },
          submitted: { score: progressLabel(score), evidence },
          labels: { score: "Score", evidence: "Evidence" },
        }),
      );
    }
    if (!latest && since !== 0) return refused("That score is no longer recorded. Reload the page and try again", 409);
    const scoreId = recordProgressScore(tx, projectId, score, evidence, actor.id);
    record(tx, actor, {
      action: "project.progress_scored",
      entityType: "project",
      entityId: projectId,
      projectId,
      summary: `Progress score: ${latest ? latest.score.toFixed(1) : "none"} → ${progressLabel(score)}`,
    });
    spendFormToken(tx, once, `/projects/${projectId}/progress#score-${scoreId}`);
    return ok({ scoreId });
  });
}
