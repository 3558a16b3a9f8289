// An ask on the page: its state as a tag, and the fields of one ask (what, from whom,
// by when) used on the project's ask page and for each ask written in a status report.
import type { FieldMetadata } from "@conform-to/react";
import { SelectField, TextareaField, TextField } from "~/components/forms";
import type { AskState } from "~/domain/enums";
import { ASK_STATE_LABELS } from "~/domain/labels";
import type { AskPerson } from "~/lib/ask-form";

const STATE_TAGS: Record<AskState, string> = {
  open: "nhsuk-tag--blue",
  accepted: "nhsuk-tag--aqua-green",
  resolved: "nhsuk-tag--green",
  declined: "nhsuk-tag--grey",
};

/** Colour plus the word. */
export function AskStateTag({ state }: { state: AskState }) {
  return <strong className={`nhsuk-tag ${STATE_TAGS[state]}`}>{ASK_STATE_LABELS[state]}</strong>;
}

type AnyField = FieldMetadata<any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** NHS radios bound to a conform field; the first radio carries the field id so error links reach it. */
export function RadiosField({
  field,
  legend,
  hint,
  options,
}: {
  field: AnyField;
  legend: string;
  hint?: string;
  options: readonly { value: string; label: string; hint?: string }[];
}) {
  const invalid = Boolean(field.errors?.length);
  const describedBy = [hint ? `${field.id}-hint` : "", invalid ? field.errorId : ""].filter(Boolean).join(" ");
  return (
    <div className={`nhsuk-form-group${invalid ? " nhsuk-form-group--error" : ""}`} key={field.key}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy || undefined}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        {hint ? (
          <div className="nhsuk-hint" id={`${field.id}-hint`}>
            {hint}
          </div>
        ) : null}
        {invalid ? (
          <span className="nhsuk-error-message" id={field.errorId}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {field.errors?.join(". ")}
          </span>
        ) : null}
        <div className="nhsuk-radios">
          {options.map((o, i) => {
            const id = i === 0 ? field.id : `${field.id}-${o.value}`;
            return (
              <div className="nhsuk-radios__item" key={o.value}>
                <input
                  className="nhsuk-radios__input"
                  id={id}
                  name={field.name}
                  form={field.formId}
                  type="radio"
                  value={o.value}
                  defaultChecked={field.initialValue === o.value}
                  aria-describedby={o.hint ? `${id}-hint` : undefined}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={id}>
                  {o.label}
                </label>
                {o.hint ? (
                  <div className="nhsuk-hint nhsuk-radios__hint" id={`${id}-hint`}>
                    {o.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function AskFields({
  fields,
  people,
  whatLabel = "What do you need?",
}: {
  fields: { what: AnyField; addressee: AnyField; addresseeUserId: AnyField; dueOn: AnyField };
  people: readonly AskPerson[];
  whatLabel?: string;
}) {
  return (
    <>
      <TextareaField
        field={fields.what}
        label={whatLabel}
        hint="Say exactly what you need: a decision, money, staff time, or help to remove a barrier."
        rows={3}
      />
      <RadiosField
        field={fields.addressee}
        legend="Who is it for?"
        options={[
          { value: "board", label: "The programme board" },
          { value: "person", label: "A named person", hint: "Choose them below." },
        ]}
      />
      <SelectField
        field={fields.addresseeUserId}
        label="Named person"
        hint="Only if the ask is for a named person."
        placeholder="Choose a person"
        options={people.map((p) => ({ value: String(p.id), label: p.jobTitle ? `${p.name}, ${p.jobTitle}` : p.name }))}
      />
      <TextField field={fields.dueOn} label="Answer needed by (optional)" type="date" width={10} />
    </>
  );
}
