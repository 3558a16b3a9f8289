// The NHS.UK error summary. nhsuk-frontend 10 keeps role="alert" on an inner container so the
// announcement is not cut short when the summary takes focus.
import type { FormMetadata } from "@conform-to/react";
import { useEffect, useRef, type ReactNode } from "react";
import { isDatePartsValue } from "~/forms/date-parts";
import { firstDateBoxInError } from "./date-input";
import type { AnyField } from "./field";

export type ErrorSummaryItem = { text: ReactNode; href?: string };

/** The summary box: a heading, an optional description, and one line per problem (a link when it has a target). */
export function ErrorSummaryBox({
  heading = "There is a problem",
  headingId,
  errors = [],
  focusKey,
  children,
  after,
}: {
  heading?: ReactNode;
  headingId?: string;
  errors?: readonly ErrorSummaryItem[];
  /** The summary takes focus when it appears and whenever this changes (a new failed submission). */
  focusKey?: unknown;
  /** The description, before the list. */
  children?: ReactNode;
  /** Anything to say after the list. */
  after?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [focusKey]);
  return (
    <div className="nhsuk-error-summary" tabIndex={-1} ref={ref} aria-labelledby={headingId}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading" id={headingId}>
          {heading}
        </h2>
        <div className="nhsuk-error-summary__body">
          {children}
          {errors.length ? (
            <ul className="nhsuk-list nhsuk-error-summary__list">
              {errors.map((e, i) => (
                <li key={i}>{e.href ? <a href={e.href}>{e.text}</a> : e.text}</li>
              ))}
            </ul>
          ) : null}
          {after}
        </div>
      </div>
    </div>
  );
}

/**
 * The error summary of a conform form: form-level errors first, then one link per invalid field, in
 * `fields` order. Only a field's own errors are listed (a list field's items are passed as fields of
 * their own), so a date checked as a whole should put its message on the date, not on its day box.
 * A date's link goes to its first box at fault (the year when only the year is missing).
 */
export function ErrorSummary({
  form,
  fields,
}: {
  form: FormMetadata<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  fields: Record<string, AnyField>;
}) {
  const items: ErrorSummaryItem[] = [
    ...(form.errors ?? []).map((text: string) => ({ text })),
    ...Object.values(fields)
      .map((f) => ({ f, errors: f.errors ?? [] }))
      .filter(({ errors }) => errors.length)
      .map(({ f, errors }) => ({ text: errors.join(". "), href: `#${isDatePartsValue(f.value ?? f.initialValue) ? firstDateBoxInError(f) : f.id}` })),
  ];
  if (items.length === 0) return null;
  return <ErrorSummaryBox errors={items} focusKey={`${form.status}:${items.length}`} />;
}
