import type { ReactNode } from "react";

/** NHS.UK inset text; "Information:" is read out before it. */
export function InsetText({
  className,
  role,
  attributes,
  children,
}: {
  className?: string;
  /** "status" for a message that confirms what just happened, so screen readers announce it. */
  role?: "status";
  attributes?: Record<`data-${string}`, string>;
  children: ReactNode;
}) {
  return (
    <div className={`nhsuk-inset-text${className ? ` ${className}` : ""}`} role={role} {...attributes}>
      <span className="nhsuk-u-visually-hidden">Information: </span>
      {children}
    </div>
  );
}

/**
 * NHS.UK warning callout. "Important:" is read out before a heading that does not already say it.
 * nhsuk-frontend 10 still styles this markup (it draws new callouts as a warning card and drops
 * these classes in v11); the pages that write callouts by hand use it too, so all callouts look
 * the same until they move to the card together.
 */
export function WarningCallout({
  heading,
  headingLevel = 3,
  attributes,
  children,
}: {
  heading: string;
  headingLevel?: 2 | 3 | 4;
  attributes?: Record<`data-${string}`, string>;
  children: ReactNode;
}) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="nhsuk-warning-callout" {...attributes}>
      <Heading className="nhsuk-warning-callout__label">
        {/important/i.test(heading) ? null : <span className="nhsuk-u-visually-hidden">Important: </span>}
        {heading}
      </Heading>
      {children}
    </div>
  );
}
