// The milestone's editing forms: update, re-baseline and the delete confirmation.
import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { ConflictNotice } from "~/components/conflict-notice";
import { ErrorSummary, TextareaField, TextField, useNhsForm } from "~/components/forms";
import { DateInput, Details, FormButtons, WarningCallout } from "~/components/nhs";
import { PiiConfirm } from "~/components/pii-confirm";
import { MilestoneOwnerFields } from "~/components/milestone-owner-fields";
import type { Person } from "~/components/person-select";
import { formatDay } from "~/web/dates";
import { rebaselineSchema, updateSchema, type ActionResult } from "./schemas";

type Milestone = {
  id: number;
  title: string;
  ownerUserId: number | null;
  ownerText: string;
  baselineDate: string;
  forecastDate: string;
  completedOn: string | null;
  version: number;
};

export function MilestoneForms({
  m,
  people,
  today,
  base,
  permissions,
  confirmingDelete,
  actionData,
}: {
  m: Milestone;
  people: readonly Person[];
  today: string;
  base: string;
  permissions: { edit: boolean };
  confirmingDelete: boolean;
  actionData: ActionResult | undefined;
}) {
  const resultFor = (intent: ActionResult["intent"]) => (actionData?.intent === intent ? actionData : undefined);
  const update = resultFor("update");
  const rebase = resultFor("rebaseline");
  const removal = resultFor("delete");
  const [updateForm, uf] = useNhsForm(updateSchema({ today, currentForecast: m.forecastDate }), update?.result, `milestone-update-${m.version}`, {
    title: m.title,
    ownerUserId: m.ownerUserId ? String(m.ownerUserId) : "",
    owner: m.ownerText,
    forecastDate: m.forecastDate,
    completedOn: m.completedOn ?? "",
  });
  const [rebaseForm, rf] = useNhsForm(rebaselineSchema({ currentBaseline: m.baselineDate }), rebase?.result, `milestone-rebaseline-${m.version}`, {
    baselineDate: m.forecastDate === m.baselineDate ? "" : m.forecastDate,
  });
  const versionFor = (r: ActionResult | undefined) => r?.conflict?.currentVersion ?? m.version;
  return (
    <>
      {permissions.edit && confirmingDelete ? (
        <WarningCallout heading="Delete this milestone?">
          <ConflictNotice conflict={removal?.conflict} />
          <p>
            &ldquo;{m.title}&rdquo; will disappear from the plan. Its history stays in the audit trail. Only delete a milestone added by mistake: a step that
            will not happen is better re-baselined or completed.
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="version" value={versionFor(removal)} />
            <FormButtons submit="Yes, delete this milestone" warning cancelTo={`${base}/${m.id}`} cancelLabel="No, keep it" />
          </Form>
        </WarningCallout>
      ) : null}

      {permissions.edit ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h3>Update the milestone</h3>
            <ConflictNotice conflict={update?.conflict} />
            <ErrorSummary
              form={updateForm}
              fields={{
                title: uf.title,
                ownerUserId: uf.ownerUserId,
                owner: uf.owner,
                forecastDate: uf.forecastDate,
                forecastReason: uf.forecastReason,
                completedOn: uf.completedOn,
              }}
            />
            <Form method="post" {...getFormProps(updateForm)}>
              <input type="hidden" name="intent" value="update" />
              <input type="hidden" name="version" value={versionFor(update)} />
              <TextField field={uf.title} label="Milestone" width={30} />
              <MilestoneOwnerFields ownerUserId={uf.ownerUserId} owner={uf.owner} people={people} />
              <DateInput
                field={uf.forecastDate}
                legend="Forecast date"
                hint={`When you now expect to finish. The baseline stays ${formatDay(m.baselineDate)}.`}
              />
              <TextareaField
                field={uf.forecastReason}
                label="Reason for moving the forecast"
                hint="Needed when the forecast moves later: say what is holding it up."
                rows={3}
              />
              <DateInput field={uf.completedOn} legend="Completed on (optional)" hint="Leave blank until the milestone is done." />
              <PiiConfirm show={Boolean(update?.pii)} />
              <button className="nhsuk-button" type="submit">
                Save milestone
              </button>
            </Form>

            <Details summary="Re-baseline this milestone" open={Boolean(rebase)}>
              <p>
                Re-baseline only when the plan itself is agreed again (for example by the programme board). The old baseline, the new one and your reason are
                kept in the history.
              </p>
              <ConflictNotice conflict={rebase?.conflict} />
              <ErrorSummary form={rebaseForm} fields={{ baselineDate: rf.baselineDate, reason: rf.reason }} />
              <Form method="post" {...getFormProps(rebaseForm)}>
                <input type="hidden" name="intent" value="rebaseline" />
                <input type="hidden" name="version" value={versionFor(rebase)} />
                <DateInput field={rf.baselineDate} legend="New baseline date" hint={`The baseline is now ${formatDay(m.baselineDate)}.`} />
                <TextareaField field={rf.reason} label="Reason for re-baselining" rows={3} />
                <PiiConfirm show={Boolean(rebase?.pii)} />
                <button className="nhsuk-button nhsuk-button--secondary" type="submit">
                  Re-baseline
                </button>
              </Form>
            </Details>
            {!confirmingDelete ? (
              <p>
                <Link to="?delete">Delete this milestone</Link>
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
    </>
  );
}
