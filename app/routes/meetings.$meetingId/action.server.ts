// The meeting page's forms: each parses its fields, calls one meeting command and replies.
import { parseSubmission } from "~/forms/submission.server";
import { data, redirect, type AppLoadContext } from "@remix-run/node";
import type { Db } from "~/db.server";
import { closeProblems, mergeAttendees } from "~/domain/meeting-rules";
import { canGovern } from "~/domain/permissions";
import { actorOf } from "~/auth/actor.server";
import { refusal } from "~/web/command-reply.server";
import { completeActionFromForm } from "~/web/complete-action.server";
import { buildConflict } from "~/domain/conflict";
import { formatDateTime, formatDay } from "~/web/dates";
import { forbidden, notFound, type SessionUser } from "~/auth/guards.server";
import { actionSchema, AddItemSchema, CloseSchema, DetailsSchema, MoveItemSchema, RemoveItemSchema, ReviewSchema } from "~/forms/meeting-form";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { today as getToday } from "~/today.server";
import type { Actor, CommandResult } from "~/models/command.server";
import { spentFormToken } from "~/models/form-token.server";
import {
  addAgendaItem,
  addMeetingAction,
  closeMeeting,
  CLOSED_MESSAGE,
  DETAIL_LABELS,
  moveAgendaItem,
  recordItemReview,
  removeAgendaItem,
  updateMeetingDetails,
} from "~/models/meeting-commands.server";
import { isEnabledUser, listAgenda, peopleByIds, type MeetingRow } from "~/models/meeting.server";
import { ensureSummariesFresh } from "~/models/summary.server";
import type { ActionResult } from "./action-result";
import { loadMeeting } from "./loader.server";

const fail = (body: ActionResult, status: 400 | 409) => data(body, { status });
const CLOSE_REFUSED = "This meeting can't be closed yet:";

function meetingConflict(meeting: MeetingRow, intent: string, itemId?: number): ActionResult {
  const by = meeting.updatedByName ?? "someone else";
  return {
    intent,
    itemId,
    message: `This meeting was changed by ${by} at ${formatDateTime(meeting.updatedAt)} since you opened it. The page now shows their changes: check them, then make yours again.`,
  };
}

type Args = {
  db: Db;
  programmeId: number;
  meeting: MeetingRow;
  actor: Actor;
  userId: number;
  formData: FormData;
  done: (saved: string, hash?: string) => Response;
};
type At = Omit<ActionResult, "message" | "conflict">;

/**
 * The reply to a meeting command: `saved` on success; a refusal as a message (or as `asFields` puts
 * it); a conflict as a 409 that sends back what was typed, so nothing is lost.
 */
function reply<T>(
  result: CommandResult<T, MeetingRow>,
  at: At,
  saved: (value: T) => Response,
  options: { asFields?: (reason: string) => ActionResult; onConflict?: (current: MeetingRow) => ActionResult } = {},
) {
  if (result.ok) return saved(result.value);
  if ("refused" in result) {
    if (result.status !== 400) refusal(result);
    const shown = options.asFields && result.refused !== CLOSED_MESSAGE ? options.asFields(result.refused) : { ...at, message: result.refused };
    return fail(shown, 400);
  }
  return fail(
    options.onConflict?.(result.conflict) ?? {
      ...meetingConflict(result.conflict, at.intent, at.itemId),
      result: at.result,
    },
    409,
  );
}

