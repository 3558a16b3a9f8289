// A form's closing row: the submit button and the way out, in nhsuk-frontend's button group.
// `warning` is the red button of a removal; `cancelTo` is a link, so leaving never submits.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="nhsuk-button-group">{children}</div>;
}

export function FormButtons({
  submit,
  cancelTo,
  cancelLabel = "Cancel",
  warning = false,
  disabled,
  name,
  value,
  children,
}: {
  submit: ReactNode;
  cancelTo?: string;
  cancelLabel?: string;
  warning?: boolean;
  disabled?: boolean;
  /** For a form with several intents: the button's name and value are submitted with it. */
  name?: string;
  value?: string;
  /** Further buttons or links after the submit button. */
  children?: ReactNode;
}) {
  return (
    <ButtonGroup>
      <button className={`nhsuk-button${warning ? " nhsuk-button--warning" : ""}`} type="submit" disabled={disabled} name={name} value={value}>
        {submit}
      </button>
      {children}
      {cancelTo !== undefined ? (
        <Link className="nhsuk-link" to={cancelTo}>
          {cancelLabel}
        </Link>
      ) : null}
    </ButtonGroup>
  );
}
