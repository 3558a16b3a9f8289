import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseSubmission } from "~/forms/submission.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { z } from "zod";
import { ConflictNotice } from "~/components/conflict-notice";
import { ErrorSummary, SelectField, TextareaField, TextField, useNhsForm } from "~/components/forms";
import { DateInput, Checkboxes, Fieldset, FormButtons, Hint, WarningCallout } from "~/components/nhs";
import { PiiConfirm } from "~/components/pii-confirm";
import { getDb } from "~/db.server";
import { smartAimWarning } from "~/domain/charter-rules";
import { CQC_DOMAINS, ORIGINS, type CqcDomain } from "~/domain/enums";
import { CQC_DOMAIN_LABELS, ORIGIN_LABELS, STAGE_LABELS } from "~/domain/labels";
import { LONG_TEXT, optionalId, optionalNumber, SHORT_TEXT, strictForm, version } from "~/forms/charter-form";
import { optionalDay } from "~/forms/day-field";
import { optionalText, requiredText } from "~/forms/text-field";
import { requireProjectEditor } from "~/auth/guards.server";
import { actorOf } from "~/auth/actor.server";
import { versionedFormReplies } from "~/web/versioned-form.server";
import { editCharter } from "~/models/charter-commands.server";
import { getCharterForEdit, listCharterOptions, optionBelongs } from "~/models/charter.server";
import { waveLabel } from "~/domain/wave-label";

export const meta: MetaFunction = () => [{ title: "Edit the charter – Stepping Up" }];

const CharterSchema = strictForm({
  version: version(),
  title: requiredText("Enter a title for the project", { what: "The title", max: SHORT_TEXT }),
  problem: optionalText({ what: "The problem", max: LONG_TEXT, multiline: true }),
  proposalIdea: optionalText({ what: "The idea", max: LONG_TEXT, multiline: true }),
  aimWhat: optionalText({ what: "What will improve", max: SHORT_TEXT * 2 }),
  aimForWhom: optionalText({ what: "For whom", max: SHORT_TEXT * 2 }),
  aimMeasure: optionalText({ what: "The measure", max: SHORT_TEXT * 2 }),
  aimBaseline: optionalNumber("Enter the baseline as a number, like 58 or 12.5"),
  aimTarget: optionalNumber("Enter the target as a number, like 90 or 12.5"),
  aimTargetDate: optionalDay("The date to reach the target"),
  scope: optionalText({ what: "The scope", max: LONG_TEXT, multiline: true }),
  divisionId: optionalId("Choose a division from the list"),
  service: optionalText({ what: "The service or ward", max: SHORT_TEXT }),
  themeId: optionalId("Choose a strategic theme from the list"),
  cqcDomains: z
    .array(z.string())
    .refine((list) => list.every((d) => (CQC_DOMAINS as readonly string[]).includes(d)), "Choose CQC domains from the list")
    .optional(),
  origin: z.enum(ORIGINS, { error: "Choose where the project came from" }),
  originReference: optionalText({ what: "The reference", max: SHORT_TEXT }),
  waveId: optionalId("Choose a wave from the list"),
  plannedStart: optionalDay("The planned start"),
  plannedEnd: optionalDay("The planned end"),
}).superRefine((v, ctx) => {
  if (v.plannedStart && v.plannedEnd && v.plannedEnd < v.plannedStart) {
    ctx.addIssue({
      code: "custom",
      path: ["plannedEnd"],
      message: "The planned end date must be on or after the planned start date",
    });
  }
});

type Charter = NonNullable<ReturnType<typeof getCharterForEdit>>;
type Values = Omit<Charter, "id" | "programmeId" | "stage" | "version" | "updatedAt" | "updatedByName">;

/** The stored charter as form values (strings), so the form opens filled in. */
function asFormValues(c: Charter): Record<string, string | string[]> {
  const s = (v: string | number | null) => (v === null ? "" : String(v));
  return {
    title: c.title,
    problem: c.problem,
    proposalIdea: c.proposalIdea,
    aimWhat: c.aimWhat,
    aimForWhom: c.aimForWhom,
    aimMeasure: c.aimMeasure,
    aimBaseline: s(c.aimBaseline),
    aimTarget: s(c.aimTarget),
    aimTargetDate: s(c.aimTargetDate),
    scope: c.scope,
    divisionId: s(c.divisionId),
    service: c.service,
    themeId: s(c.themeId),
    cqcDomains: c.cqcDomains,
    origin: c.origin,
    originReference: c.originReference,
    waveId: s(c.waveId),
    plannedStart: s(c.plannedStart),
    plannedEnd: s(c.plannedEnd),
  };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { projectId } = await requireProjectEditor(request, context, params.projectId);
  const db = getDb();
  const charter = getCharterForEdit(db, projectId)!;
  return {
    charter,
    formValues: asFormValues(charter),
    options: listCharterOptions(db, charter.programmeId, charter),
    aimWarning: smartAimWarning(charter),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, projectId } = await requireProjectEditor(request, context, params.projectId);
  const db = getDb();
  const formData = await request.formData();
  const submission = parseSubmission(formData, { schema: CharterSchema });
  const { fail, patientData, saved } = versionedFormReplies(formData);
  if (submission.status !== "success") return fail(submission.reply());

  const { version: expected, cqcDomains = [], ...v } = submission.value;
  const before = getCharterForEdit(db, projectId)!;
  const options = listCharterOptions(db, before.programmeId, before);
  const badChoice = (["divisions", "themes", "waves"] as const).find(
    (k) => !optionBelongs(options, k, { divisions: v.divisionId, themes: v.themeId, waves: v.waveId }[k] ?? null),
  );
  if (badChoice) {
    const field = { divisions: "divisionId", themes: "themeId", waves: "waveId" }[badChoice];
    return fail(submission.reply({ fieldErrors: { [field]: [`Choose a ${badChoice.slice(0, -1)} from the list`] } }));
  }
  const values = {
    title: v.title,
    problem: v.problem ?? "",
    proposalIdea: v.proposalIdea ?? "",
    aimWhat: v.aimWhat ?? "",
    aimForWhom: v.aimForWhom ?? "",
    aimMeasure: v.aimMeasure ?? "",
    aimBaseline: v.aimBaseline ?? null,
    aimTarget: v.aimTarget ?? null,
    aimTargetDate: v.aimTargetDate ?? null,
    scope: v.scope ?? "",
    divisionId: v.divisionId ?? null,
    service: v.service ?? "",
    themeId: v.themeId ?? null,
    origin: v.origin,
    originReference: v.originReference ?? "",
    waveId: v.waveId ?? null,
    plannedStart: v.plannedStart ?? null,
    plannedEnd: v.plannedEnd ?? null,
  };
  // Only text that changed is checked: what was confirmed before is not asked about again.
  const changedText = Object.fromEntries(Object.entries(values).filter(([k, val]) => typeof val === "string" && val !== before[k as keyof Values]));
  const pii = patientData(submission, changedText);
  if (pii) return pii;

  const domains = cqcDomains as CqcDomain[];
  return saved(submission, editCharter(db, actorOf(user, context), { projectId, version: expected, values, domains }), `/projects/${projectId}`);
}

