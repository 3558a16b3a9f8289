import type { ReactNode } from "react";

/** NHS.UK details: a native <details>, so it opens without JavaScript. */
export function Details({
  summary,
  open,
  className,
  textClassName,
  children,
}: {
  summary: ReactNode;
  open?: boolean;
  className?: string;
  textClassName?: string;
  children: ReactNode;
}) {
  return (
    <details className={`nhsuk-details${className ? ` ${className}` : ""}`} open={open || undefined}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">{summary}</span>
      </summary>
      <div className={`nhsuk-details__text${textClassName ? ` ${textClassName}` : ""}`}>{children}</div>
    </details>
  );
}
