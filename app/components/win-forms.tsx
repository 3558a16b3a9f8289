// The forms of the Wins page: confirm or dismiss a suggested win, or record one by hand.
// Schemas live here (not in a .server module) because the browser validates with them too.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, TextareaField, TextField, useNhsForm } from "~/components/forms";
import { PiiConfirm } from "~/components/pii-confirm";
import { WIN_KIND_LABELS } from "~/components/win-list";
import { DESCRIPTION_MAX, TITLE_MAX, type WinSuggestion } from "~/domain/win-suggestions";
import { strictForm } from "~/forms/charter-form";
import { optionalText, requiredText } from "~/forms/text-field";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";
import { FormToken } from "~/components/form-token";
import { Tag } from "~/components/nhs";

const title = requiredText("Enter a title for the win", { what: "The title", max: TITLE_MAX });
const description = optionalText({ what: "The description", max: DESCRIPTION_MAX, multiline: true });
const evidenceRef = z.string({ error: "Reload the page and try again" }).max(100, "Reload the page and try again");

export const ConfirmWinSchema = strictForm({ intent: z.literal("confirm"), evidenceRef, title, description });
export const DismissWinSchema = strictForm({ intent: z.literal("dismiss"), evidenceRef });
export const RecordWinSchema = strictForm({
  intent: z.literal("record"),
  title,
  description,
  [FORM_TOKEN_FIELD]: formToken(),
});

export type WinFormResult = { formId: string; result: SubmissionResult<string[]>; pii: boolean };

/** One form id per suggestion, safe in an HTML id and a URL fragment. */
export const suggestionFormId = (ref: string) => `win-${ref.replace(/[^a-zA-Z0-9]/g, "-")}`;
export const RECORD_FORM_ID = "win-record";

const resultFor = (formId: string, last: WinFormResult | undefined) => (last?.formId === formId ? last : undefined);

export function WinSuggestionCard({ suggestion, last }: { suggestion: WinSuggestion; last?: WinFormResult }) {
  const formId = suggestionFormId(suggestion.evidenceRef);
  const mine = resultFor(formId, last);
  const [form, fields] = useNhsForm(ConfirmWinSchema, mine?.result, formId, {
    title: suggestion.title,
    description: suggestion.description,
  });
  return (
    <div className="nhsuk-card app-win-suggestion">
      <div className="nhsuk-card__content">
        <p className="nhsuk-u-margin-bottom-2">
          <Tag colour="blue">{WIN_KIND_LABELS[suggestion.evidenceKind]}</Tag>
        </p>
        <h4 className="nhsuk-card__heading nhsuk-heading-s">{suggestion.title}</h4>
        <ErrorSummary form={form} fields={{ title: fields.title, description: fields.description }} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="evidenceRef" value={suggestion.evidenceRef} />
          <TextField field={fields.title} label="Title" hint="Change the words before you confirm, if you wish" />
          <TextareaField field={fields.description} label="What was achieved" rows={3} />
          <PiiConfirm show={Boolean(mine?.pii)} />
          <button className="nhsuk-button nhsuk-u-margin-bottom-2" type="submit">
            Confirm this win<span className="nhsuk-u-visually-hidden">: {suggestion.title}</span>
          </button>
        </Form>
        <Form method="post" className="app-win-suggestion__dismiss">
          <input type="hidden" name="intent" value="dismiss" />
          <input type="hidden" name="evidenceRef" value={suggestion.evidenceRef} />
          <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
            Not a win: dismiss<span className="nhsuk-u-visually-hidden"> {suggestion.title}</span>
          </button>
        </Form>
      </div>
    </div>
  );
}

export function RecordWinForm({ last }: { last?: WinFormResult }) {
  const mine = resultFor(RECORD_FORM_ID, last);
  const [form, fields] = useNhsForm(RecordWinSchema, mine?.result, RECORD_FORM_ID);
  return (
    <>
      <ErrorSummary form={form} fields={{ title: fields.title, description: fields.description }} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="record" />
        <FormToken />
        <TextField field={fields.title} label="Title" width={30} />
        <TextareaField
          field={fields.description}
          label="What was achieved, and how you know"
          hint="For example, feedback from patients or staff, or a result not yet on a chart"
          rows={3}
        />
        <PiiConfirm show={Boolean(mine?.pii)} />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Record the win
        </button>
      </Form>
    </>
  );
}
