// The meeting's title, date and attendees, shared by "plan a meeting" and "edit the details".
import type { FieldMetadata } from "@conform-to/react";
import { TextareaField, TextField } from "~/components/forms";

type AnyField = FieldMetadata<any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function MeetingDetailsFields({
  fields,
  people,
}: {
  fields: { title: AnyField; meetingDate: AnyField; attendees: AnyField; attendeeIds: AnyField };
  people: { id: number; name: string; jobTitle: string }[];
}) {
  const chosen = new Set(([fields.attendeeIds.initialValue ?? []].flat() as unknown[]).map(String));
  const invalid = Boolean(fields.attendeeIds.errors?.length);
  return (
    <>
      <TextField field={fields.title} label="Title" width={30} />
      <TextField field={fields.meetingDate} label="Date of the meeting" type="date" />
      <TextareaField
        field={fields.attendees}
        label="Attendees"
        hint="One name per line (or separated by semicolons), with their role if useful. You can also choose board members below."
        rows={4}
      />
      {people.length ? (
        <div className={`nhsuk-form-group${invalid ? " nhsuk-form-group--error" : ""}`}>
          <fieldset className="nhsuk-fieldset" aria-describedby={invalid ? fields.attendeeIds.errorId : undefined}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Choose board members who attend</legend>
            {invalid ? (
              <span className="nhsuk-error-message" id={fields.attendeeIds.errorId}>
                <span className="nhsuk-u-visually-hidden">Error:</span> {fields.attendeeIds.errors?.join(". ")}
              </span>
            ) : null}
            <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
              {people.map((p) => (
                <div className="nhsuk-checkboxes__item" key={p.id}>
                  <input
                    className="nhsuk-checkboxes__input"
                    id={`${fields.attendeeIds.id}-${p.id}`}
                    name={fields.attendeeIds.name}
                    type="checkbox"
                    value={p.id}
                    defaultChecked={chosen.has(String(p.id))}
                  />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`${fields.attendeeIds.id}-${p.id}`}>
                    {p.name}
                    {p.jobTitle ? <span className="app-muted">, {p.jobTitle}</span> : null}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
      ) : null}
    </>
  );
}
