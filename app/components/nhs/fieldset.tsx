import type { ReactNode } from "react";

export type LegendSize = "s" | "m" | "l" | "xl";

/** NHS.UK fieldset. With `isPageHeading` the legend holds the page's h1, as the design system advises. */
export function Fieldset({
  legend,
  legendSize,
  isPageHeading = false,
  describedBy,
  role,
  className,
  children,
}: {
  legend: ReactNode;
  legendSize?: LegendSize;
  isPageHeading?: boolean;
  describedBy?: string;
  /** "group" for a set of text boxes (a date), so screen readers read the hint; none for radios and checkboxes. */
  role?: "group";
  className?: string;
  children: ReactNode;
}) {
  const legendClass = `nhsuk-fieldset__legend${legendSize ? ` nhsuk-fieldset__legend--${legendSize}` : ""}`;
  return (
    <fieldset className={`nhsuk-fieldset${className ? ` ${className}` : ""}`} role={role} aria-describedby={describedBy}>
      <legend className={legendClass}>{isPageHeading ? <h1 className="nhsuk-fieldset__heading">{legend}</h1> : legend}</legend>
      {children}
    </fieldset>
  );
}
