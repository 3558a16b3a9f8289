import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseFields, parseSubmission } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { ConflictNotice } from "~/components/conflict-notice";
import { DateInput, FormButtons } from "~/components/nhs";
import { ErrorSummary, TextareaField, TextField, useNhsForm } from "~/components/forms";
import { pickFields } from "~/components/measure-definition-fields";
import { PiiConfirm } from "~/components/pii-confirm";
import type { Frequency } from "~/domain/enums";
import { capitalise, checkPoint, formatMeasureValue, normalisePeriod, periodLabel, unitSuffix } from "~/domain/measure-periods";
import { formatNumber } from "~/domain/spc";
import type { Conflict } from "~/domain/conflict";
import { badRequest, notFound, parseId, requireMeasureEditor } from "~/auth/guards.server";
import { DeletePointSchema, pointEntry, pointSchema } from "~/forms/measure-form";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { today } from "~/today.server";
import { findPointByPeriod, getPoint, type Point, type PointValues } from "~/models/measure-data.server";
import { addPoint, correctPoint, deletePoint } from "~/models/measure-data-commands.server";
import { actorOf } from "~/auth/actor.server";
import { refusal, valueOf } from "~/web/command-reply.server";
import { useMeasureLayout } from "~/routes/projects.$projectId.measures.$measureId";
import { FormToken } from "~/components/form-token";
import { spentFormToken } from "~/models/form-token.server";
import { ConfirmDeleteEvent, MeasureEvents } from "~/components/measure-events";
import { entersEvents, eventDateProblem } from "~/domain/event-intervals";
import { DeleteEventSchema, EventSchema, EventsPasteSchema, readPastedEvents } from "~/forms/measure-event-form";
import { parseImportDate } from "~/forms/measure-import-check.server";
import { dataCounts, listEvents } from "~/models/measure-events.server";
import { deleteEvent, recordEvents } from "~/models/measure-event-commands.server";
import { VALUES_ENTERED_DIRECTLY } from "~/domain/event-intervals";

export const meta: MetaFunction = () => [{ title: "A value of a measure – Stepping Up" }];

const DATE_HINTS: Record<Frequency, string> = {
  daily: "The day the value is for.",
  weekly: "Any day of the week: the value is kept for the week beginning on its Monday.",
  monthly: "Any day of the month: the value is kept for the whole month.",
};

/** A stored value as form values (strings), so the correction form opens filled in. */
function asFormValues(p: Point): Record<string, string> {
  const s = (v: number | null) => (v === null ? "" : String(v));
  return {
    periodDate: p.periodDate,
    value: String(p.value),
    numerator: s(p.numerator),
    denominator: s(p.denominator),
    note: p.note,
  };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, measure, base } = await requireMeasureEditor(request, context, params);
  const search = new URL(request.url).searchParams;
  const pointParam = search.get("point") ?? search.get("delete");
  const point = pointParam === null ? null : getPoint(db, measure.id, parseId(pointParam, "value"));
  if (pointParam !== null && !point) notFound("value");
  // A g or t chart's values may be worked out from the dates of its events (ADR 034).
  const counts = dataCounts(db, measure.id);
  const events = entersEvents(measure, counts) && !(counts.events === 0 && search.has("interval")) ? listEvents(db, measure.id) : null;
  const eventParam = search.get("deleteEvent");
  const deleting = eventParam === null || !events ? null : (events.find((e) => e.id === parseId(eventParam, "event")) ?? notFound("event"));
  return {
    base,
    events,
    deletingEvent: deleting,
    canEnterIntervals: counts.events === 0,
    mode: point === null ? ("add" as const) : search.has("delete") ? ("delete" as const) : ("update" as const),
    point: point ? { ...point, updatedAt: point.updatedAt.getTime() } : null,
    formValues: point ? asFormValues(point) : { periodDate: today() },
  };
}

