// The fields of a listening event, shared by "log an event" and "edit the event".
import { DateInput, TextareaField, TextField, type AnyField } from "~/components/nhs";
import { PersonSelectField, type Person } from "~/components/person-select";

export type EventFields = { heldOn: AnyField; site: AnyField; staffGroup: AnyField; facilitatorUserId: AnyField; attendance: AnyField; notes: AnyField };

export const eventSummaryFields = ({ heldOn, site, staffGroup, facilitatorUserId, attendance, notes }: EventFields) => ({
  heldOn,
  site,
  staffGroup,
  facilitatorUserId,
  attendance,
  notes,
});

export function ConversationEventFields({ fields, people }: { fields: EventFields; people: readonly Person[] }) {
  return (
    <>
      <DateInput field={fields.heldOn} legend="Date of the event" hint="For example, 15 3 2027" />
      <TextField field={fields.site} label="Site" hint="For example, the hospital or community base" width={30} />
      <TextField field={fields.staffGroup} label="Staff group" hint="For example, nursing and midwifery, or all staff" width={30} />
      <PersonSelectField field={fields.facilitatorUserId} label="Facilitator" hint="They can record the themes raised at this event" people={people} />
      <TextField field={fields.attendance} label="Attendance" hint="The number of people who took part" width={4} />
      <TextareaField field={fields.notes} label="Notes (optional)" hint="Do not include patient details" rows={4} />
    </>
  );
}
