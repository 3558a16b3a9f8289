// Running a wave as a cohort (ADR 110): its executive sponsor, its champions, and logging its events.
// The programme board and admins; everyone else reads the wave's page.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, useNhsForm } from "~/components/forms";
import { ConflictNotice } from "~/components/conflict-notice";
import { DoneNotice } from "~/components/done-notice";
import { Breadcrumbs } from "~/components/layout";
import { ErrorSummaryBox, Table } from "~/components/nhs";
import { PersonSelectField } from "~/components/person-select";
import { PiiConfirm } from "~/components/pii-confirm";
import { waveEventSummaryFields, WaveEventFields, WaveTimeline } from "~/components/wave-cohort";
import { getDb } from "~/db.server";
import type { Conflict } from "~/domain/conflict";
import { canRunWave, eventDateRange } from "~/domain/cohort";
import { waveLabel } from "~/domain/wave-label";
import { AddChampionSchema, RemoveChampionSchema, SponsorSchema, WaveEventSchema } from "~/forms/cohort-form";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { parseSubmission } from "~/forms/submission.server";
import { actorOf } from "~/auth/actor.server";
import { badRequest, notFound, parseId, requirePermission } from "~/auth/guards.server";
import { refusal } from "~/web/command-reply.server";
import { formatDay } from "~/web/dates";
import { today as getToday } from "~/today.server";
import { addChampion, logWaveEvent, removeChampion, setSponsor } from "~/models/cohort-commands.server";
import { UNKNOWN_ATTENDEE } from "~/domain/cohort";
import { getWaveCohort, listChampions, listWaveEvents, listWavePeople } from "~/models/cohort.server";
import { listPeopleToChoose } from "~/models/people.server";
import { getProgramme } from "~/models/programme.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? `Run wave ${data.wave.number}` : "Run a wave"} – Stepping Up` }];

const what = "run this wave";

function findWave(params: { waveId?: string }) {
  const db = getDb();
  const programmeId = getProgramme(db).id;
  const wave = getWaveCohort(db, programmeId, parseId(params.waveId, "wave")) ?? notFound("wave");
  return { db, programmeId, wave };
}

const DONE: Record<string, string> = {
  sponsor: "Executive sponsor saved.",
  champion: "Champion added.",
  "champion-removed": "Champion removed.",
  event: "Event logged.",
  removed: "Event removed.",
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, canRunWave, what);
  const { db, programmeId, wave } = findWave(params);
  const range = eventDateRange(wave);
  return {
    wave,
    champions: listChampions(db, wave.id),
    events: listWaveEvents(db, wave.id),
    people: listPeopleToChoose(db),
    wavePeople: listWavePeople(db, programmeId, wave.id),
    range: `${formatDay(range.from)} and ${formatDay(range.to)}`,
    today: getToday(),
  };
}

type Reply = { intent: string; result?: SubmissionResult<string[]>; conflict?: Conflict; pii?: boolean; refused?: string };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, canRunWave, what);
  const { db, programmeId, wave } = findWave(params);
  const actor = { ...actorOf(user, context), role: user.role };
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = (done: string, hash = "") => redirect(`/waves/${wave.id}/cohort?done=${done}${hash}`);
  if (intent === "sponsor") {
    const submission = parseSubmission(formData, { schema: SponsorSchema });
    if (submission.status !== "success") return data<Reply>({ intent, result: submission.reply() }, { status: 400 });
    const result = setSponsor(db, actor, { programmeId, waveId: wave.id, version: submission.value.version, sponsorUserId: submission.value.sponsorUserId });
    if (!result.ok && "conflict" in result) return data<Reply>({ intent, conflict: result.conflict }, { status: 409 });
    if (!result.ok && result.status === 400)
      return data<Reply>({ intent, result: submission.reply({ fieldErrors: { sponsorUserId: [result.refused] } }) }, { status: 400 });
    if (!result.ok) refusal(result);
    return back("sponsor");
  }
  if (intent === "add-champion" || intent === "remove-champion") {
    const submission = parseSubmission(formData, { schema: intent === "add-champion" ? AddChampionSchema : RemoveChampionSchema });
    if (submission.status !== "success") return data<Reply>({ intent, result: submission.reply() }, { status: 400 });
    const input = { programmeId, waveId: wave.id, userId: submission.value.championUserId };
    const result = intent === "add-champion" ? addChampion(db, actor, input) : removeChampion(db, actor, input);
    if (!result.ok && result.status === 400)
      return data<Reply>({ intent, result: submission.reply({ fieldErrors: { championUserId: [result.refused] } }) }, { status: 400 });
    if (!result.ok && result.status === 409) return data<Reply>({ intent, refused: result.refused }, { status: 409 });
    if (!result.ok) refusal(result);
    return back(intent === "add-champion" ? "champion" : "champion-removed", "#champions");
  }
  if (intent === "add-event") {
    const submission = parseSubmission(formData, { schema: WaveEventSchema });
    if (submission.status !== "success") return data<Reply>({ intent, result: submission.reply() }, { status: 400 });
    const { intent: _i, confirmNoPatientData: _p, attendeeIds, attendance, notes, ...v } = submission.value;
    const values = { ...v, attendance: attendance ?? null, notes: notes ?? "" };
    const pii = patientDataWarning({ title: values.title, notes: values.notes }, formData);
    if (pii) return data<Reply>({ intent, result: submission.reply({ fieldErrors: pii }), pii: true }, { status: 400 });
    const result = logWaveEvent(db, actor, { programmeId, waveId: wave.id, values, attendeeIds: attendeeIds ?? [] });
    if (!result.ok && result.status === 400) {
      const field = result.refused === UNKNOWN_ATTENDEE ? "attendeeIds" : "heldOn";
      return data<Reply>({ intent, result: submission.reply({ fieldErrors: { [field]: [result.refused] } }) }, { status: 400 });
    }
    if (!result.ok) refusal(result);
    return back("event", "#timeline");
  }
  badRequest("That request was not understood.");
}

