import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseSubmission } from "~/lib/submission.server";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { ConflictNotice } from "~/components/conflict-notice";
import { ErrorSummary, useNhsForm } from "~/components/forms";
import { ActionsTable, type ActionView } from "~/components/meeting-actions";
import { MeetingAgenda } from "~/components/meeting-agenda";
import { MeetingClosedView } from "~/components/meeting-closed";
import { MeetingDetailsFields } from "~/components/meeting-details-fields";
import { ActionForm } from "~/components/meeting-forms";
import { ClosingTheLoop } from "~/components/meeting-loop";
import { PiiConfirm } from "~/components/pii-confirm";
import { getDb } from "~/db.server";
import { RAG_LABELS } from "~/domain/labels";
import { DECISION_LABELS, mergeAttendees, moveInList, splitAttendees } from "~/domain/meeting-rules";
import { canGovern } from "~/domain/permissions";
import { buildConflict, describeChanges, type Conflict } from "~/lib/conflict";
import { formatDateTime, formatDay } from "~/lib/dates";
import { forbidden, notFound, parseId, requireUser, type SessionUser } from "~/lib/guards.server";
import {
  actionSchema,
  AddItemSchema,
  CloseSchema,
  CompleteActionSchema,
  DetailsSchema,
  MoveItemSchema,
  RemoveItemSchema,
  ReviewSchema,
} from "~/lib/meeting-form";
import { patientDataWarning } from "~/lib/pii-guard.server";
import { today as getToday } from "~/lib/today.server";
import { completeAction, insertAction, listEarlierActions, listMeetingActions } from "~/models/action.server";
import { recordAudit } from "~/models/audit.server";
import { recordBoardAssessment } from "~/models/board.server";
import {
  buildSnapshot,
  claimMeetingVersion,
  deleteItem,
  getMeeting,
  insertItem,
  isEnabledUser,
  itemHasRecords,
  listAgenda,
  listAgendaOptions,
  listGovernors,
  peopleByIds,
  projectsInProgramme,
  readSnapshot,
  setAgendaOrder,
  setItemDecision,
  suggestedAgenda,
  type MeetingRow,
} from "~/models/meeting.server";
import { getProgramme } from "~/models/programme.server";
import { ensureSummariesFresh } from "~/models/summary.server";
import { listPeople } from "~/models/user.server";
import { createOnce, spentFormToken } from "~/models/form-token.server";

export const handle = { wide: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.meeting.title}, ${formatDay(data.meeting.meetingDate)}` : "Meeting"} – Stepping Up` },
];

function loadMeeting(params: LoaderFunctionArgs["params"]) {
  const db = getDb();
  const programme = getProgramme(db);
  const meeting = getMeeting(db, programme.id, parseId(params.meetingId, "meeting"));
  if (!meeting) notFound("meeting");
  return { db, programme, meeting };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { db, programme, meeting } = loadMeeting(params);
  const today = getToday();
  const { snapshot: snapshotText, ...header } = { ...meeting, attendeeList: splitAttendees(meeting.attendees) };
  const govern = canGovern(user);
  if (meeting.state === "closed") {
    // A closed meeting shows what the board saw then, never live data.
    const snapshot = readSnapshot(snapshotText);
    return {
      kind: "closed" as const,
      meeting: header,
      snapshot,
      // Meetings closed before snapshots were kept still have their own records.
      record: snapshot ? null : { agenda: listAgenda(db, meeting.id), actions: listMeetingActions(db, meeting.id), today },
      userId: user.id,
      canGovern: govern,
    };
  }
  const agenda = listAgenda(db, meeting.id);
  const loop = listEarlierActions(db, programme.id, meeting);
  return {
    kind: "planned" as const,
    meeting: header,
    today,
    agenda,
    actions: listMeetingActions(db, meeting.id),
    loop,
    people: govern ? listPeople(db) : [],
    governors: govern ? listGovernors(db) : [],
    agendaOptions: govern ? listAgendaOptions(db, programme.id, agenda.map((i) => i.projectId)) : [],
    userId: user.id,
    canGovern: govern,
  };
}

type ActionResult = {
  intent: string;
  itemId?: number;
  result?: SubmissionResult<string[]>;
  conflict?: Conflict;
  pii?: boolean;
  message?: string;
};

const fail = (body: ActionResult, status: 400 | 409) => data(body, { status });
const CLOSED_MESSAGE = "This meeting is closed, so its record can't be changed. Actions from it can still be marked done.";
const DETAIL_LABELS = { title: "Title", meetingDate: "Date", attendees: "Attendees" };

