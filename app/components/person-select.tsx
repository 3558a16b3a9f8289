// Choosing a person from the trust's staff. The server renders a plain <select> of people (name and
// job title, by name), which is the whole control without JavaScript. Once the page has hydrated,
// GOV.UK's accessible-autocomplete (loaded on demand, so pages without a people picker never fetch it)
// takes the select's id and label and the select is hidden: it stays in the form under the same name
// and still carries the value that is posted. docs/decisions/024-people-picker.md says why it is
// rendered by React rather than by the library's enhanceSelectElement.
import { getSelectProps } from "@conform-to/react";
import { useCallback, useEffect, useMemo, useRef, useState, type ComponentType, type ReactNode } from "react";
import type { AutocompleteProps } from "accessible-autocomplete/react";
import type { AnyField } from "~/components/nhs";
import { ariaFor, FieldShell } from "~/components/nhs/text-fields";
import { escapeHtml, optionForText, personLabel, searchPeople, type PersonOption } from "~/web/person-search";

export type Person = { id: number; name: string; jobTitle?: string | null };

type Autocomplete = ComponentType<AutocompleteProps<PersonOption>>;

/** Once fetched, later pickers (after client-side navigation) use the autocomplete at once. */
let loaded: Autocomplete | null = null;

/** Null on the first render, so the browser's first render matches the server's markup; then the autocomplete. */
export function useAutocomplete(): Autocomplete | null {
  const [component, setComponent] = useState<Autocomplete | null>(null);
  useEffect(() => {
    if (loaded) {
      setComponent(() => loaded);
      return;
    }
    let live = true;
    import("accessible-autocomplete/react")
      .then((module) => {
        // A CommonJS build: the bundler's default export is the module's exports, whose `default` is the component.
        const exported = module.default as Autocomplete | { default: Autocomplete };
        const component = "default" in exported ? exported.default : exported;
        loaded = component;
        if (live) setComponent(() => component);
      })
      // Without the script the select is still there and still works.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return component;
}

const inputValue = (value: PersonOption | string | undefined) => (typeof value === "string" ? value : (value?.label ?? ""));
const TEMPLATES = {
  inputValue,
  // The library writes each suggestion as HTML: a name is text.
  suggestion: (value: PersonOption | string) => escapeHtml(inputValue(value)),
};

export type PersonPickerProps = {
  /** The id the label points at: the select's without JavaScript, the text box's with it. */
  id: string;
  name: string;
  form?: string;
  people: readonly Person[];
  defaultValue?: string;
  /** The empty first option of the select ("Choose a person"). */
  placeholder: string;
  invalid?: boolean;
  describedBy?: string;
  /** Sits in a line with its button (the team page's lead rows). */
  inline?: boolean;
};

/** The select and, after hydration, its autocomplete. Wire it to a label yourself, or use PersonSelectField. */
export function PersonPicker({ id, name, form, people, defaultValue = "", placeholder, invalid = false, describedBy, inline = false }: PersonPickerProps) {
  const Autocomplete = useAutocomplete();
  const enhanced = Autocomplete !== null;
  const wrapper = useRef<HTMLDivElement>(null);
  const select = useRef<HTMLSelectElement>(null);
  const options = useMemo<PersonOption[]>(() => people.map((p) => ({ value: String(p.id), label: personLabel(p), name: p.name })), [people]);
  // The autocomplete starts from the select's value, and starts again (a new key) when the form is reset.
  const [start, setStart] = useState({ value: defaultValue, round: 0 });
  const restart = useCallback(() => setStart((s) => ({ value: select.current?.value ?? "", round: s.round + 1 })), []);

  const box = () => wrapper.current?.querySelector<HTMLInputElement>("input[role='combobox']") ?? null;
  const choose = useCallback((value: string) => {
    const el = select.current;
    if (!el || el.value === value) return;
    el.value = value;
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }, []);
  /** What is in the box decides what is posted: a name from the list, or nobody. */
  const chooseFromBox = useCallback(() => {
    const input = wrapper.current?.querySelector<HTMLInputElement>("input[role='combobox']");
    if (!input || !select.current) return;
    const current = options.find((o) => o.value === select.current?.value);
    if (current && current.label === input.value) return;
    choose(optionForText(options, input.value)?.value ?? "");
  }, [choose, options]);

  // Before the form's own handlers read it (React's listen at the root), and again after a reset.
  useEffect(() => {
    const owner = select.current?.form;
    if (!enhanced || !owner) return;
    const onReset = () => setTimeout(restart);
    owner.addEventListener("submit", chooseFromBox);
    owner.addEventListener("reset", onReset);
    return () => {
      owner.removeEventListener("submit", chooseFromBox);
      owner.removeEventListener("reset", onReset);
    };
  }, [enhanced, chooseFromBox, restart]);

  // A new stored value (the lead was changed and the page reloaded its data) shows in both controls.
  const shown = useRef(defaultValue);
  useEffect(() => {
    if (shown.current === defaultValue) return;
    shown.current = defaultValue;
    if (select.current) select.current.value = defaultValue;
    restart();
  }, [defaultValue, restart]);

  // The text box takes the field's hint and error (aria-describedby) beside the autocomplete's own hint,
  // which the library adds and removes as the person types.
  useEffect(() => {
    const input = box();
    if (!input) return;
    const ours = (describedBy ?? "").split(" ").filter(Boolean);
    const apply = () => {
      const theirs = (input.getAttribute("aria-describedby") ?? "").split(" ").filter((x) => x.endsWith("__assistiveHint"));
      const want = [...ours, ...theirs].join(" ");
      if ((input.getAttribute("aria-describedby") ?? "") !== want) {
        if (want) input.setAttribute("aria-describedby", want);
        else input.removeAttribute("aria-describedby");
      }
      if (invalid) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(input, { attributes: true, attributeFilter: ["aria-describedby"] });
    return () => observer.disconnect();
  }, [enhanced, start, describedBy, invalid]);

  const startLabel = options.find((o) => o.value === (enhanced && start.round === 0 ? (select.current?.value ?? start.value) : start.value))?.label ?? "";

  return (
    <div ref={wrapper} className={`app-person-select${inline ? " app-person-select--inline" : ""}${invalid ? " app-person-select--error" : ""}`}>
      {Autocomplete ? (
        <Autocomplete
          key={start.round}
          id={id}
          name=""
          source={(query, populate) => populate(searchPeople(options, query))}
          templates={TEMPLATES}
          defaultValue={startLabel}
          onConfirm={(chosen) => (chosen ? choose(chosen.value) : chooseFromBox())}
          autoselect
          confirmOnBlur
          displayMenu="overlay"
          tNoResults={() => "No one found with that name"}
          tAssistiveHint={() => "Type part of a name, then use the up and down arrows to choose and press Enter."}
        />
      ) : null}
      <select
        ref={select}
        id={enhanced ? `${id}-select` : id}
        name={name}
        form={form}
        defaultValue={defaultValue}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        aria-hidden={enhanced || undefined}
        tabIndex={enhanced ? -1 : undefined}
        className={`nhsuk-select${invalid ? " nhsuk-select--error" : ""}${enhanced ? " app-person-select__select--enhanced" : ""}`}
      >
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A person field of a conform form: label, hint, error, and the picker (the kit's SelectField, enhanced). */
export function PersonSelectField({
  field,
  label,
  hint,
  people,
  placeholder = "Choose a person",
}: {
  field: AnyField;
  label: ReactNode;
  hint?: ReactNode;
  people: readonly Person[];
  placeholder?: string;
}) {
  const { key, defaultValue, form } = getSelectProps(field, { ariaAttributes: false });
  const aria = ariaFor(field, hint);
  return (
    <FieldShell field={field} label={label} hint={hint}>
      <PersonPicker
        key={key}
        id={field.id}
        name={field.name}
        form={form}
        people={people}
        defaultValue={typeof defaultValue === "string" ? defaultValue : ""}
        placeholder={placeholder}
        invalid={Boolean(aria["aria-invalid"])}
        describedBy={aria["aria-describedby"]}
      />
    </FieldShell>
  );
}