type ActionResult = {
  intent: "add" | "update" | "delete";
  result: SubmissionResult<string[]> | null;
  pii: boolean;
  conflict: Conflict | null;
  updatedAt: number | null;
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, db, measure, base } = await requireMeasureEditor(request, context, params);
  const formData = await request.formData();
  const actor = actorOf(user, context);
  const answer = (extra: Partial<ActionResult> & Pick<ActionResult, "intent">, status: number) =>
    data<ActionResult>({ result: null, pii: false, conflict: null, updatedAt: null, ...extra }, { status });

  const eventIntent = formData.get("intent");
  if (eventIntent === "event" || eventIntent === "events" || eventIntent === "delete-event") {
    return eventAction(formData, { user, db, measure, base, actor });
  }

  if (formData.get("intent") === "delete") {
    const parsed = parseFields(formData, DeletePointSchema);
    if (!parsed.success) badRequest("That request was not understood. Reload the page and try again.");
    const deleted = deletePoint(db, actor, { measure, pointId: parsed.data.pointId, updatedAt: parsed.data.updatedAt });
    if (deleted.ok) return redirect(`${base}?saved=deleted`);
    if ("refused" in deleted) refusal(deleted);
    return answer({ intent: "delete", conflict: deleted.conflict.notice, updatedAt: deleted.conflict.updatedAt }, 409);
  }

  const schema = pointSchema(measure);
  const submission = parseSubmission(formData, { schema });
  const intent = formData.get("intent") === "update" ? "update" : "add";
  const fail = (result: SubmissionResult<string[]>, pii = false) => answer({ intent, result, pii }, 400);
  if (submission.status !== "success") return fail(submission.reply());
  const v = submission.value;
  const formToken = v.intent === "add" ? v.formToken : undefined;
  const replay = spentFormToken(db, { userId: user.id, kind: "measure_point", token: formToken });
  if (replay) return redirect(replay);
  const entry = pointEntry(v, measure);
  const checked = entry ? checkPoint(entry, measure) : null;
  if (!checked?.ok) return fail(submission.reply({ formErrors: ["Enter the value"] }));
  const periodDate = normalisePeriod(v.periodDate, measure.frequency);
  if (periodDate > normalisePeriod(today(), measure.frequency)) {
    return fail(
      submission.reply({
        fieldErrors: { periodDate: ["The date is in the future: add the value once the period has started"] },
      }),
    );
  }
  const before = v.intent === "update" ? getPoint(db, measure.id, v.pointId ?? 0) : null;
  if (v.intent === "update" && (!before || v.updatedAt === undefined)) notFound("value");
  const clash = findPointByPeriod(db, measure.id, periodDate);
  if (clash && clash.id !== before?.id) {
    const label = periodLabel(periodDate, measure.frequency);
    return fail(
      submission.reply({
        fieldErrors: {
          periodDate: [`There is already a value for ${label} (${formatNumber(clash.value)}): correct that value instead`],
        },
      }),
    );
  }
  const values: PointValues = {
    periodDate,
    value: checked.value,
    numerator: checked.numerator,
    denominator: checked.denominator,
    note: v.note ?? "",
  };
  const pii = patientDataWarning({ note: values.note }, formData);
  if (pii) return fail(submission.reply({ fieldErrors: pii }), true);

  if (before) {
    const corrected = correctPoint(db, actor, {
      measure,
      pointId: before.id,
      values,
      updatedAt: v.updatedAt as number,
    });
    if (corrected.ok) return redirect(`${base}?saved=corrected`);
    if ("refused" in corrected) refusal(corrected);
    const { notice, updatedAt } = corrected.conflict;
    return answer({ intent, result: submission.reply(), conflict: notice, updatedAt }, 409);
  }
  const { location } = valueOf(addPoint(db, actor, { measure, values, formToken, location: `${base}?saved=added` }));
  return redirect(location);
}

type EventActionResult = { eventResult: SubmissionResult<string[]> | null; pasteProblems: string[]; pasted: string; pii: boolean };