function meetingConflict(meeting: MeetingRow, intent: string, itemId?: number): ActionResult {
  const by = meeting.updatedByName ?? "someone else";
  return {
    intent,
    itemId,
    message: `This meeting was changed by ${by} at ${formatDateTime(meeting.updatedAt)} since you opened it. The page now shows their changes: check them, then make yours again.`,
  };
}

export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { db, programme, meeting } = loadMeeting(params);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const done = (saved: string, hash = "") => redirect(`/meetings/${meeting.id}?saved=${saved}${hash}`);

  if (intent === "complete") {
    const submission = parseSubmission(formData, { schema: CompleteActionSchema });
    if (submission.status !== "success") return fail({ intent, message: "Choose an action to mark done." }, 400);
    const outcome = completeAction(db, {
      actor: user,
      actionId: submission.value.actionId,
      version: submission.value.actionVersion,
      today: getToday(),
      ip: context.clientIp,
    });
    if (outcome.status === 404) notFound("action");
    if (outcome.status === 403) forbidden(user, context, outcome.message);
    if (outcome.status === 400 || outcome.status === 409) return fail({ intent, message: outcome.message }, outcome.status);
    return done("completed");
  }

  if (!canGovern(user)) forbidden(user, context, "run board meetings");
  if (meeting.state === "closed") return fail({ intent, message: CLOSED_MESSAGE }, 400);
  const handler = HANDLERS[intent];
  if (!handler) return fail({ intent, message: "That request was not understood. Reload the page and try again." }, 400);
  return handler({ db, programmeId: programme.id, meeting, user, formData, context, done });
}

type HandlerArgs = {
  db: ReturnType<typeof getDb>;
  programmeId: number;
  meeting: MeetingRow;
  user: SessionUser;
  formData: FormData;
  context: AppLoadContext;
  done: (saved: string, hash?: string) => Response;
};

/** Runs an edit that claims the meeting's version; a 409 when someone saved in between, a 400 if it closed. */
function claimed(
  args: HandlerArgs,
  version: number,
  write: () => void,
  at: { intent: string; itemId?: number; result?: SubmissionResult<string[]>; values?: Record<string, unknown> },
) {
  const { db, meeting, user } = args;
  const { intent, itemId, result } = at;
  const ok = db.transaction(() => {
    if (!claimMeetingVersion(db, meeting.id, version, user.id, at.values)) return false;
    write();
    return true;
  });
  if (ok) return null;
  const current = getMeeting(db, args.programmeId, meeting.id) ?? meeting;
  if (current.state === "closed") return fail({ intent, itemId, message: CLOSED_MESSAGE }, 400);
  // The submitted values come back with the conflict, so nothing typed is lost.
  return fail({ ...meetingConflict(current, intent, itemId), result }, 409);
}

function audit(args: HandlerArgs, event: Omit<Parameters<typeof recordAudit>[1], "actor" | "ip">) {
  recordAudit(args.db, { actor: args.user, ip: args.context.clientIp, ...event });
}

function findItem(args: HandlerArgs, itemId: number) {
  const item = listAgenda(args.db, args.meeting.id).find((i) => i.id === itemId);
  if (!item) notFound("agenda item");
  return item;
}

