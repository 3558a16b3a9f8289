// Writes to asks: raising one from the project page, and answering one.
import type { Db } from "~/db.server";
import { ASK_OUTCOME_PAST, askTransitionProblem, excerpt, type AskOutcome } from "~/domain/ask-rules";
import type { AskAddressee } from "~/domain/enums";
import { ASK_STATE_LABELS } from "~/domain/labels";
import { buildConflict, type Conflict } from "~/domain/conflict";
import { getAsk, insertAsk, isAskablePerson, updateAskAnswer } from "~/models/ask.server";
import { conflict, ok, record, refused, runCommand, type Actor, type CommandResult } from "~/models/command.server";
import { createOnce } from "~/models/form-token.server";

import { NOT_ASKABLE } from "~/domain/messages";

export type RaiseAsk = {
  projectId: number;
  what: string;
  addressee: AskAddressee;
  addresseeUserId: number | null;
  dueOn: string | null;
  formToken?: string;
  /** Where the new ask is shown; a replayed form token goes back there. */
  locate: (askId: number) => string;
};

export function raiseAsk(db: Db, actor: Actor, input: RaiseAsk): CommandResult<{ location: string }> {
  const { projectId, formToken, locate, ...row } = input;
  return runCommand(db, (tx) => {
    if (row.addresseeUserId !== null && !isAskablePerson(tx, row.addresseeUserId)) return refused(NOT_ASKABLE);
    const { location } = createOnce(tx, { userId: actor.id, kind: "ask", token: formToken }, () => {
      const askId = insertAsk(tx, { projectId, statusReportId: null, ...row, userId: actor.id });
      record(tx, actor, {
        action: "ask.created",
        entityType: "ask",
        entityId: askId,
        projectId,
        summary: `Raised an ask: "${row.what}"`,
      });
      return locate(askId);
    });
    return ok({ location });
  });
}

export type AnswerAsk = { askId: number; version: number; outcome: AskOutcome; response: string };

export function answerAsk(db: Db, actor: Actor, input: AnswerAsk): CommandResult<{ askId: number; what: string }, Conflict> {
  const { askId, version, outcome, response } = input;
  return runCommand(db, (tx) => {
    const ask = getAsk(tx, askId);
    if (!ask) return refused("We could not find that ask.", 404);
    const stale = () =>
      conflict(
        buildConflict({
          changedBy: ask.updatedByName,
          changedAt: ask.updatedAt,
          currentVersion: ask.version,
          current: { state: ASK_STATE_LABELS[ask.state], response: ask.response },
          submitted: { state: ASK_OUTCOME_PAST[outcome], response },
          labels: { state: "State", response: "Response" },
        }),
      );
    if (ask.version !== version) return stale();
    const problem = askTransitionProblem(ask.state, outcome);
    if (problem) return refused(problem);
    if (!updateAskAnswer(tx, ask.id, version, { state: outcome, response }, actor.id)) return stale();
    record(tx, actor, {
      action: "ask.answered",
      entityType: "ask",
      entityId: ask.id,
      projectId: ask.projectId,
      summary: `${ASK_OUTCOME_PAST[outcome]} the ask "${excerpt(ask.what)}": ${response}`,
    });
    return ok({ askId: ask.id, what: ask.what });
  });
}