export default function RunWave() {
  const { wave, champions, events, people, wavePeople, range, today } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>() as Reply | undefined;
  const [search] = useSearchParams();
  const resultFor = (intent: string) => (last?.intent === intent ? last : undefined);
  const sponsorReply = resultFor("sponsor");
  const [sponsorForm, sf] = useNhsForm(SponsorSchema, sponsorReply?.result, `sponsor-${wave.version}`, {
    sponsorUserId: wave.sponsorUserId ? String(wave.sponsorUserId) : "",
  });
  const [championForm, cf] = useNhsForm(AddChampionSchema, resultFor("add-champion")?.result, "add-champion");
  const addEvent = resultFor("add-event");
  const [eventForm, ef] = useNhsForm(WaveEventSchema, addEvent?.result, "add-event");
  const removeReply = resultFor("remove-champion");
  const base = `/waves/${wave.id}`;
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/waves", label: "Waves" },
          { to: base, label: waveLabel(wave.number, wave.name) },
        ]}
      />
      <span className="nhsuk-caption-l">{waveLabel(wave.number, wave.name)}</span>
      <h1>Sponsor, champions and events</h1>
      <DoneNotice message={DONE[search.get("done") ?? ""] ?? null} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h2 id="sponsor">Executive sponsor</h2>
          <ConflictNotice conflict={sponsorReply?.conflict} />
          <ErrorSummary form={sponsorForm} fields={{ sponsorUserId: sf.sponsorUserId }} />
          <Form method="post" {...getFormProps(sponsorForm)}>
            <input type="hidden" name="intent" value="sponsor" />
            <input type="hidden" name="version" value={sponsorReply?.conflict?.currentVersion ?? wave.version} />
            <PersonSelectField field={sf.sponsorUserId} label="Executive sponsor" hint="The executive who sponsors the wave's teams" people={people} />
            <button className="nhsuk-button nhsuk-button--secondary" type="submit">
              Save the sponsor
            </button>
          </Form>

          <h2 id="champions">Champions</h2>
          {removeReply?.refused ? <ErrorSummaryBox errors={[{ text: removeReply.refused }]} /> : null}
          {champions.length === 0 ? (
            <p className="app-muted">No champions yet. Add the staff who support the wave's teams.</p>
          ) : (
            <Table
              caption="The wave's champions"
              captionHidden
              rows={champions}
              rowKey={(c) => c.userId}
              columns={[
                { id: "name", header: "Champion", rowHeader: true, cell: (c) => c.name },
                { id: "job", header: "Job title", cell: (c) => c.jobTitle },
                {
                  id: "remove",
                  header: <span className="nhsuk-u-visually-hidden">Remove</span>,
                  cell: (c) => (
                    <Form method="post" className="app-inline-form">
                      <input type="hidden" name="intent" value="remove-champion" />
                      <input type="hidden" name="championUserId" value={c.userId} />
                      <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0">
                        Remove<span className="nhsuk-u-visually-hidden"> {c.name}</span>
                      </button>
                    </Form>
                  ),
                },
              ]}
            />
          )}
          <ErrorSummary form={championForm} fields={{ championUserId: cf.championUserId }} />
          <Form method="post" {...getFormProps(championForm)}>
            <input type="hidden" name="intent" value="add-champion" />
            <PersonSelectField field={cf.championUserId} label="Add a champion" people={people} />
            <button className="nhsuk-button nhsuk-button--secondary" type="submit">
              Add the champion
            </button>
          </Form>
        </div>
      </div>

      <h2 id="timeline">Events</h2>
      <WaveTimeline events={events} today={today} editBase={`${base}/events`} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h3 id="log-event">Log an event</h3>
          <ErrorSummary form={eventForm} fields={waveEventSummaryFields(ef)} />
          <Form method="post" {...getFormProps(eventForm)}>
            <input type="hidden" name="intent" value="add-event" />
            <WaveEventFields fields={ef} people={wavePeople} range={range} />
            <PiiConfirm show={Boolean(addEvent?.pii)} />
            <button className="nhsuk-button" type="submit">
              Log the event
            </button>
          </Form>
          <p>
            <Link to={base}>Back to the wave</Link>
          </p>
        </div>
      </div>
    </>
  );
}