const HANDLERS: Record<string, (args: HandlerArgs) => Response | ReturnType<typeof fail>> = {
  details(args) {
    const { db, meeting, formData } = args;
    const submission = parseSubmission(formData, { schema: DetailsSchema });
    if (submission.status !== "success") return fail({ intent: "details", result: submission.reply() }, 400);
    const v = submission.value;
    const chosenIds = [...new Set(v.attendeeIds ?? [])];
    const chosen = peopleByIds(db, chosenIds);
    if (chosen.length !== chosenIds.length) {
      return fail({ intent: "details", result: submission.reply({ fieldErrors: { attendeeIds: ["Choose people from the list"] } }) }, 400);
    }
    const after = {
      title: v.title,
      meetingDate: v.meetingDate,
      attendees: mergeAttendees(v.attendees ?? "", chosenIds.map((id) => chosen.find((p) => p.id === id)!.name)).join("; "),
    };
    const pii = patientDataWarning({ title: after.title, attendees: after.attendees }, formData);
    if (pii) return fail({ intent: "details", result: submission.reply({ fieldErrors: pii }), pii: true }, 400);
    const shown = (m: typeof after) => ({ ...m, meetingDate: formatDay(m.meetingDate) });
    const conflict = (current: MeetingRow): ActionResult => ({
      intent: "details",
      result: submission.reply(),
      conflict: buildConflict({
        changedBy: current.updatedByName,
        changedAt: current.updatedAt,
        currentVersion: current.version,
        current: shown(current),
        submitted: shown(after),
        labels: DETAIL_LABELS,
      }),
    });
    if (v.version !== meeting.version) return fail(conflict(meeting), 409);
    const summary = describeChanges(shown(meeting), shown(after), DETAIL_LABELS);
    const refused = claimed(args, v.version, () => audit(args, { action: "meeting.updated", entityType: "meeting", entityId: meeting.id, summary: `Updated the meeting: ${summary}` }), { intent: "details", values: after });
    if (refused) {
      if (refused.init?.status === 409) return fail(conflict(getMeeting(db, args.programmeId, meeting.id) ?? meeting), 409);
      return refused;
    }
    return args.done("details");
  },

  "add-item"(args) {
    const { db, meeting, formData } = args;
    const submission = parseSubmission(formData, { schema: AddItemSchema });
    if (submission.status !== "success") return fail({ intent: "add-item", result: submission.reply() }, 400);
    const { projectId, version } = submission.value;
    const [project] = projectsInProgramme(db, args.programmeId, [projectId]);
    const agenda = listAgenda(db, meeting.id);
    const error = !project
      ? "Choose a project to add to the agenda"
      : agenda.some((i) => i.projectId === projectId)
        ? `${project.title} is already on the agenda`
        : null;
    if (error) return fail({ intent: "add-item", result: submission.reply({ fieldErrors: { projectId: [error] } }) }, 400);
    ensureSummariesFresh(db, args.programmeId, getToday());
    const reason = suggestedAgenda(db, args.programmeId).find((s) => s.projectId === projectId)?.reason ?? "";
    const refused = claimed(args, version, () => {
      insertItem(db, meeting.id, projectId, reason);
      audit(args, { action: "meeting.agenda_changed", entityType: "meeting", entityId: meeting.id, projectId, summary: `Added ${project!.title} to the agenda of the meeting on ${formatDay(meeting.meetingDate)}` });
    }, { intent: "add-item", result: submission.reply() });
    return refused ?? args.done("agenda", "#agenda");
  },

  "remove-item"(args) {
    const { db, meeting, formData } = args;
    const submission = parseSubmission(formData, { schema: RemoveItemSchema });
    if (submission.status !== "success") return fail({ intent: "remove-item", message: "Choose an agenda item to remove." }, 400);
    const item = findItem(args, submission.value.itemId);
    if (item.decision || itemHasRecords(db, meeting.id, item.projectId)) {
      return fail({ intent: "remove-item", itemId: item.id, message: `The board has already recorded its view, a decision or an action for ${item.title}, so it stays on the agenda.` }, 400);
    }
    const refused = claimed(args, submission.value.version, () => {
      deleteItem(db, item.id);
      setAgendaOrder(db, listAgenda(db, meeting.id).map((i) => i.id));
      audit(args, { action: "meeting.agenda_changed", entityType: "meeting", entityId: meeting.id, projectId: item.projectId, summary: `Removed ${item.title} from the agenda of the meeting on ${formatDay(meeting.meetingDate)}` });
    }, { intent: "remove-item", itemId: item.id });
    return refused ?? args.done("agenda", "#agenda");
  },

  "move-item"(args) {
    const { db, meeting, formData } = args;
    const submission = parseSubmission(formData, { schema: MoveItemSchema });
    if (submission.status !== "success") return fail({ intent: "move-item", message: "Choose an agenda item and a direction." }, 400);
    const { itemId, direction, version } = submission.value;
    const item = findItem(args, itemId);
    const ids = listAgenda(db, meeting.id).map((i) => i.id);
    const index = ids.indexOf(itemId);
    const next = moveInList(ids, index, direction);
    if (next[index] === itemId) {
      return fail({ intent: "move-item", itemId, message: `${item.title} is already ${direction === "up" ? "first" : "last"} on the agenda.` }, 400);
    }
    const refused = claimed(args, version, () => {
      setAgendaOrder(db, next);
      audit(args, { action: "meeting.agenda_changed", entityType: "meeting", entityId: meeting.id, projectId: item.projectId, summary: `Moved ${item.title} ${direction} the agenda (now item ${next.indexOf(itemId) + 1})` });
    }, { intent: "move-item", itemId });
    return refused ?? args.done("agenda", `#item-${itemId}`);
  },

  review(args) {
    const { db, meeting, formData, user } = args;
    const submission = parseSubmission(formData, { schema: ReviewSchema });
    const rawItem = Number(formData.get("itemId"));
    if (submission.status !== "success") return fail({ intent: "review", itemId: rawItem, result: submission.reply() }, 400);
    const v = submission.value;
    const item = findItem(args, v.itemId);
    const pii = patientDataWarning({ reason: v.reason, comment: v.comment, notes: v.notes }, formData);
    if (pii) return fail({ intent: "review", itemId: item.id, result: submission.reply({ fieldErrors: pii }), pii: true }, 400);
    const refused = claimed(args, v.version, () => {
      if (v.rag) {
        const id = recordBoardAssessment(db, { projectId: item.projectId, rag: v.rag, reason: v.reason!, comment: v.comment ?? "", userId: user.id, meetingId: meeting.id });
        audit(args, { action: "board.assessed", entityType: "board_assessment", entityId: id, projectId: item.projectId, summary: `Board's view at the meeting on ${formatDay(meeting.meetingDate)}: ${RAG_LABELS[v.rag]} — ${v.reason!.slice(0, 120)}` });
      }
      setItemDecision(db, item.id, v.decision, v.notes ?? "");
      audit(args, {
        action: "meeting.decision_recorded",
        entityType: "meeting",
        entityId: meeting.id,
        projectId: item.projectId,
        summary: `Decision on ${item.title}: ${DECISION_LABELS[v.decision]}${item.decision && item.decision !== v.decision ? ` (was ${DECISION_LABELS[item.decision]})` : ""}`,
      });
    }, { intent: "review", itemId: item.id, result: submission.reply() });
    return refused ?? args.done("review", `#item-${item.id}`);
  },

  "add-action"(args) {
    const { db, meeting, formData, user } = args;
    const submission = parseSubmission(formData, { schema: actionSchema(meeting.meetingDate) });
    const rawProject = Number(formData.get("projectId")) || undefined;
    const itemId = listAgenda(db, meeting.id).find((i) => i.projectId === rawProject)?.id;
    if (submission.status !== "success") return fail({ intent: "add-action", itemId, result: submission.reply() }, 400);
    const v = submission.value;
    // A replay is answered before the version check, which the first submission moved on.
    const once = { userId: user.id, kind: `meeting_action:${v.projectId ?? "programme"}`, token: v.formToken };
    const replay = spentFormToken(db, once);
    if (replay) return redirect(replay);
    const fieldErrors: Record<string, string[]> = {};
    if (v.projectId && itemId === undefined) fieldErrors.text = ["Actions are for projects on this meeting's agenda: add the project to the agenda first"];
    if (!isEnabledUser(db, v.ownerUserId)) fieldErrors.ownerUserId = ["Choose who owns the action"];
    if (Object.keys(fieldErrors).length) return fail({ intent: "add-action", itemId, result: submission.reply({ fieldErrors }) }, 400);
    const pii = patientDataWarning({ text: v.text }, formData);
    if (pii) return fail({ intent: "add-action", itemId, result: submission.reply({ fieldErrors: pii }), pii: true }, 400);
    let refused: ReturnType<typeof claimed> = null;
    const { location } = createOnce(db, once, () => {
      refused = claimed(args, v.version, () => {
        const id = insertAction(db, { meetingId: meeting.id, projectId: v.projectId ?? null, text: v.text, ownerUserId: v.ownerUserId, dueOn: v.dueOn, userId: user.id });
        audit(args, { action: "action.created", entityType: "meeting_action", entityId: id, projectId: v.projectId ?? null, summary: `Action due ${formatDay(v.dueOn)}: ${v.text.slice(0, 120)}` });
      }, { intent: "add-action", itemId, result: submission.reply() });
      return refused ? null : `/meetings/${meeting.id}?saved=action${itemId ? `#item-${itemId}` : "#programme-actions"}`;
    });
    return refused ?? redirect(location!);
  },

  close(args) {
    const { db, meeting, formData } = args;
    const submission = parseSubmission(formData, { schema: CloseSchema });
    if (submission.status !== "success") return fail({ intent: "close", result: submission.reply() }, 400);
    const today = getToday();
    ensureSummariesFresh(db, args.programmeId, today);
    const ok = db.transaction(() => {
      const snapshot = buildSnapshot(db, args.programmeId, meeting, today);
      if (!claimMeetingVersion(db, meeting.id, submission.value.version, args.user.id, { state: "closed", closedAt: new Date(snapshot.takenAt), snapshot: JSON.stringify(snapshot) })) return false;
      const decided = snapshot.agenda.filter((i) => i.decision).length;
      audit(args, { action: "meeting.closed", entityType: "meeting", entityId: meeting.id, summary: `Closed the meeting on ${formatDay(meeting.meetingDate)}: ${decided} of ${snapshot.agenda.length} projects decided, ${snapshot.actions.length} actions; the board view is frozen` });
      return true;
    });
    if (!ok) {
      const current = getMeeting(db, args.programmeId, meeting.id) ?? meeting;
      if (current.state === "closed") return fail({ intent: "close", message: CLOSED_MESSAGE }, 400);
      return fail(meetingConflict(current, "close"), 409);
    }
    return args.done("closed");
  },
};