/** Recording or deleting events: each a command that rebuilds the values from the dates. */
async function eventAction(
  formData: FormData,
  {
    user,
    db,
    measure,
    base,
    actor,
  }: Pick<Awaited<ReturnType<typeof requireMeasureEditor>>, "user" | "db" | "measure" | "base"> & { actor: ReturnType<typeof actorOf> },
) {
  const reply = (extra: Partial<EventActionResult>, status: number) =>
    data<EventActionResult>({ eventResult: null, pasteProblems: [], pasted: "", pii: false, ...extra }, { status });
  const intent = formData.get("intent");
  // A measure whose values were entered one by one offers no event form: its refusal is the error page.
  if (!entersEvents(measure, dataCounts(db, measure.id))) badRequest(VALUES_ENTERED_DIRECTLY);
  if (intent === "delete-event") {
    const parsed = parseFields(formData, DeleteEventSchema);
    if (!parsed.success) badRequest("That request was not understood. Reload the page and try again.");
    valueOf(deleteEvent(db, actor, { measure, eventId: parsed.data.eventId }));
    return redirect(`${base}?saved=event-deleted`);
  }
  const taken = new Set(listEvents(db, measure.id).map((e) => e.eventDate));
  if (intent === "events") {
    const parsed = parseFields(formData, EventsPasteSchema);
    if (!parsed.success) return reply({ pasteProblems: parsed.error.issues.map((i) => i.message) }, 400);
    const replay = spentFormToken(db, { userId: user.id, kind: "measure_event", token: parsed.data.formToken });
    if (replay) return redirect(replay);
    const read = readPastedEvents(parsed.data.dates, taken, today(), parseImportDate);
    if (read.problems.length) return reply({ pasteProblems: read.problems, pasted: parsed.data.dates }, 400);
    const saved = recordEvents(db, actor, { measure, events: read.events, formToken: parsed.data.formToken, location: `${base}?saved=events` });
    if (!saved.ok) return reply({ pasteProblems: [saved.refused], pasted: parsed.data.dates }, saved.status);
    return redirect(saved.value.location);
  }
  const submission = parseSubmission(formData, { schema: EventSchema });
  if (submission.status !== "success") return reply({ eventResult: submission.reply() }, 400);
  const v = submission.value;
  const replay = spentFormToken(db, { userId: user.id, kind: "measure_event", token: v.formToken });
  if (replay) return redirect(replay);
  const problem = eventDateProblem(v.eventDate, taken, today());
  if (problem) return reply({ eventResult: submission.reply({ fieldErrors: { eventDate: [capitalise(problem)] } }) }, 400);
  const note = v.note ?? "";
  const pii = patientDataWarning({ note }, formData);
  if (pii) return reply({ eventResult: submission.reply({ fieldErrors: pii }), pii: true }, 400);
  const saved = recordEvents(db, actor, { measure, events: [{ eventDate: v.eventDate, note }], formToken: v.formToken, location: `${base}?saved=event` });
  if (!saved.ok) return reply({ eventResult: submission.reply({ formErrors: [saved.refused] }) }, saved.status);
  return redirect(saved.value.location);
}

export default function PointPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { measure: m } = useMeasureLayout();
  if (loaderData.events) {
    if (loaderData.deletingEvent) return <ConfirmDeleteEvent name={m.name} base={loaderData.base} event={loaderData.deletingEvent} />;
    const eventData = actionData && "pasteProblems" in actionData ? actionData : null;
    return (
      <MeasureEvents
        name={m.name}
        base={loaderData.base}
        events={loaderData.events}
        result={eventData?.eventResult ?? null}
        pasteProblems={eventData?.pasteProblems ?? []}
        pasted={eventData?.pasted ?? ""}
        pii={eventData?.pii ?? false}
        showIntervalLink={loaderData.canEnterIntervals}
      />
    );
  }
  const pointData = actionData && "intent" in actionData ? actionData : undefined;
  const mode = pointData?.intent ?? loaderData.mode;
  return mode === "delete" ? <ConfirmDelete /> : <PointForm mode={mode} />;
}