export default function EditCharter() {
  const { charter, formValues, options, aimWarning } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const opened = useMemo<SubmissionResult<string[]>>(() => ({ initialValue: formValues }), [formValues]);
  const [form, fields] = useNhsForm(CharterSchema, actionData?.result ?? opened);
  const idOptions = (list: { id: number; name: string }[]) => list.map((o) => ({ value: String(o.id), label: o.name }));
  const { title, problem, proposalIdea, aimWhat, aimForWhom, aimMeasure, aimBaseline, aimTarget, aimTargetDate } = fields;
  const { scope, divisionId, service, themeId, origin, originReference, waveId, plannedStart, plannedEnd } = fields;

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ConflictNotice conflict={actionData?.conflict} />
        <ErrorSummary
          form={form}
          fields={{
            title,
            problem,
            proposalIdea,
            aimWhat,
            aimForWhom,
            aimMeasure,
            aimBaseline,
            aimTarget,
            aimTargetDate,
            scope,
            divisionId,
            service,
            themeId,
            origin,
            originReference,
            waveId,
            plannedStart,
            plannedEnd,
            cqcDomains: fields.cqcDomains,
          }}
        />
        <h2>Edit the charter</h2>
        <p>
          Stage: {STAGE_LABELS[charter.stage]}. The stage changes through <Link to="../decision">decisions</Link>, and the team on the{" "}
          <Link to="../team">team page</Link>.
        </p>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="version" value={actionData?.version ?? charter.version} />
          <TextField field={title} label="Project title" width={30} />
          <TextareaField field={problem} label="Problem statement" hint="What happens now, who it affects and how you know" />
          <TextareaField field={proposalIdea} label="The idea" hint="The change first proposed" rows={3} />

          <Fieldset legend="SMART aim" legendSize="m">
            <Hint>Specific, measurable, achievable, relevant and time-bound: how much, for whom, by when.</Hint>
            {aimWarning ? (
              <WarningCallout heading="Aim not yet SMART">
                <p>{aimWarning}</p>
              </WarningCallout>
            ) : null}
            <TextField field={aimWhat} label="What will improve" hint="For example, give IV antibiotics within one hour of arrival" />
            <TextField field={aimForWhom} label="For whom" hint="For example, adults with red-flag sepsis in the Emergency Department" />
            <TextField field={aimMeasure} label="The measure" hint="How you will count it, for example the weekly audit percentage" />
            <TextField field={aimBaseline} label="Baseline value" hint="Where it is now, as a number" width={5} />
            <TextField field={aimTarget} label="Target value" hint="Where you aim to get to, as a number" width={5} />
            <DateInput field={aimTargetDate} legend="Date to reach the target" />
          </Fieldset>

          <TextareaField field={scope} label="Scope" hint="Which patients, wards and times are in, and what is left out" />
          <SelectField field={divisionId} label="Division" placeholder="Not chosen" options={idOptions(options.divisions)} />
          <TextField field={service} label="Service or ward" width={30} />
          <SelectField field={themeId} label="Strategic theme" placeholder="No theme" options={idOptions(options.themes)} />

          <Checkboxes
            field={fields.cqcDomains}
            legend="CQC domains"
            hint="Select all of the CQC key questions this project helps answer."
            items={CQC_DOMAINS.map((d) => ({ value: d, label: CQC_DOMAIN_LABELS[d] }))}
          />

          <SelectField field={origin} label="Where the project came from" options={ORIGINS.map((o) => ({ value: o, label: ORIGIN_LABELS[o] }))} />
          <TextField
            field={originReference}
            label="Reference (optional)"
            hint="For example, the CQC report paragraph (CQC report 2025, para 4.12)"
            width={30}
          />
          <SelectField
            field={waveId}
            label="Wave (optional)"
            placeholder="Not in a wave"
            options={options.waves.map((w) => ({ value: String(w.id), label: waveLabel(w.number, w.name) }))}
          />
          <DateInput field={plannedStart} legend="Planned start" />
          <DateInput field={plannedEnd} legend="Planned end" hint="On or after the planned start." />

          <PiiConfirm show={Boolean(actionData?.pii)} />
          <FormButtons submit="Save the charter" cancelTo=".." />
        </Form>
      </div>
    </div>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
