// The fields of a Pulse Check campaign, shared by the new and edit pages.
import type { AnyField } from "~/components/nhs/field";
import { SelectField, TextareaField, TextField } from "~/components/forms";
import { DateInput, Radios } from "~/components/nhs";

type Option = { value: string; label: string };
export type CampaignFieldSet = {
  name: AnyField;
  audience: AnyField;
  waveId: AnyField;
  kind: AnyField;
  baselineId: AnyField;
  opensOn: AnyField;
  closesOn: AnyField;
  statements: AnyField & { getFieldList: () => AnyField[] };
};

export function campaignSummaryFields(fields: CampaignFieldSet, withStatements: boolean) {
  const { name, audience, waveId, kind, baselineId, opensOn, closesOn } = fields;
  const statements = withStatements ? Object.fromEntries(fields.statements.getFieldList().map((f, i) => [`statement${i + 1}`, f])) : {};
  return { name, audience, waveId, kind, baselineId, opensOn, closesOn, ...statements };
}

export function CampaignFields({
  fields,
  waves,
  baselines,
  lockedStatements,
}: {
  fields: CampaignFieldSet;
  waves: Option[];
  baselines: Option[];
  /** The statements as answered, when answers have arrived and the wording can no longer change. */
  lockedStatements: string[] | null;
}) {
  return (
    <>
      <TextField field={fields.name} label="Name" hint="For example, Pulse Check: baseline, spring 2026" width={30} />
      <Radios
        field={fields.audience}
        legend="Who is asked"
        items={[
          { value: "trust", label: "The whole trust" },
          { value: "wave", label: "The teams of one wave" },
        ]}
      />
      <SelectField
        field={fields.waveId}
        label="Wave"
        hint="The wave whose teams are asked, or for the whole trust the wave people are asked about (“Are you part of a team in this wave?”)"
        options={waves}
        placeholder="No wave"
      />
      <Radios
        field={fields.kind}
        legend="Baseline or follow-up"
        items={[
          { value: "baseline", label: "Baseline", hint: "Before the work starts" },
          { value: "follow_up", label: "Follow-up", hint: "Compared statement by statement with its baseline" },
        ]}
      />
      {baselines.length ? (
        <SelectField field={fields.baselineId} label="Baseline to compare with" hint="Only for a follow-up" options={baselines} placeholder="None" />
      ) : (
        <input type="hidden" name={fields.baselineId.name} value="" />
      )}
      <DateInput field={fields.opensOn} legend="Opens on" hint="Answers are taken from this day" />
      <DateInput field={fields.closesOn} legend="Closes on" hint="The last day answers are taken. Results are shown once it has closed." />
      <h2 className="nhsuk-heading-m">Statements</h2>
      {lockedStatements ? (
        <>
          <p className="app-muted" data-locked="statements">
            The wording is locked: answers have arrived, and changing it now would change what those people answered.
          </p>
          <ol className="nhsuk-list nhsuk-list--number">
            {lockedStatements.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ol>
        </>
      ) : (
        <>
          <p>
            People say how much they agree with each statement, from strongly disagree to strongly agree. Keep a follow-up&apos;s statements in its
            baseline&apos;s order so they can be compared. The wording can be changed until the first answer arrives.
          </p>
          {fields.statements.getFieldList().map((f, i) => (
            <TextareaField key={f.key} field={f} label={`Statement ${i + 1}`} rows={2} />
          ))}
        </>
      )}
    </>
  );
}
