// Choosing a person in the people picker (accessible-autocomplete over a select) as someone does
// with the keyboard: type part of the name, arrow down to the suggestion, press Enter.
import type { Locator, Page } from "playwright-core";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The picker's text box for a label. Before hydration the label names the select (also a combobox);
 * waiting for an input waits until the autocomplete has taken over.
 */
export function personBox(scope: Page | Locator, label: string): Locator {
  return scope.getByRole("combobox", { name: label, exact: true }).and(scope.locator("input"));
}

/**
 * Types `typed` into the picker labelled `label` and picks the suggestion that starts with `person`
 * (a name, or "name, job title") with the arrow keys and Enter.
 */
export async function choosePerson(scope: Page | Locator, label: string, person: string, typed = person.slice(0, 5)) {
  const box = personBox(scope, label);
  await box.click();
  await box.fill("");
  await box.pressSequentially(typed);
  const listbox = scope.locator(`[id="${await box.getAttribute("id")}__listbox"]`);
  const wanted = listbox.getByRole("option", { name: new RegExp(`^${escape(person)}`) }).first();
  await wanted.waitFor();
  const options = await listbox.getByRole("option").allTextContents();
  const index = options.findIndex((o) => o.startsWith(person));
  if (index < 0) throw new Error(`${person} is not among the suggestions for "${typed}": ${options.join(" | ")}`);
  // The first suggestion is already highlighted (autoselect); each arrow moves one further down.
  for (let i = 0; i < index; i++) await box.page().keyboard.press("ArrowDown");
  await box.page().keyboard.press("Enter");
  await listbox.getByRole("option").first().waitFor({ state: "hidden" });
}

/** Empties the picker: nobody is chosen. */
export async function clearPerson(scope: Page | Locator, label: string) {
  const box = personBox(scope, label);
  await box.fill("");
  await box.press("Tab");
}
