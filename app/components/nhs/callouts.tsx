import type { ReactNode } from "react";

/** NHS.UK inset text; "Information:" is read out before it. */
export function InsetText({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <div className={`nhsuk-inset-text${className ? ` ${className}` : ""}`}>
      <span className="nhsuk-u-visually-hidden">Information: </span>
      {children}
    </div>
  );
}

/**
 * NHS.UK warning callout, which nhsuk-frontend 10 draws as a warning card. "Important:" is read
 * out before a heading that does not already say it.
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
    <div className="nhsuk-card nhsuk-card--warning" {...attributes}>
      <div className="nhsuk-card__content">
        <Heading className="nhsuk-card__heading">
          {/important/i.test(heading) ? null : <span className="nhsuk-u-visually-hidden">Important: </span>}
          {heading}
        </Heading>
        {children}
      </div>
    </div>
  );
}
