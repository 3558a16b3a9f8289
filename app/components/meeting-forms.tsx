// The forms the board fills in during a meeting: its view and decision on a project, and actions.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { DateInput, ErrorSummary, Radios, SelectField, TextareaField, type AnyField } from "~/components/nhs";
import { PersonSelectField, type Person } from "~/components/person-select";
import { useNhsForm } from "~/components/nhs/use-nhs-form";
import { PiiConfirm } from "~/components/pii-confirm";
import { MEETING_DECISIONS, RAGS } from "~/domain/enums";
import { RAG_LABELS } from "~/domain/labels";
import { DECISION_LABELS } from "~/domain/meeting-rules";
import { actionSchema, ReviewSchema } from "~/forms/meeting-form";
import { FormToken } from "~/components/form-token";

type Result = SubmissionResult<string[]> | undefined;

function RagRadios({ field, legend }: { field: AnyField; legend: string }) {
  return <Radios field={field} legend={legend} inline items={RAGS.map((rag) => ({ value: rag, label: RAG_LABELS[rag] }))} />;
}

export function ReviewForm({
  itemId,
  title,
  version,
  decision,
  notes,
  hasAssessment,
  lastResult,
  pii,
}: {
  itemId: number;
  title: string;
  version: number;
  decision: string | null;
  notes: string;
  hasAssessment: boolean;
  lastResult: Result;
  pii: boolean;
}) {
  const [form, fields] = useNhsForm(ReviewSchema, lastResult, `review-${itemId}`, { decision: decision ?? "", notes });
  return (
    <Form method="post" {...getFormProps(form)} aria-label={`The board's view and decision on ${title}`}>
      <ErrorSummary
        form={form}
        fields={{
          rag: fields.rag,
          reason: fields.reason,
          comment: fields.comment,
          decision: fields.decision,
          notes: fields.notes,
        }}
      />
      <input type="hidden" name="intent" value="review" />
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="version" value={version} />
      <RagRadios field={fields.rag} legend={hasAssessment ? "The board's RAG rating (only to record a new view)" : "The board's RAG rating"} />
      <TextareaField
        field={fields.reason}
        label="Reason for the rating"
        hint="What the board based its view on: data, milestones, what the team said."
        rows={2}
      />
      <TextareaField field={fields.comment} label="Comment on the rating (optional)" rows={2} />
      <SelectField
        field={fields.decision}
        label="Decision"
        placeholder="Choose the board's decision"
        options={MEETING_DECISIONS.map((d) => ({ value: d, label: DECISION_LABELS[d] }))}
      />
      <TextareaField
        field={fields.notes}
        label="Notes of the discussion"
        hint="Optional, except when the board defers the project: then give the reason, such as time ran out or the data is due next month."
        rows={3}
      />
      <PiiConfirm show={pii} />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit">
        Save the view and decision<span className="nhsuk-u-visually-hidden"> on {title}</span>
      </button>
    </Form>
  );
}

export function ActionForm({
  formId,
  projectId,
  title,
  version,
  meetingDate,
  people,
  lastResult,
  pii,
}: {
  formId: string;
  projectId: number | null;
  title: string | null;
  version: number;
  meetingDate: string;
  people: readonly Person[];
  lastResult: Result;
  pii: boolean;
}) {
  const [form, fields] = useNhsForm(actionSchema(meetingDate), lastResult, formId);
  return (
    <Form method="post" {...getFormProps(form)} aria-label={title ? `New action for ${title}` : "New programme action"}>
      <ErrorSummary form={form} fields={{ text: fields.text, ownerUserId: fields.ownerUserId, dueOn: fields.dueOn }} />
      <input type="hidden" name="intent" value="add-action" />
      <FormToken />
      <input type="hidden" name="version" value={version} />
      {projectId ? <input type="hidden" name="projectId" value={projectId} /> : null}
      <TextareaField field={fields.text} label="Action" rows={2} />
      <PersonSelectField field={fields.ownerUserId} label="Owner" placeholder="Choose who owns the action" people={people} />
      <DateInput field={fields.dueOn} legend="Due date" />
      <PiiConfirm show={pii} />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit">
        Add the action{title ? <span className="nhsuk-u-visually-hidden"> for {title}</span> : null}
      </button>
    </Form>
  );
}
