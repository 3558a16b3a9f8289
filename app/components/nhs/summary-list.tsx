// NHS.UK summary list: rows of key, value and (optionally) actions such as "Change".
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export type SummaryAction = { href: string; text: string; visuallyHiddenText?: string };

export type SummaryRow = {
  key: ReactNode;
  value: ReactNode;
  actions?: readonly SummaryAction[];
  id?: string;
  className?: string;
  valueClassName?: string;
  /** data-* attributes on the value, for tests and scripts that read one value. */
  valueAttributes?: Record<`data-${string}`, string | undefined>;
};

function ActionLink({ action }: { action: SummaryAction }) {
  return (
    <Link className="nhsuk-link" to={action.href}>
      {action.text}
      {action.visuallyHiddenText ? <span className="nhsuk-u-visually-hidden"> {action.visuallyHiddenText}</span> : null}
    </Link>
  );
}

export function SummaryList({
  rows,
  noBorder = false,
  className,
  attributes,
}: {
  /** Falsy entries are skipped, so optional rows can be written inline. */
  rows: readonly (SummaryRow | false | null | undefined)[];
  noBorder?: boolean;
  className?: string;
  attributes?: Record<`data-${string}`, string | undefined>;
}) {
  const shown = rows.filter((r): r is SummaryRow => Boolean(r));
  const hasActions = shown.some((r) => r.actions?.length);
  return (
    <dl className={`nhsuk-summary-list${noBorder ? " nhsuk-summary-list--no-border" : ""}${className ? ` ${className}` : ""}`} {...attributes}>
      {shown.map((row, i) => (
        <div
          key={row.id ?? i}
          id={row.id}
          className={`nhsuk-summary-list__row${hasActions && !row.actions?.length ? " nhsuk-summary-list__row--no-actions" : ""}${row.className ? ` ${row.className}` : ""}`}
        >
          <dt className="nhsuk-summary-list__key">{row.key}</dt>
          <dd className={`nhsuk-summary-list__value${row.valueClassName ? ` ${row.valueClassName}` : ""}`} {...row.valueAttributes}>
            {row.value}
          </dd>
          {row.actions?.length ? (
            <dd className="nhsuk-summary-list__actions">
              {row.actions.length === 1 ? (
                <ActionLink action={row.actions[0]} />
              ) : (
                <ul className="nhsuk-summary-list__actions-list">
                  {row.actions.map((a) => (
                    <li className="nhsuk-summary-list__actions-list-item" key={a.href + a.text}>
                      <ActionLink action={a} />
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}
