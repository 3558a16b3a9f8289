import { Form } from "@remix-run/react";
import { FormButtons } from "~/components/nhs";
import type { ReactNode } from "react";

/** The NHS confirm-before-removing step: what will go, one warning button, a way back. */
export function ConfirmRemoval({
  caption,
  title,
  children,
  fields,
  confirmLabel,
  cancelTo,
  cancelLabel = "No, keep it",
}: {
  caption: string;
  title: string;
  children?: ReactNode;
  /** Hidden fields the removal posts (intent, id, version…). */
  fields: Record<string, string | number>;
  confirmLabel: string;
  cancelTo: string;
  cancelLabel?: string;
}) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <span className="nhsuk-caption-m">{caption}</span>
        <h2>{title}</h2>
        {children}
        <Form method="post">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <FormButtons submit={confirmLabel} warning cancelTo={cancelTo} cancelLabel={cancelLabel} />
        </Form>
      </div>
    </div>
  );
}
