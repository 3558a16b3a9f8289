// The daily run over the demo portfolio: one digest per person per day, preferences, disabled accounts,
// reminders in the notification centre without duplicates, and reminders that stop once their cause is fixed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSessionSecret } from "~/auth/secrets.server";
import { resetEnvForTests } from "~/env.server";
import { allReminders } from "~/models/reminder.server";
import { notifyDue } from "~/models/notify-due.server";
import { setPreference } from "~/models/notification-commands.server";
import { TODAY, workbook } from "./workbook-fixture";

beforeAll(() => {
  process.env.SESSION_SECRET = "unit-test-session-secret-0123456789abcdef";
  process.env.PUBLIC_URL = "https://qi.example.nhs.uk";
  resetEnvForTests();
  loadSessionSecret(false);
});
afterAll(() => {
  delete process.env.PUBLIC_URL;
  resetEnvForTests();
});

const MONDAY = "2026-03-16";

function setup() {
  const w = workbook();
  const reminders = allReminders(w.db, TODAY);
  const counts = new Map<number, number>();
  for (const r of reminders) for (const id of r.userIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const busy = [...counts].filter(([, n]) => n >= 2).map(([id]) => id);
  const mail = (userId?: number) =>
    w.all<{ user_id: number; kind: string; subject: string; text_body: string; dedupe_key: string | null; unsubscribe_url: string }>(
      `select * from email_outbox ${userId ? "where user_id = ?" : ""} order by id`,
      ...(userId ? [userId] : []),
    );
  const reminderNotices = (userId: number) =>
    w.all<{ id: number; title: string; read_at: number | null }>(
      "select id, title, read_at from notifications where user_id = ? and kind = 'reminders' order by id",
      userId,
    );
  const prefer = (userId: number, kind: "reminders" | "agenda", mode: "immediate" | "daily" | "weekly" | "off") =>
    expect(setPreference(w.db, w.actor, { userId, kind, mode }).ok).toBe(true);
  return { ...w, reminders, counts, busy, mail, reminderNotices, prefer };
}

describe("notify:due", () => {
  it("sends each person one digest a day with all their reminders, and a second run sends nothing", () => {
    const w = setup();
    expect(w.busy.length).toBeGreaterThan(0);
    const first = notifyDue(w.db, TODAY);
    expect(first.reminders).toBe(w.reminders.length);
    const person = w.busy[0];
    const theirs = w.mail(person);
    expect(theirs.length).toBe(1);
    expect(theirs[0]).toMatchObject({ kind: "reminders", dedupe_key: `digest:${person}:${TODAY}` });
    expect(theirs[0].subject).toBe(`Stepping Up for 11 Mar 2026: ${w.counts.get(person)} reminders`);
    for (const r of w.reminders.filter((x) => x.userIds.includes(person))) expect(theirs[0].text_body).toContain(r.title);
    expect(theirs[0].unsubscribe_url).toMatch(/^https:\/\/qi\.example\.nhs\.uk\/notifications\/unsubscribe\?u=\d+&k=reminders&s=/);
    expect(w.reminderNotices(person).length).toBe(w.counts.get(person));
    // Everyone with a reminder got exactly one email.
    expect(new Set(w.mail().map((m) => m.user_id)).size).toBe(w.mail().length);

    const before = { mail: w.mail().length, notices: w.count("notifications") };
    const second = notifyDue(w.db, TODAY);
    expect(second).toMatchObject({ emails: 0, notified: 0, resolved: 0 });
    expect(w.mail().length).toBe(before.mail);
    expect(w.count("notifications")).toBe(before.notices);
  });

  it("respects weekly, off and straight-away choices, and sends nothing to a disabled account", () => {
    const w = setup();
    expect(w.counts.size).toBeGreaterThanOrEqual(4);
    const [weekly, off, instant, disabled] = [...w.counts.keys()];
    w.prefer(weekly, "reminders", "weekly");
    w.prefer(off, "reminders", "off");
    w.prefer(instant, "reminders", "immediate");
    w.db.$client.prepare("update users set disabled_at = ? where id = ?").run(Date.now(), disabled);
    notifyDue(w.db, TODAY);
    expect(w.mail(weekly)).toEqual([]);
    expect(w.mail(off)).toEqual([]);
    expect(w.reminderNotices(off).length).toBe(w.counts.get(off)); // still in the app
    expect(w.mail(instant).length).toBe(w.counts.get(instant));
    expect(w.mail(instant).every((m) => m.dedupe_key?.startsWith(`reminder:${instant}:`))).toBe(true);
    expect(w.mail(disabled)).toEqual([]);
    expect(w.reminderNotices(disabled)).toEqual([]);

    notifyDue(w.db, MONDAY);
    expect(w.mail(weekly).map((m) => m.dedupe_key)).toEqual([`digest:${weekly}:${MONDAY}`]);
    expect(w.mail(off)).toEqual([]);
    expect(w.mail(disabled)).toEqual([]);
  });

  it("gathers what a person chose to hear of daily into the same digest, once", () => {
    const w = setup();
    const person = w.busy[0];
    w.prefer(person, "agenda", "daily");
    w.db.$client
      .prepare(
        "insert into notifications (user_id, kind, title, body, link, created_at) values (?, 'agenda', 'Sepsis is on the agenda', 'Check the report', '/meetings/1', ?)",
      )
      .run(person, Date.now());
    notifyDue(w.db, TODAY);
    const [digest] = w.mail(person);
    expect(digest.subject).toBe(`Stepping Up for 11 Mar 2026: ${w.counts.get(person)} reminders and 1 update`);
    expect(digest.text_body).toContain("Sepsis is on the agenda");
    expect(w.one<{ n: number }>("select count(*) as n from notifications where user_id = ? and digested_at is null", person).n).toBe(0);
  });

  it("stops a reminder once its cause is fixed, and marks its notification read", () => {
    const w = setup();
    const action = w.reminders.find((r) => r.rule === "action") ?? w.reminders.find((r) => r.rule === "milestone");
    expect(action).toBeDefined();
    notifyDue(w.db, TODAY);
    const owner = action!.userIds[0];
    const id = Number(action!.key.split(":")[1]);
    if (action!.rule === "action") w.db.$client.prepare("update meeting_actions set completed_on = ? where id = ?").run(TODAY, id);
    else w.db.$client.prepare("update milestones set completed_on = ? where id = ?").run(TODAY, id);
    expect(allReminders(w.db, TODAY).some((r) => r.key === action!.key)).toBe(false);
    const result = notifyDue(w.db, TODAY);
    expect(result.resolved).toBeGreaterThanOrEqual(1);
    const notice = w.reminderNotices(owner).find((n) => n.title === action!.title);
    expect(notice?.read_at).not.toBeNull();
    // The next day's digest no longer carries it.
    notifyDue(w.db, "2026-03-12");
    const next = w.mail(owner).find((m) => m.dedupe_key === `digest:${owner}:2026-03-12`);
    expect(next?.text_body ?? "").not.toContain(action!.title);
  });
});
