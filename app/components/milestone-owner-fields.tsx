// The owner of a milestone: a person from the people picker, or the name of someone not in
// Stepping Up in a details box (open when it holds a name or an error).
import { Details, TextField, type AnyField } from "~/components/nhs";
import { PersonSelectField, type Person } from "~/components/person-select";

export function MilestoneOwnerFields({ ownerUserId, owner, people }: { ownerUserId: AnyField; owner: AnyField; people: readonly Person[] }) {
  const typed = typeof owner.initialValue === "string" && owner.initialValue.trim() !== "";
  return (
    <>
      <PersonSelectField
        field={ownerUserId}
        label="Owner (optional)"
        hint="The person who will make it happen. Type part of their name to find them."
        people={people}
        placeholder="No owner chosen"
      />
      <Details summary="The owner is not in Stepping Up" open={typed || Boolean(owner.errors?.length)}>
        <TextField
          field={owner}
          label="Name of an owner not in Stepping Up (optional)"
          hint="Only for someone without an account here, such as a partner organisation's lead. Leave the list above empty."
          width={20}
        />
      </Details>
    </>
  );
}
