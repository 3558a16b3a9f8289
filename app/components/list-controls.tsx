// Controls shared by the filterable lists (board, projects, asks, audit trail): GET forms and pages.
import { Link } from "@remix-run/react";

export function FilterSelect({
  name,
  label,
  value,
  options,
  all,
}: {
  name: string;
  label: string;
  value: string | number | undefined | null;
  options: readonly { value: string | number; label: string }[];
  /** The first option, meaning "no filter". */
  all: string;
}) {
  const id = `filter-${name}`;
  return (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <select className="nhsuk-select" id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** NHS pagination: previous and next links that keep the rest of the query string. */
export function Pagination({
  page,
  pages,
  href,
  label,
  previous = "Previous",
  next = "Next",
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  label: string;
  previous?: string;
  next?: string;
}) {
  if (pages <= 1) return null;
  return (
    <nav className="nhsuk-pagination" role="navigation" aria-label={label}>
      <ul className="nhsuk-list nhsuk-pagination__list">
        {page > 1 ? (
          <li className="nhsuk-pagination-item--previous">
            <Link className="nhsuk-pagination__link nhsuk-pagination__link--prev" to={href(page - 1)}>
              <span className="nhsuk-pagination__title">{previous}</span>
              <span className="nhsuk-u-visually-hidden">:</span>
              <span className="nhsuk-pagination__page">{`Page ${page - 1} of ${pages}`}</span>
            </Link>
          </li>
        ) : null}
        {page < pages ? (
          <li className="nhsuk-pagination-item--next">
            <Link className="nhsuk-pagination__link nhsuk-pagination__link--next" to={href(page + 1)}>
              <span className="nhsuk-pagination__title">{next}</span>
              <span className="nhsuk-u-visually-hidden">:</span>
              <span className="nhsuk-pagination__page">{`Page ${page + 1} of ${pages}`}</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
