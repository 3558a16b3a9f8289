// Big Conversations: the listening events held with staff, newest first, and logging a new one.
import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, useNhsForm } from "~/components/forms";
import { ConversationEventFields, eventSummaryFields } from "~/components/conversation-event-fields";
import { DoneNotice } from "~/components/done-notice";
import { Table } from "~/components/nhs";
import { PiiConfirm } from "~/components/pii-confirm";
import { getDb } from "~/db.server";
import { canRunConversations } from "~/domain/conversation-rules";
import { EventSchema } from "~/forms/conversation-form";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { parseSubmission } from "~/forms/submission.server";
import { actorOf } from "~/auth/actor.server";
import { requirePermission, requireUser } from "~/auth/guards.server";
import { valueOf } from "~/web/command-reply.server";
import { formatDay } from "~/web/dates";
import { logEvent } from "~/models/conversation-commands.server";
import { UNKNOWN_PERSON } from "~/domain/conversation-rules";
import { listEvents } from "~/models/conversation.server";
import { listPeopleToChoose } from "~/models/people.server";
import { getProgramme } from "~/models/programme.server";

export const meta: MetaFunction = () => [{ title: "Big Conversations – Stepping Up" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const canWrite = canRunConversations(user);
  return { events: listEvents(db, getProgramme(db).id), canWrite, people: canWrite ? listPeopleToChoose(db) : [] };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, canRunConversations, "log listening events");
  const db = getDb();
  const formData = await request.formData();
  const submission = parseSubmission(formData, { schema: EventSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), pii: false }, { status: 400 });
  const { confirmNoPatientData: _p, notes, ...v } = submission.value;
  const values = { ...v, notes: notes ?? "" };
  const pii = patientDataWarning({ site: values.site, staffGroup: values.staffGroup, notes: values.notes }, formData);
  if (pii) return data({ result: submission.reply({ fieldErrors: pii }), pii: true }, { status: 400 });
  const result = logEvent(db, { ...actorOf(user, context), role: user.role }, { programmeId: getProgramme(db).id, values });
  if (!result.ok && result.refused === UNKNOWN_PERSON) {
    return data({ result: submission.reply({ fieldErrors: { facilitatorUserId: [UNKNOWN_PERSON] } }), pii: false }, { status: 400 });
  }
  const { eventId } = valueOf(result);
  return redirect(`/conversations/${eventId}?done=logged`);
}

export default function Conversations() {
  const { events, canWrite, people } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>();
  const [search] = useSearchParams();
  const [form, fields] = useNhsForm(EventSchema, last?.result, "log-event");
  return (
    <>
      <h1>Big Conversations</h1>
      <p className="nhsuk-lede-text">
        Listening events with staff across our sites: the themes they raise become priorities with action plans the board tracks.
      </p>
      <DoneNotice message={search.get("done") === "removed" ? "The event was removed." : null} />
      <ul className="nhsuk-list app-conversation-links">
        <li>
          <Link to="/conversations/priorities">Priorities and action plans</Link>
        </li>
        <li>
          <Link to="/conversations/you-said-we-did">You said, we did</Link>
        </li>
      </ul>
      <h2>Listening events</h2>
      {events.length === 0 ? (
        <p className="app-muted">
          No listening events yet. {canWrite ? "Log the first one below after it is held." : "The programme board logs each event after it is held."}
        </p>
      ) : (
        <Table
          caption={`${events.length} ${events.length === 1 ? "event" : "events"}, newest first`}
          captionSize="s"
          scroll
          rows={events}
          rowKey={(e) => e.id}
          columns={[
            { id: "date", header: "Date", cell: (e) => <Link to={`/conversations/${e.id}`}>{formatDay(e.heldOn)}</Link> },
            { id: "site", header: "Site", cell: (e) => e.site },
            { id: "group", header: "Staff group", cell: (e) => e.staffGroup },
            { id: "facilitator", header: "Facilitator", cell: (e) => e.facilitatorName },
            { id: "attendance", header: "Attendance", numeric: true, cell: (e) => e.attendance },
            { id: "themes", header: "Themes", numeric: true, cell: (e) => e.themes },
          ]}
        />
      )}
      {canWrite ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h2>Log a listening event</h2>
            <ErrorSummary form={form} fields={eventSummaryFields(fields)} />
            <Form method="post" {...getFormProps(form)}>
              <ConversationEventFields fields={fields} people={people} />
              <PiiConfirm show={Boolean(last?.pii)} />
              <button className="nhsuk-button" type="submit">
                Log the event
              </button>
            </Form>
          </div>
        </div>
      ) : null}
    </>
  );
}
