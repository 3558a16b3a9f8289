import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseSubmission } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { ConflictNotice } from "~/components/conflict-notice";
import { ErrorSummary, useNhsForm } from "~/components/forms";
import { MeasureBanner } from "~/components/measure-banner";
import { Checkboxes, ErrorMessage, FormButtons } from "~/components/nhs";
import { getDb } from "~/db.server";
import { buildConflict, type Conflict } from "~/domain/conflict";
import { badRequest, notFound, requireProjectEditor } from "~/auth/guards.server";
import { measureSlideKey, orderFromForm, PresentationFormSchema, SECTION_LABELS, SECTION_SLIDES, type PresentationSettings } from "~/web/presentation";
import { getSettings, lastSettingsChange, listOrderableMeasures } from "~/models/presentation.server";
import { saveSettings } from "~/models/presentation-commands.server";
import { actorOf } from "~/auth/actor.server";
import { refusal } from "~/web/command-reply.server";

export const meta: MetaFunction = () => [{ title: "Presentation settings – Stepping Up" }];

const LABELS = { hidden: "Hidden slides", measureOrder: "Order of measures" };

type Named = { id: number; name: string };

/** Settings as people read them: slide names, not keys. */
function readable(s: Pick<PresentationSettings, "hidden" | "measureOrder">, measures: Named[]) {
  const names = new Map(measures.map((m) => [m.id, m.name]));
  const slideName = (key: string) =>
    key in SECTION_LABELS
      ? SECTION_LABELS[key as keyof typeof SECTION_LABELS]
      : `Measure: ${names.get(Number(key.replace("measure-", ""))) ?? "deleted measure"}`;
  const order = s.measureOrder.filter((id) => names.has(id));
  return {
    hidden: s.hidden.filter((k) => !k.startsWith("measure-") || names.has(Number(k.slice(8)))).map(slideName),
    measureOrder: order.length ? order.map((id) => names.get(id)).join(" → ") : "",
  };
}

/** "hid The PDSA journey; measures in the order A → B" for the audit trail (names, however long). */
function summarise(before: ReturnType<typeof readable>, after: ReturnType<typeof readable>): string {
  const hid = after.hidden.filter((h) => !before.hidden.includes(h));
  const showed = before.hidden.filter((h) => !after.hidden.includes(h));
  const parts = [
    hid.length ? `hid ${hid.join(", ")}` : "",
    showed.length ? `showed ${showed.join(", ")}` : "",
    before.measureOrder !== after.measureOrder ? `measures in the order ${after.measureOrder}` : "",
  ].filter(Boolean);
  return `Presentation: ${parts.join("; ") || "no visible change"}`;
}

const hideable = (measures: Named[]) => [...SECTION_SLIDES, ...measures.map((m) => measureSlideKey(m.id))];

function formValues(settings: PresentationSettings, measures: Named[]) {
  const hidden = new Set(settings.hidden);
  return {
    rev: String(settings.rev),
    show: hideable(measures).filter((k) => !hidden.has(k)),
    measures: measures.map((m, i) => ({ id: String(m.id), position: String(i + 1) })),
  };
}

async function requireEditorAndSettings(request: Request, context: ActionFunctionArgs["context"], projectIdParam?: string) {
  const { user, projectId } = await requireProjectEditor(request, context, projectIdParam);
  const db = getDb();
  const settings = getSettings(db, projectId);
  if (!settings) notFound("project");
  return { user, projectId, db, settings, measures: listOrderableMeasures(db, projectId, settings.measureOrder) };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { projectId, settings, measures } = await requireEditorAndSettings(request, context, params.projectId);
  const saved = new URL(request.url).searchParams.get("saved");
  return {
    projectId,
    measures,
    formValues: formValues(settings, measures),
    saved: saved === "1" ? "The presentation is saved" : saved === "0" ? "Nothing changed: the slides were already set like this" : null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, projectId, db, settings, measures } = await requireEditorAndSettings(request, context, params.projectId);
  const submission = parseSubmission(await request.formData(), { schema: PresentationFormSchema });
  const fail = (result: SubmissionResult<string[]>, conflict: Conflict | null = null, status = 400) => data({ result, conflict }, { status });
  if (submission.status !== "success") return fail(submission.reply());
  const { rev, show = [], measures: positions } = submission.value;

  const known = new Set(hideable(measures));
  if (show.some((k) => !known.has(k))) badRequest("That request was not understood.");
  const order = orderFromForm(positions);
  const current = new Set(measures.map((m) => m.id));
  if (order.length !== current.size || order.some((id) => !current.has(id))) {
    return fail(
      submission.reply({
        formErrors: ["The project's measures changed since you opened this page. Reload the page, check the order and save again"],
      }),
    );
  }

  const shown = new Set(show);
  const next = { hidden: [...known].filter((k) => !shown.has(k)), measureOrder: order };
  const before = readable(settings, measures);
  const after = readable(next, measures);
  if (rev === settings.rev && JSON.stringify(before) === JSON.stringify(after)) {
    return redirect(`/projects/${projectId}/present/settings?saved=0`);
  }
  const saved = saveSettings(db, actorOf(user, context), {
    projectId,
    rev,
    ...next,
    summary: summarise(before, after),
  });
  if (!saved.ok) {
    if ("refused" in saved) refusal(saved);
    const latest = saved.conflict;
    const who = lastSettingsChange(db, projectId);
    return fail(
      submission.reply(),
      buildConflict({
        changedBy: who?.name ?? who?.email ?? null,
        changedAt: who?.at ?? null,
        currentVersion: latest.rev,
        current: readable(latest, measures),
        submitted: after,
        labels: LABELS,
      }),
      409,
    );
  }
  return redirect(`/projects/${projectId}/present/settings?saved=1`);
}