const HANDLERS: Record<string, (args: Args) => Response | ReturnType<typeof fail>> = {
  details({ db, programmeId, meeting, actor, formData, done }) {
    const submission = parseSubmission(formData, { schema: DetailsSchema });
    if (submission.status !== "success") return fail({ intent: "details", result: submission.reply() }, 400);
    const v = submission.value;
    const chosenIds = [...new Set(v.attendeeIds ?? [])];
    const chosen = peopleByIds(db, chosenIds);
    if (chosen.length !== chosenIds.length) {
      return fail(
        {
          intent: "details",
          result: submission.reply({ fieldErrors: { attendeeIds: ["Choose people from the list"] } }),
        },
        400,
      );
    }
    const values = {
      title: v.title,
      meetingDate: v.meetingDate,
      attendees: mergeAttendees(
        v.attendees ?? "",
        chosenIds.map((id) => chosen.find((p) => p.id === id)!.name),
      ).join("; "),
    };
    const pii = patientDataWarning({ title: values.title, attendees: values.attendees }, formData);
    if (pii) return fail({ intent: "details", result: submission.reply({ fieldErrors: pii }), pii: true }, 400);
    const shown = (m: typeof values) => ({ ...m, meetingDate: formatDay(m.meetingDate) });
    const result = updateMeetingDetails(db, actor, { programmeId, meetingId: meeting.id, version: v.version, values });
    return reply(result, { intent: "details" }, () => done("details"), {
      onConflict: (current) => ({
        intent: "details",
        result: submission.reply(),
        conflict: buildConflict({
          changedBy: current.updatedByName,
          changedAt: current.updatedAt,
          currentVersion: current.version,
          current: shown(current),
          submitted: shown(values),
          labels: DETAIL_LABELS,
        }),
      }),
    });
  },

  "add-item"({ db, programmeId, meeting, actor, formData, done }) {
    const submission = parseSubmission(formData, { schema: AddItemSchema });
    if (submission.status !== "success") return fail({ intent: "add-item", result: submission.reply() }, 400);
    const { projectId, version } = submission.value;
    // The reason a project would be suggested comes from fresh summaries.
    ensureSummariesFresh(db, programmeId, getToday());
    const result = addAgendaItem(db, actor, { programmeId, meetingId: meeting.id, version, projectId });
    return reply(result, { intent: "add-item", result: submission.reply() }, () => done("agenda", "#agenda"), {
      asFields: (reason) => ({
        intent: "add-item",
        result: submission.reply({ fieldErrors: { projectId: [reason] } }),
      }),
    });
  },

  "remove-item"({ db, programmeId, meeting, actor, formData, done }) {
    const submission = parseSubmission(formData, { schema: RemoveItemSchema });
    if (submission.status !== "success") return fail({ intent: "remove-item", message: "Choose an agenda item to remove." }, 400);
    const { itemId, version } = submission.value;
    const result = removeAgendaItem(db, actor, { programmeId, meetingId: meeting.id, version, itemId });
    return reply(result, { intent: "remove-item", itemId }, () => done("agenda", "#agenda"));
  },

  "move-item"({ db, programmeId, meeting, actor, formData, done }) {
    const submission = parseSubmission(formData, { schema: MoveItemSchema });
    if (submission.status !== "success") return fail({ intent: "move-item", message: "Choose an agenda item and a direction." }, 400);
    const { itemId, direction, version } = submission.value;
    const result = moveAgendaItem(db, actor, { programmeId, meetingId: meeting.id, version, itemId, direction });
    return reply(result, { intent: "move-item", itemId }, () => done("agenda", `#item-${itemId}`));
  },

  review({ db, programmeId, meeting, actor, formData, done }) {
    const submission = parseSubmission(formData, { schema: ReviewSchema });
    const rawItem = Number(formData.get("itemId"));
    if (submission.status !== "success") return fail({ intent: "review", itemId: rawItem, result: submission.reply() }, 400);
    const { intent: _intent, confirmNoPatientData: _confirm, ...v } = submission.value;
    if (!listAgenda(db, meeting.id).some((i) => i.id === v.itemId)) notFound("agenda item");
    const pii = patientDataWarning({ reason: v.reason, comment: v.comment, notes: v.notes }, formData);
    if (pii) return fail({ intent: "review", itemId: v.itemId, result: submission.reply({ fieldErrors: pii }), pii: true }, 400);
    const result = recordItemReview(db, actor, { programmeId, meetingId: meeting.id, ...v });
    return reply(result, { intent: "review", itemId: v.itemId, result: submission.reply() }, () => done("review", `#item-${v.itemId}`));
  },

  "add-action"({ db, programmeId, meeting, actor, userId, formData }) {
    const submission = parseSubmission(formData, { schema: actionSchema(meeting.meetingDate) });
    const rawProject = Number(formData.get("projectId")) || undefined;
    const itemId = listAgenda(db, meeting.id).find((i) => i.projectId === rawProject)?.id;
    if (submission.status !== "success") return fail({ intent: "add-action", itemId, result: submission.reply() }, 400);
    const v = submission.value;
    // A replay is answered before the version check, which the first submission moved on.
    const once = { userId, kind: `meeting_action:${v.projectId ?? "programme"}`, token: v.formToken };
    const replay = spentFormToken(db, once);
    if (replay) return redirect(replay);
    const fieldErrors: Record<string, string[]> = {};
    if (v.projectId && itemId === undefined) fieldErrors.text = ["Actions are for projects on this meeting's agenda: add the project to the agenda first"];
    if (!isEnabledUser(db, v.ownerUserId)) fieldErrors.ownerUserId = ["Choose who owns the action"];
    if (Object.keys(fieldErrors).length) return fail({ intent: "add-action", itemId, result: submission.reply({ fieldErrors }) }, 400);
    const pii = patientDataWarning({ text: v.text }, formData);
    if (pii) return fail({ intent: "add-action", itemId, result: submission.reply({ fieldErrors: pii }), pii: true }, 400);
    const location = `/meetings/${meeting.id}?saved=action${itemId ? `#item-${itemId}` : "#programme-actions"}`;
    const { text, ownerUserId, dueOn, version } = v;
    const result = addMeetingAction(db, actor, {
      programmeId,
      meetingId: meeting.id,
      version,
      projectId: v.projectId ?? null,
      text,
      ownerUserId,
      dueOn,
      location,
      once,
    });
    return reply(result, { intent: "add-action", itemId, result: submission.reply() }, (created) => redirect(created.location));
  },

  close({ db, programmeId, meeting, actor, formData, done }) {
    const submission = parseSubmission(formData, { schema: CloseSchema });
    if (submission.status !== "success") return fail({ intent: "close", result: submission.reply() }, 400);
    const today = getToday();
    // Said here with a link to each item; the command refuses the same (ADR 027).
    const problems = closeProblems(meeting.meetingDate, listAgenda(db, meeting.id), today, formatDay);
    if (problems.length) return fail({ intent: "close", message: CLOSE_REFUSED, problems }, 400);
    // The frozen board view is built from fresh summaries.
    ensureSummariesFresh(db, programmeId, today);
    const result = closeMeeting(db, actor, {
      programmeId,
      meetingId: meeting.id,
      version: submission.value.version,
      today,
    });
    return reply(result, { intent: "close" }, () => done("closed"));
  },
};

export async function meetingAction(user: SessionUser, context: AppLoadContext, params: Record<string, string | undefined>, formData: FormData) {
  const { db, programme, meeting } = loadMeeting(params);
  const intent = String(formData.get("intent") ?? "");
  const done = (saved: string, hash = "") => redirect(`/meetings/${meeting.id}?saved=${saved}${hash}`);

  if (intent === "complete") {
    const problem = completeActionFromForm(db, user, context, formData);
    return problem ? fail({ intent, message: problem.message }, problem.status) : done("completed");
  }

  if (!canGovern(user)) forbidden(user, context, "run board meetings");
  if (meeting.state === "closed") return fail({ intent, message: CLOSED_MESSAGE }, 400);
  const handler = HANDLERS[intent];
  if (!handler) return fail({ intent, message: "That request was not understood. Reload the page and try again." }, 400);
  return handler({
    db,
    programmeId: programme.id,
    meeting,
    actor: actorOf(user, context),
    userId: user.id,
    formData,
    done,
  });
}
