// One listening event: what was heard (its themes), recording a theme, editing and removing the event.
import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, TextField, useNhsForm } from "~/components/forms";
import { ConfirmRemoval } from "~/components/confirm-removal";
import { ConflictNotice } from "~/components/conflict-notice";
import { ConversationEventFields, eventSummaryFields } from "~/components/conversation-event-fields";
import { DoneNotice } from "~/components/done-notice";
import { Breadcrumbs } from "~/components/layout";
import { Details, SummaryList, Table } from "~/components/nhs";
import { PiiConfirm } from "~/components/pii-confirm";
import { getDb } from "~/db.server";
import type { Conflict } from "~/domain/conflict";
import { canRecordThemes, canRunConversations } from "~/domain/conversation-rules";
import { EditEventSchema, RemoveEventSchema, ThemeSchema } from "~/forms/conversation-form";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { parseSubmission } from "~/forms/submission.server";
import { actorOf } from "~/auth/actor.server";
import { badRequest, forbidden, notFound, requireUser } from "~/auth/guards.server";
import { valueOf } from "~/web/command-reply.server";
import { formatDay } from "~/web/dates";
import { addTheme, removeEvent, updateEvent } from "~/models/conversation-commands.server";
import { UNKNOWN_PERSON } from "~/domain/conversation-rules";
import { getEvent, listEventThemes } from "~/models/conversation.server";
import { listPeopleToChoose } from "~/models/people.server";
import { getProgramme } from "~/models/programme.server";
import type { SubmissionResult } from "@conform-to/react";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.event.site}, ${formatDay(data.event.heldOn)}` : "Listening event"} – Big Conversations – Stepping Up` },
];

const eventIdOf = (params: { eventId?: string }) => {
  const id = Number(params.eventId);
  return Number.isInteger(id) && id > 0 ? id : notFound("listening event");
};

const DONE: Record<string, string> = {
  logged: "Event logged. Record the themes raised below.",
  saved: "Saved.",
  theme: "Theme recorded.",
  "theme-saved": "Theme saved.",
  "theme-removed": "Theme removed.",
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const event = getEvent(db, getProgramme(db).id, eventIdOf(params)) ?? notFound("listening event");
  const canEdit = canRunConversations(user);
  return {
    event,
    themes: listEventThemes(db, event.id),
    canEdit,
    canAddThemes: canRecordThemes(user, event),
    people: canEdit ? listPeopleToChoose(db) : [],
  };
}

type Reply = { intent: string; result?: SubmissionResult<string[]>; conflict?: Conflict; pii?: boolean };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const programmeId = getProgramme(db).id;
  const eventId = eventIdOf(params);
  const event = getEvent(db, programmeId, eventId) ?? notFound("listening event");
  const actor = { ...actorOf(user, context), role: user.role };
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "add-theme") {
    if (!canRecordThemes(user, event)) forbidden(user, context, "record themes at this event");
    const submission = parseSubmission(formData, { schema: ThemeSchema });
    if (submission.status !== "success") return data<Reply>({ intent, result: submission.reply() }, { status: 400 });
    const pii = patientDataWarning({ text: submission.value.text }, formData);
    if (pii) return data<Reply>({ intent, result: submission.reply({ fieldErrors: pii }), pii: true }, { status: 400 });
    valueOf(addTheme(db, actor, { programmeId, eventId, text: submission.value.text, mentions: submission.value.mentions ?? null }));
    return redirect(`/conversations/${eventId}?done=theme#themes`);
  }
  if (!canRunConversations(user)) forbidden(user, context, "change listening events");
  if (intent === "edit") {
    const submission = parseSubmission(formData, { schema: EditEventSchema });
    if (submission.status !== "success") return data<Reply>({ intent, result: submission.reply() }, { status: 400 });
    const { intent: _i, version, confirmNoPatientData: _p, notes, ...v } = submission.value;
    const values = { ...v, notes: notes ?? "" };
    const pii = patientDataWarning({ site: values.site, staffGroup: values.staffGroup, notes: values.notes }, formData);
    if (pii) return data<Reply>({ intent, result: submission.reply({ fieldErrors: pii }), pii: true }, { status: 400 });
    const result = updateEvent(db, actor, { programmeId, eventId, version, values });
    if (!result.ok && "conflict" in result) return data<Reply>({ intent, conflict: result.conflict }, { status: 409 });
    if (!result.ok && result.refused === UNKNOWN_PERSON) {
      return data<Reply>({ intent, result: submission.reply({ fieldErrors: { facilitatorUserId: [UNKNOWN_PERSON] } }) }, { status: 400 });
    }
    valueOf(result);
    return redirect(`/conversations/${eventId}?done=saved`);
  }
  if (intent === "remove") {
    const submission = parseSubmission(formData, { schema: RemoveEventSchema });
    if (submission.status !== "success") badRequest("Reload the page and try again.");
    const result = removeEvent(db, actor, { programmeId, eventId, version: submission.value.version });
    if (!result.ok && "conflict" in result) return data<Reply>({ intent, conflict: result.conflict }, { status: 409 });
    valueOf(result);
    return redirect("/conversations?done=removed");
  }
  badRequest("That request was not understood.");
}