function usePointActionData() {
  const actionData = useActionData<typeof action>();
  return actionData && "intent" in actionData ? actionData : undefined;
}

function PointForm({ mode }: { mode: "add" | "update" }) {
  const { base, point, formValues } = useLoaderData<typeof loader>();
  const actionData = usePointActionData();
  const { measure: m } = useMeasureLayout();
  const schema = useMemo(() => pointSchema(m), [m]);
  const opened = useMemo<SubmissionResult<string[]>>(() => ({ initialValue: formValues }), [formValues]);
  const [form, fields] = useNhsForm(schema, actionData?.result ?? opened);
  const names = m.usesRatio ? ["periodDate", "numerator", "denominator", "note"] : ["periodDate", "value", "note"];
  const suffix = unitSuffix(m);

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ConflictNotice conflict={actionData?.conflict} />
        <ErrorSummary form={form} fields={pickFields(fields, names)} />
        <span className="nhsuk-caption-m">{m.name}</span>
        <h2>{mode === "update" ? "Correct a value" : "Add a value"}</h2>
        {mode === "add" ? (
          <p>
            One value per {m.frequency === "daily" ? "day" : m.frequency === "weekly" ? "week" : "month"}. To add many at once,{" "}
            <Link to={`${base}/import`}>paste or upload them from a spreadsheet</Link>.
          </p>
        ) : null}
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value={mode} />
          {mode === "add" ? <FormToken /> : null}
          {point ? (
            <>
              <input type="hidden" name="pointId" value={point.id} />
              <input type="hidden" name="updatedAt" value={actionData?.updatedAt ?? point.updatedAt} />
            </>
          ) : null}
          <DateInput field={fields.periodDate} legend="Date" hint={DATE_HINTS[m.frequency]} />
          {m.usesRatio ? (
            <>
              <TextField field={fields.numerator} label="Numerator" hint="The number that met the definition, like 29" width={10} />
              <TextField
                field={fields.denominator}
                label="Denominator"
                hint={`The number it is out of, like 35. The value is worked out for you${suffix === "%" ? " as a percentage" : ""}.`}
                width={10}
              />
            </>
          ) : (
            <TextField field={fields.value} label={`Value${suffix ? ` (${suffix})` : ""}`} hint="A number, like 12 or 92.5" width={10} />
          )}
          <TextareaField field={fields.note} label="Note (optional)" hint="Anything that explains this value, like two agency-staffed nights" rows={3} />
          <PiiConfirm show={Boolean(actionData?.pii)} />
          <FormButtons submit={mode === "update" ? "Save the correction" : "Add the value"} cancelTo={base} />
        </Form>
      </div>
    </div>
  );
}

function ConfirmDelete() {
  const { base, point } = useLoaderData<typeof loader>();
  const actionData = usePointActionData();
  const { measure: m } = useMeasureLayout();
  if (!point) return null;
  const label = periodLabel(point.periodDate, m.frequency);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ConflictNotice conflict={actionData?.conflict} />
        <span className="nhsuk-caption-m">{m.name}</span>
        <h2>Delete the value for {label}?</h2>
        <p>
          {capitalise(label)}: {formatMeasureValue(point.value, unitSuffix(m))}
          {point.numerator !== null && point.denominator !== null ? ` (${formatNumber(point.numerator)} / ${formatNumber(point.denominator)})` : ""}
          {point.note ? `. Note: ${point.note}` : ""}
        </p>
        <p>The chart and its limits are recalculated without it. The audit trail keeps a record of the deletion.</p>
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="pointId" value={point.id} />
          <input type="hidden" name="updatedAt" value={actionData?.updatedAt ?? point.updatedAt} />
          <FormButtons submit="Delete the value" cancelTo={base} cancelLabel="No, keep it" warning />
        </Form>
      </div>
    </div>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
