import type { ReactNode } from "react";

/** NHS.UK details: a native <details>, so it opens without JavaScript. */
export function Details({
  summary,
  open,
  id,
  className,
  textClassName,
  children,
}: {
  summary: ReactNode;
  open?: boolean;
  /** For a link to the disclosure ("…#id"). */
  id?: string;
  className?: string;
  textClassName?: string;
  children: ReactNode;
}) {
  return (
    <details id={id} className={`nhsuk-details${className ? ` ${className}` : ""}`} open={open || undefined}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">{summary}</span>
      </summary>
      <div className={`nhsuk-details__text${textClassName ? ` ${textClassName}` : ""}`}>{children}</div>
    </details>
  );
}
