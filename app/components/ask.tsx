// An ask on the page: its state as a tag, and the fields of one ask (what, from whom,
// by when) used on the project's ask page and for each ask written in a status report.
import { DateInput, Radios, Tag, TextareaField, type AnyField, type TagColour } from "~/components/nhs";
import { PersonSelectField } from "~/components/person-select";
import type { AskState } from "~/domain/enums";
import { ASK_STATE_LABELS } from "~/domain/labels";
import type { AskPerson } from "~/forms/ask-form";

const STATE_TAGS: Record<AskState, TagColour> = {
  open: "blue",
  accepted: "aqua-green",
  resolved: "green",
  declined: "grey",
};

/** Colour plus the word. */
export function AskStateTag({ state }: { state: AskState }) {
  return <Tag colour={STATE_TAGS[state]}>{ASK_STATE_LABELS[state]}</Tag>;
}

/** NHS radios bound to a conform field, from a list of options. */
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
  return <Radios field={field} legend={legend} hint={hint} items={options} />;
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
      <PersonSelectField field={fields.addresseeUserId} label="Named person" hint="Only if the ask is for a named person." people={people} />
      <DateInput field={fields.dueOn} legend="Answer needed by (optional)" />
    </>
  );
}