const SAVED: Record<string, string> = {
  created: "Meeting saved. Review the agenda below; you can add, remove and reorder projects until it closes.",
  details: "The meeting's details are saved.",
  agenda: "The agenda is updated.",
  review: "The board's view and decision are saved.",
  action: "Action added.",
  completed: "Action marked done.",
  closed: "The meeting is closed. This page now shows the board as it stood when the meeting closed.",
};

export default function MeetingPage() {
  const loaded = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>() as ActionResult | undefined;
  const [search] = useSearchParams();
  const saved = !last ? SAVED[search.get("saved") ?? ""] : undefined;
  const { meeting } = loaded;
  return (
    <>
      <nav className="nhsuk-breadcrumb app-no-print" aria-label="Breadcrumb">
        <ol className="nhsuk-breadcrumb__list">
          <li className="nhsuk-breadcrumb__list-item">
            <Link className="nhsuk-breadcrumb__link" to="/meetings">
              Board meetings
            </Link>
          </li>
        </ol>
      </nav>
      {last?.message ? (
        <div className="nhsuk-error-summary" role="alert" aria-labelledby="meeting-problem" tabIndex={-1}>
          <h2 className="nhsuk-error-summary__title" id="meeting-problem">
            {last.message.startsWith("This meeting was changed") ? "Someone else changed this meeting" : "There is a problem"}
          </h2>
          <div className="nhsuk-error-summary__body">
            <p>{last.message}</p>
          </div>
        </div>
      ) : null}
      {saved ? (
        <div className="nhsuk-inset-text" role="status">
          <p>{saved}</p>
        </div>
      ) : null}
      <span className="nhsuk-caption-l">{formatDay(meeting.meetingDate)}</span>
      <h1>{meeting.title}</h1>
      <p>
        <strong className={`nhsuk-tag ${meeting.state === "closed" ? "nhsuk-tag--grey" : "nhsuk-tag--blue"}`}>
          {meeting.state === "closed" ? "Held" : "Planned"}
        </strong>{" "}
        <Link to={`/meetings/${meeting.id}/pack`} className="nhsuk-u-margin-left-2">
          Board pack (printable)
        </Link>
      </p>
      <h2 className="nhsuk-heading-s">Attendees</h2>
      {meeting.attendeeList.length ? (
        <ul className="nhsuk-list app-attendees">
          {meeting.attendeeList.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      ) : (
        <p className="app-muted">No attendees recorded.</p>
      )}
      {loaded.kind === "closed" ? (
        <MeetingClosedView meeting={meeting} snapshot={loaded.snapshot} record={loaded.record} />
      ) : (
        <PlannedMeeting data={loaded} last={last} />
      )}
    </>
  );
}

type Planned = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { kind: "planned" }>;

function PlannedMeeting({ data, last }: { data: Planned; last: ActionResult | undefined }) {
  const { meeting, today, agenda, actions, loop, people, governors, agendaOptions, userId, canGovern } = data;
  const canComplete = (a: ActionView) => canGovern || a.ownerUserId === userId;
  const general = actions.filter((a) => a.projectId === null || !agenda.some((i) => i.projectId === a.projectId));
  return (
    <>
      <ClosingTheLoop actions={loop.actions} previousMeetingDate={loop.previousMeetingDate} today={today} canComplete={canComplete} />
      <MeetingAgenda
        meeting={meeting}
        agenda={agenda}
        actions={actions}
        people={people}
        agendaOptions={agendaOptions}
        canGovern={canGovern}
        canComplete={canComplete}
        today={today}
        last={last}
      />
      <section aria-labelledby="programme-actions" className="app-meeting-section">
        <h2 id="programme-actions">Programme actions</h2>
        {general.length ? (
          <ActionsTable caption="Actions not tied to a project on the agenda" actions={general} today={today} canComplete={canComplete} />
        ) : (
          <p className="app-muted">No programme-wide actions yet.</p>
        )}
        {canGovern ? (
          <details className="nhsuk-details" open={last?.intent === "add-action" && last.itemId === undefined ? true : undefined}>
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">Add a programme-wide action</span>
            </summary>
            <div className="nhsuk-details__text">
              <ActionForm
                formId="action-programme"
                projectId={null}
                title={null}
                version={meeting.version}
                meetingDate={meeting.meetingDate}
                people={people}
                lastResult={last?.intent === "add-action" && last.itemId === undefined ? last.result : undefined}
                pii={Boolean(last?.intent === "add-action" && last.itemId === undefined && last.pii)}
              />
            </div>
          </details>
        ) : null}
      </section>
      {canGovern ? (
        <>
          <DetailsForm meeting={meeting} governors={governors} last={last?.intent === "details" ? last : undefined} />
          <CloseForm version={meeting.version} last={last?.intent === "close" ? last : undefined} agendaCount={agenda.length} undecided={agenda.filter((i) => !i.decision).length} />
        </>
      ) : null}
    </>
  );
}

function DetailsForm({ meeting, governors, last }: { meeting: Planned["meeting"]; governors: Planned["governors"]; last: ActionResult | undefined }) {
  const [form, fields] = useNhsForm(DetailsSchema, last?.result, "meeting-details", {
    title: meeting.title,
    meetingDate: meeting.meetingDate,
    attendees: meeting.attendeeList.join("\n"),
  });
  return (
    <section aria-labelledby="details-title" className="app-meeting-section app-no-print">
      <details className="nhsuk-details" open={last ? true : undefined}>
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text" id="details-title">
            Change the title, date or attendees
          </span>
        </summary>
        <div className="nhsuk-details__text">
          <ConflictNotice conflict={last?.conflict} />
          <ErrorSummary form={form} fields={{ title: fields.title, meetingDate: fields.meetingDate, attendees: fields.attendees, attendeeIds: fields.attendeeIds }} />
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="details" />
            <input type="hidden" name="version" value={meeting.version} />
            <MeetingDetailsFields fields={fields} people={governors} />
            <PiiConfirm show={Boolean(last?.pii)} />
            <button className="nhsuk-button nhsuk-button--secondary" type="submit">
              Save the details
            </button>
          </Form>
        </div>
      </details>
    </section>
  );
}

function CloseForm({ version, last, agendaCount, undecided }: { version: number; last: ActionResult | undefined; agendaCount: number; undecided: number }) {
  const [form, fields] = useNhsForm(CloseSchema, last?.result, "close-meeting");
  const invalid = Boolean(fields.confirm.errors?.length);
  return (
    <section aria-labelledby="close-title" className="app-meeting-section app-no-print">
      <h2 id="close-title">Close the meeting</h2>
      <p>
        Closing freezes the board view as it stands now, with this meeting's decisions and actions, so the board can always see what it saw.
        The meeting can't be changed afterwards; its actions can still be marked done.
      </p>
      {undecided ? (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {undecided} of {agendaCount} project{agendaCount === 1 ? " has" : "s have"} no decision yet
            </span>
          </h3>
          <p>Record a decision for each project discussed, or remove those the board did not reach, before closing.</p>
        </div>
      ) : null}
      <ErrorSummary form={form} fields={{ confirm: fields.confirm }} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="close" />
        <input type="hidden" name="version" value={version} />
        <div className={`nhsuk-form-group${invalid ? " nhsuk-form-group--error" : ""}`}>
          {invalid ? (
            <span className="nhsuk-error-message" id={fields.confirm.errorId}>
              <span className="nhsuk-u-visually-hidden">Error:</span> {fields.confirm.errors?.join(". ")}
            </span>
          ) : null}
          <div className="nhsuk-checkboxes">
            <div className="nhsuk-checkboxes__item">
              <input className="nhsuk-checkboxes__input" id={fields.confirm.id} name={fields.confirm.name} type="checkbox" value="yes" />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={fields.confirm.id}>
                The board has finished this meeting
              </label>
            </div>
          </div>
        </div>
        <button className="nhsuk-button nhsuk-button--warning" type="submit">
          Close the meeting
        </button>
      </Form>
    </section>
  );
}
