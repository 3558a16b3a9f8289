// The monthly wins digest over the demo portfolio: who gets it, what it says, "off", disabled accounts, a month
// with no wins, once per month (even after the outbox is pruned), and one transaction for everyone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSessionSecret } from "~/auth/secrets.server";
import { resetEnvForTests } from "~/env.server";
import { setPreference } from "~/models/notification-commands.server";
import { queueWinsDigest, winsDigestKey } from "~/models/wins-digest.server";
import { listWinsOfMonth } from "~/models/wins-month.server";
import { runScheduledTasks } from "~/models/scheduled-jobs.server";
import { workbook } from "./workbook-fixture";

beforeAll(() => {
  process.env.SESSION_SECRET = "unit-test-session-secret-0123456789abcdef";
  process.env.PUBLIC_URL = "https://qi.example.nhs.uk";
  resetEnvForTests();
  loadSessionSecret(false);
});
afterAll(() => {
  delete process.env.PUBLIC_URL;
  delete process.env.STEPPING_UP_TODAY;
  resetEnvForTests();
});

// The demo (today 11 Mar 2026) confirmed one win 28 days ago: February 2026.
const MONTH = "2026-02";

type Mail = {
  user_id: number;
  to_address: string;
  kind: string;
  subject: string;
  text_body: string;
  html_body: string;
  dedupe_key: string;
  unsubscribe_url: string;
};

function setup() {
  const w = workbook();
  const mail = () => w.all<Mail>("select * from email_outbox where kind = 'wins_digest' order by user_id");
  const enabled = () => w.all<{ id: number; email: string }>("select id, email from users where disabled_at is null order by id");
  return { ...w, mail, enabled };
}