export default function PresentationSettingsPage() {
  const { projectId, measures, formValues, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const opened = useMemo<SubmissionResult<string[]>>(() => ({ initialValue: formValues }), [formValues]);
  const [form, fields] = useNhsForm(PresentationFormSchema, actionData?.result ?? opened, "presentation-settings");
  const positions = new Map(
    [fields.measures.initialValue ?? []].flat().map((m) => {
      const row = (m ?? {}) as { id?: string; position?: string };
      return [String(row.id), String(row.position ?? "")];
    }),
  );
  const rev = actionData?.conflict?.currentVersion ?? Number(fields.rev.initialValue ?? formValues.rev);
  const orderErrors = fields.measures.errors ?? [];
  const slideChoices = [
    { key: "aim", label: SECTION_LABELS.aim },
    { key: "drivers", label: SECTION_LABELS.drivers },
    ...measures.map((m) => ({ key: measureSlideKey(m.id), label: `Measure: ${m.name}` })),
    ...SECTION_SLIDES.filter((s) => s !== "aim" && s !== "drivers").map((s) => ({ key: s, label: SECTION_LABELS[s] })),
  ];

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {saved && !actionData ? <MeasureBanner message={saved} /> : null}
        <ConflictNotice conflict={actionData?.conflict} />
        <ErrorSummary form={form} fields={{ measures: fields.measures }} />
        <h2>Choose the slides</h2>
        <p>
          The deck is built from the project's live workbook. Hide the slides you do not want to present and put the measures in the order you will talk about
          them. Your choices are kept for everyone who presents this project.
        </p>
        <Form method="post" {...getFormProps(form)} key={`${rev}-${actionData ? "result" : "opened"}`}>
          <input type="hidden" name="rev" value={rev} />
          <Checkboxes
            field={fields.show}
            legend="Slides to show"
            legendSize="m"
            hint="The title slide with the team is always shown."
            items={slideChoices.map((c) => ({ value: c.key, label: c.label }))}
          />

          {measures.length > 1 ? (
            <div className={`nhsuk-form-group${orderErrors.length ? " nhsuk-form-group--error" : ""}`}>
              <fieldset
                className="nhsuk-fieldset"
                id={fields.measures.id}
                tabIndex={-1}
                aria-describedby={`order-hint${orderErrors.length ? ` ${fields.measures.errorId}` : ""}`}
              >
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Order of the measures</legend>
                <div className="nhsuk-hint" id="order-hint">
                  Position 1 is presented first.
                </div>
                {orderErrors.length ? <ErrorMessage id={fields.measures.errorId}>{orderErrors.join(". ")}</ErrorMessage> : null}
                {measures.map((m, i) => (
                  <div className="nhsuk-form-group app-present-order" key={m.id}>
                    <input type="hidden" name={`measures[${i}].id`} value={m.id} />
                    <label className="nhsuk-label" htmlFor={`position-${m.id}`}>
                      Position of {m.name}
                    </label>
                    <select
                      className={`nhsuk-select${orderErrors.length ? " nhsuk-select--error" : ""}`}
                      id={`position-${m.id}`}
                      name={`measures[${i}].position`}
                      defaultValue={positions.get(String(m.id)) ?? String(i + 1)}
                    >
                      {measures.map((_, p) => (
                        <option key={p} value={String(p + 1)}>
                          {p + 1}
                        </option>
                      ))}
                    </select>
                  </div>
                ))}
              </fieldset>
            </div>
          ) : (
            measures.map((m, i) => (
              <span key={m.id}>
                <input type="hidden" name={`measures[${i}].id`} value={m.id} />
                <input type="hidden" name={`measures[${i}].position`} value="1" />
              </span>
            ))
          )}

          <FormButtons submit="Save the presentation" cancelTo={`/projects/${projectId}/present`} cancelLabel="Start presenting" />
        </Form>
      </div>
    </div>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
