import { Tag } from "~/components/nhs";

/** Marks the project's primary measure (the one the board shows) beside its name. */
export function PrimaryTag() {
  return (
    <Tag colour="blue" className="nhsuk-u-margin-left-2">
      Primary
    </Tag>
  );
}
