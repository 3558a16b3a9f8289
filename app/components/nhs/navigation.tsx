// NHS.UK pagination, breadcrumb and back link, as nhsuk-frontend 10 marks them up.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

const ARROWS = {
  left: "M10.7 6.3c.4.4.4 1 0 1.4L7.4 11H19a1 1 0 0 1 0 2H7.4l3.3 3.3c.4.4.4 1 0 1.4a1 1 0 0 1-1.4 0l-5-5A1 1 0 0 1 4 12c0-.3.1-.5.3-.7l5-5a1 1 0 0 1 1.4 0Z",
  right: "m14.7 6.3 5 5c.2.2.3.4.3.7 0 .3-.1.5-.3.7l-5 5a1 1 0 0 1-1.4-1.4l3.3-3.3H5a1 1 0 0 1 0-2h11.6l-3.3-3.3a1 1 0 1 1 1.4-1.4Z",
} as const;

function ArrowIcon({ direction }: { direction: keyof typeof ARROWS }) {
  return (
    <svg
      className={`nhsuk-icon nhsuk-icon--arrow-${direction}`}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      width="16"
      height="16"
      focusable="false"
      aria-hidden="true"
    >
      <path d={ARROWS[direction]} />
    </svg>
  );
}

/** Previous and next links between pages of a list; `href(page)` keeps the rest of the query string. */
export function Pagination({
  page,
  pages,
  href,
  label,
  previous = "Previous",
  next = "Next",
  pageText = (p, total) => `Page ${p} of ${total}`,
  preventScrollReset,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  /** The navigation landmark's name, e.g. "Pages of projects". */
  label: string;
  previous?: string;
  next?: string;
  pageText?: (page: number, pages: number) => string;
  /** Keep the scroll position, for a list in the middle of a page. */
  preventScrollReset?: boolean;
}) {
  if (pages <= 1) return null;
  const item = (to: number, rel: "prev" | "next") => (
    <li className={`nhsuk-pagination-item--${rel === "prev" ? "previous" : "next"}`}>
      <Link className={`nhsuk-pagination__link nhsuk-pagination__link--${rel}`} to={href(to)} rel={rel} preventScrollReset={preventScrollReset}>
        <span className="nhsuk-pagination__title">{rel === "prev" ? previous : next}</span>
        <span className="nhsuk-u-visually-hidden">:</span>
        <span className="nhsuk-pagination__page">{pageText(to, pages)}</span>
        <ArrowIcon direction={rel === "prev" ? "left" : "right"} />
      </Link>
    </li>
  );
  return (
    <nav className="nhsuk-pagination" role="navigation" aria-label={label}>
      <ul className="nhsuk-list nhsuk-pagination__list">
        {page > 1 ? item(page - 1, "prev") : null}
        {page < pages ? item(page + 1, "next") : null}
      </ul>
    </nav>
  );
}

export function BackLink({ to, children = "Back", visuallyHiddenText }: { to: string; children?: ReactNode; visuallyHiddenText?: string }) {
  return (
    <Link className="nhsuk-back-link" to={to}>
      {visuallyHiddenText ? <span className="nhsuk-u-visually-hidden">{visuallyHiddenText} </span> : null}
      {children}
    </Link>
  );
}

/** The trail of parent pages; on small screens nhsuk-frontend shows only a back link to the last one. */
export function Breadcrumb({ items, label = "Breadcrumb" }: { items: readonly { to: string; label: string }[]; label?: string }) {
  if (items.length === 0) return null;
  const parent = items[items.length - 1];
  return (
    <nav className="nhsuk-breadcrumb" aria-label={label}>
      <ol className="nhsuk-breadcrumb__list">
        {items.map((item) => (
          <li key={item.to} className="nhsuk-breadcrumb__list-item">
            <Link className="nhsuk-breadcrumb__link" to={item.to}>
              {item.label}
            </Link>
          </li>
        ))}
      </ol>
      <BackLink to={parent.to} visuallyHiddenText="Back to">
        {parent.label}
      </BackLink>
    </nav>
  );
}
