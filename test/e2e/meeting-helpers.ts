// Getting a planned meeting ready to close in the browser: it must have happened (its date is today)
// and every agenda item needs a decision, or a deferral with its reason.
import { expect } from "vitest";
import type { Page } from "playwright-core";
import { CONFIRM_LABEL, fillDate } from "./form-helpers";

const undecided = (page: Page) => page.locator(".app-meeting-item", { hasText: "No decision yet" });

/**
 * Moves the meeting to `today` with the details form and defers every undecided item, with a reason.
 * Attendees that look like patient data are confirmed again, as each save of them asks.
 */
export async function makeReadyToClose(page: Page, today: string) {
  const details = page.locator("section[aria-labelledby=details-title]");
  if ((await details.locator("details[open]").count()) === 0) await details.getByText("Change the title, date or attendees").click();
  await fillDate(details, "Date of the meeting", today);
  const save = details.getByRole("button", { name: "Save the details" });
  await save.click();
  const warning = details.locator(".nhsuk-warning-callout", { hasText: "Check for patient data" });
  await Promise.race([page.waitForURL(/saved=details/), warning.waitFor()]);
  if (!/saved=details/.test(page.url())) {
    await details.getByLabel(CONFIRM_LABEL).check();
    await save.click();
    await page.waitForURL(/saved=details/);
  }
  for (let left = await undecided(page).count(); left > 0; left--) {
    const item = undecided(page).first();
    await item.getByText("Record the board's view and decision").click();
    await item.getByLabel("Decision", { exact: true }).selectOption({ label: "Defer to a later meeting" });
    await item.getByLabel("Notes of the discussion").fill("Time ran out; first item at the next meeting.");
    await item.getByRole("button", { name: /Save the view and decision/ }).click();
    await expect.poll(() => undecided(page).count()).toBe(left - 1);
  }
}
