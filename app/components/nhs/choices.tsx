// NHS.UK radios and checkboxes bound to a conform field. Markup follows nhsuk-frontend 10's
// templates: the first control takes the field's id (so the error summary's link lands on it), the
// others <id>-2, <id>-3…; an item hint is <item id>-item-hint. They work without JavaScript.
import { Fragment, type ReactNode } from "react";
import { ErrorMessage } from "./error-message";
import { describedBy, hintId, initialValues, type AnyField } from "./field";
import { Fieldset, type LegendSize } from "./fieldset";
import { Hint } from "./hint";

export type ChoiceItem =
  | {
      value: string;
      label: ReactNode;
      hint?: ReactNode;
      /** Shown under the item (always: without JavaScript nothing is revealed on click). */
      conditional?: ReactNode;
    }
  | { divider: string };

/** A field, or for a control that is not part of a conform form, its name and id. */
export type ChoiceSource =
  | { field: AnyField; name?: never; idPrefix?: never; checked?: never }
  | {
      field?: never;
      name: string;
      idPrefix?: string;
      /** The values chosen to start with. */ checked?: readonly string[];
    };

type GroupProps = ChoiceSource & {
  /** Without a legend there is no fieldset, as for a single "I confirm" checkbox. */
  legend?: ReactNode;
  legendSize?: LegendSize;
  hint?: ReactNode;
  items: readonly ChoiceItem[];
  inline?: boolean;
  small?: boolean;
  /** Extra classes on the group of controls, e.g. to lay them out in columns. */
  className?: string;
};

function ChoiceGroup({ kind, ...props }: GroupProps & { kind: "radios" | "checkboxes" }) {
  const { field, legend, legendSize = "s", hint, items, inline, small, className } = props;
  const id = field ? field.id : (props.idPrefix ?? props.name!);
  const name = field ? field.name : props.name!;
  const errors = field?.errors ?? [];
  const errorId = field ? field.errorId : `${id}-error`;
  const invalid = errors.length > 0;
  const chosen = field ? initialValues(field) : (props.checked ?? []);
  const groupDescribedBy = describedBy(hint ? hintId(id) : null, invalid && errorId);
  const type = kind === "radios" ? "radio" : "checkbox";

  let n = 0;
  const controls = (
    <div
      key={field?.key}
      className={`nhsuk-${kind}${inline ? ` nhsuk-${kind}--inline` : ""}${small ? ` nhsuk-${kind}--small` : ""}${className ? ` ${className}` : ""}`}
    >
      {items.map((item, i) => {
        if ("divider" in item) {
          return (
            <div className={`nhsuk-${kind}__divider`} key={`divider-${i}`}>
              {item.divider}
            </div>
          );
        }
        n += 1;
        const itemId = n === 1 ? id : `${id}-${n}`;
        const itemHint = item.hint ? `${itemId}-item-hint` : null;
        return (
          <Fragment key={item.value || `item-${i}`}>
            <div className={`nhsuk-${kind}__item`}>
              <input
                className={`nhsuk-${kind}__input`}
                id={itemId}
                name={name}
                form={field?.formId}
                type={type}
                value={item.value}
                required={kind === "radios" && field?.required ? true : undefined}
                defaultChecked={chosen.includes(item.value) || (kind === "radios" && item.value === "" && chosen.length === 0)}
                aria-describedby={describedBy(legend ? null : groupDescribedBy, itemHint)}
              />
              <label className={`nhsuk-label nhsuk-${kind}__label`} htmlFor={itemId}>
                {item.label}
              </label>
              {item.hint ? (
                <Hint id={itemHint!} className={`nhsuk-${kind}__hint`}>
                  {item.hint}
                </Hint>
              ) : null}
            </div>
            {item.conditional ? <div className={`nhsuk-${kind}__conditional`}>{item.conditional}</div> : null}
          </Fragment>
        );
      })}
    </div>
  );
  const inner = (
    <>
      {hint ? <Hint id={hintId(id)}>{hint}</Hint> : null}
      {invalid ? <ErrorMessage id={errorId}>{errors.join(". ")}</ErrorMessage> : null}
      {controls}
    </>
  );
  return (
    <div className={`nhsuk-form-group${invalid ? " nhsuk-form-group--error" : ""}`}>
      {legend ? (
        <Fieldset legend={legend} legendSize={legendSize} describedBy={groupDescribedBy}>
          {inner}
        </Fieldset>
      ) : (
        inner
      )}
    </div>
  );
}

/** NHS.UK radios: one answer from a short list. A radio with the value "" is chosen when nothing else is. */
export function Radios(props: GroupProps) {
  return <ChoiceGroup kind="radios" {...props} />;
}

/** NHS.UK checkboxes: any number of answers; a single checkbox needs no legend. */
export function Checkboxes(props: GroupProps) {
  return <ChoiceGroup kind="checkboxes" {...props} />;
}
