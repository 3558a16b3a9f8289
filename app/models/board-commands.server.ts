// The board's own view of a project (its RAG rating), recorded outside a meeting.
import type { Db } from "~/db.server";
import type { Rag } from "~/domain/enums";
import { RAG_LABELS } from "~/domain/labels";
import { recordBoardAssessment } from "~/models/board.server";
import { ok, record, runCommand, type Actor } from "~/models/command.server";
import { spendFormToken, spentFormToken } from "~/models/form-token.server";

type Assessment = { projectId: number; rag: Rag; reason: string; comment: string; formToken?: string; back?: string };

/** Records the view once per form token: a double click or a resubmission goes where the first did. */
export function assessProject(db: Db, actor: Actor, input: Assessment) {
  const { formToken, back = "/board", ...view } = input;
  const once = { userId: actor.id, kind: "board_assessment", token: formToken };
  return runCommand<{ id: number | null; location: string }>(db, (tx) => {
    const spent = spentFormToken(tx, once);
    if (spent !== null) return ok({ id: null, location: spent });
    const id = recordBoardAssessment(tx, { ...view, userId: actor.id });
    record(tx, actor, {
      action: "board.assessed",
      entityType: "board_assessment",
      entityId: id,
      projectId: view.projectId,
      summary: `Board's view: ${RAG_LABELS[view.rag]} — ${view.reason.slice(0, 120)}`,
    });
    spendFormToken(tx, once, back);
    return ok({ id, location: back });
  });
}
