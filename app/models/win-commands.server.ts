// Recording wins: one the team names itself, or one the app suggested from its evidence (a
// suggestion is confirmed or dismissed once; two people confirming at once record one win).
import type { Db } from "~/db.server";
import { suggestWins, type WinSuggestion } from "~/domain/win-suggestions";
import { ok, record, refused, runCommand, type Actor, type CommandResult, type Refused } from "~/models/command.server";
import { createOnce } from "~/models/form-token.server";
import { getWinEvidence, insertWin } from "~/models/win.server";

export const ALREADY_HANDLED = "Someone has already confirmed or dismissed this win. The list below is up to date";
export const NO_LONGER_SUGGESTED = "This win is no longer suggested: its evidence has changed. Reload the page to see the current suggestions";

export type RecordWin = { projectId: number; title: string; description: string; formToken?: string; location: string };

export function recordWin(db: Db, actor: Actor, input: RecordWin): CommandResult<{ location: string }> {
  const { projectId, title, description, formToken } = input;
  return runCommand(db, (tx) => {
    const { location } = createOnce(tx, { userId: actor.id, kind: "win", token: formToken }, () => {
      const id = insertWin(tx, {
        projectId,
        title,
        description,
        evidenceKind: "other",
        evidenceRef: "",
        userId: actor.id,
      });
      record(tx, actor, {
        action: "win.recorded",
        entityType: "win",
        entityId: id,
        projectId,
        summary: `Recorded a win: "${title}"`,
      });
      return input.location;
    });
    return ok({ location });
  });
}

type Suggested = { projectId: number; evidenceRef: string; today: string };

function findSuggestion(db: Db, { projectId, evidenceRef, today }: Suggested): WinSuggestion | Refused {
  const evidence = getWinEvidence(db, projectId, today);
  if (!evidence) return refused("We could not find that project.", 404);
  const suggestion = suggestWins(evidence).find((s) => s.evidenceRef === evidenceRef);
  if (suggestion) return suggestion;
  return evidence.handled.has(evidenceRef) ? refused(ALREADY_HANDLED, 409) : refused(NO_LONGER_SUGGESTED);
}

export function confirmWin(db: Db, actor: Actor, input: Suggested & { title: string; description: string }): CommandResult<{ winId: number }> {
  const { projectId, evidenceRef: ref, title, description } = input;
  return runCommand(db, (tx) => {
    const suggestion = findSuggestion(tx, input);
    if ("refused" in suggestion) return suggestion;
    const winId = insertWin(tx, {
      projectId,
      title,
      description,
      evidenceKind: suggestion.evidenceKind,
      evidenceRef: ref,
      userId: actor.id,
    });
    record(tx, actor, {
      action: "win.recorded",
      entityType: "win",
      entityId: winId,
      projectId,
      summary: `Recorded a win: "${title}" (${ref})`,
      details: { evidenceRef: ref },
    });
    return ok({ winId });
  });
}

export function dismissWin(db: Db, actor: Actor, input: Suggested): CommandResult<{ evidenceRef: string }> {
  const { projectId, evidenceRef: ref } = input;
  return runCommand(db, (tx) => {
    const suggestion = findSuggestion(tx, input);
    if ("refused" in suggestion) return suggestion;
    record(tx, actor, {
      action: "win.dismissed",
      entityType: "win_suggestion",
      projectId,
      summary: `Dismissed the suggested win "${suggestion.title}" (${ref})`,
      details: { evidenceRef: ref },
    });
    return ok({ evidenceRef: ref });
  });
}
