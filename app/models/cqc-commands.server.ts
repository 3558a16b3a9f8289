// Changing the CQC register: its actions and which projects answer them.
import type { Db } from "~/db.server";
import { ok, record, refused, runCommand, type Actor } from "~/models/command.server";
import {
  activeUserExists,
  deleteCqcAction,
  getCqcAction,
  insertCqcActions,
  linkProject,
  projectChoices,
  referencesInUse,
  setCqcActionArchived,
  unlinkProject,
  updateCqcAction,
  userName,
  type CqcActionInput,
} from "~/models/cqc.server";
import { nowMs } from "~/clock.server";
import { spendFormToken, spentFormToken, type Created, type FormOnce } from "~/models/form-token.server";

const PAGE = "/cqc";
const EVENT = { action: "cqc.updated", entityType: "cqc_action" } as const;
const inRegister = (reference: string) => `${reference} is already in the register`;

/** One action typed in, once per form token; references are unique in a programme. */
export function addCqcAction(db: Db, actor: Actor, input: { programmeId: number; row: CqcActionInput; once: FormOnce }) {
  const { programmeId, row, once } = input;
  return runCommand<Created>(db, (tx) => {
    const replay = spentFormToken(tx, once);
    if (replay) return ok({ replayed: true, location: replay, id: null });
    if (referencesInUse(tx, programmeId, [row.reference]).length) return refused(inRegister(row.reference), 400);
    const [id] = insertCqcActions(tx, programmeId, [row]);
    record(tx, actor, { ...EVENT, entityId: id, summary: `Added CQC action ${row.reference}` });
    spendFormToken(tx, once, PAGE);
    return ok({ replayed: false, location: PAGE, id });
  });
}

/** Many actions pasted from an inspection report: all of them, or none when a reference is taken. */
export function addCqcActionsFromPaste(db: Db, actor: Actor, input: { programmeId: number; rows: CqcActionInput[] }) {
  const { programmeId, rows } = input;
  return runCommand(db, (tx) => {
    const taken = referencesInUse(
      tx,
      programmeId,
      rows.map((r) => r.reference),
    );
    if (taken.length) return refused(taken.map(inRegister).join("\n"), 400);
    const ids = insertCqcActions(tx, programmeId, rows);
    record(tx, actor, {
      ...EVENT,
      summary: `Added ${rows.length} CQC actions from a paste: ${rows.map((v) => v.reference).join(", ")}`,
    });
    return ok({ ids });
  });
}

export function removeCqcAction(db: Db, actor: Actor, input: { programmeId: number; actionId: number }) {
  return runCommand(db, (tx) => {
    const cqcAction = getCqcAction(tx, input.programmeId, input.actionId);
    if (!cqcAction) return refused("We could not find that CQC action.", 404);
    deleteCqcAction(tx, cqcAction.id);
    record(tx, actor, { ...EVENT, entityId: cqcAction.id, summary: `Removed CQC action ${cqcAction.reference}` });
    return ok({ reference: cqcAction.reference });
  });
}

/** Links a project to an action it answers, or unlinks it. */
export function linkCqcAction(db: Db, actor: Actor, input: { programmeId: number; actionId: number; projectId: number; link: boolean }) {
  const { programmeId, projectId, link } = input;
  return runCommand(db, (tx) => {
    const cqcAction = getCqcAction(tx, programmeId, input.actionId);
    if (!cqcAction) return refused("We could not find that CQC action.", 404);
    const project = projectChoices(tx, programmeId).find((p) => p.id === projectId);
    if (!project) return refused("We could not find that project.", 404);
    if (link) linkProject(tx, cqcAction.id, projectId);
    else unlinkProject(tx, cqcAction.id, projectId);
    record(tx, actor, {
      ...EVENT,
      entityId: cqcAction.id,
      projectId,
      summary: `${link ? "Linked" : "Unlinked"} ${project.title} ${link ? "to" : "from"} CQC action ${cqcAction.reference}`,
    });
    return ok(null);
  });
}

export type CqcActionChange = {
  kind: "must_do" | "should_do";
  text: string;
  domain: CqcActionInput["domain"];
  service: string;
  ownerId: number | null;
  dueOn: string | null;
};

/** Changes an action's wording, owner and due date; the reference stays as the report gave it. */
export function editCqcAction(db: Db, actor: Actor, input: { programmeId: number; actionId: number; values: CqcActionChange }) {
  const { programmeId, actionId, values } = input;
  return runCommand(db, (tx) => {
    const cqcAction = getCqcAction(tx, programmeId, actionId);
    if (!cqcAction) return refused("We could not find that CQC action.", 404);
    if (values.ownerId !== null && !activeUserExists(tx, values.ownerId)) return refused("Choose an owner from the list", 400);
    updateCqcAction(tx, actionId, values);
    const owner = values.ownerId === null ? "no owner" : `owner ${userName(tx, values.ownerId)}`;
    record(tx, actor, { ...EVENT, entityId: actionId, summary: `Changed CQC action ${cqcAction.reference}: ${owner}, due ${values.dueOn ?? "no date"}` });
    return ok({ reference: cqcAction.reference });
  });
}

/** Archives an action that is closed (kept with its links), or brings it back to the open register. */
export function archiveCqcAction(db: Db, actor: Actor, input: { programmeId: number; actionId: number; archive: boolean }) {
  const { programmeId, actionId, archive } = input;
  return runCommand(db, (tx) => {
    const cqcAction = getCqcAction(tx, programmeId, actionId);
    if (!cqcAction) return refused("We could not find that CQC action.", 404);
    setCqcActionArchived(tx, actionId, archive ? new Date(nowMs()) : null);
    record(tx, actor, { ...EVENT, entityId: actionId, summary: `${archive ? "Archived" : "Restored"} CQC action ${cqcAction.reference}` });
    return ok({ reference: cqcAction.reference });
  });
}
