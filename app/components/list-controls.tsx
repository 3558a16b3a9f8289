// Controls shared by the filterable lists (board, projects, asks, audit trail): GET forms and pages.

export function FilterSelect({
  name,
  label,
  value,
  options,
  all,
  id = `filter-${name}`,
}: {
  name: string;
  label: string;
  value: string | number | undefined | null;
  options: readonly { value: string | number; label: string }[];
  /** The first option, meaning "no filter". */
  all: string;
  /** The select's id, where a page's links or tests already name it. */
  id?: string;
}) {
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

// Pagination moved to the NHS component kit; kept here for the list pages that import it.
export { Pagination } from "~/components/nhs";
