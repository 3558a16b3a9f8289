import { Link } from "@remix-run/react";
import { Tag } from "~/components/nhs";

/** Marks the project's primary measure (the one the board shows) beside its name. */
export function PrimaryTag() {
  return (
    <Tag colour="blue" className="nhsuk-u-margin-left-2">
      Primary
    </Tag>
  );
}

/** A measure's name as a link to its page, tagged when it is the primary one. */
export function MeasureName({ name, isPrimary, to }: { name: string; isPrimary: boolean; to: string }) {
  return (
    <>
      <Link to={to}>{name}</Link>
      {isPrimary ? <PrimaryTag /> : null}
    </>
  );
}
