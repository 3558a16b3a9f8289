// One event of a wave's timeline: editing it, or removing it after a confirm step (ADR 110).
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, useNhsForm } from "~/components/forms";
import { ConfirmRemoval } from "~/components/confirm-removal";
import { ConflictNotice } from "~/components/conflict-notice";
import { DoneNotice } from "~/components/done-notice";
import { Breadcrumbs } from "~/components/layout";
import { PiiConfirm } from "~/components/pii-confirm";
import { waveEventSummaryFields, WaveEventFields } from "~/components/wave-cohort";
import { getDb } from "~/db.server";
import type { Conflict } from "~/domain/conflict";
import { canRunWave, eventDateRange, WAVE_EVENT_KIND_LABELS } from "~/domain/cohort";
import { waveLabel } from "~/domain/wave-label";
import { EditWaveEventSchema, RemoveWaveEventSchema } from "~/forms/cohort-form";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { parseSubmission } from "~/forms/submission.server";
import { actorOf } from "~/auth/actor.server";
import { badRequest, notFound, parseId, requirePermission } from "~/auth/guards.server";
import { refusal } from "~/web/command-reply.server";
import { formatDay } from "~/web/dates";
import { removeWaveEvent, updateWaveEvent } from "~/models/cohort-commands.server";
import { UNKNOWN_ATTENDEE } from "~/domain/cohort";
import { getWaveCohort, getWaveEvent, listWavePeople } from "~/models/cohort.server";
import { getProgramme } from "~/models/programme.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? data.event.title : "Event"} – Wave events – Stepping Up` }];

const what = "run this wave";

function findEvent(params: { waveId?: string; waveEventId?: string }) {
  const db = getDb();
  const programmeId = getProgramme(db).id;
  const wave = getWaveCohort(db, programmeId, parseId(params.waveId, "wave")) ?? notFound("wave");
  const event = getWaveEvent(db, wave.id, parseId(params.waveEventId, "event")) ?? notFound("event");
  return { db, programmeId, wave, event };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, canRunWave, what);
  const { db, programmeId, wave, event } = findEvent(params);
  const range = eventDateRange(wave);
  // A named attendee who has since left the wave's teams stays choosable on this event.
  const people = listWavePeople(db, programmeId, wave.id);
  const extra = event.attendees.filter((a) => !people.some((p) => p.id === a.userId)).map((a) => ({ id: a.userId, name: a.name, jobTitle: "" }));
  return { wave, event, people: [...people, ...extra], range: `${formatDay(range.from)} and ${formatDay(range.to)}` };
}

type Reply = { intent: string; result?: SubmissionResult<string[]>; conflict?: Conflict; pii?: boolean };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, canRunWave, what);
  const { db, programmeId, wave, event } = findEvent(params);
  const actor = { ...actorOf(user, context), role: user.role };
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "edit") {
    const submission = parseSubmission(formData, { schema: EditWaveEventSchema });
    if (submission.status !== "success") return data<Reply>({ intent, result: submission.reply() }, { status: 400 });
    const { intent: _i, confirmNoPatientData: _p, version, attendeeIds, attendance, notes, ...v } = submission.value;
    const values = { ...v, attendance: attendance ?? null, notes: notes ?? "" };
    const pii = patientDataWarning({ title: values.title, notes: values.notes }, formData);
    if (pii) return data<Reply>({ intent, result: submission.reply({ fieldErrors: pii }), pii: true }, { status: 400 });
    const result = updateWaveEvent(db, actor, { programmeId, waveId: wave.id, eventId: event.id, version, values, attendeeIds: attendeeIds ?? [] });
    if (!result.ok && "conflict" in result) return data<Reply>({ intent, conflict: result.conflict }, { status: 409 });
    if (!result.ok && result.status === 400) {
      const field = result.refused === UNKNOWN_ATTENDEE ? "attendeeIds" : "heldOn";
      return data<Reply>({ intent, result: submission.reply({ fieldErrors: { [field]: [result.refused] } }) }, { status: 400 });
    }
    if (!result.ok) refusal(result);
    return redirect(`/waves/${wave.id}/events/${event.id}?done=saved`);
  }
  if (intent === "remove") {
    const submission = parseSubmission(formData, { schema: RemoveWaveEventSchema });
    if (submission.status !== "success") badRequest("Reload the page and try again.");
    const result = removeWaveEvent(db, actor, { programmeId, waveId: wave.id, eventId: event.id, version: submission.value.version });
    if (!result.ok && "conflict" in result) return data<Reply>({ intent, conflict: result.conflict }, { status: 409 });
    if (!result.ok) refusal(result);
    return redirect(`/waves/${wave.id}/cohort?done=removed#timeline`);
  }
  badRequest("That request was not understood.");
}

export default function WaveEvent() {
  const { wave, event: e, people, range } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>() as Reply | undefined;
  const [search] = useSearchParams();
  const resultFor = (intent: string) => (last?.intent === intent ? last : undefined);
  const edit = resultFor("edit");
  const version = edit?.conflict?.currentVersion ?? resultFor("remove")?.conflict?.currentVersion ?? e.version;
  const [form, fields] = useNhsForm(EditWaveEventSchema, edit?.result, `edit-wave-event-${e.version}`, {
    kind: e.kind,
    heldOn: e.heldOn,
    title: e.title,
    attendance: e.attendance === null ? "" : String(e.attendance),
    attendeeIds: e.attendees.map((a) => String(a.userId)),
    notes: e.notes,
  });
  const base = `/waves/${wave.id}`;
  const crumbs = (
    <Breadcrumbs
      items={[
        { to: "/waves", label: "Waves" },
        { to: base, label: waveLabel(wave.number, wave.name) },
        { to: `${base}/cohort`, label: "Sponsor, champions and events" },
      ]}
    />
  );
  if (search.get("remove") === "1") {
    return (
      <>
        {crumbs}
        <ConflictNotice conflict={resultFor("remove")?.conflict} />
        <ConfirmRemoval
          caption={WAVE_EVENT_KIND_LABELS[e.kind]}
          title={`Remove "${e.title}" on ${formatDay(e.heldOn)}?`}
          fields={{ intent: "remove", version }}
          confirmLabel="Yes, remove this event"
          cancelTo={`${base}/events/${e.id}`}
        >
          <p>It leaves the wave's timeline. The audit trail keeps a record of it.</p>
        </ConfirmRemoval>
      </>
    );
  }
  return (
    <>
      {crumbs}
      <span className="nhsuk-caption-l">
        {waveLabel(wave.number, wave.name)} · {WAVE_EVENT_KIND_LABELS[e.kind]}
      </span>
      <h1>{e.title}</h1>
      <DoneNotice message={search.get("done") === "saved" ? "Event saved." : null} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ConflictNotice conflict={edit?.conflict} />
          <ErrorSummary form={form} fields={waveEventSummaryFields(fields)} />
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="edit" />
            <input type="hidden" name="version" value={version} />
            <WaveEventFields fields={fields} people={people} range={range} />
            <PiiConfirm show={Boolean(edit?.pii)} />
            <button className="nhsuk-button" type="submit">
              Save the event
            </button>
          </Form>
          <p>
            <Link to={`${base}/events/${e.id}?remove=1`}>Remove this event</Link>
          </p>
        </div>
      </div>
    </>
  );
}