describe("the monthly wins digest", () => {
  it("emails the month's wins with their evidence to every enabled account, once per person", () => {
    const w = setup();
    const wins = listWinsOfMonth(w.db, 1, MONTH);
    expect(wins.map((x) => x.title)).toEqual(["Sepsis antibiotics within the hour: from 58% to 82%"]);
    expect(wins[0].team.length).toBeGreaterThan(0);
    const result = queueWinsDigest(w.db, { month: MONTH });
    expect(result).toEqual({ month: MONTH, wins: 1, emails: w.enabled().length, alreadySent: false });
    const mail = w.mail();
    expect(mail.map((m) => m.user_id)).toEqual(w.enabled().map((u) => u.id));
    for (const m of mail) expect(m.dedupe_key).toBe(winsDigestKey(m.user_id, MONTH));
    const [first] = mail;
    expect(first.subject).toMatch(/^This month in Stepping Up — February 2026: 1 win at /);
    expect(first.text_body).toContain("Sepsis antibiotics within the hour: from 58% to 82%");
    expect(first.text_body).toContain("Sixteen weeks of special cause improvement");
    expect(first.text_body).toContain("Evidence: Measure improving: Measure: Red-flag sepsis");
    expect(first.text_body).toContain(`https://qi.example.nhs.uk/projects/${wins[0].projectId}/wins`);
    expect(first.text_body).toContain("https://qi.example.nhs.uk/wins/newsletter?month=2026-02");
    expect(first.html_body).toContain("https://qi.example.nhs.uk/wins/newsletter?month=2026-02");
    expect(first.unsubscribe_url).toMatch(new RegExp(`^https://qi\\.example\\.nhs\\.uk/notifications/unsubscribe\\?u=${first.user_id}&k=wins_digest&s=`));
    expect(w.audits("notification.wins_digest_queued").map((a) => [a.entity_id, a.summary])).toEqual([
      [202602, `Queued the wins digest for February 2026 (1 win) to ${mail.length} people`],
    ]);

    // A second run for the month sends nothing, even once the sent emails have been pruned.
    expect(queueWinsDigest(w.db, { month: MONTH })).toMatchObject({ emails: 0, alreadySent: true });
    w.db.$client.prepare("delete from email_outbox").run();
    expect(queueWinsDigest(w.db, { month: MONTH })).toMatchObject({ emails: 0, alreadySent: true });
    expect(w.mail()).toEqual([]);
  });

  it("sends nothing to whoever turned it off or whose account is disabled, and refuses a daily wins digest", () => {
    const w = setup();
    const [off, disabled, other] = w.enabled().map((u) => u.id);
    expect(setPreference(w.db, w.actor, { userId: off, kind: "wins_digest", mode: "off" }).ok).toBe(true);
    const daily = setPreference(w.db, w.actor, { userId: other, kind: "wins_digest", mode: "daily" });
    expect(daily).toMatchObject({ ok: false, status: 400 });
    expect(w.count("notification_preferences", "user_id = ?", other)).toBe(0);
    w.db.$client.prepare("update users set disabled_at = ? where id = ?").run(Date.now(), disabled);
    const result = queueWinsDigest(w.db, { month: MONTH });
    const to = w.mail().map((m) => m.user_id);
    expect(to).not.toContain(off);
    expect(to).not.toContain(disabled);
    expect(to).toContain(other);
    expect(result.emails).toBe(w.enabled().length - 1);
  });

  it("sends nothing for a month with no confirmed wins", () => {
    const w = setup();
    // Before the demo's first win.
    expect(queueWinsDigest(w.db, { month: "2024-01" })).toEqual({ month: "2024-01", wins: 0, emails: 0, alreadySent: false });
    expect(w.mail()).toEqual([]);
    expect(w.audits("notification.wins_digest_queued")).toEqual([]);
  });

  it("counts a win in the month it was confirmed in UK time", () => {
    const w = setup();
    const project = w.one<{ id: number }>("select id from projects order by id").id;
    const insert = w.db.$client.prepare("insert into wins (project_id, title, evidence_kind, at) values (?, ?, 'other', ?)");
    insert.run(project, "Late on 31 March, British Summer Time", Date.parse("2026-03-31T22:30:00Z"));
    insert.run(project, "Just after midnight on 1 April, British Summer Time", Date.parse("2026-03-31T23:30:00Z"));
    expect(listWinsOfMonth(w.db, 1, "2026-03").map((x) => x.title)).toContain("Late on 31 March, British Summer Time");
    expect(listWinsOfMonth(w.db, 1, "2026-04").map((x) => x.title)).toEqual(["Just after midnight on 1 April, British Summer Time"]);
  });

  it("queues everyone's email in one transaction: a failure for one person queues nothing for anyone", () => {
    const w = setup();
    const last = w.enabled().at(-1)!;
    w.db.$client.exec(
      `create trigger refuse_one before insert on email_outbox when new.user_id = ${last.id} begin select raise(abort, 'relay table full'); end`,
    );
    expect(() => queueWinsDigest(w.db, { month: MONTH })).toThrow("relay table full");
    expect(w.mail()).toEqual([]);
    expect(w.audits("notification.wins_digest_queued")).toEqual([]);
    w.db.$client.exec("drop trigger refuse_one");
    expect(queueWinsDigest(w.db, { month: MONTH }).emails).toBe(w.enabled().length);
  });

  it("is sent by the hourly run on the first days of the next month only", () => {
    const w = setup();
    const run = (today: string) => {
      process.env.STEPPING_UP_TODAY = today;
      process.env.NOTIFY_HOUR = "0";
      resetEnvForTests();
      return runScheduledTasks(w.db, { only: ["wins-digest"] });
    };
    expect(run("2026-03-11")).toEqual({ ran: true, results: {}, failed: [] });
    expect(w.mail()).toEqual([]);
    const sent = run("2026-03-02");
    expect(sent).toMatchObject({ ran: true, results: { "wins-digest": { month: MONTH, wins: 1, alreadySent: false } } });
    expect(w.mail().length).toBe(w.enabled().length);
    expect(run("2026-03-03")).toMatchObject({ results: { "wins-digest": { emails: 0, alreadySent: true } } });
    delete process.env.NOTIFY_HOUR;
  });
});
