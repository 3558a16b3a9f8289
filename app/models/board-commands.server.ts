// The board's own view of a project (its RAG rating), recorded outside a meeting.
import type { Db } from "~/db.server";
import type { Rag } from "~/domain/enums";
import { RAG_LABELS } from "~/domain/labels";
import { recordBoardAssessment } from "~/models/board.server";
import { ok, record, runCommand, type Actor } from "~/models/command.server";

export function assessProject(db: Db, actor: Actor, input: { projectId: number; rag: Rag; reason: string; comment: string }) {
  return runCommand(db, (tx) => {
    const id = recordBoardAssessment(tx, { ...input, userId: actor.id });
    record(tx, actor, {
      action: "board.assessed",
      entityType: "board_assessment",
      entityId: id,
      projectId: input.projectId,
      summary: `Board's view: ${RAG_LABELS[input.rag]} — ${input.reason.slice(0, 120)}`,
    });
    return ok({ id });
  });
}