export default function ConversationEvent() {
  const { event: e, themes, canEdit, canAddThemes, people } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>() as Reply | undefined;
  const [search] = useSearchParams();
  const resultFor = (intent: string) => (last?.intent === intent ? last : undefined);
  const edit = resultFor("edit");
  const version = edit?.conflict?.currentVersion ?? resultFor("remove")?.conflict?.currentVersion ?? e.version;
  const [themeForm, tf] = useNhsForm(ThemeSchema, resultFor("add-theme")?.result, "add-theme");
  const [editForm, ef] = useNhsForm(EditEventSchema, edit?.result, `edit-event-${e.version}`, {
    heldOn: e.heldOn,
    site: e.site,
    staffGroup: e.staffGroup,
    facilitatorUserId: String(e.facilitatorUserId),
    attendance: String(e.attendance),
    notes: e.notes,
  });
  const title = `${e.site}, ${formatDay(e.heldOn)}`;
  if (canEdit && search.get("remove") === "1") {
    return (
      <>
        <Breadcrumbs items={[{ to: "/conversations", label: "Big Conversations" }]} />
        <ConflictNotice conflict={resultFor("remove")?.conflict} />
        <ConfirmRemoval
          caption="Listening event"
          title={`Remove the event at ${title}?`}
          fields={{ intent: "remove", version }}
          confirmLabel="Yes, remove this event"
          cancelTo={`/conversations/${e.id}`}
        >
          <p>It leaves the list of events with its {themes.length} themes. The audit trail keeps a record of it.</p>
        </ConfirmRemoval>
      </>
    );
  }
  return (
    <>
      <Breadcrumbs items={[{ to: "/conversations", label: "Big Conversations" }]} />
      <span className="nhsuk-caption-l">Listening event</span>
      <h1>{title}</h1>
      <DoneNotice message={DONE[search.get("done") ?? ""] ?? null} />
      <SummaryList
        rows={[
          { key: "Date", value: formatDay(e.heldOn) },
          { key: "Site", value: e.site },
          { key: "Staff group", value: e.staffGroup },
          { key: "Facilitator", value: e.facilitatorName },
          { key: "Attendance", value: String(e.attendance) },
          { key: "Notes", value: e.notes ? <span className="app-pre-line">{e.notes}</span> : <span className="app-muted">None</span> },
        ]}
      />
      <h2 id="themes">Themes raised</h2>
      {themes.length === 0 ? (
        <p className="app-muted">No themes recorded yet.{canAddThemes ? " Record each theme staff raised below." : ""}</p>
      ) : (
        <Table
          caption={`${themes.length} ${themes.length === 1 ? "theme" : "themes"}`}
          captionSize="s"
          rows={themes}
          rowKey={(t) => t.id}
          columns={[
            { id: "theme", header: "Theme", cell: (t) => t.text },
            { id: "mentions", header: "Mentions", numeric: true, cell: (t) => t.mentions ?? "" },
            {
              id: "priority",
              header: "Priority",
              cell: (t) =>
                t.priorityId ? (
                  <Link to={`/conversations/priorities#priority-${t.priorityId}`}>{t.priorityTitle}</Link>
                ) : (
                  <span className="app-muted">Not yet grouped</span>
                ),
            },
            ...(canAddThemes
              ? [
                  {
                    id: "change",
                    header: <span className="nhsuk-u-visually-hidden">Change</span>,
                    cell: (t: (typeof themes)[number]) => (
                      <Link to={`/conversations/${e.id}/themes/${t.id}`}>
                        Edit<span className="nhsuk-u-visually-hidden"> the theme: {t.text}</span>
                      </Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {canAddThemes ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h3>Record a theme</h3>
            <ErrorSummary form={themeForm} fields={{ text: tf.text, mentions: tf.mentions }} />
            <Form method="post" {...getFormProps(themeForm)}>
              <input type="hidden" name="intent" value="add-theme" />
              <TextField field={tf.text} label="Theme" hint="In a few words, as staff put it. No patient details." width={30} />
              <TextField field={tf.mentions} label="Mentions (optional)" hint="How many times it came up" width={4} />
              <PiiConfirm show={Boolean(resultFor("add-theme")?.pii)} />
              <button className="nhsuk-button nhsuk-button--secondary" type="submit">
                Record the theme
              </button>
            </Form>
          </div>
        </div>
      ) : null}
      {canEdit ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <Details summary="Edit this event" open={Boolean(edit)}>
              <ConflictNotice conflict={edit?.conflict} />
              <ErrorSummary form={editForm} fields={eventSummaryFields(ef)} />
              <Form method="post" {...getFormProps(editForm)}>
                <input type="hidden" name="intent" value="edit" />
                <input type="hidden" name="version" value={version} />
                <ConversationEventFields fields={ef} people={people} />
                <PiiConfirm show={Boolean(edit?.pii)} />
                <button className="nhsuk-button" type="submit">
                  Save the event
                </button>
              </Form>
            </Details>
            <p>
              <Link to={`/conversations/${e.id}?remove=1`}>Remove this event</Link>
            </p>
          </div>
        </div>
      ) : null}
    </>
  );
}
