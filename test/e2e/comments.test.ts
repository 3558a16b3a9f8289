// A mention in Chromium with JavaScript on: the lead chooses a colleague in the "Mention someone" picker
// with the keyboard, which puts `@Full Name` into the PDSA comment; signed in as the colleague, the header
// shows the unread count and the notification leads to the comment.
import { expect, it } from "vitest";
import { appAndBrowser } from "./support";
import { open, watchPage } from "./js-on";
import { dbRow, signedInPage } from "./form-helpers";
import { choosePerson } from "./people";

const e2e = appAndBrowser();

it("mention a colleague in a PDSA comment; they see the unread count and follow the notification to the comment", async () => {
  const { app, browser } = e2e;
  const cycle = dbRow<{ id: number; projectId: number }>(
    app,
    `select c.id, c.project_id as projectId from pdsa_cycles c join project_team t on t.project_id = c.project_id and t.ended_at is null
       join users u on u.id = t.user_id and u.email = 'lead@example.org' where c.deleted_at is null order by c.id`,
  )!;
  const staff = dbRow<{ name: string; jobTitle: string }>(app, "select name, job_title as jobTitle from users where email = 'staff@example.org'")!;
  const { page: lead } = await signedInPage(browser, app, "lead@example.org");
  const watch = watchPage(lead);
  await open(lead, `${app.url}/projects/${cycle.projectId}/pdsa/${cycle.id}`);
  const box = lead.getByRole("textbox", { name: "Add a comment" });
  await box.fill("Could you bring the tally sheets, ");
  await choosePerson(lead, "Mention someone", staff.name, staff.name.slice(0, 4));
  await expect.poll(() => box.inputValue()).toBe(`Could you bring the tally sheets, @${staff.name} `);
  await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
  await lead.keyboard.type("please?");
  await lead.getByRole("button", { name: "Add comment" }).click();
  await lead.locator(".app-comment", { hasText: "please?" }).waitFor();
  expect(watch.documentPosts).toEqual([]);
  expect(watch.errors).toEqual([]);

  const { page: colleague } = await signedInPage(browser, app, "staff@example.org");
  await open(colleague, `${app.url}/`);
  const bell = colleague.locator('.nhsuk-header__account a[href="/notifications"]');
  const unread = dbRow<{ n: number }>(
    app,
    "select count(*) as n from notifications n join users u on u.id = n.user_id where u.email = 'staff@example.org' and n.read_at is null",
  )!.n;
  expect(unread).toBeGreaterThan(0);
  expect((await bell.innerText()).replace(/\s+/g, " ")).toContain(String(unread));
  await bell.click();
  await colleague.getByText("mentioned you in a comment").first().waitFor();
  await colleague
    .getByRole("button", { name: /mentioned you in a comment/ })
    .or(colleague.getByRole("link", { name: /mentioned you in a comment/ }))
    .first()
    .click();
  const comment = colleague.locator(".app-comment", { hasText: `@${staff.name} please?` });
  await comment.waitFor();
  const url = new URL(colleague.url());
  expect(url.pathname).toBe(`/projects/${cycle.projectId}/pdsa/${cycle.id}`);
  expect(url.hash).toBe(`#${await comment.getAttribute("id")}`);
});
