import type { ReactNode } from "react";

/** NHS.UK error message: "Error:" is read out before the message, not shown. */
export function ErrorMessage({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <span className="nhsuk-error-message" id={id}>
      <span className="nhsuk-u-visually-hidden">Error: </span>
      {children}
    </span>
  );
}
