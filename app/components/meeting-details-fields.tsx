// The meeting's title, date and attendees, shared by "plan a meeting" and "edit the details".
import { DateInput, Checkboxes, TextareaField, TextField, type AnyField } from "~/components/nhs";

type DetailsFields = { title: AnyField; meetingDate: AnyField; attendees: AnyField; attendeeIds: AnyField };

/** The details' fields in form order, for the error summary. */
export const detailsSummaryFields = ({ title, meetingDate, attendees, attendeeIds }: DetailsFields) => ({ title, meetingDate, attendees, attendeeIds });

export function MeetingDetailsFields({ fields, people }: { fields: DetailsFields; people: { id: number; name: string; jobTitle: string }[] }) {
  return (
    <>
      <TextField field={fields.title} label="Title" width={30} />
      <DateInput field={fields.meetingDate} legend="Date of the meeting" />
      <TextareaField
        field={fields.attendees}
        label="Attendees"
        hint="One name per line (or separated by semicolons), with their role if useful. You can also choose board members below."
        rows={4}
      />
      {people.length ? (
        <Checkboxes
          field={fields.attendeeIds}
          legend="Choose board members who attend"
          small
          items={people.map((p) => ({
            value: String(p.id),
            label: (
              <>
                {p.name}
                {p.jobTitle ? <span className="app-muted">, {p.jobTitle}</span> : null}
              </>
            ),
          }))}
        />
      ) : null}
    </>
  );
}
